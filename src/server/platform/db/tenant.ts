import { sql } from 'drizzle-orm';
import { type PgColumn, pgPolicy } from 'drizzle-orm/pg-core';
import type { Database, Orm, Tx } from './client.ts';
import { mayReadFromReplica } from './read-routing.ts';
import { APP_ROLE, appRole } from './roles.ts';

/**
 * Every request transaction runs as the app role with the tenant set. Row-level security on each
 * tenant table compares `municipality_code` with this setting; without it a query sees nothing.
 */
export type TxScope = {
  /** The tenant (6-digit municipality code) or null for work that touches no tenant rows. */
  tenant: string | null;
};

export async function inTransaction<T>(
  db: Database,
  scope: TxScope,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const replica = db.replica;
  if (replica && mayReadFromReplica() && replica.usable()) {
    replica.reads++;
    try {
      return await run(replica.orm, scope, work);
    } catch (error) {
      // A public GET that writes after all (a hot standby refuses): do it on the primary.
      if (!isReadOnlyRefusal(error)) throw error;
    }
  }
  return run(db.orm, scope, work);
}

function isReadOnlyRefusal(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if ((e as { code?: unknown }).code === '25006') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function run<T>(orm: Orm, scope: TxScope, work: (tx: Tx) => Promise<T>): Promise<T> {
  return orm.transaction(async (tx) => {
    // The app role and the tenant in one round trip (`set_config('role', …, true)` is SET LOCAL ROLE):
    // every request pays for each statement sent before its own work.
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant', ${scope.tenant ?? ''}, true)`,
    );
    return work(tx as Tx);
  });
}

/** Owner-level work with no role switch: migrations, reference data, seeds, maintenance commands. */
export async function asSystem<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.orm.transaction(async (tx) => work(tx as Tx));
}

/** The row-level-security policy every tenant table carries (use in the table's extra config). */
export function tenantIsolation(table: string, column: PgColumn) {
  const match = sql`${column} = current_setting('app.tenant', true)`;
  return pgPolicy(`${table}_tenant_isolation`, {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: match,
    withCheck: match,
  });
}

/**
 * For tables whose rows may belong to no tenant (national accounts, national messages): a row is
 * visible and writable when its code equals the transaction's tenant, or when both are empty.
 */
export function optionalTenantIsolation(
  table: string,
  column: 'tenant_code' | 'municipality_code' = 'tenant_code',
) {
  const match = sql.raw(`coalesce(${column}, '') = coalesce(current_setting('app.tenant', true), '')`);
  return pgPolicy(`${table}_tenant_isolation`, {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: match,
    withCheck: match,
  });
}
