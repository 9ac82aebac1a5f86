import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { RECORD_CLASSES } from '../../../shared/contracts/rights.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { appendAuditBatch } from '../../platform/audit/index.ts';
import { type Database, rows, type Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { conferencesHeldBefore, purgeConference, purgePersonSharing } from '../agencies/index.ts';
import { closedPersonsBefore, personBasics, purgePersonContent } from '../support/index.ts';
import type { RightsContext } from './rights.context.ts';
import { monthsBefore } from './rights.policy.ts';
import type { RetentionBody } from './rights.schema.ts';
import { correctionRequests, disclosureRequests, purgeRuns, retentionPolicies } from './rights.tables.ts';

/** Retention periods per record class, the purge report, and the purge itself (run by the due job). */

/** Default retention (months after the end of the record) where the tenant has set none. */
export const DEFAULT_RETENTION_MONTHS: Record<(typeof RECORD_CLASSES)[number], number> = {
  closed_case: 60,
  conference_minutes: 60,
};

export async function retention(tx: Tx, tenant: string) {
  const found = await tx
    .select()
    .from(retentionPolicies)
    .where(eq(retentionPolicies.municipalityCode, tenant));
  return {
    policies: RECORD_CLASSES.map((recordClass) => {
      const set = found.find((f) => f.recordClass === recordClass);
      return { recordClass, months: set?.months ?? DEFAULT_RETENTION_MONTHS[recordClass], isDefault: !set };
    }),
  };
}

export async function setRetention(
  tx: Tx,
  ctx: RightsContext,
  tenant: string,
  actor: Actor,
  input: z.output<typeof RetentionBody>,
) {
  for (const p of input.policies)
    await tx
      .insert(retentionPolicies)
      .values({
        municipalityCode: tenant,
        recordClass: p.recordClass,
        months: p.months,
        updatedBy: actor.accountId,
        updatedAt: ctx.clock.now(),
      })
      .onConflictDoUpdate({
        target: [retentionPolicies.municipalityCode, retentionPolicies.recordClass],
        set: { months: p.months, updatedBy: actor.accountId, updatedAt: ctx.clock.now() },
      });
  return retention(tx, tenant);
}

export async function purgeReport(tx: Tx, tenant: string) {
  const found = await tx
    .select()
    .from(purgeRuns)
    .where(eq(purgeRuns.municipalityCode, tenant))
    .orderBy(desc(purgeRuns.ranAt))
    .limit(200);
  const items = found.map((r) => ({ id: r.id, ranAt: r.ranAt.toISOString(), purged: r.purged }));
  return { items, total: items.length, nextCursor: null };
}

/**
 * The retention purge of one tenant, as the owner (append-only tables refuse the app role's DELETE):
 * closed cases past retention lose every row of content in every module (support record, linked
 * consultations, referrals, conference items, disclosure and correction requests); conferences held
 * before their retention lose minutes, items and members. The audit log is not touched — its rows
 * hold ids only — and published aggregates are not personal data and stay. One purge_runs row (ids
 * and row counts) and one audit row per purged record are written in the same transaction.
 */
export async function purgeTenant(db: Database, ctx: RightsContext, tenant: string) {
  return asSystem(db, async (tx) => {
    const now = ctx.clock.now();
    const policy = await retention(tx, tenant);
    const months = (c: (typeof RECORD_CLASSES)[number]) =>
      policy.policies.find((p) => p.recordClass === c)!.months;
    const purged: { recordClass: string; recordId: string; rows: Record<string, number> }[] = [];

    for (const id of await closedPersonsBefore(tx, tenant, monthsBefore(now, months('closed_case')))) {
      const person = await personBasics(tx, ctx, tenant, id);
      if (!person) continue;
      const ids = person.ids;
      const counts: Record<string, number> = {};
      Object.assign(counts, await purgePersonSharing(tx, tenant, ids));
      const disclosures = await tx
        .delete(disclosureRequests)
        .where(
          and(eq(disclosureRequests.municipalityCode, tenant), inArray(disclosureRequests.personId, ids)),
        )
        .returning({ id: disclosureRequests.id });
      const corrections = await tx
        .delete(correctionRequests)
        .where(
          and(eq(correctionRequests.municipalityCode, tenant), inArray(correctionRequests.personId, ids)),
        )
        .returning({ id: correctionRequests.id });
      counts.disclosure_requests = disclosures.length;
      counts.correction_requests = corrections.length;
      Object.assign(counts, await purgePersonContent(tx, tenant, ids));
      purged.push({ recordClass: 'closed_case', recordId: id, rows: counts });
    }
    const heldBefore = isoDateInTokyo(monthsBefore(now, months('conference_minutes')));
    for (const id of await conferencesHeldBefore(tx, tenant, heldBefore))
      purged.push({
        recordClass: 'conference_minutes',
        recordId: id,
        rows: await purgeConference(tx, tenant, id),
      });

    if (purged.length === 0) return 0;
    await tx.insert(purgeRuns).values({ municipalityCode: tenant, ranAt: now, purged });
    await appendAuditBatch(
      tx,
      purged.map((p) => ({
        chain: tenant,
        action: p.recordClass === 'closed_case' ? 'rights.person.purge' : 'rights.conference.purge',
        recordType: p.recordClass === 'closed_case' ? 'person' : 'conference',
        recordId: p.recordId,
      })),
    );
    return purged.length;
  });
}

/** Tenants that hold anything a purge could reach. */
export async function purgeCandidates(db: Database): Promise<string[]> {
  const found = await asSystem(db, (tx) =>
    rows<{ code: string }>(
      tx,
      sql`select municipality_code as code from support_persons where status = 'closed'
          union select municipality_code from conferences`,
    ),
  );
  return found.map((r) => r.code).sort();
}
