import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import { type PgColumn, PgDialect, pgPolicy } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { type Database, ORM_CASING, type Orm, type Tx, withPoolConnection } from './client.ts';
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
      return await runOnPool(replica.pool, scope, work);
    } catch (error) {
      // A public GET that writes after all (a hot standby refuses): do it on the primary.
      if (!isReadOnlyRefusal(error)) throw error;
    }
  }
  return db.pool ? runOnPool(db.pool, scope, work) : run(db.orm, scope, work);
}

function isReadOnlyRefusal(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if ((e as { code?: unknown }).code === '25006') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The app role and the tenant for the rest of the transaction (`set_config('role', …, true)` is SET
 * LOCAL ROLE), as one statement of text: on a server it goes in the same message as `begin`, which
 * takes no parameters, so the tenant is quoted by the driver's `escapeLiteral`.
 */
const roleAndTenant = (scope: TxScope) =>
  `select set_config('role', ${pg.escapeLiteral(APP_ROLE)}, true), set_config('app.tenant', ${pg.escapeLiteral(scope.tenant ?? '')}, true)`;

/**
 * The first message of a request transaction on a server: `begin`, the app role and the tenant
 * (`runOnPool`). Exported so that the benchmarks' direct side sends exactly what the server sends.
 */
export const beginMessage = (scope: TxScope) => `begin; ${roleAndTenant(scope)}`;

/** The embedded database (PGlite, in this process): drizzle's transaction, then the role and tenant. */
function run<T>(orm: Orm, scope: TxScope, work: (tx: Tx) => Promise<T>): Promise<T> {
  return orm.transaction(async (tx) => {
    await tx.execute(sql.raw(roleAndTenant(scope)));
    return work(tx as Tx);
  });
}

const dialect = new PgDialect({ casing: ORM_CASING });

/**
 * A server (or its replica, or a pooler): `begin`, the app role and the tenant go in one round trip
 * (for `system` work, `begin` alone), then the work on a drizzle transaction bound to the same
 * connection, then `commit`. drizzle's own transaction sends `begin` alone, and a round trip costs a
 * request more than these statements do: under load, a third of the server thread's time on a public
 * search was in its socket writes to PostgreSQL (CPU profile, docs/benchmarks.md). Several statements
 * in one message are PostgreSQL's simple query protocol (`roleAndTenant`). A transaction-mode pooler
 * keeps the message on one server connection, since it opens the transaction. A connection lost
 * meanwhile: `withPoolConnection`.
 */
async function runOnPool<T>(
  pool: pg.Pool,
  scope: TxScope | 'system',
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return withPoolConnection(pool, async (client, lost) => {
    try {
      await client.query(scope === 'system' ? 'begin' : beginMessage(scope));
      const tx = new NodePgTransaction(dialect, new NodePgSession(client, dialect, undefined), undefined);
      const result = await work(tx as unknown as Tx);
      await client.query('commit');
      return result;
    } catch (error) {
      // Also ends a transaction whose first message failed after `begin`. A connection that cannot
      // even roll back is lost or unusable: it is destroyed instead of going back to the pool.
      await client.query('rollback').catch(lost);
      throw error;
    }
  });
}

/** Owner-level work with no role switch: migrations, reference data, seeds, maintenance commands. */
export async function asSystem<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.pool ? runOnPool(db.pool, 'system', work) : db.orm.transaction(async (tx) => work(tx as Tx));
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
