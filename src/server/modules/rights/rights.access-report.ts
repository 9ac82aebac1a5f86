import { and, desc, eq, inArray, like } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import type { Tx } from '../../platform/db/client.ts';
import { agencyNamesOfAccounts } from '../agencies/index.ts';
import { loadPerson } from '../support/index.ts';
import type { RightsContext } from './rights.context.ts';

/**
 * Who read the person's record, from the audit log: successful reads of record type `person` for any
 * of the person's ids. Shows the role and, for partner agencies, the organisation — never a staff
 * name or account id. Newest first, at most 500 rows.
 */
export async function accessReport(
  tx: Tx,
  ctx: RightsContext,
  tenant: string,
  actor: Actor,
  personId: string,
) {
  const { person } = await loadPerson(tx, ctx, tenant, actor, personId);
  const found = await tx
    .select({
      at: auditEvents.at,
      role: auditEvents.actorRole,
      accountId: auditEvents.actorAccountId,
      action: auditEvents.action,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.chain, tenant),
        eq(auditEvents.recordType, 'person'),
        inArray(auditEvents.recordId, [person.id, ...person.mergedIds]),
        like(auditEvents.action, '%.read'),
        eq(auditEvents.outcome, 'ok'),
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(500);
  const agencyAccounts = [
    ...new Set(found.filter((f) => f.role === 'agency_member' && f.accountId).map((f) => f.accountId!)),
  ];
  const names = await agencyNamesOfAccounts(tx, tenant, agencyAccounts);
  const items = found.map((f) => ({
    at: f.at.toISOString(),
    role: f.role,
    agency: f.role === 'agency_member' && f.accountId ? (names.get(f.accountId) ?? null) : null,
    action: f.action,
  }));
  return { personId: person.id, items, total: items.length, nextCursor: null };
}
