import { and, asc, between, desc, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { isBankKana, toBankKana } from '../../../shared/bank-kana.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError, conflict, fieldError, notFound, registerErrorMessages } from '../../platform/errors.ts';
import { isActiveAccountOfTenant } from '../accounts/accounts.service.ts';
import { ledgerMove } from '../payments/payments.ledger.ts';
import { linesOfSources, maskAccount, validateBank } from '../payments/payments.service.ts';
import type { BankAccount, PayableItem } from '../payments/payments.sources.ts';
import { getPublicPlace } from '../places/index.ts';
import { compensationFor, fiscalYearOf, monthRange } from './peers.compensation.ts';
import {
  type ACTIVITY_KINDS,
  PEERS_CONTEXTS,
  peerActivities,
  peerClaims,
  peerProgrammes,
  peerShiftSwaps,
  peerShifts,
  peerSupporters,
  type QUALIFICATIONS,
  type SUPPORTER_STATUSES,
} from './peers.tables.ts';

export type PeersContext = { config: Config; clock: Clock };

export const PEER_SOURCE_KIND = 'peer_compensation';
export const programmeKeyOf = (programmeId: string) => `peer:${programmeId}`;

registerErrorMessages({
  peers_not_a_supporter: {
    title: { ja: 'ピアサポーターとして登録されていません', en: 'Not registered as a peer supporter' },
    detail: {
      ja: '担当の職員に、ピアサポーター名簿への登録を依頼してください。',
      en: 'Ask your coordinator to add you to the peer-supporter registry.',
    },
  },
  peers_place_not_published: {
    title: { ja: '公開中の居場所を選んでください', en: 'Choose a published place' },
  },
  peers_nothing_to_claim: {
    title: { ja: '請求できる活動記録がありません', en: 'No activity records to claim' },
    detail: {
      ja: 'この月・事業の未請求の活動記録がありません。',
      en: 'There are no unclaimed activity records for this month and programme.',
    },
  },
  peers_own_claim: {
    title: { ja: '自分が提出した請求は承認できません', en: 'You cannot approve a claim you submitted' },
  },
  peers_claim_state: {
    title: { ja: 'この請求ではその操作はできません', en: 'Not possible for this claim' },
  },
  peers_swap_state: {
    title: { ja: 'この交代依頼ではその操作はできません', en: 'Not possible for this swap request' },
  },
});

const last4 = (n: string) => n.slice(-4).padStart(4, '0');

// -------------------------------------------------------------------------------------------------
// Programmes

export type ProgrammeView = {
  id: string;
  name: string;
  hourlyRate: number;
  withholdingRateBp: number;
  active: boolean;
};

const programmeView = (p: typeof peerProgrammes.$inferSelect): ProgrammeView => ({
  id: p.id,
  name: p.name,
  hourlyRate: p.hourlyRate,
  withholdingRateBp: p.withholdingRateBp,
  active: p.active === 1,
});

export async function listProgrammes(tx: Tx, tenant: string): Promise<ProgrammeView[]> {
  const found = await tx
    .select()
    .from(peerProgrammes)
    .where(eq(peerProgrammes.municipalityCode, tenant))
    .orderBy(asc(peerProgrammes.name));
  return found.map(programmeView);
}

export async function createProgramme(
  tx: Tx,
  ctx: PeersContext,
  tenant: string,
  input: { name: string; hourlyRate: number; withholdingRateBp: number },
): Promise<ProgrammeView> {
  const existing = await tx
    .select({ id: peerProgrammes.id })
    .from(peerProgrammes)
    .where(and(eq(peerProgrammes.municipalityCode, tenant), eq(peerProgrammes.name, input.name)));
  if (existing.length > 0)
    throw fieldError('/name', '同じ名前の事業があります', 'A programme of this name exists');
  const [row] = await tx
    .insert(peerProgrammes)
    .values({ municipalityCode: tenant, ...input, createdAt: ctx.clock.now() })
    .returning();
  return programmeView(row as typeof peerProgrammes.$inferSelect);
}

export async function updateProgramme(
  tx: Tx,
  tenant: string,
  id: string,
  input: { hourlyRate: number; withholdingRateBp: number; active: boolean },
): Promise<ProgrammeView> {
  const [row] = await tx
    .update(peerProgrammes)
    .set({
      hourlyRate: input.hourlyRate,
      withholdingRateBp: input.withholdingRateBp,
      active: input.active ? 1 : 0,
    })
    .where(and(eq(peerProgrammes.municipalityCode, tenant), eq(peerProgrammes.id, id)))
    .returning();
  if (!row) throw notFound();
  return programmeView(row);
}

async function programmeRow(tx: Tx, tenant: string, id: string) {
  const [p] = await tx
    .select()
    .from(peerProgrammes)
    .where(and(eq(peerProgrammes.municipalityCode, tenant), eq(peerProgrammes.id, id)));
  if (!p) throw fieldError('/programmeId', '事業が見つかりません', 'No such programme');
  return p;
}

// -------------------------------------------------------------------------------------------------
// Supporters

type SupporterRow = typeof peerSupporters.$inferSelect;

export type SupporterView = {
  id: string;
  accountId: string | null;
  displayName: string;
  coordinatorAccountId: string;
  status: (typeof SUPPORTER_STATUSES)[number];
  qualification: (typeof QUALIFICATIONS)[number];
  availabilityMask: number;
  availabilityNote: string | null;
  /** Only for the coordinator and the supporter; otherwise null with `livedExperienceHidden`. */
  livedExperience: string | null;
  livedExperienceHidden: boolean;
  bankAccount: string | null;
  version: number;
};

function supporterView(ctx: PeersContext, s: SupporterRow, viewer: Actor): SupporterView {
  const mayReadExperience = viewer.accountId === s.coordinatorAccountId || viewer.accountId === s.accountId;
  return {
    id: s.id,
    accountId: s.accountId,
    displayName: s.displayName,
    coordinatorAccountId: s.coordinatorAccountId,
    status: s.status,
    qualification: s.qualification,
    availabilityMask: s.availabilityMask,
    availabilityNote: s.availabilityNote,
    livedExperience:
      mayReadExperience && s.livedExperienceEncrypted
        ? decryptField(s.livedExperienceEncrypted, ctx.config.dataKeys, PEERS_CONTEXTS.livedExperience)
        : null,
    livedExperienceHidden: !mayReadExperience && s.livedExperienceEncrypted !== null,
    bankAccount: s.bankLast4 ? maskAccount(s.bankLast4) : null,
    version: s.version,
  };
}

/** True when the view included lived experience (the route audits that read separately). */
export const readLivedExperience = (v: SupporterView) => v.livedExperience !== null;

export async function supporterRow(tx: Tx, tenant: string, id: string): Promise<SupporterRow> {
  const [s] = await tx
    .select()
    .from(peerSupporters)
    .where(and(eq(peerSupporters.municipalityCode, tenant), eq(peerSupporters.id, id)));
  if (!s) throw notFound();
  return s;
}

/** The supporter record of the signed-in peer supporter. */
export async function selfSupporter(tx: Tx, tenant: string, actor: Actor): Promise<SupporterRow> {
  const [s] = await tx
    .select()
    .from(peerSupporters)
    .where(and(eq(peerSupporters.municipalityCode, tenant), eq(peerSupporters.accountId, actor.accountId)));
  if (!s) throw new AppError(403, 'peers_not_a_supporter');
  return s;
}

export async function listSupporters(tx: Tx, ctx: PeersContext, tenant: string, actor: Actor) {
  const found = await tx
    .select()
    .from(peerSupporters)
    .where(eq(peerSupporters.municipalityCode, tenant))
    .orderBy(asc(peerSupporters.displayName));
  return found.map((s) => supporterView(ctx, s, actor));
}

export async function getSupporter(tx: Tx, ctx: PeersContext, tenant: string, actor: Actor, id: string) {
  return supporterView(ctx, await supporterRow(tx, tenant, id), actor);
}

export type SupporterInput = {
  displayName: string;
  accountId?: string | null | undefined;
  coordinatorAccountId?: string | undefined;
  status: (typeof SUPPORTER_STATUSES)[number];
  qualification: (typeof QUALIFICATIONS)[number];
  availabilityMask: number;
  availabilityNote?: string | null | undefined;
  livedExperience?: string | null | undefined;
};

/**
 * The accounts a registry entry names must be active accounts of this tenant: another tenant's or a
 * made-up id is refused with 400 naming the field before anything is written (RLS would hide the row,
 * but the entry would point at nothing).
 */
async function checkSupporterAccounts(tx: Tx, tenant: string, input: SupporterInput): Promise<void> {
  if (input.accountId && !(await isActiveAccountOfTenant(tx, tenant, input.accountId)))
    throw fieldError(
      '/body/accountId',
      'この自治体の有効なアカウントを選んでください',
      'Choose an active account of this municipality',
    );
  if (input.coordinatorAccountId && !(await isActiveAccountOfTenant(tx, tenant, input.coordinatorAccountId)))
    throw fieldError(
      '/body/coordinatorAccountId',
      'この自治体の有効なアカウントを選んでください',
      'Choose an active account of this municipality',
    );
}

export async function createSupporter(
  tx: Tx,
  ctx: PeersContext,
  actor: Actor,
  tenant: string,
  input: SupporterInput,
): Promise<SupporterView> {
  await checkSupporterAccounts(tx, tenant, input);
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(peerSupporters)
    .values({
      municipalityCode: tenant,
      accountId: input.accountId ?? null,
      displayName: input.displayName,
      coordinatorAccountId: input.coordinatorAccountId ?? actor.accountId,
      status: input.status,
      qualification: input.qualification,
      availabilityMask: input.availabilityMask,
      availabilityNote: input.availabilityNote ?? null,
      livedExperienceEncrypted: input.livedExperience
        ? encryptField(input.livedExperience, ctx.config.dataKeys, PEERS_CONTEXTS.livedExperience)
        : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .catch((error: unknown) => {
      if (isUniqueViolation(error))
        throw fieldError('/accountId', 'このアカウントは登録済みです', 'This account is already registered');
      throw error;
    });
  return supporterView(ctx, row as SupporterRow, actor);
}

/**
 * Updates the registry entry (version check → 409). Lived experience is written only by the
 * coordinator (who alone reads it): `undefined` keeps it, `null` clears it.
 */
export async function updateSupporter(
  tx: Tx,
  ctx: PeersContext,
  actor: Actor,
  tenant: string,
  id: string,
  input: SupporterInput & { version: number },
): Promise<SupporterView> {
  const current = await supporterRow(tx, tenant, id);
  await checkSupporterAccounts(tx, tenant, input);
  if (input.livedExperience !== undefined && actor.accountId !== current.coordinatorAccountId) {
    throw fieldError(
      '/livedExperience',
      '経験の記録は担当コーディネーターだけが変更できます',
      'Only the coordinator changes lived experience',
    );
  }
  const [row] = await tx
    .update(peerSupporters)
    .set({
      displayName: input.displayName,
      ...(input.accountId !== undefined ? { accountId: input.accountId } : {}),
      ...(input.coordinatorAccountId ? { coordinatorAccountId: input.coordinatorAccountId } : {}),
      status: input.status,
      qualification: input.qualification,
      availabilityMask: input.availabilityMask,
      availabilityNote: input.availabilityNote ?? null,
      ...(input.livedExperience !== undefined
        ? {
            livedExperienceEncrypted: input.livedExperience
              ? encryptField(input.livedExperience, ctx.config.dataKeys, PEERS_CONTEXTS.livedExperience)
              : null,
          }
        : {}),
      version: sql`${peerSupporters.version} + 1`,
      updatedAt: ctx.clock.now(),
    })
    .where(
      and(
        eq(peerSupporters.municipalityCode, tenant),
        eq(peerSupporters.id, id),
        eq(peerSupporters.version, input.version),
      ),
    )
    .returning();
  if (!row) throw conflict({ currentVersion: current.version });
  return supporterView(ctx, row, actor);
}

/** Sets the supporter's bank account (validated against the bank list; holder name to bank kana). */
export async function setBank(
  tx: Tx,
  ctx: PeersContext,
  tenant: string,
  id: string,
  bank: BankAccount,
): Promise<void> {
  const converted = toBankKana(bank.holderName);
  if (!converted.ok) {
    throw fieldError(
      '/holderName',
      `口座名義に使えない文字があります: ${converted.invalidCharacters.join(' ')}`,
      `The holder name has characters with no bank form: ${converted.invalidCharacters.join(' ')}`,
    );
  }
  const normalised = { ...bank, holderName: converted.value.slice(0, 30) };
  validateBank(normalised, '');
  const updated = await tx
    .update(peerSupporters)
    .set({
      bankEncrypted: encryptField(JSON.stringify(normalised), ctx.config.dataKeys, PEERS_CONTEXTS.bank),
      bankLast4: last4(normalised.accountNumber),
      version: sql`${peerSupporters.version} + 1`,
      updatedAt: ctx.clock.now(),
    })
    .where(and(eq(peerSupporters.municipalityCode, tenant), eq(peerSupporters.id, id)))
    .returning({ id: peerSupporters.id });
  if (updated.length === 0) throw notFound();
}

/** Bank details in clear: finance only (the route holds payments.manage and audits each call). */
export async function revealBank(
  tx: Tx,
  ctx: PeersContext,
  tenant: string,
  id: string,
): Promise<BankAccount | null> {
  const s = await supporterRow(tx, tenant, id);
  return s.bankEncrypted
    ? (JSON.parse(decryptField(s.bankEncrypted, ctx.config.dataKeys, PEERS_CONTEXTS.bank)) as BankAccount)
    : null;
}

// -------------------------------------------------------------------------------------------------
// Shifts and swaps

export type ShiftView = {
  id: string;
  supporterId: string;
  supporterName: string;
  placeId: string;
  placeName: string;
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'cancelled';
  openSwap: { id: string; fromSupporterId: string; toSupporterId: string | null } | null;
};

async function placeName(tx: Tx, tenant: string, placeId: string): Promise<string> {
  try {
    const place = await getPublicPlace(tx, placeId);
    if (place.municipalityCode !== tenant) throw notFound();
    return place.name;
  } catch (error) {
    if (error instanceof AppError && error.status === 404)
      throw new AppError(400, 'peers_place_not_published', {
        errors: [
          {
            pointer: '/placeId',
            message: { ja: '公開中の居場所を選んでください', en: 'Choose a published place' },
          },
        ],
      });
    throw error;
  }
}

export async function createShift(
  tx: Tx,
  ctx: PeersContext,
  actor: Actor,
  tenant: string,
  input: { supporterId: string; placeId: string; startsAt: string; endsAt: string },
): Promise<{ id: string }> {
  const supporter = await supporterRow(tx, tenant, input.supporterId).catch(() => {
    throw fieldError('/supporterId', 'ピアサポーターが見つかりません', 'No such peer supporter');
  });
  if (supporter.status !== 'active') {
    throw fieldError(
      '/supporterId',
      '活動中のピアサポーターを選んでください',
      'Choose an active peer supporter',
    );
  }
  await placeName(tx, tenant, input.placeId);
  if (new Date(input.endsAt) <= new Date(input.startsAt)) {
    throw fieldError('/endsAt', '終了は開始より後にしてください', 'The end must be after the start');
  }
  const [row] = await tx
    .insert(peerShifts)
    .values({
      municipalityCode: tenant,
      supporterId: input.supporterId,
      placeId: input.placeId,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      createdBy: actor.accountId,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: peerShifts.id });
  return row as { id: string };
}

export async function listShifts(
  tx: Tx,
  tenant: string,
  query: { from: string; to: string; supporterId?: string | undefined },
): Promise<ShiftView[]> {
  const found = await tx
    .select({ shift: peerShifts, name: peerSupporters.displayName })
    .from(peerShifts)
    .innerJoin(peerSupporters, eq(peerSupporters.id, peerShifts.supporterId))
    .where(
      and(
        eq(peerShifts.municipalityCode, tenant),
        gte(peerShifts.startsAt, new Date(query.from)),
        lt(peerShifts.startsAt, new Date(query.to)),
        query.supporterId ? eq(peerShifts.supporterId, query.supporterId) : undefined,
      ),
    )
    .orderBy(asc(peerShifts.startsAt))
    .limit(500);
  const swaps = found.length
    ? await tx
        .select()
        .from(peerShiftSwaps)
        .where(
          and(
            eq(peerShiftSwaps.municipalityCode, tenant),
            eq(peerShiftSwaps.status, 'open'),
            inArray(
              peerShiftSwaps.shiftId,
              found.map((f) => f.shift.id),
            ),
          ),
        )
    : [];
  const names = new Map<string, string>();
  const out: ShiftView[] = [];
  for (const { shift, name } of found) {
    if (!names.has(shift.placeId)) {
      const place = await getPublicPlace(tx, shift.placeId).catch(() => null);
      names.set(shift.placeId, place?.name ?? '（公開終了）');
    }
    const swap = swaps.find((s) => s.shiftId === shift.id);
    out.push({
      id: shift.id,
      supporterId: shift.supporterId,
      supporterName: name,
      placeId: shift.placeId,
      placeName: names.get(shift.placeId) as string,
      startsAt: shift.startsAt.toISOString(),
      endsAt: shift.endsAt.toISOString(),
      status: shift.status,
      openSwap: swap
        ? { id: swap.id, fromSupporterId: swap.fromSupporterId, toSupporterId: swap.toSupporterId }
        : null,
    });
  }
  return out;
}

export async function cancelShift(tx: Tx, tenant: string, id: string): Promise<void> {
  const updated = await tx
    .update(peerShifts)
    .set({ status: 'cancelled' })
    .where(and(eq(peerShifts.municipalityCode, tenant), eq(peerShifts.id, id)))
    .returning({ id: peerShifts.id });
  if (updated.length === 0) throw notFound();
  await tx
    .update(peerShiftSwaps)
    .set({ status: 'withdrawn' })
    .where(
      and(
        eq(peerShiftSwaps.municipalityCode, tenant),
        eq(peerShiftSwaps.shiftId, id),
        eq(peerShiftSwaps.status, 'open'),
      ),
    );
}

/** A supporter asks a colleague (or anyone) to take one of their scheduled shifts. */
export async function requestSwap(
  tx: Tx,
  ctx: PeersContext,
  tenant: string,
  supporterId: string,
  shiftId: string,
  toSupporterId: string | null,
): Promise<{ id: string }> {
  const [shift] = await tx
    .select()
    .from(peerShifts)
    .where(
      and(
        eq(peerShifts.municipalityCode, tenant),
        eq(peerShifts.id, shiftId),
        eq(peerShifts.supporterId, supporterId),
      ),
    );
  if (!shift) throw notFound();
  if (shift.status !== 'scheduled') throw new AppError(409, 'peers_swap_state');
  if (toSupporterId) {
    const to = await supporterRow(tx, tenant, toSupporterId).catch(() => null);
    if (!to || to.id === supporterId || to.status !== 'active') {
      throw fieldError('/toSupporterId', '交代先を選び直してください', 'Choose another colleague');
    }
  }
  const [row] = await tx
    .insert(peerShiftSwaps)
    .values({
      municipalityCode: tenant,
      shiftId,
      fromSupporterId: supporterId,
      toSupporterId,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: peerShiftSwaps.id })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError(409, 'peers_swap_state');
      throw error;
    });
  return row as { id: string };
}

/** Open swap requests a supporter may accept: addressed to them or to anyone, not their own. */
export async function swapsOpenTo(tx: Tx, tenant: string, supporterId: string) {
  return tx
    .select({
      id: peerShiftSwaps.id,
      shiftId: peerShiftSwaps.shiftId,
      fromSupporterId: peerShiftSwaps.fromSupporterId,
      toSupporterId: peerShiftSwaps.toSupporterId,
      startsAt: peerShifts.startsAt,
      endsAt: peerShifts.endsAt,
      placeId: peerShifts.placeId,
    })
    .from(peerShiftSwaps)
    .innerJoin(peerShifts, eq(peerShifts.id, peerShiftSwaps.shiftId))
    .where(
      and(
        eq(peerShiftSwaps.municipalityCode, tenant),
        eq(peerShiftSwaps.status, 'open'),
        ne(peerShiftSwaps.fromSupporterId, supporterId),
        or(isNull(peerShiftSwaps.toSupporterId), eq(peerShiftSwaps.toSupporterId, supporterId)),
      ),
    )
    .orderBy(asc(peerShifts.startsAt));
}

/** The colleague takes the shift (or staff assign it to `takerId`). */
export async function acceptSwap(
  tx: Tx,
  ctx: PeersContext,
  actor: Actor,
  tenant: string,
  swapId: string,
  takerId: string,
): Promise<void> {
  const [swap] = await tx
    .select()
    .from(peerShiftSwaps)
    .where(and(eq(peerShiftSwaps.municipalityCode, tenant), eq(peerShiftSwaps.id, swapId)));
  if (!swap) throw notFound();
  if (swap.status !== 'open' || swap.fromSupporterId === takerId) throw new AppError(409, 'peers_swap_state');
  if (swap.toSupporterId && swap.toSupporterId !== takerId) throw notFound();
  const taker = await supporterRow(tx, tenant, takerId);
  if (taker.status !== 'active') throw new AppError(409, 'peers_swap_state');
  await tx
    .update(peerShiftSwaps)
    .set({
      status: 'accepted',
      acceptedBy: actor.accountId,
      decidedAt: ctx.clock.now(),
      toSupporterId: takerId,
    })
    .where(eq(peerShiftSwaps.id, swapId));
  await tx.update(peerShifts).set({ supporterId: takerId }).where(eq(peerShifts.id, swap.shiftId));
}

// -------------------------------------------------------------------------------------------------
// Activities

export type ActivityInput = {
  programmeId: string;
  shiftId?: string | null | undefined;
  activityDate: string;
  minutes: number;
  kind: (typeof ACTIVITY_KINDS)[number];
  note?: string | null | undefined;
};

export async function recordActivity(
  tx: Tx,
  ctx: PeersContext,
  actor: Actor,
  tenant: string,
  supporterId: string,
  input: ActivityInput,
): Promise<{ id: string }> {
  await programmeRow(tx, tenant, input.programmeId);
  if (input.shiftId) {
    const [shift] = await tx
      .select({ id: peerShifts.id })
      .from(peerShifts)
      .where(
        and(
          eq(peerShifts.municipalityCode, tenant),
          eq(peerShifts.id, input.shiftId),
          eq(peerShifts.supporterId, supporterId),
        ),
      );
    if (!shift) throw fieldError('/shiftId', 'このシフトは見つかりません', 'No such shift of this supporter');
  }
  const [row] = await tx
    .insert(peerActivities)
    .values({
      municipalityCode: tenant,
      supporterId,
      programmeId: input.programmeId,
      shiftId: input.shiftId ?? null,
      activityDate: input.activityDate,
      minutes: input.minutes,
      kind: input.kind,
      noteEncrypted: input.note
        ? encryptField(input.note, ctx.config.dataKeys, PEERS_CONTEXTS.activityNote)
        : null,
      createdBy: actor.accountId,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: peerActivities.id });
  return row as { id: string };
}

export async function listActivities(
  tx: Tx,
  ctx: PeersContext,
  tenant: string,
  supporterId: string,
  month?: string,
) {
  const range = month ? monthRange(month) : undefined;
  const found = await tx
    .select()
    .from(peerActivities)
    .where(
      and(
        eq(peerActivities.municipalityCode, tenant),
        eq(peerActivities.supporterId, supporterId),
        range ? between(peerActivities.activityDate, range.from, range.to) : undefined,
      ),
    )
    .orderBy(desc(peerActivities.activityDate))
    .limit(200);
  return found.map((a) => ({
    id: a.id,
    programmeId: a.programmeId,
    shiftId: a.shiftId,
    activityDate: a.activityDate,
    minutes: a.minutes,
    kind: a.kind,
    note: a.noteEncrypted
      ? decryptField(a.noteEncrypted, ctx.config.dataKeys, PEERS_CONTEXTS.activityNote)
      : null,
    claimId: a.claimId,
  }));
}

// -------------------------------------------------------------------------------------------------
// Claims

type ClaimRow = typeof peerClaims.$inferSelect;

export type ClaimView = {
  id: string;
  supporterId: string;
  supporterName: string;
  programmeId: string;
  month: string;
  fiscalYear: number;
  minutes: number;
  hourlyRate: number;
  withholdingRateBp: number;
  gross: number;
  withholding: number;
  net: number;
  status: 'submitted' | 'approved' | 'rejected';
  rejectReason: string | null;
  payment: 'unpaid' | 'in_batch' | 'paid' | 'returned';
  activities: { id: string; date: string; kind: string; minutes: number }[];
  canApprove: boolean;
};

/**
 * Who may decide (approve or reject) a claim: one still submitted, by someone other than its
 * submitter (two people per payment). The routes hold `peers.manage`; the list says `canApprove`
 * from this same rule, so the page never offers a button the API would refuse.
 */
function decisionRefusal(c: ClaimRow, actorAccountId: string): AppError | null {
  if (c.status !== 'submitted') return new AppError(409, 'peers_claim_state');
  if (c.submittedBy === actorAccountId) return new AppError(403, 'peers_own_claim');
  return null;
}

async function claimViews(
  tx: Tx,
  tenant: string,
  claims: Array<{ claim: ClaimRow; name: string }>,
  deciderAccountId: string | null = null,
): Promise<ClaimView[]> {
  const ids = claims.map((c) => c.claim.id);
  const lines = await linesOfSources(tx, tenant, PEER_SOURCE_KIND, ids);
  // The breakdown: each activity the claim sums (date, kind, minutes), never its note.
  const activities =
    ids.length === 0
      ? []
      : await tx
          .select({
            claimId: peerActivities.claimId,
            id: peerActivities.id,
            date: peerActivities.activityDate,
            kind: peerActivities.kind,
            minutes: peerActivities.minutes,
          })
          .from(peerActivities)
          .where(and(eq(peerActivities.municipalityCode, tenant), inArray(peerActivities.claimId, ids)))
          .orderBy(asc(peerActivities.activityDate), asc(peerActivities.createdAt));
  return claims.map(({ claim, name }) => {
    const mine = lines.filter((l) => l.sourceId === claim.id);
    const live = mine.find((l) => l.status !== 'returned');
    const payment: ClaimView['payment'] = live
      ? live.status === 'paid'
        ? 'paid'
        : 'in_batch'
      : mine.length > 0
        ? 'returned'
        : 'unpaid';
    return {
      id: claim.id,
      supporterId: claim.supporterId,
      supporterName: name,
      programmeId: claim.programmeId,
      month: claim.month,
      fiscalYear: claim.fiscalYear,
      minutes: claim.minutes,
      hourlyRate: claim.hourlyRate,
      withholdingRateBp: claim.withholdingRateBp,
      gross: claim.gross,
      withholding: claim.withholding,
      net: claim.net,
      status: claim.status,
      rejectReason: claim.rejectReason,
      payment,
      activities: activities
        .filter((a) => a.claimId === claim.id)
        .map(({ id, date, kind, minutes }) => ({ id, date, kind, minutes })),
      canApprove: deciderAccountId !== null && decisionRefusal(claim, deciderAccountId) === null,
    };
  });
}

/** Claims of a month for a programme: sums the supporter's unclaimed activities and fixes the amounts. */
export async function submitClaim(
  tx: Tx,
  ctx: PeersContext,
  actor: Actor,
  tenant: string,
  supporterId: string,
  input: { programmeId: string; month: string },
): Promise<{ id: string }> {
  const programme = await programmeRow(tx, tenant, input.programmeId);
  await supporterRow(tx, tenant, supporterId);
  const range = monthRange(input.month);
  const activities = await tx
    .select({ id: peerActivities.id, minutes: peerActivities.minutes })
    .from(peerActivities)
    .where(
      and(
        eq(peerActivities.municipalityCode, tenant),
        eq(peerActivities.supporterId, supporterId),
        eq(peerActivities.programmeId, input.programmeId),
        isNull(peerActivities.claimId),
        between(peerActivities.activityDate, range.from, range.to),
      ),
    )
    .for('update');
  const minutes = activities.reduce((sum, a) => sum + a.minutes, 0);
  if (minutes === 0) throw new AppError(409, 'peers_nothing_to_claim');
  const amounts = compensationFor(minutes, programme.hourlyRate, programme.withholdingRateBp);
  const [row] = await tx
    .insert(peerClaims)
    .values({
      municipalityCode: tenant,
      supporterId,
      programmeId: input.programmeId,
      month: input.month,
      fiscalYear: fiscalYearOf(input.month),
      minutes,
      hourlyRate: programme.hourlyRate,
      withholdingRateBp: programme.withholdingRateBp,
      ...amounts,
      submittedBy: actor.accountId,
      submittedAt: ctx.clock.now(),
    })
    .returning({ id: peerClaims.id })
    .catch((error: unknown) => {
      if (isUniqueViolation(error))
        throw conflict(undefined, {
          ja: 'この月・事業の請求はすでにあります。',
          en: 'A claim for this month and programme exists.',
        });
      throw error;
    });
  const id = (row as { id: string }).id;
  await tx
    .update(peerActivities)
    .set({ claimId: id })
    .where(
      inArray(
        peerActivities.id,
        activities.map((a) => a.id),
      ),
    );
  return { id };
}

export async function listClaims(
  tx: Tx,
  tenant: string,
  query: { status?: 'submitted' | 'approved' | 'rejected' | undefined; supporterId?: string | undefined },
  /** Staff who may decide claims: each claim then says whether this account may approve it. */
  deciderAccountId: string | null = null,
): Promise<ClaimView[]> {
  const found = await tx
    .select({ claim: peerClaims, name: peerSupporters.displayName })
    .from(peerClaims)
    .innerJoin(peerSupporters, eq(peerSupporters.id, peerClaims.supporterId))
    .where(
      and(
        eq(peerClaims.municipalityCode, tenant),
        query.status ? eq(peerClaims.status, query.status) : undefined,
        query.supporterId ? eq(peerClaims.supporterId, query.supporterId) : undefined,
      ),
    )
    .orderBy(desc(peerClaims.month), asc(peerSupporters.displayName))
    .limit(200);
  return claimViews(tx, tenant, found, deciderAccountId);
}

async function claimRow(tx: Tx, tenant: string, id: string): Promise<ClaimRow> {
  const [c] = await tx
    .select()
    .from(peerClaims)
    .where(and(eq(peerClaims.municipalityCode, tenant), eq(peerClaims.id, id)))
    .for('update');
  if (!c) throw notFound();
  return c;
}

/**
 * Staff approve a claim (not one they submitted): its gross is posted to the ledger's confirmed stage
 * and it becomes payable (net) through the payments module.
 */
export async function approveClaim(tx: Tx, ctx: PeersContext, actor: Actor, tenant: string, id: string) {
  const c = await claimRow(tx, tenant, id);
  const refusal = decisionRefusal(c, actor.accountId);
  if (refusal) throw refusal;
  const now = ctx.clock.now();
  await tx
    .update(peerClaims)
    .set({ status: 'approved', decidedBy: actor.accountId, decidedAt: now })
    .where(eq(peerClaims.id, id));
  if (c.gross > 0) {
    await ledgerMove(
      tx,
      tenant,
      {
        programmeKey: programmeKeyOf(c.programmeId),
        fiscalYear: c.fiscalYear,
        sourceKind: PEER_SOURCE_KIND,
        sourceId: c.id,
      },
      null,
      'confirmed',
      c.gross,
      'claim.approved',
      { at: now, actorAccountId: actor.accountId },
    );
  }
}

/** Rejects a submitted claim; its activities become claimable again (corrected and re-submitted). */
export async function rejectClaim(
  tx: Tx,
  ctx: PeersContext,
  actor: Actor,
  tenant: string,
  id: string,
  reason: string,
) {
  const c = await claimRow(tx, tenant, id);
  const refusal = decisionRefusal(c, actor.accountId);
  if (refusal) throw refusal;
  await tx
    .update(peerClaims)
    .set({ status: 'rejected', decidedBy: actor.accountId, decidedAt: ctx.clock.now(), rejectReason: reason })
    .where(eq(peerClaims.id, id));
  await tx
    .update(peerActivities)
    .set({ claimId: null })
    .where(and(eq(peerActivities.municipalityCode, tenant), eq(peerActivities.claimId, id)));
}

/**
 * The yearly statement for one supporter (calendar year of the claimed months, as a 支払調書 counts
 * fees): every approved claim with gross, withholding and net, their totals, and payment status.
 */
export async function yearlyStatement(tx: Tx, tenant: string, supporterId: string, year: number) {
  const supporter = await supporterRow(tx, tenant, supporterId);
  const found = await tx
    .select({ claim: peerClaims, name: peerSupporters.displayName })
    .from(peerClaims)
    .innerJoin(peerSupporters, eq(peerSupporters.id, peerClaims.supporterId))
    .where(
      and(
        eq(peerClaims.municipalityCode, tenant),
        eq(peerClaims.supporterId, supporterId),
        eq(peerClaims.status, 'approved'),
        between(peerClaims.month, `${year}-01`, `${year}-12`),
      ),
    )
    .orderBy(asc(peerClaims.month));
  const claims = await claimViews(tx, tenant, found);
  const sum = (k: 'gross' | 'withholding' | 'net' | 'minutes') => claims.reduce((s, c) => s + c[k], 0);
  return {
    supporterId,
    displayName: supporter.displayName,
    year,
    claims,
    totals: {
      minutes: sum('minutes'),
      gross: sum('gross'),
      withholding: sum('withholding'),
      net: sum('net'),
    },
  };
}

// -------------------------------------------------------------------------------------------------
// Payable source (registered in peers.payable.ts)

/** Approved claims with a net amount, with the supporter's current bank details. */
/** Ledger programme key → programme name, for finance's screens and the ledger CSV. */
export async function programmeNames(tx: Tx, tenant: string): Promise<Map<string, string>> {
  const found = await tx
    .select({ id: peerProgrammes.id, name: peerProgrammes.name })
    .from(peerProgrammes)
    .where(eq(peerProgrammes.municipalityCode, tenant));
  return new Map(found.map((p) => [programmeKeyOf(p.id), p.name]));
}

export async function payableClaims(tx: Tx, ctx: PeersContext, tenant: string): Promise<PayableItem[]> {
  const found = await tx
    .select({
      claim: peerClaims,
      bank: peerSupporters.bankEncrypted,
      payee: peerSupporters.displayName,
      programme: peerProgrammes.name,
    })
    .from(peerClaims)
    .innerJoin(peerSupporters, eq(peerSupporters.id, peerClaims.supporterId))
    .innerJoin(peerProgrammes, eq(peerProgrammes.id, peerClaims.programmeId))
    .where(
      and(
        eq(peerClaims.municipalityCode, tenant),
        eq(peerClaims.status, 'approved'),
        sql`${peerClaims.net} > 0`,
      ),
    );
  const paid = new Set(
    (
      await linesOfSources(
        tx,
        tenant,
        PEER_SOURCE_KIND,
        found.map((f) => f.claim.id),
      )
    )
      .filter((l) => l.status === 'paid')
      .map((l) => l.sourceId),
  );
  const items: PayableItem[] = [];
  for (const { claim, bank, payee, programme } of found) {
    // Claims of supporters with no bank account wait (the payable list shows nothing to pay them with).
    if (!bank || paid.has(claim.id)) continue;
    const account = JSON.parse(decryptField(bank, ctx.config.dataKeys, PEERS_CONTEXTS.bank)) as BankAccount;
    if (!isBankKana(account.holderName)) continue;
    const [y, m] = claim.month.split('-');
    items.push({
      sourceId: claim.id,
      programmeKey: programmeKeyOf(claim.programmeId),
      fiscalYear: claim.fiscalYear,
      amount: claim.net,
      ledgerAmount: claim.gross,
      description: `${programme} ${y}年${Number(m)}月分`,
      payeeName: payee,
      bank: account,
    });
  }
  return items;
}
