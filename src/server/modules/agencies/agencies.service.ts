import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField, decryptOptional, encryptField } from '../../platform/crypto/fields.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { AppError, conflict, fieldError, notFound, registerErrorMessages } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import { registerStaffAlertTemplate } from '../../platform/outbox/staff-alerts.ts';
import { getAccount } from '../accounts/accounts.service.ts';
import { agencyConsent, loadPerson, personBasics } from '../support/index.ts';
import type { AddItemBody, AgencyInput, ConferenceDetail, CreateConferenceBody } from './agencies.schema.ts';
import {
  AGENCY_CONTEXTS,
  agencies,
  agencyMembers,
  conferenceItems,
  conferenceMembers,
  conferenceMinutes,
  conferences,
  type REFERRAL_STATUSES,
  referralEvents,
  referrals,
} from './agencies.tables.ts';

registerErrorMessages({
  referral_basis_missing: {
    title: { ja: 'この紹介には根拠がありません', en: 'No lawful basis for this referral' },
    detail: {
      ja: 'この関係機関への紹介について、本人の同意も支援会議の決定もありません。',
      en: 'There is neither the person’s consent nor a support-conference decision for this agency.',
    },
  },
  referral_basis_ended: {
    title: { ja: '共有の根拠がなくなりました', en: 'The basis for sharing has ended' },
    detail: {
      ja: '本人の同意が撤回されたか期限が切れたため、この紹介の内容は表示できません。',
      en: 'The person’s consent was withdrawn or has expired: this referral can no longer be read.',
    },
  },
  referral_transition_invalid: {
    title: { ja: 'この状態からは変更できません', en: 'Not possible in this state' },
  },
  agency_member_invalid: {
    title: { ja: '関係機関の職員として登録できません', en: 'Not an agency member account' },
    detail: {
      ja: 'この自治体の「関係機関」の役割を持つアカウントだけを登録できます。',
      en: 'Only accounts of this municipality with the partner-agency role can be added.',
    },
  },
  agency_not_linked: {
    title: { ja: '所属する関係機関がありません', en: 'Your account belongs to no agency' },
    detail: {
      ja: '自治体の担当者に、所属する関係機関への登録を依頼してください。',
      en: 'Ask the municipality to add your account to its agency.',
    },
  },
  confidentiality_not_acknowledged: {
    title: { ja: '守秘義務の確認が必要です', en: 'Acknowledge your duty of confidentiality first' },
    detail: {
      ja: '支援会議（社会福祉法第106条の6）の資料を見る前に、守秘義務を確認してください。',
      en: 'Before the first access to a support conference (Social Welfare Act art. 106-6), acknowledge the duty of confidentiality.',
    },
  },
  conference_consent_missing: {
    title: { ja: '同意のない参加機関があります', en: 'An agency lacks the person’s consent' },
    detail: {
      ja: '重層的支援会議では、参加する関係機関ごとに本人の同意が必要です（同意なしで話し合うには支援会議として開きます）。',
      en: 'A multi-layered support meeting needs the person’s consent for each agency (or hold it as a support conference under art. 106-6).',
    },
  },
});

// Mail leaves the system's protection: the agency is told that a referral arrived, never about whom.
registerStaffAlertTemplate('referral.received', {
  subject: '【つながり】関係機関への紹介が届きました',
  lead: 'あなたの機関あてに紹介が届きました。内容はシステムで確認してください。',
});

export type AgenciesContext = { clock: Clock; config: Pick<Config, 'dataKeys' | 'publicUrl'> };
type AgencyRow = typeof agencies.$inferSelect;
type ReferralRow = typeof referrals.$inferSelect;
type ConferenceRow = typeof conferences.$inferSelect;
type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

const seal = (ctx: AgenciesContext, value: string, context: string) =>
  encryptField(value, ctx.config.dataKeys, context);
const open = (ctx: AgenciesContext, value: string, context: string) =>
  decryptField(value, ctx.config.dataKeys, context);
const today = (ctx: AgenciesContext) => isoDateInTokyo(ctx.clock.now());

// ── agencies and members ──────────────────────────────────────────────────────────────────────────

async function memberNames(tx: Tx, tenant: string, agencyIds: string[]) {
  if (agencyIds.length === 0) return new Map<string, { accountId: string; displayName: string }[]>();
  const found = await tx
    .select({
      agencyId: agencyMembers.agencyId,
      accountId: agencyMembers.accountId,
      displayName: sql<string>`a.display_name`,
    })
    .from(agencyMembers)
    .innerJoin(sql`accounts a`, sql`a.id = ${agencyMembers.accountId}`)
    .where(and(eq(agencyMembers.municipalityCode, tenant), inArray(agencyMembers.agencyId, agencyIds)))
    .orderBy(asc(agencyMembers.createdAt));
  const map = new Map<string, { accountId: string; displayName: string }[]>();
  for (const m of found)
    map.set(m.agencyId, [
      ...(map.get(m.agencyId) ?? []),
      { accountId: m.accountId, displayName: m.displayName },
    ]);
  return map;
}

