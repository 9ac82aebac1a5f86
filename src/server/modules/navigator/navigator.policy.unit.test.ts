import { describe, expect, it } from 'vitest';
import { mayLinkPlace, mayPublishRuleSet, stateOf, versionInForce } from './navigator.policy.ts';

describe('navigator policy', () => {
  it('a new national version takes effect today or later, after the latest scheduled one', () => {
    expect(
      mayPublishRuleSet({
        effectiveFrom: '2026-12-04',
        today: '2026-12-05',
        latestEffectiveFrom: '2025-04-01',
      }),
    ).toEqual({
      allowed: false,
      reason: 'effective_in_past',
    });
    expect(
      mayPublishRuleSet({
        effectiveFrom: '2026-12-05',
        today: '2026-12-05',
        latestEffectiveFrom: '2025-04-01',
      }).allowed,
    ).toBe(true);
    expect(
      mayPublishRuleSet({
        effectiveFrom: '2027-01-01',
        today: '2026-12-05',
        latestEffectiveFrom: '2027-01-01',
      }),
    ).toEqual({
      allowed: false,
      reason: 'not_after_latest',
    });
  });

  it('the version in force is the newest whose date has come', () => {
    const versions = [
      { version: 1, effectiveFrom: '2025-04-01' },
      { version: 2, effectiveFrom: '2027-04-01' },
    ];
    expect(versionInForce(versions, '2027-03-31')?.version).toBe(1);
    expect(versionInForce(versions, '2027-04-01')?.version).toBe(2);
    expect(versionInForce(versions, '2025-03-31')).toBeNull();
    expect(stateOf(versions[1]!, versions[0]!, '2027-03-31')).toBe('scheduled');
    expect(stateOf(versions[0]!, versions[1]!, '2027-04-01')).toBe('superseded');
  });

  it('a window links only to a listed place of its own town', () => {
    expect(mayLinkPlace({ municipalityCode: '192015' }, '192015')).toBe(true);
    expect(mayLinkPlace({ municipalityCode: '192104' }, '192015')).toBe(false);
    expect(mayLinkPlace(null, '192015')).toBe(false);
  });
});
