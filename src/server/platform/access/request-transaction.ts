import type { FastifyRequest } from 'fastify';
import { type AuditEntry, appendAuditBatch } from '../audit/append.ts';
import type { Database, Tx } from '../db/client.ts';
import { inTransaction } from '../db/tenant.ts';
import type { Actor } from './actor.ts';
import { auditBy } from './audit-context.ts';
import { actorOf, tenantOf } from './guard.ts';

/**
 * The one way a route opens its transaction (decision 0027): `staffWork` for a signed-in caller,
 * `publicWork` for a public route. Both hand the work an `audit` that collects entries and appends
 * them in one batch at the end of the work, just before commit: the tenant's audit chain lock is then
 * held for the shortest time (decision 0004), and a request that fails writes no audit row for work
 * that did not happen. Route files do not call `inTransaction` or `appendAudit` themselves (a unit
 * test checks it).
 */

/** An audit entry as a route writes it: who, under which role and request come from the request. */
export type RequestAudit = Omit<AuditEntry, 'actorAccountId' | 'actorRole' | 'requestId'>;

/** What every route's work receives. */
type RequestWork<Tenant extends string | null> = {
  tx: Tx;
  tenant: Tenant;
  /** Collects an entry; written with the others just before commit. */
  audit: (entry: RequestAudit) => void;
};

/** A staff request's work: the caller, and the tenant its transaction runs in. */
export type StaffWork<Tenant extends string | null = string> = RequestWork<Tenant> & { actor: Actor };

/** A public request's work: the tenant is the town the route writes into, or null for national reads. */
export type PublicWork = RequestWork<string | null>;

async function withAudit<T, Tenant extends string | null>(
  tx: Tx,
  tenant: Tenant,
  request: FastifyRequest,
  work: (w: RequestWork<Tenant>) => Promise<T>,
): Promise<T> {
  const pending: AuditEntry[] = [];
  const result = await work({
    tx,
    tenant,
    audit: (entry) => {
      pending.push({ ...auditBy(request), ...entry });
    },
  });
  // A batch is one chain; an entry that names its own chain (owner-level work) starts another.
  while (pending.length > 0) {
    const chain = pending[0]!.chain;
    const end = pending.findIndex((e) => e.chain !== chain);
    await appendAuditBatch(tx, pending.splice(0, end === -1 ? pending.length : end));
  }
  return result;
}

/**
 * The transaction of a staff request. By default it runs in the tenant of the caller's session with
 * row-level security on (a caller without a tenant is refused by `tenantOf`). `{ scope: 'caller' }`
 * is for routes national staff use too: the transaction runs in the caller's tenant, or in none for a
 * national account (its audit entries go to the `national` chain). Only for data whose row-level
 * security says what a caller without a tenant may see (e.g. the model-case library, decision 0017,
 * or national accounts); tenant data stays on the default. `{ scope: 'national' }` runs in no tenant
 * whoever calls: national work (the navigator's national rules, refreshing every town's figures) that
 * its permission gives to national staff only.
 */
export function staffWork<T>(
  db: Database,
  request: FastifyRequest,
  work: (w: StaffWork<string>) => Promise<T>,
): Promise<T>;
export function staffWork<T>(
  db: Database,
  request: FastifyRequest,
  options: { scope: 'caller' | 'national' },
  work: (w: StaffWork<string | null>) => Promise<T>,
): Promise<T>;
export function staffWork<T>(
  db: Database,
  request: FastifyRequest,
  optionsOrWork: { scope: 'caller' | 'national' } | ((w: StaffWork<string>) => Promise<T>),
  scopedWork?: (w: StaffWork<string | null>) => Promise<T>,
): Promise<T> {
  const actor = actorOf(request);
  if (typeof optionsOrWork === 'function') {
    const tenant = tenantOf(request);
    return inTransaction(db, { tenant }, (tx) =>
      withAudit(tx, tenant, request, (w) => optionsOrWork({ ...w, actor })),
    );
  }
  const tenant = optionsOrWork.scope === 'caller' ? actor.tenant : null;
  return inTransaction(db, { tenant }, (tx) =>
    withAudit(tx, tenant, request, (w) => scopedWork!({ ...w, actor })),
  );
}

/**
 * The transaction of a public route: no staff tenant or caller. Without `tenant` it runs in no
 * tenant (national and published reads: row-level security shows only what is public); with the
 * code of the town a public form writes into (a report, an application), it runs in that tenant and
 * its audit entries join that town's chain. Audit entries carry the request's account if someone is
 * signed in, none otherwise, as `auditBy` says.
 */
export function publicWork<T>(
  db: Database,
  request: FastifyRequest,
  work: (w: PublicWork) => Promise<T>,
): Promise<T>;
export function publicWork<T>(
  db: Database,
  request: FastifyRequest,
  options: { tenant: string | null },
  work: (w: PublicWork) => Promise<T>,
): Promise<T>;
export function publicWork<T>(
  db: Database,
  request: FastifyRequest,
  optionsOrWork: { tenant: string | null } | ((w: PublicWork) => Promise<T>),
  work?: (w: PublicWork) => Promise<T>,
): Promise<T> {
  const tenant = typeof optionsOrWork === 'function' ? null : optionsOrWork.tenant;
  const run = typeof optionsOrWork === 'function' ? optionsOrWork : work!;
  return inTransaction(db, { tenant }, (tx) => withAudit(tx, tenant, request, run));
}
