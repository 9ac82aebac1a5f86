import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fiscalYearOfMonth,
  fiscalYearRange,
  inClosingPeriodOf,
  monthsOfFiscalYear,
  reiwaFiscalYearLabel,
} from './fiscal-year.ts';

describe('fiscal year (April–March)', () => {
  it('names the year by the April it starts in', () => {
    expect(fiscalYearOfMonth('2026-04')).toBe(2026);
    expect(fiscalYearOfMonth('2026-12')).toBe(2026);
    expect(fiscalYearOfMonth('2027-01')).toBe(2026);
    expect(fiscalYearOfMonth('2027-03')).toBe(2026);
    expect(fiscalYearOfMonth('2027-04')).toBe(2027);
  });

  it('a March trip belongs to the previous year even when settled in the closing period (April–May)', () => {
    // The trip month decides; the day of confirmation (2027-05-20) is in FY2027 but is the 出納整理期間 of FY2026.
    expect(fiscalYearOfMonth('2027-03')).toBe(2026);
    expect(inClosingPeriodOf('2027-05-20', 2026)).toBe(true);
    expect(inClosingPeriodOf('2027-06-01', 2026)).toBe(false);
    expect(inClosingPeriodOf('2027-03-31', 2026)).toBe(false);
  });

  it('refuses what is not a month', () => {
    expect(() => fiscalYearOfMonth('2026-13')).toThrow();
    expect(() => fiscalYearOfMonth('2026-4')).toThrow();
    expect(() => fiscalYearOfMonth('')).toThrow();
  });

  it('lists twelve months from April to March, each in its own year', () => {
    expect(monthsOfFiscalYear(2026)[0]).toBe('2026-04');
    expect(monthsOfFiscalYear(2026)[11]).toBe('2027-03');
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2200 }), (fy) => {
        const months = monthsOfFiscalYear(fy);
        return months.length === 12 && months.every((m) => fiscalYearOfMonth(m) === fy);
      }),
    );
    expect(fiscalYearRange(2026)).toEqual({ from: '2026-04-01', to: '2027-03-31' });
  });

  it('labels the year in 令和', () => {
    expect(reiwaFiscalYearLabel(2026)).toBe('令和8年度');
    expect(reiwaFiscalYearLabel(2019)).toBe('令和元年度');
  });
});
