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

/**
 * Hand-computed fixture for the disaggregation by years since the withdrawal began and the plan
 * figures (FY2026, year end 2027-03-31):
 *   A since 2025 → 1 year → band 0_2; WHO-5 40 → 52 (+12); plan 2026-05-01 active, own words, 居場所 + volunteering.
 *   B since 2020 → 6 years → 5_9; WHO-5 50 → 46 (−4); plan 2024-01-01 ended before the year: not counted.
 *   C since 2018 → 8 years → 5_9; WHO-5 30 → 50 (+20); plan 2025-06-01 active, one goal in the family's
 *     words, study; its version of 2027-05-01 (own words, work) is after the year and not seen.
 *   D onset not told; WHO-5 40 → 48 (+8); plan 2026-10-01 ended in the year (counted), own words,
 *     short-hours work + 居場所.
 *   E since 2000 → 26 years → 20_plus; no measurement, no plan.
 * since:5_9 WHO-5 change: n 2, mean (−4 + 20) / 2 = 8; s² = (144 + 144) / 1 = 288; SE = √(288 / 2) = 12;
 *   t(0.975, 1) = 12.706 → 8 ± 152.472 = [−144.472, 160.472]. since:0_2: n 1, 12, no interval.
 * Plans counted: A, C, D → own words 2 / 3 = 66.67 %; Wilson: centre (2/3 + 3.8416/6) / (1 + 3.8416/3)
 *   = 0.57308, half (1.96 / 2.28053)·√(2/27 + 3.8416/36) = 0.36543 → [20.77 %, 93.85 %].
 * Chosen paths over those 3: 居場所 2 (66.67 %), volunteering 1, study 1, short-hours work 1, work 0.
 */
describe('years since withdrawal, goals in own words and chosen paths (hand-computed fixture)', () => {
  const who5 = (from: number, to: number) => [
    { kind: 'who5', takenOn: '2025-05-01', score: from },
    { kind: 'who5', takenOn: '2026-06-01', score: to },
  ];
  const plan = (on: string, active: boolean, ownWords: boolean, chosenPaths: string[]) => ({
    on,
    active,
    ownWords,
    chosenPaths,
  });
  const persons: MeasureSeries[] = [
    {
      ageGroup: '20s',
      withdrawalSince: 2025,
      measures: who5(40, 52),
      plans: [plan('2026-05-01', true, true, ['ibasho', 'volunteering'])],
    },
    {
      ageGroup: '30s',
      withdrawalSince: 2020,
      measures: who5(50, 46),
      plans: [plan('2024-01-01', false, true, ['work'])],
    },
    {
      ageGroup: '30s',
      withdrawalSince: 2018,
      measures: who5(30, 50),
      plans: [plan('2025-06-01', true, false, ['study']), plan('2027-05-01', true, true, ['work'])],
    },
    {
      ageGroup: '40s',
      withdrawalSince: null,
      measures: who5(40, 48),
      plans: [plan('2026-10-01', false, true, ['short_hours_work', 'ibasho'])],
    },
    { ageGroup: '50s', withdrawalSince: 2000, measures: [] },
  ];
  const rows = computeOutcomeRows(persons, 2026);
  const row = (indicator: string, disaggregation: string) =>
    rows.find((r) => r.indicator === indicator && r.disaggregation === disaggregation);

  it('WHO-5 change by band of years since the withdrawal began', () => {
    const band59 = row('who5_change', 'since:5_9')!;
    expect(band59.n).toBe(2);
    expect(band59.value).toBeCloseTo(8, 10);
    expect(band59.lower).toBeCloseTo(-144.472, 3);
    expect(band59.upper).toBeCloseTo(160.472, 3);
    expect(row('who5_change', 'since:0_2')).toMatchObject({ n: 1, value: 12, lower: null, upper: null });
    expect(row('who5_change', 'since:20_plus')).toMatchObject({ n: 0, value: null });
    // No one in a band: no row; a person without an onset is in no band, but in 'all'.
    expect(row('who5_change', 'since:3_4')).toBeUndefined();
    expect(row('who5_change', 'since:10_19')).toBeUndefined();
    expect(row('who5_change', 'all')!.n).toBe(4);
  });

  it('share of plans whose goals are in the person’s own words, with the Wilson interval', () => {
    const r = row('goals_own_words', 'all')!;
    expect(r.n).toBe(3);
    expect(r.value).toBeCloseTo(66.6667, 3);
    expect(r.lower).toBeCloseTo(20.7655, 3);
    expect(r.upper).toBeCloseTo(93.851, 3);
    expect(row('goals_own_words', 'since:0_2')).toMatchObject({ n: 1, value: 100 });
    expect(row('goals_own_words', 'since:5_9')).toMatchObject({ n: 1, value: 0 });
  });

  it('chosen paths are one distribution (n = persons who chose each path), work among the others', () => {
    const paths = Object.fromEntries(
      rows.filter((r) => r.indicator === 'chosen_paths').map((r) => [r.disaggregation, r]),
    );
    expect(Object.keys(paths)).toEqual([
      'path:ibasho',
      'path:volunteering',
      'path:study',
      'path:training',
      'path:short_hours_work',
      'path:work',
      'path:other',
    ]);
    expect(paths['path:ibasho']).toMatchObject({ n: 2 });
    expect(paths['path:ibasho']!.value).toBeCloseTo(66.6667, 3);
    expect(paths['path:volunteering']).toMatchObject({ n: 1 });
    expect(paths['path:study']).toMatchObject({ n: 1 });
    expect(paths['path:short_hours_work']).toMatchObject({ n: 1 });
    expect(paths['path:work']).toMatchObject({ n: 0, value: 0 });
  });

  it('employment is no indicator of the catalogue (no headline, rank or colour scale of its own)', async () => {
    const { INDICATOR_IDS } = await import('../../../shared/contracts/insights.ts');
    expect(INDICATOR_IDS.some((id) => /work|employ|job|chosen_paths/.test(id))).toBe(false);
    expect(INDICATOR_IDS).toContain('goals_own_words');
  });
});
