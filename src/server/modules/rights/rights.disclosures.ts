import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { DisclosureItem } from '../../../shared/contracts/rights.ts';
import { formatWareki } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { conferenceHoldings, referralHoldings } from '../agencies/index.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { loadPerson, personBasics, personHoldings } from '../support/index.ts';
import { type CorrectionRow, type DisclosureRow, open, type RightsContext, seal } from './rights.context.ts';
import { presentCorrection } from './rights.corrections.ts';
import { notAnItemOfDisclosure, rightsError } from './rights.errors.ts';
import { mayChangeDisclosure, mayReleaseDisclosure, proposedWithholding } from './rights.policy.ts';
import type { CreateDisclosureBody, DecideItemsBody } from './rights.schema.ts';
import { correctionRequests, disclosureRequests, RIGHTS_CONTEXTS } from './rights.tables.ts';

/** Use cases of a disclosure request (開示請求): the draft of every held item, the decisions, the document. */

/**
 * Every item held about the person, in all modules, with a proposed decision: third parties'
 * statements (family members' details, notes of contacts without the person, messages written by
 * others) and closed 支援会議 materials are withheld with the reason; everything else is released.
 */
async function draftItems(
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
    const reason = proposedWithholding(i);
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
  if (!mayChangeDisclosure(row)) throw rightsError(409, 'disclosure_approved');
  const view = presentDisclosure(ctx, row);
  if (row.version !== input.version) throw conflict({ current: view, yours: input });
  const byKey = new Map(view.items.map((i) => [i.key, i]));
  for (const [n, d] of input.items.entries()) {
    const item = byKey.get(d.key);
    if (!item) throw notAnItemOfDisclosure(n);
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
    .where(
      and(
        eq(disclosureRequests.municipalityCode, tenant),
        eq(disclosureRequests.id, row.id),
        eq(disclosureRequests.version, row.version),
      ),
    )
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
  if (!mayChangeDisclosure(row)) throw rightsError(409, 'disclosure_approved');
  const [saved] = await tx
    .update(disclosureRequests)
    .set({
      status: 'approved',
      approvedBy: actor.accountId,
      approvedAt: ctx.clock.now(),
      version: row.version + 1,
    })
    .where(
      and(
        eq(disclosureRequests.municipalityCode, tenant),
        eq(disclosureRequests.id, row.id),
        eq(disclosureRequests.version, version),
      ),
    )
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
  if (!mayReleaseDisclosure(row) || !row.approvedAt) throw rightsError(409, 'disclosure_not_approved');
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
