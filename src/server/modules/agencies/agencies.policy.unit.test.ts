import { describe, expect, it } from 'vitest';
import {
  agencyActionNeedsBasis,
  itemBasis,
  mayAgencyAct,
  mayAgencyReadReferral,
  mayJoinAgency,
  mayReadConference,
  mayTakePart,
  needsAgencyConsent,
  referralStep,
} from './agencies.policy.ts';

describe('referralStep', () => {
  it('refuses a stale version before anything else', () => {
    expect(referralStep({ status: 'completed', version: 2 }, 'accept', 1)).toEqual({
      allowed: false,
      reason: 'stale_version',
    });
  });
  it.each([
    ['requested', 'accept', 'accepted'],
    ['requested', 'decline', 'declined'],
    ['accepted', 'progress', 'in_progress'],
    ['accepted', 'complete', 'completed'],
    ['in_progress', 'complete', 'completed'],
    ['requested', 'withdraw', 'withdrawn'],
    ['accepted', 'withdraw', 'withdrawn'],
    ['in_progress', 'withdraw', 'withdrawn'],
  ] as const)('%s --%s--> %s', (status, action, to) => {
    expect(referralStep({ status, version: 1 }, action, 1)).toEqual({ allowed: true, to });
  });
  it.each([
    ['accepted', 'accept'],
    ['declined', 'decline'],
    ['requested', 'progress'],
    ['requested', 'complete'],
    ['completed', 'withdraw'],
    ['withdrawn', 'withdraw'],
  ] as const)('refuses %s --%s-->', (status, action) => {
    expect(referralStep({ status, version: 1 }, action, 1)).toEqual({
      allowed: false,
      reason: 'transition_invalid',
    });
  });
});

describe('the agency acting on a referral', () => {
  it('declining needs a reason; other actions do not', () => {
    expect(mayAgencyAct('decline', '')).toEqual({ allowed: false, reason: 'decline_reason_missing' });
    expect(mayAgencyAct('decline', '対象外のため')).toEqual({ allowed: true });
    expect(mayAgencyAct('accept', '')).toEqual({ allowed: true });
  });
  it('accepting and progressing need the basis in force', () => {
    expect(agencyActionNeedsBasis('accept')).toBe(true);
    expect(agencyActionNeedsBasis('progress')).toBe(true);
    expect(agencyActionNeedsBasis('decline')).toBe(false);
    expect(agencyActionNeedsBasis('complete')).toBe(false);
  });
  it('reads the content only while the referral stands and its basis holds', () => {
    expect(mayAgencyReadReferral({ status: 'accepted' }, true)).toBe(true);
    expect(mayAgencyReadReferral({ status: 'accepted' }, false)).toBe(false);
    expect(mayAgencyReadReferral({ status: 'withdrawn' }, true)).toBe(false);
  });
});

describe('membership', () => {
  it('an agency member is an account of this tenant with the role', () => {
    expect(mayJoinAgency(null, '192015')).toEqual({ allowed: false, reason: 'not_of_tenant' });
    expect(mayJoinAgency({ tenantCode: '192074', roles: ['agency_member'] }, '192015')).toEqual({
      allowed: false,
      reason: 'not_of_tenant',
    });
    expect(mayJoinAgency({ tenantCode: '192015', roles: ['consultation'] }, '192015')).toEqual({
      allowed: false,
      reason: 'not_agency_member',
    });
    expect(mayJoinAgency({ tenantCode: '192015', roles: ['agency_member'] }, '192015')).toEqual({
      allowed: true,
    });
  });
  it('a participant is an active account of this tenant', () => {
    expect(mayTakePart(null, '192015')).toBe(false);
    expect(mayTakePart({ tenantCode: '192074', status: 'active' }, '192015')).toBe(false);
    expect(mayTakePart({ tenantCode: '192015', status: 'suspended' }, '192015')).toBe(false);
    expect(mayTakePart({ tenantCode: '192015', status: 'active' }, '192015')).toBe(true);
  });
});

describe('conferences', () => {
  it('a 支援会議 is read only after acknowledging confidentiality; a 重層的支援会議 needs none', () => {
    expect(mayReadConference({ kind: 'support_conference' }, { acknowledgedAt: null })).toBe(false);
    expect(mayReadConference({ kind: 'support_conference' }, { acknowledgedAt: new Date() })).toBe(true);
    expect(mayReadConference({ kind: 'multilayer' }, { acknowledgedAt: null })).toBe(true);
  });
  it('only a 重層的支援会議 asks each agency for the consent', () => {
    expect(needsAgencyConsent('multilayer', 'a1')).toBe(true);
    expect(needsAgencyConsent('multilayer', null)).toBe(false);
    expect(needsAgencyConsent('support_conference', 'a1')).toBe(false);
  });
});

describe('itemBasis', () => {
  const base = {
    conferenceKind: 'support_conference',
    itemKind: 'share',
    agencyId: 'a1',
    personChosen: true,
    scope: '就労の状況',
  };
  it('an item naming no agency, or not a share or decision, has no basis', () => {
    expect(itemBasis({ ...base, agencyId: null })).toEqual({ allowed: true, names: false, basis: null });
    expect(itemBasis({ ...base, itemKind: 'action' })).toEqual({ allowed: true, names: false, basis: null });
    expect(itemBasis({ ...base, itemKind: 'material', personChosen: false, scope: '' })).toEqual({
      allowed: true,
      names: false,
      basis: null,
    });
  });
  it('a share names the person and says what may be shared', () => {
    expect(itemBasis({ ...base, personChosen: false })).toEqual({
      allowed: false,
      reason: 'person_required',
    });
    expect(itemBasis({ ...base, scope: '  ' })).toEqual({ allowed: false, reason: 'scope_required' });
  });
  it('the basis is the 支援会議 itself, or the consent in a 重層的支援会議', () => {
    expect(itemBasis(base)).toEqual({ allowed: true, names: true, basis: 'support_conference' });
    expect(itemBasis({ ...base, itemKind: 'decision', conferenceKind: 'multilayer' })).toEqual({
      allowed: true,
      names: true,
      basis: 'consent',
    });
  });
});
