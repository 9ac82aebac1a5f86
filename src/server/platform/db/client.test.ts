import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { TEST_DATABASE, TEST_PG_ADMIN_URL } from '../../../../test/helpers/database.ts';
import { openPglite, openPostgres, rows } from './client.ts';

/** Japanese trigram search returns nothing on a database whose LC_CTYPE is not UTF-8: refuse to start. */
describe.runIf(TEST_DATABASE === 'postgres')('PostgreSQL start-up checks', () => {
  it('refuses a database whose LC_CTYPE is not UTF-8, saying how to create a right one', async () => {
    const name = `tsunagari_c_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(
        `create database ${name} template template0 encoding 'SQL_ASCII' lc_ctype 'C' lc_collate 'C'`,
      );
      const url = TEST_PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
      await expect(openPostgres(url, { max: 1 })).rejects.toThrow(/LC_CTYPE "C".*UTF-8/s);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});

/** The embedded database is sized for a small town's machine (issue 23, docs/benchmarks.md). */
describe('PGlite memory settings', () => {
  it('starts with bounded shared buffers and work memory', async () => {
    const db = await openPglite({});
    try {
      const [row] = await rows<{ shared: string; work: string; maintenance: string }>(
        db.orm,
        sql`select current_setting('shared_buffers') as shared, current_setting('work_mem') as work,
                   current_setting('maintenance_work_mem') as maintenance`,
      );
      expect(row).toEqual({ shared: '32MB', work: '4MB', maintenance: '32MB' });
    } finally {
      await db.close();
    }
  });
});
