/**
 * Per-record rules of harmful-business reports (pure; called first in each use case, unit-tested).
 *
 * A report is received only where someone will read it; dates a person or staff give are never in
 * the future; a report moves new → in progress → referred → closed (and a closed one reopens);
 * only an active account that may triage reports takes one in hand; an operator is linked only when
 * the corporate numbers, where both are known, agree.
 */
import { STATUS_TRANSITIONS } from '../../../shared/contracts/reports-enums.ts';
import { prefectureOf, prefectureTenantCode } from '../../../shared/municipality-code.ts';
import { hasPermission } from '../../../shared/permissions.ts';
import type { Role } from '../../../shared/roles.ts';
import type { ReportStatus } from './reports.tables.ts';

export type Decision<Reason extends string> = { allowed: true } | { allowed: false; reason: Reason };

const ALLOWED = { allowed: true } as const;

/** A prefecture's own tenant code (`NN000c`): reports sent there reach the prefecture's triage staff. */
export const isPrefectureTenant = (code: string): boolean =>
  prefectureTenantCode(prefectureOf(code)) === code;

/**
 * A report is received where someone reads it: a municipality with a profile, or a prefecture whose
 * own tenant has at least one account that may triage reports.
 */
export function mayReceiveReport(window: {
  level: 'municipality' | 'prefecture';
  hasProfile: boolean;
  triageStaff: number;
}): Decision<'prefecture_not_accepting' | 'municipality_not_accepting'> {
  if (window.level === 'prefecture')
    return window.triageStaff > 0 ? ALLOWED : { allowed: false, reason: 'prefecture_not_accepting' };
  return window.hasProfile ? ALLOWED : { allowed: false, reason: 'municipality_not_accepting' };
}

/** A date someone gives of what happened (an ISO date) may be today at the latest. */
export function mayGiveDate(value: string | undefined, today: string): Decision<'in_future'> {
  return value && value > today ? { allowed: false, reason: 'in_future' } : ALLOWED;
}

/**
 * A status change the transitions allow: new → in progress → referred → closed, and a closed report
 * reopens (STATUS_TRANSITIONS, the contract's list, which the console's buttons follow too). Asking
 * for the status a report already has is no change, and allowed.
 */
export function mayChangeStatus(from: ReportStatus, to: ReportStatus): Decision<'not_a_transition'> {
  return from === to || STATUS_TRANSITIONS[from].includes(to)
    ? ALLOWED
    : { allowed: false, reason: 'not_a_transition' };
}

/** Whoever may triage reports: their accounts get the alerts and may be assigned. */
export const mayTriage = (roles: readonly Role[]): boolean => hasPermission(roles, 'reports.triage');

/** Only an active account that may triage reports takes one in hand (null: no such account here). */
export function mayAssign(
  account: { status: string; roles: readonly Role[] } | null,
): Decision<'not_a_triage_account'> {
  return account?.status === 'active' && mayTriage(account.roles)
    ? ALLOWED
    : { allowed: false, reason: 'not_a_triage_account' };
}

/**
 * Emergency protection is recorded after it happened (five minutes' grace for clocks that differ) and
 * its follow-up falls on the day of protection (Tokyo) or later.
 */
export function mayRecordProtection(input: {
  protectedAt: Date;
  protectedOn: string;
  followUpOn: string;
  now: Date;
}): Decision<'protected_in_future' | 'follow_up_before_protection'> {
  if (input.protectedAt.getTime() > input.now.getTime() + 5 * 60_000)
    return { allowed: false, reason: 'protected_in_future' };
  if (input.followUpOn < input.protectedOn) return { allowed: false, reason: 'follow_up_before_protection' };
  return ALLOWED;
}

/** The status a report takes on when something happens to it (unchanged where the event says nothing). */
export function statusAfter(
  status: ReportStatus,
  event: 'assigned' | 'referred' | 'protected' | 'information_added',
): ReportStatus {
  switch (event) {
    // Taking a new report in hand starts work on it; so does recording a protection.
    case 'assigned':
    case 'protected':
      return status === 'new' ? 'in_progress' : status;
    case 'referred':
      return status === 'new' || status === 'in_progress' ? 'referred' : status;
    // New information reopens a closed report: someone has to read it.
    case 'information_added':
      return status === 'closed' ? 'in_progress' : status;
  }
}

/**
 * A report is linked to an operator only when their corporate numbers agree where both have one (a
 * report's number then fills an operator without one; that no other operator holds it is the
 * registry's uniqueness, checked by the use case).
 */
export function mayLinkOperator(input: {
  reportNumber: string | null;
  operatorNumber: string | null;
}): Decision<'numbers_differ'> {
  return input.reportNumber && input.operatorNumber && input.reportNumber !== input.operatorNumber
    ? { allowed: false, reason: 'numbers_differ' }
    : ALLOWED;
}