function presentAgency(a: AgencyRow, members: { accountId: string; displayName: string }[]) {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    contact: a.contact,
    active: a.active,
    members,
    version: a.version,
  };
}

export async function listAgencies(tx: Tx, tenant: string) {
  const found = await tx
    .select()
    .from(agencies)
    .where(eq(agencies.municipalityCode, tenant))
    .orderBy(asc(agencies.kind), asc(agencies.name));
  const members = await memberNames(
    tx,
    tenant,
    found.map((a) => a.id),
  );
  return {
    items: found.map((a) => presentAgency(a, members.get(a.id) ?? [])),
    total: found.length,
    nextCursor: null,
  };
}

export async function getAgency(tx: Tx, tenant: string, id: string): Promise<AgencyRow> {
  const [found] = await tx
    .select()
    .from(agencies)
    .where(and(eq(agencies.municipalityCode, tenant), eq(agencies.id, id)));
  if (!found) throw notFound();
  return found;
}

export async function agencyView(tx: Tx, tenant: string, id: string) {
  const a = await getAgency(tx, tenant, id);
  return presentAgency(a, (await memberNames(tx, tenant, [id])).get(id) ?? []);
}

const nameTaken = () =>
  fieldError('/body/name', '同じ名前の関係機関があります', 'An agency with this name exists', 'conflict');

export async function createAgency(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  input: z.output<typeof AgencyInput>,
  id?: string,
) {
  const [existing] = await tx
    .select({ id: agencies.id })
    .from(agencies)
    .where(and(eq(agencies.municipalityCode, tenant), eq(agencies.name, input.name)));
  if (existing) throw nameTaken();
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(agencies)
    .values({ ...(id ? { id } : {}), municipalityCode: tenant, ...input, createdAt: now, updatedAt: now })
    .returning();
  return row!;
}

export async function updateAgency(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  id: string,
  input: z.output<typeof AgencyInput> & { version: number },
) {
  const current = await getAgency(tx, tenant, id);
  const { version, ...fields } = input;
  if (fields.name !== current.name) {
    const [other] = await tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(and(eq(agencies.municipalityCode, tenant), eq(agencies.name, fields.name)));
    if (other) throw nameTaken();
  }
  const [row] = await tx
    .update(agencies)
    .set({ ...fields, version: version + 1, updatedAt: ctx.clock.now() })
    .where(and(eq(agencies.municipalityCode, tenant), eq(agencies.id, id), eq(agencies.version, version)))
    .returning();
  if (!row) throw conflict({ current: await agencyView(tx, tenant, id), yours: input });
  return row;
}

/** Links an account with the agency_member role of this tenant to the agency (moves it if linked). */
export async function addAgencyMember(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  agencyId: string,
  accountId: string,
) {
  await getAgency(tx, tenant, agencyId);
  // Another tenant's or a made-up account is a bad reference (400); one of ours without the role, 422.
  const account = await getAccount(tx, accountId).catch(() => null);
  if (!account || account.tenantCode !== tenant)
    throw fieldError(
      '/body/accountId',
      'この自治体のアカウントを選んでください',
      'Choose an account of this municipality',
    );
  if (!account.roles.includes('agency_member'))
    throw new AppError(422, 'agency_member_invalid', {
      errors: [
        {
          pointer: '/body/accountId',
          message: { ja: '関係機関の役割がありません', en: 'Not an agency member' },
        },
      ],
    });
  await tx
    .insert(agencyMembers)
    .values({ municipalityCode: tenant, agencyId, accountId, createdAt: ctx.clock.now() })
    .onConflictDoUpdate({
      target: [agencyMembers.municipalityCode, agencyMembers.accountId],
      set: { agencyId },
    });
}

/** The agency an account acts for, or null. */
export async function agencyOfAccount(tx: Tx, tenant: string, accountId: string): Promise<AgencyRow | null> {
  const [found] = await tx
    .select({ agency: agencies })
    .from(agencyMembers)
    .innerJoin(agencies, and(eq(agencies.id, agencyMembers.agencyId), eq(agencies.municipalityCode, tenant)))
    .where(and(eq(agencyMembers.municipalityCode, tenant), eq(agencyMembers.accountId, accountId)));
  return found?.agency ?? null;
}

