import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHq25, gasTScore, scoreUcla3, scoreWho5, WHO5_ITEMS } from './support.scoring.ts';

describe('WHO-5-J', () => {
  it('scores raw × 4 and flags ≤ 50 as poor wellbeing', () => {
    expect(WHO5_ITEMS).toHaveLength(5);
    expect(scoreWho5([5, 5, 5, 5, 5])).toEqual({ raw: 25, percentage: 100, poorWellbeing: false });
    expect(scoreWho5([0, 0, 0, 0, 0])).toEqual({ raw: 0, percentage: 0, poorWellbeing: true });
    expect(scoreWho5([3, 3, 2, 2, 2])).toEqual({ raw: 12, percentage: 48, poorWellbeing: true });
    expect(scoreWho5([3, 3, 3, 2, 2])).toEqual({ raw: 13, percentage: 52, poorWellbeing: false });
    expect(scoreWho5([3, 3, 3, 2, 1]).percentage).toBe(48);
  });

  it('refuses wrong item counts and values', () => {
    expect(() => scoreWho5([1, 2, 3, 4])).toThrow(RangeError);
    expect(() => scoreWho5([1, 2, 3, 4, 6])).toThrow(RangeError);
    expect(() => scoreWho5([1, 2, 3, 4, 1.5])).toThrow(RangeError);
  });

  it('property: 0–100 in steps of 4, flag exactly when ≤ 50, monotone in every item', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 5, maxLength: 5 }),
        fc.nat(4),
        (a, i) => {
          const r = scoreWho5(a);
          expect(r.percentage).toBe(r.raw * 4);
          expect(r.percentage % 4).toBe(0);
          expect(r.percentage).toBeGreaterThanOrEqual(0);
          expect(r.percentage).toBeLessThanOrEqual(100);
          expect(r.poorWellbeing).toBe(r.percentage <= 50);
          if (a[i]! < 5) {
            const up = [...a];
            up[i] = a[i]! + 1;
            expect(scoreWho5(up).percentage).toBe(r.percentage + 4);
          }
        },
      ),
    );
  });
});

describe('UCLA 3-item', () => {
  it('sums 1–4 answers to 3–12', () => {
    expect(scoreUcla3([1, 1, 1]).total).toBe(3);
    expect(scoreUcla3([4, 4, 4]).total).toBe(12);
    expect(() => scoreUcla3([0, 1, 1])).toThrow(RangeError);
    expect(() => scoreUcla3([1, 1])).toThrow(RangeError);
  });
  it('property: always within 3–12', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 3 }), (a) => {
        const { total } = scoreUcla3(a);
        expect(total).toBeGreaterThanOrEqual(3);
        expect(total).toBeLessThanOrEqual(12);
      }),
    );
  });
});

describe('HQ-25 as entered', () => {
  it('checks ranges and that the subscales add up; 42 is a screening cutoff', () => {
    expect(checkHq25({ total: 42, socialization: 20, isolation: 12, dailyActivities: 10 })).toEqual({
      total: 42,
      aboveScreeningCutoff: true,
    });
    expect(
      checkHq25({ total: 41, socialization: 20, isolation: 11, dailyActivities: 10 }).aboveScreeningCutoff,
    ).toBe(false);
    expect(() => checkHq25({ total: 40, socialization: 20, isolation: 12, dailyActivities: 10 })).toThrow(
      RangeError,
    );
    expect(() => checkHq25({ total: 101, socialization: 44, isolation: 33, dailyActivities: 24 })).toThrow(
      RangeError,
    );
  });
});

describe('GAS T-score', () => {
  it('is 50 when every goal is met as expected', () => {
    expect(gasTScore([{ score: 0 }, { score: 0 }, { score: 0 }])).toBe(50);
  });
  it('matches the formula on worked examples (ρ = 0.3, equal weights)', () => {
    // One goal: the denominator is √((1−ρ)+ρ) = 1, so T = 50 + 10x.
    expect(gasTScore([{ score: 2 }])).toBe(70);
    expect(gasTScore([{ score: -1 }])).toBe(40);
    // Two goals at +1: 50 + 10·2 / √(0.7·2 + 0.3·4) = 50 + 20/√2.6 = 62.40…
    expect(gasTScore([{ score: 1 }, { score: 1 }])).toBe(62.4);
    // Weighted: w = (2, 1), x = (1, −1): 50 + 10·1 / √(0.7·5 + 0.3·9) = 50 + 10/√6.2 = 54.01…
    expect(
      gasTScore([
        { score: 1, weight: 2 },
        { score: -1, weight: 1 },
      ]),
    ).toBe(54);
  });
  it('refuses scores outside −2…+2 and empty goal lists', () => {
    expect(() => gasTScore([])).toThrow(RangeError);
    expect(() => gasTScore([{ score: 3 }])).toThrow(RangeError);
    expect(() => gasTScore([{ score: 1, weight: 0 }])).toThrow(RangeError);
  });

  const goals = fc.array(
    fc.record({ score: fc.integer({ min: -2, max: 2 }), weight: fc.integer({ min: 1, max: 5 }) }),
    { minLength: 1, maxLength: 8 },
  );
  it('property: symmetric around 50 (negating every score mirrors T)', () => {
    fc.assert(
      fc.property(goals, (g) => {
        const t = gasTScore(g);
        const mirrored = gasTScore(g.map((x) => ({ ...x, score: -x.score })));
        expect(t + mirrored).toBeCloseTo(100, 0);
      }),
    );
  });
  it('property: scaling all weights changes nothing; raising one score never lowers T', () => {
    fc.assert(
      fc.property(goals, fc.integer({ min: 2, max: 4 }), fc.nat(7), (g, k, i) => {
        expect(gasTScore(g.map((x) => ({ ...x, weight: x.weight * k })))).toBeCloseTo(gasTScore(g), 1);
        const j = i % g.length;
        if (g[j]!.score < 2) {
          const up = g.map((x, n) => (n === j ? { ...x, score: x.score + 1 } : x));
          expect(gasTScore(up)).toBeGreaterThan(gasTScore(g));
        }
      }),
    );
  });
  it('property: bounded by the all −2 and all +2 cases', () => {
    fc.assert(
      fc.property(goals, (g) => {
        const t = gasTScore(g);
        expect(t).toBeGreaterThanOrEqual(gasTScore(g.map((x) => ({ ...x, score: -2 }))) - 0.05);
        expect(t).toBeLessThanOrEqual(gasTScore(g.map((x) => ({ ...x, score: 2 }))) + 0.05);
      }),
    );
  });
});
