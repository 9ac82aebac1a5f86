import { and, asc, between, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { ACTIVITY_KINDS, Claim } from '../../../shared/contracts/peers.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { ledgerMove, linesOfSources } from '../payments/index.ts';
import { compensationFor, fiscalYearOf, monthRange } from './peers.compensation.ts';
import { PEERS_FIELD, peersError, peersFieldError } from './peers.errors.ts';
import { mayDecideClaim, paymentOf } from './peers.policy.ts';
import {
  PEER_SOURCE_KIND,
  type PeersContext,
  programmeKeyOf,
  programmeRow,
  supporterRow,
} from './peers.registry.ts';
import { PEERS_CONTEXTS, peerActivities, peerClaims, peerShifts, peerSupporters } from './peers.tables.ts';

/**
 * Activities and compensation claims (issue 9 part 2): a supporter's activity records (or staff's on
 * their behalf), the monthly claim that sums them, its decision by another member of staff (then
 * payable through payments), and the yearly statement.
 */

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
    if (!shift) throw peersFieldError('/shiftId', PEERS_FIELD.noSuchShift);
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

// ── claims ───────────────────────────────────────────────────────────────────────────────────────

type ClaimRow = typeof peerClaims.$inferSelect;

export type ClaimView = Claim;

/**
 * The routes hold `peers.manage`; the list says `canApprove` from the policy's `mayDecideClaim`, the
 * rule approve and reject enforce, so the page never offers a button the API would refuse.
 */
function refuseDecision(c: ClaimRow, actorAccountId: string): void {
  const decision = mayDecideClaim(c, actorAccountId);
  if (decision.allowed) return;
  throw decision.reason === 'own_claim'
    ? peersError(403, 'peers_own_claim')
    : peersError(409, 'peers_claim_state');
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
    const payment = paymentOf(lines.filter((l) => l.sourceId === claim.id));
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
      canApprove: deciderAccountId !== null && mayDecideClaim(claim, deciderAccountId).allowed,
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
  if (minutes === 0) throw peersError(409, 'peers_nothing_to_claim');
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
      if (isUniqueViolation(error)) throw conflict(undefined, PEERS_FIELD.claimExists);
      throw error;
    });
  const id = (row as { id: string }).id;
  await tx
    .update(peerActivities)
    .set({ claimId: id })
    .where(
      and(
        eq(peerActivities.municipalityCode, tenant),
        inArray(
          peerActivities.id,
          activities.map((a) => a.id),
        ),
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
  refuseDecision(c, actor.accountId);
  const now = ctx.clock.now();
  await tx
    .update(peerClaims)
    .set({ status: 'approved', decidedBy: actor.accountId, decidedAt: now })
    .where(and(eq(peerClaims.municipalityCode, tenant), eq(peerClaims.id, id)));
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
  refuseDecision(c, actor.accountId);
  await tx
    .update(peerClaims)
    .set({ status: 'rejected', decidedBy: actor.accountId, decidedAt: ctx.clock.now(), rejectReason: reason })
    .where(and(eq(peerClaims.municipalityCode, tenant), eq(peerClaims.id, id)));
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
