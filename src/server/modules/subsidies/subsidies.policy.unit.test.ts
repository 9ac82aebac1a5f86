import { describe, expect, it } from 'vitest';
import { authorize } from './subsidies.policy.ts';

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
