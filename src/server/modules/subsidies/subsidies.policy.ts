import { hasPermission, type Permission } from '../../../shared/permissions.ts';
import type { Role } from '../../../shared/roles.ts';

/**
 * Who may do what with an application or a claim (pure: actor, action, record → allow/deny).
 * Routes already require the permission; this adds what depends on the record:
 *
 * - four eyes on money: whoever entered a monthly claim does not confirm its amount (額の確定);
 * - an application entered at the counter is decided by someone other than the staff member who
 *   typed it in (the decision is an act of the municipality, not of the person at the desk);
 * - bank details are shown in clear only to finance (everyone else sees them masked).
 */
export type SubsidyAction =
  | 'read'
  | 'unmask_bank'
  | 'unmask_contact'
  | 'check'
  | 'decide'
  | 'enter_claim'
  | 'confirm_claim';

export type PolicyActor = { accountId: string; roles: readonly Role[] };
export type PolicyRecord = { enteredBy?: string | null };
export type PolicyResult = { allowed: true } | { allowed: false; reason: 'permission' | 'four_eyes' };

const PERMISSION_OF: Record<SubsidyAction, Permission> = {
  read: 'subsidies.read',
  unmask_bank: 'subsidies.bank',
  unmask_contact: 'subsidies.review',
  check: 'subsidies.review',
  decide: 'subsidies.decide',
  enter_claim: 'subsidies.review',
  confirm_claim: 'subsidies.confirm',
};

const FOUR_EYES: ReadonlySet<SubsidyAction> = new Set(['decide', 'confirm_claim']);

export function authorize(
  actor: PolicyActor,
  action: SubsidyAction,
  record: PolicyRecord = {},
): PolicyResult {
  if (!hasPermission(actor.roles, PERMISSION_OF[action])) return { allowed: false, reason: 'permission' };
  if (FOUR_EYES.has(action) && record.enteredBy && record.enteredBy === actor.accountId)
    return { allowed: false, reason: 'four_eyes' };
  return { allowed: true };
}

/*
 * The rules a record's state sets, each a pure answer the use case asks before it writes: allowed,
 * or the reason it maps to its problem (subsidies.errors.ts).
 */
type Refusal<R extends string> = { allowed: false; reason: R };
export type Answer<R extends string> = { allowed: true } | Refusal<R>;
const ALLOWED = { allowed: true } as const;
const refuse = <R extends string>(reason: R): Refusal<R> => ({ allowed: false, reason });

/** A public or counter application: the programme of the year must be open and take this relation. */
export function mayApply(
  programme: { open: boolean; applicantRelations: readonly string[] } | null,
  relation: string,
): Answer<'not_accepting' | 'relation'> {
  if (!programme?.open) return refuse('not_accepting');
  if (!programme.applicantRelations.includes(relation)) return refuse('relation');
  return ALLOWED;
}

/** The identity check is recorded on a new application, or recorded again before the decision. */
export function mayCheckIdentity(application: { status: string }): Answer<'status'> {
  return application.status === 'submitted' || application.status === 'checked' ? ALLOWED : refuse('status');
}

/** 交付決定 needs the identity check first. */
export function mayDecide(application: { status: string }): Answer<'status'> {
  return application.status === 'checked' ? ALLOWED : refuse('status');
}

/**
 * The monthly amount a decision grants: the request as asked, or a reduced amount that must be less
 * than the request and at least 1 yen. Null for a rejection.
 */
export function grantedAmount(
  decision: { decision: 'approve' | 'approve_reduced' | 'reject'; grantedMonthlyYen?: number | undefined },
  requestedMonthlyYen: number,
): { allowed: true; granted: number | null } | Refusal<'not_reduced' | 'below_minimum'> {
  if (decision.decision === 'reject') return { allowed: true, granted: null };
  const granted = decision.decision === 'approve' ? requestedMonthlyYen : (decision.grantedMonthlyYen ?? 0);
  if (decision.decision === 'approve_reduced' && granted >= requestedMonthlyYen) return refuse('not_reduced');
  if (granted < 1) return refuse('below_minimum');
  return { allowed: true, granted };
}

/** The decision notice exists once the application is decided. */
export function mayIssueNotice(application: {
  decision: string | null;
  decidedOn: string | null;
  documentNumber: string | null;
}): Answer<'status'> {
  return application.decision && application.decidedOn && application.documentNumber
    ? ALLOWED
    : refuse('status');
}

/** A month's claim (実績報告) is entered on an approved application whose grant is set. */
export function mayEnterClaim(application: {
  status: string;
  grantedMonthlyYen: number | null;
  grantFrom: string | null;
  grantTo: string | null;
}): Answer<'status'> {
  return application.status === 'approved' &&
    application.grantedMonthlyYen !== null &&
    application.grantFrom &&
    application.grantTo
    ? ALLOWED
    : refuse('status');
}

/**
 * The trip month of a claim: in the programme's fiscal year, inside the grant, and not after the
 * current month (`YYYY-MM` strings compare as months).
 */
export function mayClaimMonth(input: {
  tripMonth: string;
  fiscalYearOfTripMonth: number;
  programmeFiscalYear: number;
  grantFrom: string;
  grantTo: string;
  currentMonth: string;
}): Answer<'outside_grant' | 'future_month'> {
  const m = input.tripMonth;
  if (input.fiscalYearOfTripMonth !== input.programmeFiscalYear || m < input.grantFrom || m > input.grantTo)
    return refuse('outside_grant');
  if (m > input.currentMonth) return refuse('future_month');
  return ALLOWED;
}

/** 額の確定 and its refusal act on a claim that waits for them. */
export function mayActOnWaitingClaim(claim: { status: string }): Answer<'status'> {
  return claim.status === 'submitted' ? ALLOWED : refuse('status');
}

/** A fiscal year's claims are confirmed until the end of its 出納整理期間 (31 May of the next year). */
export function mayConfirmInYear(fiscalYear: number, today: string): Answer<'fiscal_year_closed'> {
  return today > `${fiscalYear + 1}-05-31` ? refuse('fiscal_year_closed') : ALLOWED;
}

/** The amount confirmed: at most the covered amount. */
export function mayConfirmAmount(amount: number, claimedYen: number): Answer<'over_claimed'> {
  return amount > claimedYen ? refuse('over_claimed') : ALLOWED;
}

/** What a claim covers or confirms fits in what is left of the programme's budget. */
export function withinBudget(amount: number, remainingYen: number): Answer<'over_budget'> {
  return amount > remainingYen ? refuse('over_budget') : ALLOWED;
}
