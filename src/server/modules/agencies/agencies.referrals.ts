import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { decryptOptional } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import type { KeyedStaffAlertTemplate } from '../../platform/outbox/staff-alerts.ts';
import { getAccount } from '../accounts/index.ts';
import { loadPerson } from '../support/index.ts';
import { basisInForce, lawfulBasis } from './agencies.basis.ts';
import { type AgenciesContext, open, type ReferralRow, seal } from './agencies.context.ts';
import { agenciesFieldError, referralBasisMissing, referralTransitionInvalid } from './agencies.errors.ts';
import { type ReferralAction, type ReferralStatus, referralStep } from './agencies.policy.ts';
import { getAgency } from './agencies.service.ts';
import { AGENCY_CONTEXTS, agencyMembers, referralEvents, referrals } from './agencies.tables.ts';

/** Use cases of referrals as the consultation staff send, follow and withdraw them. */

// Mail leaves the system's protection: the agency is told that a referral arrived, never about whom.
export const referralReceivedAlert: KeyedStaffAlertTemplate = {
  key: 'referral.received',
  subject: '【つながり】関係機関への紹介が届きました',
  lead: 'あなたの機関あてに紹介が届きました。内容はシステムで確認してください。',
};

type AgencyNote = { status: ReferralStatus; text: string; at: string };
export const notesOf = (ctx: AgenciesContext, r: ReferralRow): AgencyNote[] =>
  JSON.parse(
    decryptOptional(r.agencyNotesEncrypted, ctx.config.dataKeys, AGENCY_CONTEXTS.agencyNotes) ?? '[]',
  );

export async function eventsOf(tx: Tx, r: ReferralRow) {
  const found = await tx
    .select()
    .from(referralEvents)
    .where(and(eq(referralEvents.municipalityCode, r.municipalityCode), eq(referralEvents.referralId, r.id)))
    .orderBy(asc(referralEvents.seq));
  return found.map((e) => ({ status: e.status, byRole: e.byRole, at: e.at.toISOString() }));
}

async function logEvent(tx: Tx, ctx: AgenciesContext, r: ReferralRow, actor: Actor, role: string) {
  await tx.insert(referralEvents).values({
    municipalityCode: r.municipalityCode,
    referralId: r.id,
    status: r.status,
    byAccountId: actor.accountId,
    byRole: role,
    at: ctx.clock.now(),
  });
}

export async function sendReferral(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  actor: Actor,
  input: { personId: string; agencyId: string; summary: string },
  id?: string,
): Promise<ReferralRow> {
  const { person } = await loadPerson(tx, ctx, tenant, actor, input.personId);
  const agency = await getAgency(tx, tenant, input.agencyId).catch(() => {
    throw agenciesFieldError('/body/agencyId', 'unknownAgency');
  });
  if (!agency.active) throw agenciesFieldError('/body/agencyId', 'inactiveAgency');
  const basis = await lawfulBasis(tx, ctx, tenant, [person.id, ...person.mergedIds], agency.id);
  if (!basis.ok) throw referralBasisMissing(agency, basis.consentState);
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(referrals)
    .values({
      ...(id ? { id } : {}),
      municipalityCode: tenant,
      personId: person.id,
      agencyId: agency.id,
      basis: basis.basis,
      consentId: basis.basis === 'consent' ? basis.consentId : null,
      conferenceItemId: basis.basis === 'support_conference' ? basis.conferenceItemId : null,
      summaryEncrypted: seal(ctx, input.summary, AGENCY_CONTEXTS.summary),
      requestedBy: actor.accountId,
      requestedAt: now,
      updatedAt: now,
    })
    .returning();
  await logEvent(tx, ctx, row!, actor, 'consultation');
  await notifyAgency(tx, ctx, tenant, row!);
  return row!;
}