/** Agency names of accounts (for the person's access report: organisations, never staff names). */
export async function agencyNamesOfAccounts(tx: Tx, tenant: string, accountIds: string[]) {
  const map = new Map<string, string>();
  if (accountIds.length === 0) return map;
  const found = await tx
    .select({ accountId: agencyMembers.accountId, name: agencies.name })
    .from(agencyMembers)
    .innerJoin(agencies, eq(agencies.id, agencyMembers.agencyId))
    .where(and(eq(agencyMembers.municipalityCode, tenant), inArray(agencyMembers.accountId, accountIds)));
  for (const f of found) map.set(f.accountId, f.name);
  return map;
}

// ── lawful basis ──────────────────────────────────────────────────────────────────────────────────

const CONSENT_STATE_TEXT = {
  missing: { ja: '記録がありません', en: 'no record' },
  refused: { ja: '本人が同意していません', en: 'refused' },
  withdrawn: { ja: '撤回されています', en: 'withdrawn' },
  expired: { ja: '期限が切れています', en: 'expired' },
} as const;

/**
 * A 支援会議 (106-6) item that names this person and agency as a basis for sharing. The item records
 * its own basis when it is added, so that column decides, not the item's kind: a decision to share
 * may be entered as a 決定 or as a 共有 record (issue 22: a share decided with the 地域支援センター
 * was entered as 共有 and the referral resting on it was refused because only 決定 were looked at).
 */
async function conferenceDecision(tx: Tx, tenant: string, personIds: string[], agencyId: string) {
  const [found] = await tx
    .select({ id: conferenceItems.id })
    .from(conferenceItems)
    .innerJoin(conferences, eq(conferences.id, conferenceItems.conferenceId))
    .where(
      and(
        eq(conferenceItems.municipalityCode, tenant),
        eq(conferenceItems.basis, 'support_conference'),
        eq(conferenceItems.agencyId, agencyId),
        inArray(conferenceItems.personId, personIds),
        eq(conferences.kind, 'support_conference'),
      ),
    )
    .orderBy(desc(conferenceItems.createdAt))
    .limit(1);
  return found?.id ?? null;
}

export type Basis =
  | { ok: true; basis: 'consent'; consentId: string }
  | { ok: true; basis: 'support_conference'; conferenceItemId: string }
  | { ok: false; consentState: 'missing' | 'refused' | 'withdrawn' | 'expired' };

/** Consent naming this agency for referral, else a 支援会議 decision; otherwise why not. */
export async function lawfulBasis(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  personIds: string[],
  agencyId: string,
): Promise<Basis> {
  const consent = await agencyConsent(tx, ctx, tenant, personIds, 'agency_referral', agencyId);
  if (consent.state === 'given') return { ok: true, basis: 'consent', consentId: consent.recordId! };
  const decision = await conferenceDecision(tx, tenant, personIds, agencyId);
  if (decision) return { ok: true, basis: 'support_conference', conferenceItemId: decision };
  return { ok: false, consentState: consent.state };
}

/** Is the basis a referral was sent on still in force? A consent basis follows the latest consent record. */
async function basisInForce(tx: Tx, ctx: AgenciesContext, r: ReferralRow): Promise<boolean> {
  if (r.basis === 'support_conference') return true;
  const person = await personBasics(tx, ctx, r.municipalityCode, r.personId);
  if (!person) return false;
  const consent = await agencyConsent(tx, ctx, r.municipalityCode, person.ids, 'agency_referral', r.agencyId);
  return consent.state === 'given';
}

// ── referrals ─────────────────────────────────────────────────────────────────────────────────────

type AgencyNote = { status: ReferralStatus; text: string; at: string };
const notesOf = (ctx: AgenciesContext, r: ReferralRow): AgencyNote[] =>
  JSON.parse(
    decryptOptional(r.agencyNotesEncrypted, ctx.config.dataKeys, AGENCY_CONTEXTS.agencyNotes) ?? '[]',
  );

async function eventsOf(tx: Tx, r: ReferralRow) {
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
    throw fieldError('/body/agencyId', '関係機関が見つかりません', 'Unknown agency');
  });
  if (!agency.active)
    throw fieldError('/body/agencyId', 'この関係機関は休止中です', 'This agency is inactive');
  const basis = await lawfulBasis(tx, ctx, tenant, [person.id, ...person.mergedIds], agency.id);
  if (!basis.ok) {
    const state = CONSENT_STATE_TEXT[basis.consentState];
    throw new AppError(422, 'referral_basis_missing', {
      detail: {
        ja: `「${agency.name}」への紹介（関係機関への紹介）について、本人の同意がありません（${state.ja}）。支援会議（社会福祉法第106条の6）でこの機関との共有を決めた記録もありません。紹介するには、この機関を名指しした本人の同意を記録してください。`,
        en: `No consent of the person to a referral to “${agency.name}” (${state.en}), and no support-conference decision (Social Welfare Act art. 106-6) covering this agency. Record the person’s consent naming this agency first.`,
      },
      extra: {
        missing: {
          consent: { purpose: 'agency_referral', agencyId: agency.id, state: basis.consentState },
          conferenceDecision: true,
        },
      },
    });
  }
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
async function workerOf(tx: Tx, accountId: string) {
  const account = await getAccount(tx, accountId).catch(() => null);
  return { displayName: account?.displayName ?? '', email: account?.email ?? '' };
}

