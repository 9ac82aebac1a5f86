import { describe, expect, it } from 'vitest';
import {
  mayAcceptSwap,
  mayChangeExperience,
  mayDecideClaim,
  mayReadExperience,
  mayRequestSwap,
  mayScheduleShift,
  paymentOf,
} from './peers.policy.ts';

describe('lived experience', () => {
  const supporter = { coordinatorAccountId: 'coordinator', accountId: 'supporter' };
  it('is read by the coordinator and the supporter only', () => {
    expect(mayReadExperience(supporter, 'coordinator')).toBe(true);
    expect(mayReadExperience(supporter, 'supporter')).toBe(true);
    expect(mayReadExperience(supporter, 'other staff')).toBe(false);
    expect(mayReadExperience({ ...supporter, accountId: null }, 'other staff')).toBe(false);
  });
  it('is changed by the coordinator only', () => {
    expect(mayChangeExperience(supporter, 'coordinator')).toBe(true);
    expect(mayChangeExperience(supporter, 'supporter')).toBe(false);
  });
});

describe('mayDecideClaim', () => {
  it('lets someone other than the submitter decide a submitted claim', () => {
    expect(mayDecideClaim({ status: 'submitted', submittedBy: 'a' }, 'b')).toEqual({ allowed: true });
  });
  it('refuses the submitter', () => {
    expect(mayDecideClaim({ status: 'submitted', submittedBy: 'a' }, 'a')).toEqual({
      allowed: false,
      reason: 'own_claim',
    });
  });
  it('refuses a claim already decided (state first, whoever asks)', () => {
    for (const status of ['approved', 'rejected'] as const)
      expect(mayDecideClaim({ status, submittedBy: 'a' }, 'a')).toEqual({
        allowed: false,
        reason: 'claim_state',
      });
  });
});

describe('mayScheduleShift', () => {
  const times = { startsAt: '2026-12-01T10:00:00+09:00', endsAt: '2026-12-01T12:00:00+09:00' };
  it('schedules an active supporter for a shift that ends after it starts', () => {
    expect(mayScheduleShift({ supporterStatus: 'active', ...times })).toEqual({ allowed: true });
  });
  it('refuses a paused or ended supporter before looking at the times', () => {
    for (const supporterStatus of ['paused', 'ended'] as const)
      expect(mayScheduleShift({ supporterStatus, startsAt: times.endsAt, endsAt: times.startsAt })).toEqual({
        allowed: false,
        reason: 'supporter_not_active',
      });
  });
  it('refuses a shift that ends at or before its start', () => {
    expect(
      mayScheduleShift({ supporterStatus: 'active', startsAt: times.endsAt, endsAt: times.startsAt }),
    ).toEqual({ allowed: false, reason: 'ends_before_start' });
    expect(
      mayScheduleShift({ supporterStatus: 'active', startsAt: times.startsAt, endsAt: times.startsAt }),
    ).toEqual({ allowed: false, reason: 'ends_before_start' });
  });
});

describe('mayRequestSwap', () => {
  const base = { shiftStatus: 'scheduled', fromSupporterId: 'me' } as const;
  it('offers a scheduled shift to anyone or to an active colleague', () => {
    expect(mayRequestSwap({ ...base, to: null })).toEqual({ allowed: true });
    expect(mayRequestSwap({ ...base, to: { id: 'colleague', status: 'active' } })).toEqual({ allowed: true });
  });
  it('refuses a cancelled shift first', () => {
    expect(mayRequestSwap({ ...base, shiftStatus: 'cancelled', to: 'unknown' })).toEqual({
      allowed: false,
      reason: 'swap_state',
    });
  });
  it('refuses an unknown, inactive or same colleague', () => {
    for (const to of ['unknown', { id: 'me', status: 'active' }, { id: 'c', status: 'paused' }] as const)
      expect(mayRequestSwap({ ...base, to })).toEqual({ allowed: false, reason: 'colleague' });
  });
});

describe('mayAcceptSwap', () => {
  const open = { status: 'open', fromSupporterId: 'asker', toSupporterId: null } as const;
  it('lets any other supporter take a swap offered to anyone', () => {
    expect(mayAcceptSwap(open, { id: 'taker' })).toEqual({ allowed: true });
  });
  it('lets only the addressed colleague take an addressed swap (to others it does not exist)', () => {
    const addressed = { ...open, toSupporterId: 'colleague' };
    expect(mayAcceptSwap(addressed, { id: 'colleague' })).toEqual({ allowed: true });
    expect(mayAcceptSwap(addressed, { id: 'taker' })).toEqual({ allowed: false, reason: 'not_addressed' });
  });
  it('refuses a swap no longer open, or the asker taking their own', () => {
    expect(mayAcceptSwap({ ...open, status: 'accepted' }, { id: 'taker' })).toEqual({
      allowed: false,
      reason: 'swap_state',
    });
    expect(mayAcceptSwap({ ...open, status: 'withdrawn' }, { id: 'taker' })).toEqual({
      allowed: false,
      reason: 'swap_state',
    });
    expect(mayAcceptSwap(open, { id: 'asker' })).toEqual({ allowed: false, reason: 'swap_state' });
  });
});

describe('paymentOf', () => {
  it('reads where the money is from the lines', () => {
    expect(paymentOf([])).toBe('unpaid');
    expect(paymentOf([{ status: 'pending' }])).toBe('in_batch');
    expect(paymentOf([{ status: 'paid' }])).toBe('paid');
    expect(paymentOf([{ status: 'returned' }])).toBe('returned');
    expect(paymentOf([{ status: 'returned' }, { status: 'pending' }])).toBe('in_batch');
    expect(paymentOf([{ status: 'returned' }, { status: 'paid' }])).toBe('paid');
  });
});
