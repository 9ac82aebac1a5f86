/** The instants a fiscal year spans in Japan (1 April 00:00 JST to the next 1 April), as ISO strings. */
export function fiscalYearRange(fiscalYear: number): { from: string; to: string } {
  return { from: `${fiscalYear}-04-01T00:00:00+09:00`, to: `${fiscalYear + 1}-04-01T00:00:00+09:00` };
}