async function referralRow(tx: Tx, tenant: string, id: string, agencyId?: string) {
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

const TRANSITIONS: Record<string, { from: ReferralStatus[]; to: ReferralStatus }> = {
  accept: { from: ['requested'], to: 'accepted' },
  decline: { from: ['requested'], to: 'declined' },
  progress: { from: ['accepted'], to: 'in_progress' },
  complete: { from: ['accepted', 'in_progress'], to: 'completed' },
  withdraw: { from: ['requested', 'accepted', 'in_progress'], to: 'withdrawn' },
};
export type ReferralAction = keyof typeof TRANSITIONS;

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
  const step = TRANSITIONS[action]!;
  if (r.version !== input.version)
    throw conflict({ current: { status: r.status, version: r.version }, yours: input });
  if (!step.from.includes(r.status))
    throw new AppError(409, 'referral_transition_invalid', {
      detail: {
        ja: `現在の状態（${r.status}）からはこの操作はできません。`,
        en: `Not possible from the current state (${r.status}).`,
      },
    });
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

// ── the receiving agency ──────────────────────────────────────────────────────────────────────────

export async function myAgency(tx: Tx, tenant: string, actor: Actor): Promise<AgencyRow> {
  const agency = await agencyOfAccount(tx, tenant, actor.accountId);
  if (!agency) throw new AppError(403, 'agency_not_linked');
  return agency;
}

export async function inbox(tx: Tx, ctx: AgenciesContext, tenant: string, actor: Actor) {
  const agency = await myAgency(tx, tenant, actor);
  const found = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.municipalityCode, tenant), eq(referrals.agencyId, agency.id)))
    .orderBy(desc(referrals.requestedAt))
    .limit(200);
  const items = [];
  for (const r of found) items.push(await inboxItem(tx, ctx, r));
  return { agency: { id: agency.id, name: agency.name }, items, total: items.length, nextCursor: null };
}

/**
 * A referral as the agency lists it: who it is about (the nickname, while the basis is in force —
 * the referral shares no more) and who sent it. The route audits the nickname as a read of the person.
 */
async function inboxItem(tx: Tx, ctx: AgenciesContext, r: ReferralRow) {
  const inForce = r.status !== 'withdrawn' && (await basisInForce(tx, ctx, r));
  const person = inForce ? await personBasics(tx, ctx, r.municipalityCode, r.personId) : null;
  return {
    id: r.id,
    personId: r.personId,
    personNickname: person?.nickname ?? '',
    requestedBy: await workerOf(tx, r.requestedBy),
    status: r.status,
    basis: r.basis,
    basisInForce: inForce,
    requestedAt: r.requestedAt.toISOString(),
    version: r.version,
  };
}

/**
 * A referral of the caller's agency (another agency's → 404). With `needBasis`, refuses (403
 * referral_basis_ended) when the consent it was sent on is no longer in force: sharing stops at once.
 */
export async function referralForAgency(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  actor: Actor,
  id: string,
  needBasis: boolean,
) {
  const agency = await myAgency(tx, tenant, actor);
  const r = await referralRow(tx, tenant, id, agency.id);
  if (r.status === 'withdrawn' && needBasis) throw new AppError(403, 'referral_basis_ended');
  if (needBasis && !(await basisInForce(tx, ctx, r))) throw new AppError(403, 'referral_basis_ended');
  return r;
}

export async function sharedView(tx: Tx, ctx: AgenciesContext, r: ReferralRow) {
  const { personId: _, ...item } = await inboxItem(tx, ctx, r);
  return {
    ...item,
    basisInForce: true,
    summary: open(ctx, r.summaryEncrypted, AGENCY_CONTEXTS.summary),
    agencyNotes: notesOf(ctx, r),
    events: await eventsOf(tx, r),
  };
}

