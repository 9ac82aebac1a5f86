import { describe, expect, it } from 'vitest';
import { STATUS_TRANSITIONS } from '../../../shared/contracts/reports-enums.ts';
import {
  isPrefectureTenant,
  mayAssign,
  mayChangeStatus,
  mayGiveDate,
  mayLinkOperator,
  mayReceiveReport,
  mayRecordProtection,
  mayTriage,
  statusAfter,
} from './reports.policy.ts';
import { REPORT_STATUSES } from './reports.tables.ts';

describe('where a report is received', () => {
  it("knows a prefecture's own tenant from a town", () => {
    expect(isPrefectureTenant('190004')).toBe(true);
    expect(isPrefectureTenant('192015')).toBe(false);
  });

  it('takes a town with a profile, refuses one without', () => {
    expect(mayReceiveReport({ level: 'municipality', hasProfile: true, triageStaff: 0 })).toEqual({
      allowed: true,
    });
    expect(mayReceiveReport({ level: 'municipality', hasProfile: false, triageStaff: 3 })).toEqual({
      allowed: false,
      reason: 'municipality_not_accepting',
    });
  });

  it('takes a prefecture only when someone there may triage, profile or not', () => {
    expect(mayReceiveReport({ level: 'prefecture', hasProfile: false, triageStaff: 1 })).toEqual({
      allowed: true,
    });
    expect(mayReceiveReport({ level: 'prefecture', hasProfile: true, triageStaff: 0 })).toEqual({
      allowed: false,
      reason: 'prefecture_not_accepting',
    });
  });
});

describe('dates given', () => {
  it('allows none, a past date and today; refuses tomorrow', () => {
    expect(mayGiveDate(undefined, '2026-12-06')).toEqual({ allowed: true });
    expect(mayGiveDate('2026-11-30', '2026-12-06')).toEqual({ allowed: true });
    expect(mayGiveDate('2026-12-06', '2026-12-06')).toEqual({ allowed: true });
    expect(mayGiveDate('2026-12-07', '2026-12-06')).toEqual({ allowed: false, reason: 'in_future' });
  });
});

describe('status changes', () => {
  it('allows every listed transition and staying where one is', () => {
    for (const from of REPORT_STATUSES) {
      expect(mayChangeStatus(from, from)).toEqual({ allowed: true });
      for (const to of STATUS_TRANSITIONS[from]) expect(mayChangeStatus(from, to)).toEqual({ allowed: true });
    }
  });

  it('refuses going back to new, and a closed report straight to referred', () => {
    expect(mayChangeStatus('in_progress', 'new')).toEqual({ allowed: false, reason: 'not_a_transition' });
    expect(mayChangeStatus('closed', 'referred')).toEqual({ allowed: false, reason: 'not_a_transition' });
  });

  it('moves a report on when something happens to it, and only then', () => {
    expect(statusAfter('new', 'assigned')).toBe('in_progress');
    expect(statusAfter('referred', 'assigned')).toBe('referred');
    expect(statusAfter('new', 'protected')).toBe('in_progress');
    expect(statusAfter('closed', 'protected')).toBe('closed');
    expect(statusAfter('new', 'referred')).toBe('referred');
    expect(statusAfter('in_progress', 'referred')).toBe('referred');
    expect(statusAfter('closed', 'referred')).toBe('closed');
    expect(statusAfter('closed', 'information_added')).toBe('in_progress');
    expect(statusAfter('new', 'information_added')).toBe('new');
  });
});

describe('who takes a report in hand', () => {
  it('is an active account that may triage', () => {
    expect(mayTriage(['report_triage'])).toBe(true);
    expect(mayAssign({ status: 'active', roles: ['report_triage'] })).toEqual({ allowed: true });
  });

  it('is not a disabled account, one without the permission, or none', () => {
    const refused = { allowed: false, reason: 'not_a_triage_account' };
    expect(mayAssign({ status: 'disabled', roles: ['report_triage'] })).toEqual(refused);
    expect(mayAssign({ status: 'active', roles: ['national'] })).toEqual(refused);
    expect(mayAssign(null)).toEqual(refused);
  });
});

describe('emergency protection', () => {
  const now = new Date('2026-12-06T03:00:00Z');
  const base = { protectedAt: now, protectedOn: '2026-12-06', followUpOn: '2026-12-06', now };

  it('is recorded after it happened (five minutes of clock grace), follow-up that day or later', () => {
    expect(mayRecordProtection(base)).toEqual({ allowed: true });
    expect(mayRecordProtection({ ...base, protectedAt: new Date(now.getTime() + 5 * 60_000) })).toEqual({
      allowed: true,
    });
  });

  it('refuses a time in the future and a follow-up before the day of protection', () => {
    expect(mayRecordProtection({ ...base, protectedAt: new Date(now.getTime() + 5 * 60_000 + 1) })).toEqual({
      allowed: false,
      reason: 'protected_in_future',
    });
    expect(mayRecordProtection({ ...base, followUpOn: '2026-12-05' })).toEqual({
      allowed: false,
      reason: 'follow_up_before_protection',
    });
  });
});

describe('linking an operator', () => {
  it('allows agreeing numbers and any side without one', () => {
    expect(mayLinkOperator({ reportNumber: '1234567890123', operatorNumber: '1234567890123' })).toEqual({
      allowed: true,
    });
    expect(mayLinkOperator({ reportNumber: null, operatorNumber: '1234567890123' })).toEqual({
      allowed: true,
    });
    expect(mayLinkOperator({ reportNumber: '1234567890123', operatorNumber: null })).toEqual({
      allowed: true,
    });
  });

  it('refuses numbers that differ', () => {
    expect(mayLinkOperator({ reportNumber: '1234567890123', operatorNumber: '9876543210987' })).toEqual({
      allowed: false,
      reason: 'numbers_differ',
    });
  });
});
