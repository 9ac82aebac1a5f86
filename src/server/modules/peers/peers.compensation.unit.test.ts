import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compensationFor, fiscalYearOf, monthRange } from './peers.compensation.ts';

describe('peer compensation', () => {
  it('computes gross, withholding (10.21 %) and net in whole yen, rounding down', () => {
    // 7 h 30 min at 1,100 yen = 8,250; 8,250 × 10.21 % = 842.325 → 842.
    expect(compensationFor(450, 1_100, 1021)).toEqual({ gross: 8_250, withholding: 842, net: 7_408 });
    // 50 min at 1,000 yen = 833.33 → 833; 833 × 10.21 % = 85.04 → 85.
    expect(compensationFor(50, 1_000, 1021)).toEqual({ gross: 833, withholding: 85, net: 748 });
    expect(compensationFor(0, 1_000, 1021)).toEqual({ gross: 0, withholding: 0, net: 0 });
    expect(compensationFor(60, 1_000, 0)).toEqual({ gross: 1_000, withholding: 0, net: 1_000 });
  });

  it('refuses fractions and negatives', () => {
    expect(() => compensationFor(1.5, 1000, 1021)).toThrow(RangeError);
    expect(() => compensationFor(60, -1, 1021)).toThrow(RangeError);
    expect(() => compensationFor(60, 1000, 10_001)).toThrow(RangeError);
  });

  it('always has net = gross − withholding, 0 ≤ withholding ≤ gross, gross ≤ exact pay', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 44_640 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (minutes, rate, bp) => {
          const c = compensationFor(minutes, rate, bp);
          expect(c.net).toBe(c.gross - c.withholding);
          expect(c.withholding).toBeGreaterThanOrEqual(0);
          expect(c.withholding).toBeLessThanOrEqual(c.gross);
          expect(c.gross * 60).toBeLessThanOrEqual(minutes * rate);
          expect((c.gross + 1) * 60).toBeGreaterThan(minutes * rate);
          expect(Number.isInteger(c.gross) && Number.isInteger(c.withholding)).toBe(true);
        },
      ),
    );
  });

  it('assigns months to April–March fiscal years and knows month ends', () => {
    expect(fiscalYearOf('2026-03')).toBe(2025);
    expect(fiscalYearOf('2026-04')).toBe(2026);
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});
