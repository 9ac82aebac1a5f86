import { formatFiscalYear } from './text/wareki.ts';

/**
 * The Japanese fiscal year (会計年度) runs April–March and is named by the year it starts in:
 * 令和8年度 = FY2026 = 2026-04 … 2027-03. A cost belongs to the fiscal year of the month it arose in,
 * not to the day it is confirmed or paid: a March trip confirmed or paid in April–May (出納整理期間)
 * still belongs to the previous year (地方自治法 235 条の 5). Pure functions, shared by server and web.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `YYYY-MM` → its fiscal year; throws on anything else. */
export function fiscalYearOfMonth(month: string): number {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError('month must be YYYY-MM');
  const year = Number(match[1]);
  return Number(match[2]) >= 4 ? year : year - 1;
}

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** The twelve months of a fiscal year, April first. */
export function monthsOfFiscalYear(fiscalYear: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((i + 3) % 12) + 1;
    const y = m >= 4 ? fiscalYear : fiscalYear + 1;
    return `${y}-${String(m).padStart(2, '0')}`;
  });
}

/** First and last day (YYYY-MM-DD) of a fiscal year. */
export function fiscalYearRange(fiscalYear: number): { from: string; to: string } {
  return { from: `${fiscalYear}-04-01`, to: `${fiscalYear + 1}-03-31` };
}

/**
 * True when a day (YYYY-MM-DD) falls in the 出納整理期間 of `fiscalYear`: 1 April – 31 May after the
 * year has ended, when the previous year's accounts may still be settled.
 */
export function inClosingPeriodOf(day: string, fiscalYear: number): boolean {
  return day >= `${fiscalYear + 1}-04-01` && day <= `${fiscalYear + 1}-05-31`;
}

/** 令和 year of a fiscal year (FY2026 → 8): the one 年度 formatter, `formatFiscalYear` in text/wareki.ts. */
export function reiwaFiscalYearLabel(fiscalYear: number): string {
  return formatFiscalYear(fiscalYear);
}
