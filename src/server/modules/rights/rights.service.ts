import { and, asc, desc, eq, inArray, like, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { formatWareki, isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { appendAuditBatch, auditEvents } from '../../platform/audit/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField, decryptOptional, encryptField } from '../../platform/crypto/fields.ts';
import { type Database, rows, type Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { AppError, conflict, notFound, registerErrorMessages } from '../../platform/errors.ts';
import {
  agencyNamesOfAccounts,
  conferenceHoldings,
  conferencesHeldBefore,
  purgeConference,
  purgePersonSharing,
  referralHoldings,
} from '../agencies/index.ts';
import { getMunicipality } from '../municipalities/index.ts';
import {
  closedPersonsBefore,
  loadPerson,
  personBasics,
  personHoldings,
  purgePersonContent,
} from '../support/index.ts';
import type {
  CreateCorrectionBody,
  CreateDisclosureBody,
  DecideCorrectionBody,
  DecideItemsBody,
  DisclosureItem,
  RetentionBody,
} from './rights.schema.ts';
import {
  correctionRequests,
  disclosureRequests,
  purgeRuns,
  RECORD_CLASSES,
  RIGHTS_CONTEXTS,
  retentionPolicies,
} from './rights.tables.ts';

registerErrorMessages({
  disclosure_not_approved: {
    title: { ja: 'まだ承認されていません', en: 'Not approved yet' },
    detail: {
      ja: '開示の内容は、職員が確認して承認してから渡せます。',
      en: 'The disclosure can be released only after staff have reviewed and approved it.',
    },
  },
  disclosure_approved: {
    title: { ja: '承認済みです', en: 'Already approved' },
    detail: { ja: '承認済みの開示は変更できません。', en: 'An approved disclosure cannot be changed.' },
  },
  correction_decided: { title: { ja: '結果を記録済みです', en: 'Already decided' } },
});

export type RightsContext = { clock: Clock; config: Pick<Config, 'dataKeys' | 'publicUrl'> };
type DisclosureRow = typeof disclosureRequests.$inferSelect;
type CorrectionRow = typeof correctionRequests.$inferSelect;

const seal = (ctx: RightsContext, value: string, context: string) =>
  encryptField(value, ctx.config.dataKeys, context);
const open = (ctx: RightsContext, value: string, context: string) =>
  decryptField(value, ctx.config.dataKeys, context);

/** Default retention (months after the end of the record) where the tenant has set none. */
export const DEFAULT_RETENTION_MONTHS: Record<(typeof RECORD_CLASSES)[number], number> = {
  closed_case: 60,
  conference_minutes: 60,
};

// ── disclosure (開示請求) ───────────────────────────────────────────────────────────────────────────

/**
 * Every item held about the person, in all modules, with a proposed decision: third parties'
 * statements (family members' details, notes of contacts without the person, messages written by
 * others) and closed 支援会議 materials are withheld with the reason; everything else is released.
 */
export async function draftItems(
  tx: Tx,
  ctx: RightsContext,
  tenant: string,
  personIds: string[],
): Promise<DisclosureItem[]> {
  const items: DisclosureItem[] = [];
  const push = (i: {
    source: { table: string; id: string };
    kind: string;
    at: string | null;
    origin: string;
    content: unknown;
    closed?: boolean;
  }) => {
    const reason = i.closed
      ? ('closed_support_conference' as const)
      : i.origin === 'third_party'
        ? ('third_party_statement' as const)
        : null;
    items.push({
      key: `${i.source.table}:${i.source.id}`,
      source: i.source,
      kind: i.kind,
      at: i.at,
      origin: i.origin,
      content: i.content,
      withhold: reason !== null,
      reason,
    });
  };
  for (const i of await personHoldings(tx, ctx, tenant, personIds)) push(i);
  for (const i of await referralHoldings(tx, ctx, tenant, personIds)) push(i);
  for (const i of await conferenceHoldings(tx, ctx, tenant, personIds)) push({ ...i, origin: 'staff' });
  const corrections = await tx
    .select()
    .from(correctionRequests)
    .where(
      and(eq(correctionRequests.municipalityCode, tenant), inArray(correctionRequests.personId, personIds)),
    )
    .orderBy(asc(correctionRequests.createdAt));
  for (const c of corrections) push({ ...correctionItem(ctx, c), origin: 'person' });
  return items;
}

function correctionItem(ctx: RightsContext, c: CorrectionRow) {
  const view = presentCorrection(ctx, c);
  return {
    source: { table: 'correction_requests', id: c.id },
    kind: 'correction_request',
    at: c.createdAt.toISOString(),
    content: {
      receivedOn: view.receivedOn,
      item: view.item,
      request: view.request,
      outcome: view.outcome,
      explanation: view.explanation,
    },
  };
}

function presentDisclosure(ctx: RightsContext, d: DisclosureRow) {
  return {
    id: d.id,
    personId: d.personId,
    receivedOn: d.receivedOn,
    requestedBy: d.requestedBy,
    status: d.status,
    itemCount: d.itemCount,
    withheldCount: d.withheldCount,
    items: JSON.parse(open(ctx, d.itemsEncrypted, RIGHTS_CONTEXTS.disclosure)) as DisclosureItem[],
    createdAt: d.createdAt.toISOString(),
    approvedAt: d.approvedAt?.toISOString() ?? null,
    version: d.version,
  };
}
export type DisclosureView = ReturnType<typeof presentDisclosure>;

export async function createDisclosure(
  tx: Tx,
  ctx: RightsContext,
  tenant: string,
  actor: Actor,
  personId: string,
  input: z.output<typeof CreateDisclosureBody>,
) {
  const { person } = await loadPerson(tx, ctx, tenant, actor, personId);
  const items = await draftItems(tx, ctx, tenant, [person.id, ...person.mergedIds]);
  const [row] = await tx
    .insert(disclosureRequests)
    .values({
      municipalityCode: tenant,
      personId: person.id,
      receivedOn: input.receivedOn,
      requestedBy: input.requestedBy,
      itemsEncrypted: seal(ctx, JSON.stringify(items), RIGHTS_CONTEXTS.disclosure),
      itemCount: items.length,
      withheldCount: items.filter((i) => i.withhold).length,
      createdBy: actor.accountId,
      createdAt: ctx.clock.now(),
    })
    .returning();
  return presentDisclosure(ctx, row!);
}

async function disclosureRow(tx: Tx, ctx: RightsContext, tenant: string, actor: Actor, id: string) {
  const [row] = await tx
    .select()
    .from(disclosureRequests)
    .where(and(eq(disclosureRequests.municipalityCode, tenant), eq(disclosureRequests.id, id)));
  if (!row) throw notFound();
  await loadPerson(tx, ctx, tenant, actor, row.personId);
  return row;
}

export async function getDisclosure(tx: Tx, ctx: RightsContext, tenant: string, actor: Actor, id: string) {
  return presentDisclosure(ctx, await disclosureRow(tx, ctx, tenant, actor, id));
}

export async function listDisclosures(
  tx: Tx,
  ctx: RightsContext,
  tenant: string,
  actor: Actor,
  personId: string,
) {
  const { person } = await loadPerson(tx, ctx, tenant, actor, personId);
  const found = await tx
    .select()
    .from(disclosureRequests)
    .where(
      and(
        eq(disclosureRequests.municipalityCode, tenant),
        inArray(disclosureRequests.personId, [person.id, ...person.mergedIds]),
      ),
    )
    .orderBy(desc(disclosureRequests.createdAt));
  const items = found.map((d) => {
    const { items: _items, ...rest } = presentDisclosure(ctx, d);
    return rest;
  });
  return { items, total: items.length, nextCursor: null };
}

export async function decideItems(
  tx: Tx,
  ctx: RightsContext,
  tenant: string,
  actor: Actor,
  id: string,
  input: z.output<typeof DecideItemsBody>,
) {
  const row = await disclosureRow(tx, ctx, tenant, actor, id);
  if (row.status === 'approved') throw new AppError(409, 'disclosure_approved');
  const view = presentDisclosure(ctx, row);
  if (row.version !== input.version) throw conflict({ current: view, yours: input });
  const byKey = new Map(view.items.map((i) => [i.key, i]));
  for (const [n, d] of input.items.entries()) {
    const item = byKey.get(d.key);
    if (!item)
      throw new AppError(400, 'validation_failed', {
        errors: [
          {
            pointer: `/body/items/${n}/key`,
            message: { ja: 'この開示にない項目です', en: 'Not an item of this disclosure' },
          },
        ],
      });
    item.withhold = d.withhold;
    item.reason = d.withhold ? d.reason : null;
  }
  const items = [...byKey.values()];
  const [saved] = await tx
    .update(disclosureRequests)
    .set({
      itemsEncrypted: seal(ctx, JSON.stringify(items), RIGHTS_CONTEXTS.disclosure),
      withheldCount: items.filter((i) => i.withhold).length,
      version: row.version + 1,
    })
    .where(and(eq(disclosureRequests.id, row.id), eq(disclosureRequests.version, row.version)))
    .returning();
  if (!saved) throw conflict({ current: view, yours: input });
  return presentDisclosure(ctx, saved);
}

export async function approveDisclosure(
  tx: Tx,
  ctx: RightsContext,
  tenant: string,
  actor: Actor,
  id: string,
  version: number,
) {
  const row = await disclosureRow(tx, ctx, tenant, actor, id);
  if (row.status === 'approved') throw new AppError(409, 'disclosure_approved');
  const [saved] = await tx
    .update(disclosureRequests)
    .set({
      status: 'approved',
      approvedBy: actor.accountId,
      approvedAt: ctx.clock.now(),
      version: row.version + 1,
    })
    .where(and(eq(disclosureRequests.id, row.id), eq(disclosureRequests.version, version)))
    .returning();
  if (!saved) throw conflict({ current: presentDisclosure(ctx, row), yours: { version } });
  return presentDisclosure(ctx, saved);
}

/** The approved disclosure as the person receives it; withheld items appear with their reason only. */
export async function disclosureDocument(
  tx: Tx,
  ctx: RightsContext,
  tenant: string,
  actor: Actor,
  id: string,
) {
  const row = await disclosureRow(tx, ctx, tenant, actor, id);
  if (row.status !== 'approved' || !row.approvedAt) throw new AppError(409, 'disclosure_not_approved');
  const view = presentDisclosure(ctx, row);
  const person = await personBasics(tx, ctx, tenant, row.personId);
  const municipality = await getMunicipality(tx, tenant).catch(() => null);
  return {
    title: '保有個人情報の開示',
    municipalityName: (municipality as { name?: string } | null)?.name ?? tenant,
    nickname: person?.nickname ?? '',
    receivedOn: formatWareki(new Date(`${row.receivedOn}T12:00:00+09:00`)),
    approvedOn: formatWareki(row.approvedAt),
    released: view.items
      .filter((i) => !i.withhold)
      .map((i) => ({ kind: i.kind, at: i.at, content: i.content })),
    withheld: view.items
      .filter((i) => i.withhold)
      .map((i) => ({ kind: i.kind, at: i.at, reason: i.reason ?? ('other' as const) })),
    notes: [
      '開示しない項目は、その理由を示しています（第三者の発言・支援会議の非公開資料など）。',
      'この決定に不服があるときは、審査請求をすることができます。窓口にお問い合わせください。',
    ],
  };
}

// ── correction (訂正請求) ───────────────────────────────────────────────────────────────────────────

function presentCorrection(ctx: RightsContext, c: CorrectionRow) {
  const request = JSON.parse(open(ctx, c.requestEncrypted, RIGHTS_CONTEXTS.correction)) as {
    item: string;
    request: string;
  };
  const explanation = decryptOptional(
    c.explanationEncrypted,
    ctx.config.dataKeys,
    RIGHTS_CONTEXTS.correctionExplanation,
  );
  return {
    id: c.id,
    personId: c.personId,
    receivedOn: c.receivedOn,
    item: request.item,
    request: request.request,
    outcome: c.outcome,
    explanation: explanation ?? null,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    version: c.version,
  };
}

export async function createCorrection(
  tx: Tx,
  ctx: RightsContext,
  tenant: string,
  actor: Actor,
  personId: string,
  input: z.output<typeof CreateCorrectionBody>,
) {
  const { person } = await loadPerson(tx, ctx, tenant, actor, personId);
  const [row] = await tx
    .insert(correctionRequests)
    .values({
      municipalityCode: tenant,
      personId: person.id,
      receivedOn: input.receivedOn,
      requestEncrypted: seal(
        ctx,
        JSON.stringify({ item: input.item, request: input.request }),
        RIGHTS_CONTEXTS.correction,
      ),
      createdBy: actor.accountId,
      createdAt: ctx.clock.now(),
    })
    .returning();
  return presentCorrection(ctx, row!);
}

export async function listCorrections(
  tx: Tx,
  ctx: RightsContext,
  tenant: string,
  actor: Actor,
  personId: string,
) {
  const { person } = await loadPerson(tx, ctx, tenant, actor, personId);
  const found = await tx
    .select()
    .from(correctionRequests)
    .where(
      and(
        eq(correctionRequests.municipalityCode, tenant),
        inArray(correctionRequests.personId, [person.id, ...person.mergedIds]),
      ),
    )
    .orderBy(desc(correctionRequests.createdAt));
  const items = found.map((c) => presentCorrection(ctx, c));
  return { items, total: items.length, nextCursor: null };
}

export async function decideCorrection(
  tx: Tx,
  ctx: RightsContext,
  tenant: string,
  actor: Actor,
  id: string,
  input: z.output<typeof DecideCorrectionBody>,
) {
  const [row] = await tx
    .select()
    .from(correctionRequests)
    .where(and(eq(correctionRequests.municipalityCode, tenant), eq(correctionRequests.id, id)));
  if (!row) throw notFound();
  await loadPerson(tx, ctx, tenant, actor, row.personId);
  if (row.outcome) throw new AppError(409, 'correction_decided');
  const [saved] = await tx
    .update(correctionRequests)
    .set({
      outcome: input.outcome,
      explanationEncrypted: seal(ctx, input.explanation, RIGHTS_CONTEXTS.correctionExplanation),
      decidedBy: actor.accountId,
      decidedAt: ctx.clock.now(),
      version: row.version + 1,
    })
    .where(and(eq(correctionRequests.id, row.id), eq(correctionRequests.version, input.version)))
    .returning();
  if (!saved) throw conflict({ current: presentCorrection(ctx, row), yours: input });
  return presentCorrection(ctx, saved);
}

// ── access report ───────────────────────────────────────────────────────────────────────────────────

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

// ── retention and purge ───────────────────────────────────────────────────────────────────────────

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

/** Months before `now` (calendar months, UTC); a day past the month's end becomes its last day. */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
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
