import type { FastifyRequest } from 'fastify';
import { type AppendedAudit, type AuditEntry, appendAudit, appendAuditBatch } from '../audit/append.ts';
import type { Database, Tx } from '../db/client.ts';
import { inTransaction } from '../db/tenant.ts';
import type { Actor } from './actor.ts';
import { auditBy } from './audit-context.ts';
import { actorOf, tenantOf } from './guard.ts';

/** An audit entry as a route writes it: who, under which role and request come from the request. */
export type RequestAudit = Omit<AuditEntry, 'actorAccountId' | 'actorRole' | 'requestId'>;

/** The transaction of a staff request: the tenant of the caller's session, row-level security on. */
export function inRequestTenant<T>(
  db: Database,
  request: FastifyRequest,
  work: (tx: Tx, tenant: string) => Promise<T>,
): Promise<T> {
  const tenant = tenantOf(request);
  return inTransaction(db, { tenant }, (tx) => work(tx, tenant));
}

/**
 * As `inRequestTenant`, with the caller and an `audit` that collects entries during the work and
 * appends them together at its end, just before commit: the tenant's audit chain lock is then held
 * for the shortest time (decision 0004), and a request that fails writes no audit row for work that
 * did not happen.
 */
export function inRequestTenantAudited<T>(
  db: Database,
  request: FastifyRequest,
  work: (tx: Tx, tenant: string, actor: Actor, audit: (entry: RequestAudit) => void) => Promise<T>,
): Promise<T> {
  const actor = actorOf(request);
  return inRequestTenant(db, request, async (tx, tenant) => {
    const entries: AuditEntry[] = [];
    const result = await work(tx, tenant, actor, (entry) => entries.push({ ...auditBy(request), ...entry }));
    await appendAuditBatch(tx, entries);
    return result;
  });
}

/** Appends one audit entry for the request at once (ids only: what was done to which record). */
export function auditRequest(
  tx: Tx,
  request: FastifyRequest,
  action: string,
  recordType: string,
  recordId: string | null,
): Promise<AppendedAudit> {
  return appendAudit(tx, { ...auditBy(request), action, recordType, recordId });
}

/**
 * As `inRequestTenantAudited`, for routes that national staff use too (they have no tenant): the
 * transaction runs with the caller's tenant, or with none for a national account (its audit entries
 * go to the `national` chain). Only for data whose row-level security says what a caller without a
 * tenant may see (e.g. the model-case library, decision 0017); tenant data stays on inRequestTenantAudited.
 */
export function inRequestScopeAudited<T>(
  db: Database,
  request: FastifyRequest,
  work: (tx: Tx, tenant: string | null, actor: Actor, audit: (entry: RequestAudit) => void) => Promise<T>,
): Promise<T> {
  const actor = actorOf(request);
  return inTransaction(db, { tenant: actor.tenant }, async (tx) => {
    const entries: AuditEntry[] = [];
    const result = await work(tx, actor.tenant, actor, (entry) =>
      entries.push({ ...auditBy(request), ...entry }),
    );
    await appendAuditBatch(tx, entries);
    return result;
  });
}