/** Each member account of the receiving agency gets a staff alert through the outbox. */
async function notifyAgency(tx: Tx, ctx: AgenciesContext, tenant: string, r: ReferralRow) {
  const members = await tx
    .select({
      accountId: agencyMembers.accountId,
      email: sql<string>`a.email`,
      status: sql<string>`a.status`,
    })
    .from(agencyMembers)
    .innerJoin(sql`accounts a`, sql`a.id = ${agencyMembers.accountId}`)
    .where(and(eq(agencyMembers.municipalityCode, tenant), eq(agencyMembers.agencyId, r.agencyId)));
  for (const m of members) {
    if (m.status !== 'active') continue;
    await enqueueMessage(tx, ctx, {
      kind: 'staff_alert',
      municipalityCode: tenant,
      recipient: m.email,
      templateKey: 'referral.received',
      linkPath: `/console/agency/referrals/${r.id}`,
      idempotencyKey: `referral.received:${r.id}:${m.accountId}`,
    });
  }
}

/** The referring worker's name and work address (how the agency reaches them). */
export async function workerOf(tx: Tx, accountId: string) {
  const account = await getAccount(tx, accountId).catch(() => null);
  return { displayName: account?.displayName ?? '', email: account?.email ?? '' };
}

export async function referralRow(tx: Tx, tenant: string, id: string, agencyId?: string) {
  const [row] = await tx
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.municipalityCode, tenant),
        eq(referrals.id, id),
        agencyId ? eq(referrals.agencyId, agencyId) : undefined,
      ),
    );
  if (!row) throw notFound();
  return row;
}

export async function presentReferral(tx: Tx, ctx: AgenciesContext, r: ReferralRow) {
  const agency = await getAgency(tx, r.municipalityCode, r.agencyId);
  return {
    id: r.id,
    personId: r.personId,
    agencyId: r.agencyId,
    agencyName: agency.name,
    status: r.status,
    basis: r.basis,
    basisInForce: await basisInForce(tx, ctx, r),
    summary: open(ctx, r.summaryEncrypted, AGENCY_CONTEXTS.summary),
    agencyNotes: notesOf(ctx, r),
    requestedAt: r.requestedAt.toISOString(),
    events: await eventsOf(tx, r),
    version: r.version,
  };
}

/** Staff: referrals of a person they may see (or all of the tenant). */
export async function listReferrals(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  actor: Actor,
  query: { personId?: string | undefined },
) {
  let ids: string[] | null = null;
  if (query.personId) {
    const { person } = await loadPerson(tx, ctx, tenant, actor, query.personId);
    ids = [person.id, ...person.mergedIds];
  }
  const found = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.municipalityCode, tenant), ids ? inArray(referrals.personId, ids) : undefined))
    .orderBy(desc(referrals.requestedAt))
    .limit(200);
  const items = [];
  for (const r of found) items.push(await presentReferral(tx, ctx, r));
  return { items, total: items.length, nextCursor: null };
}

export async function getReferralForStaff(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  actor: Actor,
  id: string,
) {
  const r = await referralRow(tx, tenant, id);
  await loadPerson(tx, ctx, tenant, actor, r.personId);
  return r;
}

/** Moves a referral on; `note` (decline reason, progress, completion) is kept encrypted. */
export async function transitionReferral(
  tx: Tx,
  ctx: AgenciesContext,
  r: ReferralRow,
  actor: Actor,
  role: string,
  action: ReferralAction,
  input: { version: number; note: string },
) {
  const step = referralStep(r, action, input.version);
  if (!step.allowed && step.reason === 'stale_version')
    throw conflict({ current: { status: r.status, version: r.version }, yours: input });
  if (!step.allowed) throw referralTransitionInvalid(r.status);
  const notes = notesOf(ctx, r);
  if (input.note) notes.push({ status: step.to, text: input.note, at: ctx.clock.now().toISOString() });
  const [row] = await tx
    .update(referrals)
    .set({
      status: step.to,
      agencyNotesEncrypted: notes.length
        ? seal(ctx, JSON.stringify(notes), AGENCY_CONTEXTS.agencyNotes)
        : null,
      updatedAt: ctx.clock.now(),
      version: r.version + 1,
    })
    .where(
      and(
        eq(referrals.municipalityCode, r.municipalityCode),
        eq(referrals.id, r.id),
        eq(referrals.version, r.version),
      ),
    )
    .returning();
  if (!row) throw conflict({ current: { status: r.status, version: r.version }, yours: input });
  await logEvent(tx, ctx, row, actor, role);
  return row;
}