/** Referrals of these persons, decrypted (disclosure drafts). */
export async function referralHoldings(tx: Tx, ctx: AgenciesContext, tenant: string, personIds: string[]) {
  const found = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.municipalityCode, tenant), inArray(referrals.personId, personIds)))
    .orderBy(asc(referrals.requestedAt));
  const names = new Map(
    (await tx.select().from(agencies).where(eq(agencies.municipalityCode, tenant))).map((a) => [
      a.id,
      a.name,
    ]),
  );
  return found.map((r) => ({
    source: { table: 'referrals', id: r.id },
    kind: 'referral',
    at: r.requestedAt.toISOString(),
    origin: 'staff' as const,
    content: {
      agency: names.get(r.agencyId) ?? '',
      status: r.status,
      basis: r.basis,
      summary: open(ctx, r.summaryEncrypted, AGENCY_CONTEXTS.summary),
      agencyNotes: notesOf(ctx, r),
    },
  }));
}

// ── conferences ───────────────────────────────────────────────────────────────────────────────────

async function accountInTenant(
  tx: Tx,
  tenant: string,
  accountId: string,
  pointer = '/body/memberAccountIds',
) {
  const account = await getAccount(tx, accountId).catch(() => null);
  if (!account || account.tenantCode !== tenant || account.status !== 'active')
    throw fieldError(pointer, 'この自治体のアカウントではありません', 'Not an account of this municipality');
  return account;
}

export async function createConference(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  actor: Actor,
  input: z.output<typeof CreateConferenceBody>,
  id?: string,
): Promise<ConferenceRow> {
  const personIds: string[] = [];
  const allIds: string[][] = [];
  for (const pid of input.personIds) {
    const { person } = await loadPerson(tx, ctx, tenant, actor, pid);
    personIds.push(person.id);
    allIds.push([person.id, ...person.mergedIds]);
  }
  const memberIds = [...new Set([actor.accountId, ...input.memberAccountIds])];
  const members: { accountId: string; agencyId: string | null }[] = [];
  for (const accountId of memberIds) {
    await accountInTenant(tx, tenant, accountId);
    members.push({ accountId, agencyId: (await agencyOfAccount(tx, tenant, accountId))?.id ?? null });
  }
  if (input.kind === 'multilayer') {
    // 重層的支援会議: consented cases only: each agency present needs the person's consent.
    for (const ids of allIds)
      for (const m of members)
        if (
          m.agencyId &&
          (await agencyConsent(tx, ctx, tenant, ids, 'agency_referral', m.agencyId)).state !== 'given'
        )
          throw new AppError(422, 'conference_consent_missing', {
            extra: { personId: ids[0], agencyId: m.agencyId },
          });
  }
  const [row] = await tx
    .insert(conferences)
    .values({
      ...(id ? { id } : {}),
      municipalityCode: tenant,
      kind: input.kind,
      title: input.title,
      heldOn: input.heldOn,
      personIds,
      agendaEncrypted: seal(ctx, input.agenda, AGENCY_CONTEXTS.agenda),
      createdBy: actor.accountId,
      createdAt: ctx.clock.now(),
    })
    .returning();
  await tx.insert(conferenceMembers).values(
    members.map((m) => ({
      municipalityCode: tenant,
      conferenceId: row!.id,
      accountId: m.accountId,
      agencyId: m.agencyId,
      acknowledgedAt: m.accountId === actor.accountId && input.acknowledge ? ctx.clock.now() : null,
    })),
  );
  return row!;
}

export async function listConferences(tx: Tx, tenant: string, actor: Actor) {
  const found = await tx
    .select({ c: conferences, acknowledgedAt: conferenceMembers.acknowledgedAt })
    .from(conferenceMembers)
    .innerJoin(conferences, eq(conferences.id, conferenceMembers.conferenceId))
    .where(
      and(eq(conferenceMembers.municipalityCode, tenant), eq(conferenceMembers.accountId, actor.accountId)),
    )
    .orderBy(desc(conferences.heldOn));
  const counts = await tx
    .select({ id: conferenceMembers.conferenceId, n: sql<number>`count(*)::int` })
    .from(conferenceMembers)
    .where(eq(conferenceMembers.municipalityCode, tenant))
    .groupBy(conferenceMembers.conferenceId);
  const n = new Map(counts.map((c) => [c.id, c.n]));
  const items = found.map(({ c, acknowledgedAt }) => ({
    id: c.id,
    kind: c.kind,
    title: c.title,
    heldOn: c.heldOn,
    acknowledged: acknowledgedAt !== null,
    memberCount: n.get(c.id) ?? 0,
  }));
  return { items, total: items.length, nextCursor: null };
}

/**
 * A conference the caller is a member of (else 404: closed to non-members, existence included).
 * For a 支援会議, `needAcknowledged` refuses (403) until the member has acknowledged confidentiality.
 */
