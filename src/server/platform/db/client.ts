import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { acquireDirLock } from './lock.ts';

export type Orm = PgDatabase<PgQueryResultHKT>;
// biome-ignore lint/suspicious/noExplicitAny: drizzle's transaction type is generic over schema types we do not use.
export type Tx = PgTransaction<PgQueryResultHKT, any, any>;
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Orm | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  kind: DatabaseKind;
  orm: Orm;
  /** The underlying PGlite instance (for dumps); undefined on PostgreSQL. */
  pglite: PGlite | undefined;
  /** The node-postgres pool; undefined on PGlite. */
  pool: pg.Pool | undefined;
  close(): Promise<void>;
};

export async function rows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export const pgliteExtensions = { pg_trgm, pgcrypto };

export async function openPglite(options: { dataDir?: string; lock?: boolean }): Promise<Database> {
  let lock: { release(): void } | undefined;
  let dir: string | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    dir = path.join(options.dataDir, 'pglite');
    if (options.lock !== false) lock = acquireDirLock(path.join(options.dataDir, 'pglite.lock'));
  }
  try {
    const client = await PGlite.create({ dataDir: dir, extensions: pgliteExtensions });
    const orm = drizzlePglite(client, { casing: 'snake_case' }) as unknown as Orm;
    return {
      kind: 'pglite',
      orm,
      pglite: client,
      pool: undefined,
      async close() {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: 'tsunagari',
  });
  // A pool error (e.g. server restart) must not crash the process; queries report it.
  pool.on('error', () => {});
  const orm = drizzleNodePg(pool, { casing: 'snake_case' }) as unknown as Orm;
  const [ctype] = await rows<{ lc_ctype: string }>(orm, sql`show lc_ctype`);
  const value = ctype?.lc_ctype ?? '';
  if (!/utf-?8/i.test(value)) {
    await pool.end();
    throw new Error(
      `The PostgreSQL database has LC_CTYPE "${value}". Japanese search needs a UTF-8 LC_CTYPE ` +
        `(for example: CREATE DATABASE tsunagari LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8' TEMPLATE template0).\n` +
        `データベースの LC_CTYPE が UTF-8 ではないため起動できません。`,
    );
  }
  return {
    kind: 'postgres',
    orm,
    pglite: undefined,
    pool,
    close: () => pool.end(),
  };
}
