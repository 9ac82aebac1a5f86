/**
 * Peer-supporter compensation (BRIEF: a fee; gross, withholding tax at a rate set per programme, net).
 * All amounts are integer yen. Rounding rule, applied in this order:
 *   gross       = ⌊ minutes × hourly rate ÷ 60 ⌋      (1円未満切捨て, in the supporter's favour never
 *                                                    beyond the minute actually worked)
 *   withholding = ⌊ gross × rate (basis points) ÷ 10,000 ⌋   (源泉徴収税額の1円未満切捨て)
 *   net         = gross − withholding
 * Integer arithmetic only (no floating point), so the same inputs give the same yen everywhere.
 */
export type Compensation = { gross: number; withholding: number; net: number };

export function compensationFor(
  minutes: number,
  hourlyRate: number,
  withholdingRateBp: number,
): Compensation {
  for (const [name, value] of [
    ['minutes', minutes],
    ['hourlyRate', hourlyRate],
    ['withholdingRateBp', withholdingRateBp],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0`);
  }
  if (withholdingRateBp > 10_000) throw new RangeError('withholdingRateBp must be at most 10000');
  const gross = Math.floor((minutes * hourlyRate) / 60);
  const withholding = Math.floor((gross * withholdingRateBp) / 10_000);
  return { gross, withholding, net: gross - withholding };
}

/** 年度 (April–March) of a month `YYYY-MM`: the fiscal year the cost belongs to (BRIEF). */
export function fiscalYearOf(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

/** First and last day of a month `YYYY-MM`, as `YYYY-MM-DD`. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