export async function conferenceForMember(
  tx: Tx,
  tenant: string,
  actor: Actor,
  id: string,
  needAcknowledged: boolean,
) {
  const [found] = await tx
    .select({ c: conferences, acknowledgedAt: conferenceMembers.acknowledgedAt })
    .from(conferenceMembers)
    .innerJoin(conferences, eq(conferences.id, conferenceMembers.conferenceId))
    .where(
      and(
        eq(conferenceMembers.municipalityCode, tenant),
        eq(conferenceMembers.accountId, actor.accountId),
        eq(conferenceMembers.conferenceId, id),
      ),
    );
  if (!found) throw notFound();
  if (needAcknowledged && found.c.kind === 'support_conference' && !found.acknowledgedAt)
    throw new AppError(403, 'confidentiality_not_acknowledged');
  return found.c;
}

export async function acknowledgeConfidentiality(
  tx: Tx,
  ctx: AgenciesContext,
  c: ConferenceRow,
  actor: Actor,
) {
  await tx
    .update(conferenceMembers)
    .set({ acknowledgedAt: ctx.clock.now() })
    .where(
      and(
        eq(conferenceMembers.municipalityCode, c.municipalityCode),
        eq(conferenceMembers.conferenceId, c.id),
        eq(conferenceMembers.accountId, actor.accountId),
        sql`${conferenceMembers.acknowledgedAt} is null`,
      ),
    );
}

function presentItem(
  ctx: AgenciesContext,
  i: typeof conferenceItems.$inferSelect,
  agencyNames: Map<string, string> = new Map(),
) {
  return {
    id: i.id,
    kind: i.kind,
    personId: i.personId,
    text: open(ctx, i.textEncrypted, AGENCY_CONTEXTS.item),
    ownerLabel: i.ownerLabel,
    ownerAgencyId: i.ownerAgencyId,
    due: i.due,
    agencyId: i.agencyId,
    agencyName: i.agencyId ? (agencyNames.get(i.agencyId) ?? null) : null,
    basis: i.basis,
    scope: decryptOptional(i.scopeEncrypted, ctx.config.dataKeys, AGENCY_CONTEXTS.scope) ?? '',
    createdAt: i.createdAt.toISOString(),
  };
}

async function agencyNameMap(tx: Tx, tenant: string) {
  const found = await tx
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(eq(agencies.municipalityCode, tenant));
  return new Map(found.map((a) => [a.id, a.name]));
}

async function itemsOf(tx: Tx, c: ConferenceRow) {
  return tx
    .select()
    .from(conferenceItems)
    .where(
      and(eq(conferenceItems.municipalityCode, c.municipalityCode), eq(conferenceItems.conferenceId, c.id)),
    )
    .orderBy(asc(conferenceItems.seq));
}

export async function conferenceDetail(
  tx: Tx,
  ctx: AgenciesContext,
  c: ConferenceRow,
): Promise<ConferenceDetail> {
  const members = await tx
    .select({
      accountId: conferenceMembers.accountId,
      acknowledgedAt: conferenceMembers.acknowledgedAt,
      displayName: sql<string>`a.display_name`,
      agencyName: sql<string | null>`ag.name`,
    })
    .from(conferenceMembers)
    .innerJoin(sql`accounts a`, sql`a.id = ${conferenceMembers.accountId}`)
    .leftJoin(sql`agencies ag`, sql`ag.id = ${conferenceMembers.agencyId}`)
    .where(
      and(
        eq(conferenceMembers.municipalityCode, c.municipalityCode),
        eq(conferenceMembers.conferenceId, c.id),
      ),
    );
  const persons = [];
  for (const id of c.personIds) {
    const p = await personBasics(tx, ctx, c.municipalityCode, id);
    if (p) persons.push({ id, nickname: p.nickname });
  }
  const names = await agencyNameMap(tx, c.municipalityCode);
  const [versions] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(conferenceMinutes)
    .where(
      and(
        eq(conferenceMinutes.municipalityCode, c.municipalityCode),
        eq(conferenceMinutes.conferenceId, c.id),
      ),
    );
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    heldOn: c.heldOn,
    personIds: c.personIds,
    persons,
    agenda: open(ctx, c.agendaEncrypted, AGENCY_CONTEXTS.agenda),
    minutes: decryptOptional(c.minutesEncrypted, ctx.config.dataKeys, AGENCY_CONTEXTS.minutes) ?? '',
    minutesVersions: versions?.n ?? 0,
    members: members.map((m) => ({
      accountId: m.accountId,
      displayName: m.displayName,
      agencyName: m.agencyName,
      internal: m.agencyName === null,
      acknowledged: m.acknowledgedAt !== null,
    })),
    items: (await itemsOf(tx, c)).map((i) => presentItem(ctx, i, names)),
    version: c.version,
  };
}

