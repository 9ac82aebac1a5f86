import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../../src/server/platform/db/client.ts';

/**
 * Each API test file gets a database of its own: an in-memory PGlite, or (TEST_DATABASE=postgres)
 * a fresh database on the PostgreSQL server, dropped afterwards. Tests never touch ./data.
 */
export const TEST_DATABASE = (process.env.TEST_DATABASE ?? 'pglite') as 'pglite' | 'postgres';
export const TEST_PG_ADMIN_URL =
  process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = { db: Database; url: string | undefined; drop(): Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DATABASE === 'pglite') {
    const db = await openPglite({});
    return { db, url: undefined, drop: () => db.close() };
  }
  const name = `tsunagari_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(
      `create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`,
    );
  } finally {
    await admin.end();
  }
  const url = TEST_PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const db = await openPostgres(url, { max: 5 });
  return {
    db,
    url,
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
