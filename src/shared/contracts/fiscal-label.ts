/** 令和8年度（2026年度）: the era name of 1 April of the fiscal year, then the western year. */
export function fiscalYearLabel(year: number): string {
  const reiwa = year - 2018;
  const era = year >= 2019 ? `令和${reiwa === 1 ? '元' : reiwa}年度` : `平成${year - 1988}年度`;
  return `${era}（${year}年度）`;
}