/** Puts a person of the tenant the caller may see on the agenda (idempotent). */
export async function addConferencePerson(
  tx: Tx,
  ctx: AgenciesContext,
  c: ConferenceRow,
  actor: Actor,
  personId: string,
) {
  const { person } = await loadPerson(tx, ctx, c.municipalityCode, actor, personId).catch(() => {
    throw fieldError('/body/personId', '本人が見つかりません', 'Person not found');
  });
  if (c.kind === 'multilayer') {
    // The same rule as at creation: each agency present needs this person's consent.
    const members = await tx
      .select({ agencyId: conferenceMembers.agencyId })
      .from(conferenceMembers)
      .where(
        and(
          eq(conferenceMembers.municipalityCode, c.municipalityCode),
          eq(conferenceMembers.conferenceId, c.id),
        ),
      );
    for (const m of members)
      if (
        m.agencyId &&
        (
          await agencyConsent(
            tx,
            ctx,
            c.municipalityCode,
            [person.id, ...person.mergedIds],
            'agency_referral',
            m.agencyId,
          )
        ).state !== 'given'
      )
        throw new AppError(422, 'conference_consent_missing', {
          extra: { personId: person.id, agencyId: m.agencyId },
        });
  }
  if (c.personIds.includes(person.id)) return c;
  const [row] = await tx
    .update(conferences)
    .set({ personIds: [...c.personIds, person.id], version: c.version + 1 })
    .where(and(eq(conferences.municipalityCode, c.municipalityCode), eq(conferences.id, c.id)))
    .returning();
  return row!;
}

/** Adds an account of the tenant (municipal staff or an agency member) as a participant. */
export async function addConferenceParticipant(
  tx: Tx,
  ctx: AgenciesContext,
  c: ConferenceRow,
  accountId: string,
) {
  await accountInTenant(tx, c.municipalityCode, accountId, '/body/accountId');
  const agencyId = (await agencyOfAccount(tx, c.municipalityCode, accountId))?.id ?? null;
  if (c.kind === 'multilayer' && agencyId)
    for (const pid of c.personIds) {
      const ids = (await personBasics(tx, ctx, c.municipalityCode, pid))?.ids ?? [pid];
      if (
        (await agencyConsent(tx, ctx, c.municipalityCode, ids, 'agency_referral', agencyId)).state !== 'given'
      )
        throw new AppError(422, 'conference_consent_missing', { extra: { personId: pid, agencyId } });
    }
  await tx
    .insert(conferenceMembers)
    .values({ municipalityCode: c.municipalityCode, conferenceId: c.id, accountId, agencyId })
    .onConflictDoNothing();
}

/** Who may be asked to take part: active accounts of the tenant, staff first, then agency members. */
export async function conferenceCandidates(tx: Tx, tenant: string) {
  const found = await rows<{ account_id: string; display_name: string; agency_name: string | null }>(
    tx,
    sql`select a.id as account_id, a.display_name, ag.name as agency_name
          from accounts a
          left join agency_members m on m.account_id = a.id and m.municipality_code = ${tenant}
          left join agencies ag on ag.id = m.agency_id
         where a.tenant_code = ${tenant} and a.scope = 'tenant' and a.status = 'active'
           and not a.email_in_use_elsewhere
         order by (ag.name is not null), ag.name, a.display_name`,
  );
  return {
    items: found.map((r) => ({
      accountId: r.account_id,
      displayName: r.display_name,
      agencyName: r.agency_name,
    })),
  };
}

/** Every saved version of the minutes, newest first, with who saved it. */
export async function minutesVersions(tx: Tx, ctx: AgenciesContext, c: ConferenceRow) {
  const found = await tx
    .select({ v: conferenceMinutes, savedByName: sql<string>`a.display_name` })
    .from(conferenceMinutes)
    .innerJoin(sql`accounts a`, sql`a.id = ${conferenceMinutes.savedBy}`)
    .where(
      and(
        eq(conferenceMinutes.municipalityCode, c.municipalityCode),
        eq(conferenceMinutes.conferenceId, c.id),
      ),
    )
    .orderBy(desc(conferenceMinutes.n));
  return {
    items: found.map(({ v, savedByName }) => ({
      n: v.n,
      minutes: open(ctx, v.minutesEncrypted, AGENCY_CONTEXTS.minutesVersion),
      savedAt: v.savedAt.toISOString(),
      savedByName,
    })),
  };
}

