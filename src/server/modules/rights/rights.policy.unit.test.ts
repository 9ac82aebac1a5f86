import { describe, expect, it } from 'vitest';
import {
  mayChangeDisclosure,
  mayDecideCorrection,
  mayReleaseDisclosure,
  proposedWithholding,
} from './rights.policy.ts';

describe('proposedWithholding', () => {
  it('withholds closed 支援会議 materials first, then third parties’ statements; releases the rest', () => {
    expect(proposedWithholding({ origin: 'third_party', closed: true })).toBe('closed_support_conference');
    expect(proposedWithholding({ origin: 'staff', closed: true })).toBe('closed_support_conference');
    expect(proposedWithholding({ origin: 'third_party' })).toBe('third_party_statement');
    expect(proposedWithholding({ origin: 'staff', closed: false })).toBeNull();
    expect(proposedWithholding({ origin: 'person' })).toBeNull();
  });
});

describe('disclosure', () => {
  it('an approved disclosure no longer changes', () => {
    expect(mayChangeDisclosure({ status: 'draft' })).toBe(true);
    expect(mayChangeDisclosure({ status: 'approved' })).toBe(false);
  });
  it('the document is released only once approved', () => {
    expect(mayReleaseDisclosure({ status: 'draft', approvedAt: null })).toBe(false);
    expect(mayReleaseDisclosure({ status: 'approved', approvedAt: null })).toBe(false);
    expect(mayReleaseDisclosure({ status: 'approved', approvedAt: new Date() })).toBe(true);
  });
});

describe('correction', () => {
  it('is decided once', () => {
    expect(mayDecideCorrection({ outcome: null })).toBe(true);
    expect(mayDecideCorrection({ outcome: 'corrected' })).toBe(false);
  });
});
