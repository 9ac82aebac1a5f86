import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { type Database, withPoolConnection } from './client.ts';
import { APP_ROLE, ensureAppRole, grantAppRole } from './roles.ts';

export const MIGRATIONS_FOLDER = path.resolve(
  fileURLToPath(new URL('../../../../db/migrations', import.meta.url)),
);

/** Any fixed 64-bit number works; all Tsunagari processes use the same one. */
const MIGRATION_LOCK_KEY = 7_306_204_511;

/**
 * Applies the generated SQL migrations. Several app processes may start at once against one
 * PostgreSQL: an advisory lock makes the others wait until the first has finished.
 */
export async function migrateDatabase(db: Database): Promise<void> {
  if (db.kind === 'pglite') {
    await ensureAppRole(db.orm);
    await migratePglite(db.orm as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    await grantAppRole(db.orm);
    return;
  }
  await withPoolConnection(db.pool!, async (client) => {
    // Transaction-level, held by a transaction kept open on this connection: also right through a
    // pooler in transaction mode, where a session lock and its unlock could reach different servers.
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await ensureAppRole(db.orm);
      await migrateNodePg(db.orm as unknown as NodePgDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
      await grantAppRole(db.orm);
    } finally {
      await client.query('commit');
    }
  });
}

export { APP_ROLE, sql };
