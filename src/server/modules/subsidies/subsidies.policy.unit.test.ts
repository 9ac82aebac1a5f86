import { describe, expect, it } from 'vitest';
import {
  authorize,
  grantedAmount,
  mayActOnWaitingClaim,
  mayApply,
  mayCheckIdentity,
  mayClaimMonth,
  mayConfirmAmount,
  mayConfirmInYear,
  mayDecide,
  mayEnterClaim,
  mayIssueNotice,
  withinBudget,
} from './subsidies.policy.ts';

const consultation = { accountId: 'a-consultation', roles: ['consultation'] as const };
const finance = { accountId: 'a-finance', roles: ['finance'] as const };
const admin = { accountId: 'a-admin', roles: ['municipal_admin'] as const };

describe('subsidies policy', () => {
  it('follows the permission table', () => {
    expect(authorize(consultation, 'decide')).toEqual({ allowed: true });
    expect(authorize(consultation, 'confirm_claim')).toEqual({ allowed: false, reason: 'permission' });
    expect(authorize(finance, 'unmask_bank')).toEqual({ allowed: true });
    expect(authorize(consultation, 'unmask_bank')).toEqual({ allowed: false, reason: 'permission' });
    expect(authorize(finance, 'check')).toEqual({ allowed: false, reason: 'permission' });
  });

  it('keeps four eyes on a claim: who entered it does not confirm it', () => {
    expect(authorize(admin, 'confirm_claim', { enteredBy: 'a-admin' })).toEqual({
      allowed: false,
      reason: 'four_eyes',
    });
    expect(authorize(admin, 'confirm_claim', { enteredBy: 'a-consultation' })).toEqual({ allowed: true });
    expect(authorize(finance, 'confirm_claim', { enteredBy: null })).toEqual({ allowed: true });
  });

  it('has an application entered at the counter decided by someone else', () => {
    expect(authorize(consultation, 'decide', { enteredBy: 'a-consultation' })).toEqual({
      allowed: false,
      reason: 'four_eyes',
    });
    expect(authorize(admin, 'decide', { enteredBy: 'a-consultation' })).toEqual({ allowed: true });
    // A public application (no staff entered it) is decided by any holder of the permission.
    expect(authorize(consultation, 'decide', { enteredBy: null })).toEqual({ allowed: true });
  });
});

const ok = { allowed: true };
const no = (reason: string) => ({ allowed: false, reason });

describe('subsidies record rules', () => {
  it('takes an application only while the programme is open and for a relation it accepts', () => {
    expect(mayApply(null, 'self')).toEqual(no('not_accepting'));
    expect(mayApply({ open: false, applicantRelations: ['self'] }, 'self')).toEqual(no('not_accepting'));
    expect(mayApply({ open: true, applicantRelations: ['self'] }, 'family')).toEqual(no('relation'));
    expect(mayApply({ open: true, applicantRelations: ['self', 'family'] }, 'family')).toEqual(ok);
  });

  it('records the identity check on a new or checked application, and decides a checked one', () => {
    expect(mayCheckIdentity({ status: 'submitted' })).toEqual(ok);
    expect(mayCheckIdentity({ status: 'checked' })).toEqual(ok);
    expect(mayCheckIdentity({ status: 'approved' })).toEqual(no('status'));
    expect(mayDecide({ status: 'checked' })).toEqual(ok);
    expect(mayDecide({ status: 'submitted' })).toEqual(no('status'));
  });

  it('grants the request, a lower amount of at least 1 yen, or nothing', () => {
    expect(grantedAmount({ decision: 'reject' }, 5000)).toEqual({ allowed: true, granted: null });
    expect(grantedAmount({ decision: 'approve' }, 5000)).toEqual({ allowed: true, granted: 5000 });
    expect(grantedAmount({ decision: 'approve' }, 0)).toEqual(no('below_minimum'));
    expect(grantedAmount({ decision: 'approve_reduced', grantedMonthlyYen: 3000 }, 5000)).toEqual({
      allowed: true,
      granted: 3000,
    });
    expect(grantedAmount({ decision: 'approve_reduced', grantedMonthlyYen: 5000 }, 5000)).toEqual(
      no('not_reduced'),
    );
    expect(grantedAmount({ decision: 'approve_reduced', grantedMonthlyYen: 0 }, 5000)).toEqual(
      no('below_minimum'),
    );
  });

  it('prints a notice only for a decided application', () => {
    const decided = { decision: 'approve', decidedOn: '2026-05-01', documentNumber: '甲交第1号' };
    expect(mayIssueNotice(decided)).toEqual(ok);
    expect(mayIssueNotice({ ...decided, decision: null })).toEqual(no('status'));
    expect(mayIssueNotice({ ...decided, decidedOn: null })).toEqual(no('status'));
    expect(mayIssueNotice({ ...decided, documentNumber: null })).toEqual(no('status'));
  });

  it('enters a claim on an approved application with its grant set', () => {
    const approved = {
      status: 'approved',
      grantedMonthlyYen: 5000,
      grantFrom: '2026-05',
      grantTo: '2027-03',
    };
    expect(mayEnterClaim(approved)).toEqual(ok);
    expect(mayEnterClaim({ ...approved, status: 'checked' })).toEqual(no('status'));
    expect(mayEnterClaim({ ...approved, grantedMonthlyYen: null })).toEqual(no('status'));
    expect(mayEnterClaim({ ...approved, grantFrom: null })).toEqual(no('status'));
    expect(mayEnterClaim({ ...approved, grantTo: null })).toEqual(no('status'));
  });

  it('takes a trip month inside the grant and the fiscal year, and not in the future', () => {
    const month = {
      tripMonth: '2026-06',
      fiscalYearOfTripMonth: 2026,
      programmeFiscalYear: 2026,
      grantFrom: '2026-05',
      grantTo: '2027-03',
      currentMonth: '2026-11',
    };
    expect(mayClaimMonth(month)).toEqual(ok);
    expect(mayClaimMonth({ ...month, fiscalYearOfTripMonth: 2025 })).toEqual(no('outside_grant'));
    expect(mayClaimMonth({ ...month, tripMonth: '2026-04' })).toEqual(no('outside_grant'));
    expect(mayClaimMonth({ ...month, tripMonth: '2027-04', fiscalYearOfTripMonth: 2026 })).toEqual(
      no('outside_grant'),
    );
    expect(mayClaimMonth({ ...month, tripMonth: '2026-12' })).toEqual(no('future_month'));
  });

  it('confirms or refuses a waiting claim, until 31 May after its fiscal year, within claim and budget', () => {
    expect(mayActOnWaitingClaim({ status: 'submitted' })).toEqual(ok);
    expect(mayActOnWaitingClaim({ status: 'confirmed' })).toEqual(no('status'));
    expect(mayConfirmInYear(2026, '2027-05-31')).toEqual(ok);
    expect(mayConfirmInYear(2026, '2027-06-01')).toEqual(no('fiscal_year_closed'));
    expect(mayConfirmAmount(3000, 3000)).toEqual(ok);
    expect(mayConfirmAmount(3001, 3000)).toEqual(no('over_claimed'));
    expect(withinBudget(100, 100)).toEqual(ok);
    expect(withinBudget(101, 100)).toEqual(no('over_budget'));
  });
});
