import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { TEST_DATABASE, TEST_PG_ADMIN_URL } from '../../../../test/helpers/database.ts';
import { openPglite, openPostgres, rows, withPoolConnection } from './client.ts';

/** A database of its own for one test (`options`: what `create database` is given), dropped after. */
async function withScratchDatabase(
  options: string,
  test: (url: string, admin: pg.Client) => Promise<void>,
): Promise<void> {
  const name = `tsunagari_s_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template template0 ${options}`);
    await test(TEST_PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), admin);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Japanese trigram search returns nothing on a database whose LC_CTYPE is not UTF-8: refuse to start. */
describe.runIf(TEST_DATABASE === 'postgres')('PostgreSQL start-up checks', () => {
  it('refuses a database whose LC_CTYPE is not UTF-8, saying how to create a right one', async () => {
    await withScratchDatabase("encoding 'SQL_ASCII' lc_ctype 'C' lc_collate 'C'", async (url) => {
      await expect(openPostgres(url, { max: 1 })).rejects.toThrow(/LC_CTYPE "C".*UTF-8/s);
    });
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

/** A held connection lost between statements (decision 0031): the work fails, the process goes on. */
describe.runIf(TEST_DATABASE === 'postgres')('a connection held for a piece of work', () => {
  it('lost while idle: its next statement fails, and the pool hands out working connections after it', async () => {
    await withScratchDatabase("encoding 'UTF8' lc_ctype 'C.UTF-8'", async (url, admin) => {
      const db = await openPostgres(url, { max: 2 });
      try {
        await expect(
          withPoolConnection(db.pool!, async (client) => {
            const { rows: me } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
            await admin.query('select pg_terminate_backend($1)', [me[0]!.pid]);
            // The termination reaches this client as an event while none of its statements runs.
            await new Promise((resolve) => setTimeout(resolve, 200));
            await client.query('select 1');
          }),
        ).rejects.toThrow();
        const answers = await Promise.all(
          [1, 2].map(() =>
            withPoolConnection(db.pool!, async (client) => (await client.query('select 1 as one')).rows[0]),
          ),
        );
        expect(answers).toEqual([{ one: 1 }, { one: 1 }]);
      } finally {
        await db.close();
      }
    });
  });
});
