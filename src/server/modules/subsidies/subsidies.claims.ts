import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, ne, or, sql } from 'drizzle-orm';
import { fiscalYearOfMonth, inClosingPeriodOf } from '../../../shared/fiscal-year.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/list.ts';
import { limitError, SUBSIDY_TEXT, statusError, subsidyError } from './subsidies.errors.ts';
import { postClaimConfirmed, postClaimEntered, postClaimRejected } from './subsidies.ledger.ts';
import { notifyApplicant } from './subsidies.notify.ts';
import {
  authorize,
  mayActOnWaitingClaim,
  mayClaimMonth,
  mayConfirmAmount,
  mayConfirmInYear,
  mayEnterClaim,
  withinBudget,
} from './subsidies.policy.ts';
import { programmeBudget } from './subsidies.programmes.ts';
import {
  type ApplicationRow,
  applicationRow,
  type ClaimRow,
  claimRow,
  collator,
  ListCursor,
  matchesWords,
  monthLabel,
  mustBeAllowed,
  offsetPage,
  personalOf,
  presentClaim,
  presentClaimById,
  programmeRow,
  type SubsidyContext,
  seal,
} from './subsidies.records.ts';
import { subsidyApplications, subsidyClaims, subsidyProgrammes } from './subsidies.tables.ts';

/**
 * Use cases of the monthly claims (実績報告) and 額の確定: entering a month's trips against the grant,
 * the cap and the budget; finance's queue of claims waiting; confirming or refusing a claim.
 */

/**
 * A month's trips (実績報告). The amount reported is recorded as reported; the claim covers at most the
 * trips made (trips × the fare per trip), the granted monthly amount and the programme's monthly cap,
 * so 額の確定 confirms at most that. Refused, naming the figure that blocks it: a month outside the
 * grant, and a covered amount over the programme's remaining budget — read under the programme's row lock, so two claims entered at
 * the same moment cannot together overspend. The fiscal year is the trip month's.
 */
export async function submitClaim(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  applicationId: string,
  input: { tripMonth: string; tripCount: number; claimedYen: number },
  actor: Actor,
) {
  const a = await applicationRow(tx, tenant, applicationId, true);
  if (!mayEnterClaim(a).allowed || a.grantedMonthlyYen === null || !a.grantFrom || !a.grantTo)
    throw statusError('approved');
  const programme = await programmeRow(tx, tenant, a.programmeId, true);
  const fiscalYear = fiscalYearOfMonth(input.tripMonth);
  const now = ctx.clock.now();
  const month = input.tripMonth;
  const inMonth = mayClaimMonth({
    tripMonth: month,
    fiscalYearOfTripMonth: fiscalYear,
    programmeFiscalYear: programme.fiscalYear,
    grantFrom: a.grantFrom,
    grantTo: a.grantTo,
    currentMonth: isoDateInTokyo(now).slice(0, 7),
  });
  if (!inMonth.allowed && inMonth.reason === 'outside_grant')
    throw new AppError(422, 'subsidy_over_limit', {
      detail: SUBSIDY_TEXT.grantPeriod(
        { from: monthLabel(a.grantFrom), to: monthLabel(a.grantTo) },
        { from: a.grantFrom, to: a.grantTo },
      ),
      errors: [{ pointer: '/body/tripMonth', message: SUBSIDY_TEXT.outsideGrant }],
      extra: { limit: 'period', grantFrom: a.grantFrom, grantTo: a.grantTo },
    });
  if (!inMonth.allowed)
    throw subsidyError(400, 'validation_failed', {
      pointer: '/body/tripMonth',
      message: SUBSIDY_TEXT.futureMonth,
    });
  const [existing] = await tx
    .select({ id: subsidyClaims.id })
    .from(subsidyClaims)
    .where(
      and(
        eq(subsidyClaims.municipalityCode, tenant),
        eq(subsidyClaims.applicationId, applicationId),
        eq(subsidyClaims.tripMonth, month),
        ne(subsidyClaims.status, 'rejected'),
      ),
    );
  if (existing) throw conflict({ claimId: existing.id }, SUBSIDY_TEXT.claimExists);

  // The report is recorded as the person made it; what the grant can cover is the smallest of the
  // report, the trips made at the granted fare, the granted monthly amount and the programme's cap.
  const reportedYen = input.claimedYen;
  const claimedYen = Math.min(
    reportedYen,
    input.tripCount * a.tripYen,
    a.grantedMonthlyYen,
    programme.monthlyCapYen,
  );
  const budget = await programmeBudget(tx, programme);
  if (!withinBudget(claimedYen, budget.remainingYen).allowed)
    throw limitError(
      '/body/claimedYen',
      budget.remainingYen,
      SUBSIDY_TEXT.overBudget(budget.remainingYen),
      'budget',
    );
  const id = randomUUID();
  await tx.insert(subsidyClaims).values({
    municipalityCode: a.municipalityCode,
    id,
    applicationId,
    programmeId: programme.id,
    tripMonth: month,
    fiscalYear,
    tripCount: input.tripCount,
    reportedYen,
    claimedYen,
    status: 'submitted',
    enteredBy: actor.accountId,
    createdAt: now,
    updatedAt: now,
  });
  await postClaimEntered(
    tx,
    a.municipalityCode,
    { id, programmeId: programme.id, fiscalYear, claimedYen },
    { at: now, actorAccountId: actor.accountId },
  );
  return presentClaimById(tx, tenant, id);
}

