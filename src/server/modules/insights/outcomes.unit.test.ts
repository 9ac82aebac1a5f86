import { describe, expect, it } from 'vitest';
import { authorizeReturn, isOnTime, nextState } from './insights.policy.ts';
import {
  computeOutcomeRows,
  type MeasureSeries,
  meanWithInterval,
  wilsonInterval,
} from './outcomes.statistics.ts';

/**
 * Hand-computed fixture (worked on paper, see below): ten persons with two WHO-5 measurements, the
 * first before the fiscal year and the last in FY2026, changes 12, −4, 20, 8, 0, 16, 4, 10, −8, 12.
 *   mean = 70 / 10 = 7; Σ(d − 7)² = 714; s² = 714 / 9 = 79.33; SE = √(79.33 / 10) = 2.8166;
 *   t(0.975, 9) = 2.262 → 7 ± 6.371 = [0.629, 13.371].
 *   Improved by ≥ 10: 12, 20, 16, 10, 12 → 5 / 10; Wilson (z = 1.96): centre 0.5, half
 *   (1.96 / 1.38416)·√(0.025 + 0.009604) = 0.26341 → [23.66 %, 76.34 %].
 * Four persons with a GAS T-score in FY2026 (latest of the year): 50, 60, 40, 55 → mean 51.25;
 *   s² = 218.75 / 3 = 72.92; SE = 4.2696; t(0.975, 3) = 3.182 → [37.664, 64.836].
 */
const changesFixture = [12, -4, 20, 8, 0, 16, 4, 10, -8, 12];
const fixture: MeasureSeries[] = changesFixture.map((d, i) => ({
  ageGroup: i < 4 ? '40s' : '20s',
  measures: [
    { kind: 'who5', takenOn: '2025-10-01', score: 40 },
    // An earlier measurement in the year is not the latest: the change uses the last one.
    { kind: 'who5', takenOn: '2026-06-01', score: 99 },
    { kind: 'who5', takenOn: '2026-12-01', score: 40 + d },
    ...(i < 4
      ? [
          { kind: 'gas', takenOn: '2026-09-01', score: 30 },
          { kind: 'gas', takenOn: '2027-01-10', score: [50, 60, 40, 55][i]! },
        ]
      : []),
  ],
}));
// A person with only one measurement, and one whose latest is after the year: not counted.
fixture.push({ ageGroup: '30s', measures: [{ kind: 'who5', takenOn: '2026-05-01', score: 60 }] });
fixture.push({
  ageGroup: '30s',
  measures: [
    { kind: 'who5', takenOn: '2026-05-01', score: 60 },
    { kind: 'who5', takenOn: '2027-05-01', score: 90 },
  ],
});

describe('outcome indicators (hand-computed fixture)', () => {
  const rows = computeOutcomeRows(fixture, 2026);
  const row = (indicator: string, disaggregation = 'all') =>
    rows.find((r) => r.indicator === indicator && r.disaggregation === disaggregation)!;

  it('WHO-5 mean change with its 95 % t interval', () => {
    const r = row('who5_change');
    expect(r.n).toBe(10);
    expect(r.value).toBeCloseTo(7, 10);
    expect(r.lower).toBeCloseTo(0.6288, 3);
    expect(r.upper).toBeCloseTo(13.3712, 3);
  });

  it('share improved by ≥ 10 points with the Wilson interval', () => {
    const r = row('who5_improved');
    expect(r.n).toBe(10);
    expect(r.value).toBeCloseTo(50, 10);
    expect(r.lower).toBeCloseTo(23.659, 2);
    expect(r.upper).toBeCloseTo(76.341, 2);
  });

  it('GAS mean T-score of the latest score in the year', () => {
    const r = row('gas_t');
    expect(r.n).toBe(4);
    expect(r.value).toBeCloseTo(51.25, 10);
    expect(r.lower).toBeCloseTo(37.664, 2);
    expect(r.upper).toBeCloseTo(64.836, 2);
  });

  it('disaggregates by age group, and reports n = 0 where nobody was measured', () => {
    expect(row('who5_change', 'age:40s').n).toBe(4);
    expect(row('who5_change', 'age:20s').n).toBe(6);
    expect(row('who5_change', 'age:30s').n).toBe(0);
    expect(row('ucla3_change').n).toBe(0);
    expect(row('ucla3_change').value).toBeNull();
  });

  it('interval helpers agree with the textbook forms', () => {
    expect(meanWithInterval([5]).lower).toBeNull();
    const w = wilsonInterval(0, 10);
    expect(w.lower).toBe(0);
    expect(w.upper).toBeCloseTo(0.2775, 3);
  });
});

describe('return policy', () => {
  const kai = { scope: 'tenant' as const, tenant: '192104', roles: ['municipal_admin' as const] };
  const yamanashi = { scope: 'prefecture' as const, tenant: '190004', roles: ['prefecture' as const] };
  const tokyo = { scope: 'prefecture' as const, tenant: '130001', roles: ['prefecture' as const] };
  const national = { scope: 'national' as const, tenant: null, roles: ['national' as const] };
  const record = (
    state: 'draft' | 'submitted' | 'returned' | 'accepted' | null,
    enteredBy: 'municipality' | 'prefecture' | null = 'municipality',
  ) => ({
    municipalityCode: '192104',
    state,
    enteredBy,
  });

  it('a municipality keeps its own return; others of its kind get not_found', () => {
    expect(authorizeReturn(kai, 'edit', record('draft')).allowed).toBe(true);
    expect(authorizeReturn(kai, 'edit', record('submitted'))).toEqual({ allowed: false, reason: 'state' });
    expect(authorizeReturn({ ...kai, tenant: '192015' }, 'read', record('draft'))).toEqual({
      allowed: false,
      reason: 'not_found',
    });
  });

  it('the prefecture reviews its own municipalities only; national reads all and writes none', () => {
    expect(authorizeReturn(yamanashi, 'review', record('submitted')).allowed).toBe(true);
    expect(authorizeReturn(yamanashi, 'review', record('draft'))).toEqual({
      allowed: false,
      reason: 'state',
    });
    expect(authorizeReturn(tokyo, 'read', record('submitted'))).toEqual({
      allowed: false,
      reason: 'not_found',
    });
    expect(authorizeReturn(national, 'read', record('accepted')).allowed).toBe(true);
    expect(authorizeReturn(national, 'review', record('submitted'))).toEqual({
      allowed: false,
      reason: 'permission',
    });
  });

  it('the prefecture enters returns only for municipalities that do not keep their own', () => {
    expect(authorizeReturn(yamanashi, 'enter_for', record(null, null)).allowed).toBe(true);
    expect(authorizeReturn(yamanashi, 'enter_for', record('draft'))).toEqual({
      allowed: false,
      reason: 'kept_by_municipality',
    });
    expect(authorizeReturn(kai, 'edit', record('accepted', 'prefecture'))).toEqual({
      allowed: false,
      reason: 'kept_by_municipality',
    });
  });

  it('moves draft → submitted → returned → submitted → accepted, nothing else', () => {
    expect(nextState('draft', 'submit')).toBe('submitted');
    expect(nextState('submitted', 'return')).toBe('returned');
    expect(nextState('returned', 'submit')).toBe('submitted');
    expect(nextState('submitted', 'accept')).toBe('accepted');
    expect(nextState('accepted', 'save')).toBeNull();
    expect(nextState('draft', 'accept')).toBeNull();
    expect(isOnTime('2027-05-31', '2027-05-31')).toBe(true);
    expect(isOnTime('2027-06-01', '2027-05-31')).toBe(false);
  });
});
