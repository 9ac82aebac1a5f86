import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import { decryptOptional } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict } from '../../platform/errors.ts';
import { agencyConsent, personBasics } from '../support/index.ts';
import { agencyNameMap, presentItem } from './agencies.conferences.ts';
import { type AgenciesContext, type ConferenceRow, open, seal } from './agencies.context.ts';
import { agenciesError, agenciesFieldError } from './agencies.errors.ts';
import { itemBasis } from './agencies.policy.ts';
import type { AddItemBody } from './agencies.schema.ts';
import { getAgency } from './agencies.service.ts';
import { AGENCY_CONTEXTS, conferenceItems, conferenceMinutes, conferences } from './agencies.tables.ts';

/** What a conference records: its minutes (every save kept), its items, and its holdings for disclosure. */

export async function saveMinutes(
  tx: Tx,
  ctx: AgenciesContext,
  c: ConferenceRow,
  actor: Actor,
  input: { version: number; minutes: string },
) {
  const [row] = await tx
    .update(conferences)
    .set({ minutesEncrypted: seal(ctx, input.minutes, AGENCY_CONTEXTS.minutes), version: c.version + 1 })
    .where(
      and(
        eq(conferences.municipalityCode, c.municipalityCode),
        eq(conferences.id, c.id),
        eq(conferences.version, input.version),
      ),
    )
    .returning();
  if (!row) throw conflict({ current: { version: c.version }, yours: { version: input.version } });
  const [last] = await tx
    .select({ n: sql<number>`coalesce(max(${conferenceMinutes.n}), 0)::int` })
    .from(conferenceMinutes)
    .where(
      and(
        eq(conferenceMinutes.municipalityCode, c.municipalityCode),
        eq(conferenceMinutes.conferenceId, c.id),
      ),
    );
  await tx.insert(conferenceMinutes).values({
    municipalityCode: c.municipalityCode,
    conferenceId: c.id,
    n: (last?.n ?? 0) + 1,
    minutesEncrypted: seal(ctx, input.minutes, AGENCY_CONTEXTS.minutesVersion),
    savedBy: actor.accountId,
    savedAt: ctx.clock.now(),
  });
  return row;
}

/**
 * Adds a decision, action item, material or record of sharing. A share or decision naming an agency
 * records its basis: in a 支援会議 the conference itself (106-6); in a 重層的支援会議 the person's
 * consent naming that agency, which must be in force.
 */
export async function addConferenceItem(
  tx: Tx,
  ctx: AgenciesContext,
  c: ConferenceRow,
  actor: Actor,
  input: z.output<typeof AddItemBody>,
) {
  const tenant = c.municipalityCode;
  let ids: string[] | null = null;
  if (input.personId) {
    if (!c.personIds.includes(input.personId))
      throw agenciesFieldError('/body/personId', 'notPersonOfConference');
    ids = (await personBasics(tx, ctx, tenant, input.personId))?.ids ?? [input.personId];
  }
  for (const [pointer, agencyId] of [
    ['/body/agencyId', input.agencyId],
    ['/body/ownerAgencyId', input.ownerAgencyId],
  ] as const)
    if (agencyId)
      await getAgency(tx, tenant, agencyId).catch(() => {
        throw agenciesFieldError(pointer, 'unknownAgency');
      });
  // Sharing is limited to what the agency needs: the decision says what that is (scope).
  const rule = itemBasis({
    conferenceKind: c.kind,
    itemKind: input.kind,
    agencyId: input.agencyId,
    personChosen: ids !== null,
    scope: input.scope,
  });
  if (!rule.allowed && rule.reason === 'person_required')
    throw agenciesFieldError('/body/personId', 'choosePerson');
  if (!rule.allowed) throw agenciesFieldError('/body/scope', 'scopeRequired');
  const { basis, names } = rule;
  if (basis === 'consent' && ids && input.agencyId) {
    const consent = await agencyConsent(tx, ctx, tenant, ids, 'agency_referral', input.agencyId);
    if (consent.state !== 'given')
      throw agenciesError(422, 'referral_basis_missing', { extra: { consent: consent.state } });
  }
  const [row] = await tx
    .insert(conferenceItems)
    .values({
      municipalityCode: tenant,
      conferenceId: c.id,
      kind: input.kind,
      personId: input.personId,
      textEncrypted: seal(ctx, input.text, AGENCY_CONTEXTS.item),
      ownerLabel: input.ownerLabel,
      ownerAgencyId: input.ownerAgencyId,
      due: input.due,
      agencyId: input.agencyId,
      basis,
      scopeEncrypted: names ? seal(ctx, input.scope, AGENCY_CONTEXTS.scope) : null,
      createdBy: actor.accountId,
      createdAt: ctx.clock.now(),
    })
    .returning();
  return presentItem(ctx, row!, await agencyNameMap(tx, tenant));
}

/**
 * Conferences that discussed these persons and their items about them (disclosure drafts). Items of
 * a 支援会議 are marked closed: withheld from disclosure under 106-6.
 */
export async function conferenceHoldings(tx: Tx, ctx: AgenciesContext, tenant: string, personIds: string[]) {
  const found = await tx
    .select()
    .from(conferences)
    .where(
      and(
        eq(conferences.municipalityCode, tenant),
        sql`${conferences.personIds} && array[${sql.join(
          personIds.map((i) => sql`${i}::uuid`),
          sql`, `,
        )}]`,
      ),
    )
    .orderBy(asc(conferences.heldOn));
  const items = await tx
    .select({ i: conferenceItems, kind: conferences.kind })
    .from(conferenceItems)
    .innerJoin(
      conferences,
      and(eq(conferences.id, conferenceItems.conferenceId), eq(conferences.municipalityCode, tenant)),
    )
    .where(and(eq(conferenceItems.municipalityCode, tenant), inArray(conferenceItems.personId, personIds)))
    .orderBy(asc(conferenceItems.seq));
  return [
    ...found.map((c) => ({
      source: { table: 'conferences', id: c.id },
      kind: 'conference',
      at: `${c.heldOn}T00:00:00.000Z`,
      closed: c.kind === 'support_conference',
      content: {
        kind: c.kind,
        title: c.title,
        heldOn: c.heldOn,
        agenda: open(ctx, c.agendaEncrypted, AGENCY_CONTEXTS.agenda),
        minutes: decryptOptional(c.minutesEncrypted, ctx.config.dataKeys, AGENCY_CONTEXTS.minutes) ?? '',
      },
    })),
    ...items.map(({ i, kind }) => ({
      source: { table: 'conference_items', id: i.id },
      kind: `conference_${i.kind}`,
      at: i.createdAt.toISOString(),
      closed: kind === 'support_conference',
      content: presentItem(ctx, i),
    })),
  ];
}