/**
 * Claims waiting for 額の確定 across every application, oldest first, with what finance needs to decide:
 * the programme, the applicant (decrypted; the route audits the read), the report and the covered
 * amount, and whether this actor may confirm it (not a claim they entered).
 */
export async function listWaitingClaims(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  actor: Actor,
  query: {
    q?: string | undefined;
    sort?: 'entered' | 'month' | 'applicant' | 'amount' | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const waiting = and(eq(subsidyClaims.municipalityCode, tenant), eq(subsidyClaims.status, 'submitted'));
  if (query.q || (query.sort && query.sort !== 'entered'))
    return listWaitingClaimsInMemory(tx, ctx, tenant, actor, query.q ?? '', query.sort ?? 'entered', query);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(subsidyClaims).where(waiting);
  const cursor = decodeCursor(query.cursor, ListCursor);
  const found = await tx
    .select({ c: subsidyClaims, a: subsidyApplications, programmeName: subsidyProgrammes.name })
    .from(subsidyClaims)
    .innerJoin(subsidyApplications, eq(subsidyApplications.id, subsidyClaims.applicationId))
    .innerJoin(subsidyProgrammes, eq(subsidyProgrammes.id, subsidyClaims.programmeId))
    .where(
      and(
        waiting,
        cursor
          ? or(
              gt(subsidyClaims.createdAt, new Date(cursor.s)),
              and(eq(subsidyClaims.createdAt, new Date(cursor.s)), gt(subsidyClaims.id, cursor.i)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(subsidyClaims.createdAt), asc(subsidyClaims.id))
    .limit(query.limit + 1);
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => waitingClaim(ctx, actor, row)),
    total: Number(count?.n ?? 0),
    nextCursor:
      found.length > query.limit && last
        ? encodeCursor({ s: last.c.createdAt.toISOString(), i: last.c.id })
        : null,
  };
}

function waitingClaim(
  ctx: SubsidyContext,
  actor: Actor,
  { c, a, programmeName }: { c: ClaimRow; a: ApplicationRow; programmeName: string },
) {
  return {
    ...presentClaim(c),
    applicationId: a.id,
    receiptNumber: a.receiptNumber,
    programmeName,
    applicantName: personalOf(ctx, a).applicant.name,
    grantedMonthlyYen: a.grantedMonthlyYen,
    enteredAt: c.createdAt.toISOString(),
    mayConfirm: authorize(actor, 'confirm_claim', c).allowed,
  };
}

/**
 * The 額の確定 queue filtered by words or in another order. The applicant's name is encrypted, so the
 * claims waiting (a month's reports, tens to a few hundred) are opened and matched in memory; only the
 * page returned is shown (and audited by the route as before).
 */
async function listWaitingClaimsInMemory(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  actor: Actor,
  q: string,
  sort: 'entered' | 'month' | 'applicant' | 'amount',
  query: { limit: number; cursor?: string | undefined },
) {
  const found = await tx
    .select({ c: subsidyClaims, a: subsidyApplications, programmeName: subsidyProgrammes.name })
    .from(subsidyClaims)
    .innerJoin(subsidyApplications, eq(subsidyApplications.id, subsidyClaims.applicationId))
    .innerJoin(subsidyProgrammes, eq(subsidyProgrammes.id, subsidyClaims.programmeId))
    .where(and(eq(subsidyClaims.municipalityCode, tenant), eq(subsidyClaims.status, 'submitted')));
  const items = found
    .map((row) => waitingClaim(ctx, actor, row))
    .filter((c) => matchesWords(q, [c.applicantName, c.programmeName, c.receiptNumber]));
  const entered = (x: { enteredAt: string; id: string }, y: typeof x) =>
    x.enteredAt.localeCompare(y.enteredAt) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  items.sort((x, y) =>
    sort === 'month'
      ? x.tripMonth.localeCompare(y.tripMonth) || entered(x, y)
      : sort === 'applicant'
        ? collator.compare(x.applicantName, y.applicantName) || entered(x, y)
        : sort === 'amount'
          ? y.claimedYen - x.claimedYen || entered(x, y)
          : entered(x, y),
  );
  return offsetPage(items, query);
}

/**
 * 額の確定: the amount to be paid, at most what was claimed, within the budget (programme row lock).
 * The claim keeps the fiscal year of its trip month; confirmation is possible until the end of that
 * year's 出納整理期間 (31 May of the next calendar year).
 */
export async function confirmClaim(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  claimId: string,
  input: { confirmedYen?: number },
  actor: Actor,
) {
  const claim = await claimRow(tx, tenant, claimId);
  mustBeAllowed(actor, 'confirm_claim', claim);
  if (!mayActOnWaitingClaim(claim).allowed) throw statusError('waiting');
  const programme = await programmeRow(tx, tenant, claim.programmeId, true);
  const now = ctx.clock.now();
  const today = isoDateInTokyo(now);
  if (!mayConfirmInYear(claim.fiscalYear, today).allowed)
    throw subsidyError(422, 'subsidy_fiscal_year_closed');
  const amount = input.confirmedYen ?? claim.claimedYen;
  if (!mayConfirmAmount(amount, claim.claimedYen).allowed)
    throw limitError(
      '/body/confirmedYen',
      claim.claimedYen,
      SUBSIDY_TEXT.overClaimed(claim.claimedYen),
      'claimed',
    );
  const budget = await programmeBudget(tx, programme, claim.id);
  if (!withinBudget(amount, budget.remainingYen).allowed)
    throw limitError(
      '/body/confirmedYen',
      budget.remainingYen,
      SUBSIDY_TEXT.overBudget(budget.remainingYen),
      'budget',
    );
  await tx
    .update(subsidyClaims)
    .set({
      status: 'confirmed',
      confirmedYen: amount,
      confirmedBy: actor.accountId,
      confirmedOn: today,
      confirmedAt: now,
      updatedAt: now,
    })
    .where(and(eq(subsidyClaims.municipalityCode, tenant), eq(subsidyClaims.id, claimId)));
  await postClaimConfirmed(tx, claim.municipalityCode, claim, amount, {
    at: now,
    actorAccountId: actor.accountId,
  });
  const a = await applicationRow(tx, tenant, claim.applicationId);
  const personal = personalOf(ctx, a);
  await notifyApplicant(
    tx,
    ctx,
    a.municipalityCode,
    a.id,
    personal,
    'claim_confirmed',
    a.language,
    `claim-confirmed:${claimId}`,
  );
  return {
    ...(await presentClaimById(tx, tenant, claimId)),
    inClosingPeriod: inClosingPeriodOf(today, claim.fiscalYear),
  };
}

export async function rejectClaim(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  claimId: string,
  reason: string,
) {
  const claim = await claimRow(tx, tenant, claimId);
  if (!mayActOnWaitingClaim(claim).allowed) throw statusError('waiting');
  const now = ctx.clock.now();
  await tx
    .update(subsidyClaims)
    .set({
      status: 'rejected',
      rejectedReasonEncrypted: seal(ctx, 'claimReason', claimId, reason),
      updatedAt: now,
    })
    .where(and(eq(subsidyClaims.municipalityCode, tenant), eq(subsidyClaims.id, claimId)));
  await postClaimRejected(tx, claim.municipalityCode, claim, { at: now, actorAccountId: null });
  return presentClaimById(tx, tenant, claimId);
}

export async function applicationIdOfClaim(tx: Tx, tenant: string, claimId: string): Promise<string> {
  const [row] = await tx
    .select({ applicationId: subsidyClaims.applicationId })
    .from(subsidyClaims)
    .where(and(eq(subsidyClaims.municipalityCode, tenant), eq(subsidyClaims.id, claimId)));
  if (!row) throw notFound();
  return row.applicationId;
}