export async function conferenceMaterials(tx: Tx, ctx: AgenciesContext, c: ConferenceRow) {
  return {
    minutes: decryptOptional(c.minutesEncrypted, ctx.config.dataKeys, AGENCY_CONTEXTS.minutes) ?? '',
    materials: (await itemsOf(tx, c)).filter((i) => i.kind === 'material').map((i) => presentItem(ctx, i)),
  };
}

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
      throw fieldError(
        '/body/personId',
        'この会議で扱う本人ではありません',
        'Not a person of this conference',
      );
    ids = (await personBasics(tx, ctx, tenant, input.personId))?.ids ?? [input.personId];
  }
  for (const [pointer, agencyId] of [
    ['/body/agencyId', input.agencyId],
    ['/body/ownerAgencyId', input.ownerAgencyId],
  ] as const)
    if (agencyId)
      await getAgency(tx, tenant, agencyId).catch(() => {
        throw fieldError(pointer, '関係機関が見つかりません', 'Unknown agency');
      });
  let basis: 'consent' | 'support_conference' | null = null;
  const names = input.agencyId !== null && (input.kind === 'share' || input.kind === 'decision');
  if (input.agencyId && names) {
    if (!ids) throw fieldError('/body/personId', '本人を選んでください', 'Choose the person');
    // Sharing is limited to what the agency needs: the decision says what that is.
    if (!input.scope.trim())
      throw fieldError(
        '/body/scope',
        '共有してよい内容を入力してください',
        'Say what may be shared with the agency',
      );
    if (c.kind === 'support_conference') basis = 'support_conference';
    else {
      const consent = await agencyConsent(tx, ctx, tenant, ids, 'agency_referral', input.agencyId);
      if (consent.state !== 'given')
        throw new AppError(422, 'referral_basis_missing', { extra: { consent: consent.state } });
      basis = 'consent';
    }
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
    .innerJoin(conferences, eq(conferences.id, conferenceItems.conferenceId))
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

// ── retention ─────────────────────────────────────────────────────────────────────────────────────

/** Retention purge (runs as the owner): removes a person's referrals and conference items about them. */
export async function purgePersonSharing(tx: Tx, tenant: string, personIds: string[]) {
  const refs = await tx
    .delete(referrals)
    .where(and(eq(referrals.municipalityCode, tenant), inArray(referrals.personId, personIds)))
    .returning({ id: referrals.id });
  const events =
    refs.length === 0
      ? []
      : await tx
          .delete(referralEvents)
          .where(
            and(
              eq(referralEvents.municipalityCode, tenant),
              inArray(
                referralEvents.referralId,
                refs.map((r) => r.id),
              ),
            ),
          )
          .returning({ id: referralEvents.id });
  const items = await tx
    .delete(conferenceItems)
    .where(and(eq(conferenceItems.municipalityCode, tenant), inArray(conferenceItems.personId, personIds)))
    .returning({ id: conferenceItems.id });
  // The person no longer appears among a conference's cases.
  for (const id of personIds)
    await tx.execute(
      sql`update conferences set person_ids = array_remove(person_ids, ${id}::uuid) where municipality_code = ${tenant} and ${id}::uuid = any(person_ids)`,
    );
  return { referrals: refs.length, referral_events: events.length, conference_items: items.length };
}

/** Conferences held before `before` (YYYY-MM-DD): their minutes and items reach retention. */
export async function conferencesHeldBefore(tx: Tx, tenant: string, before: string) {
  const found = await tx
    .select({ id: conferences.id })
    .from(conferences)
    .where(and(eq(conferences.municipalityCode, tenant), sql`${conferences.heldOn} < ${before}::date`));
  return found.map((c) => c.id);
}

export async function purgeConference(tx: Tx, tenant: string, id: string) {
  const items = await tx
    .delete(conferenceItems)
    .where(and(eq(conferenceItems.municipalityCode, tenant), eq(conferenceItems.conferenceId, id)))
    .returning({ id: conferenceItems.id });
  const members = await tx
    .delete(conferenceMembers)
    .where(and(eq(conferenceMembers.municipalityCode, tenant), eq(conferenceMembers.conferenceId, id)))
    .returning({ id: conferenceMembers.id });
  const minutes = await tx
    .delete(conferenceMinutes)
    .where(and(eq(conferenceMinutes.municipalityCode, tenant), eq(conferenceMinutes.conferenceId, id)))
    .returning({ id: conferenceMinutes.id });
  const c = await tx
    .delete(conferences)
    .where(and(eq(conferences.municipalityCode, tenant), eq(conferences.id, id)))
    .returning({ id: conferences.id });
  return {
    conferences: c.length,
    conference_items: items.length,
    conference_members: members.length,
    conference_minutes: minutes.length,
  };
}

export { today as agenciesToday };
