import { CHOSEN_PATHS, WITHDRAWAL_BANDS, withdrawalBand } from '../../../shared/support-records.ts';

/**
 * Outcome indicators beyond employment (issue 16 item 2), as pure functions over anonymous measure
 * series: a person's change is their latest measurement in the fiscal year minus their first ever
 * (at least two needed); GAS is the latest T-score in the year. Means carry a 95 % t interval, the
 * share improved by ≥ 10 WHO-5 points a Wilson interval. Employment is not among them: chosen paths
 * are one distribution among others, never a headline.
 * Plans: a person counts in a fiscal year when their latest plan version up to its end is active or
 * was written in the year; `goals_own_words` is the share of them whose every goal is in the person's
 * own words (Wilson interval), `chosen_paths` (disaggregation `path:<id>`) how many chose each path
 * and their share. Disaggregations: all, `age:<group>`, and `since:<band>` (years since the
 * withdrawal began, at the fiscal year, for persons whose intake says when).
 */
export type MeasureSeries = {
  ageGroup: string;
  measures: { kind: string; takenOn: string; score: number }[];
  /** The year the withdrawal began (null or absent: not told). */
  withdrawalSince?: number | null;
  /** Plan versions, oldest first (date, active, chosen paths, every goal in the person's own words). */
  plans?: { on: string; active: boolean; chosenPaths: string[]; ownWords: boolean }[];
};
export type AggregateRow = {
  indicator: string;
  disaggregation: string;
  n: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
};

/** Two-sided 95 % quantiles of Student's t (df 1–30), then 40, 60, 120 and the normal limit. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
export function tQuantile975(df: number): number {
  if (df < 1) throw new RangeError('df ≥ 1');
  if (df <= 30) return T975[df - 1]!;
  if (df <= 40) return 2.021;
  if (df <= 60) return 2.0;
  if (df <= 120) return 1.98;
  return 1.96;
}

/** Mean with a 95 % t confidence interval (no interval for fewer than two values). */
export function meanWithInterval(values: readonly number[]): {
  n: number;
  mean: number | null;
  lower: number | null;
  upper: number | null;
} {
  const n = values.length;
  if (n === 0) return { n, mean: null, lower: null, upper: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, lower: null, upper: null };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const half = tQuantile975(n - 1) * Math.sqrt(variance / n);
  return { n, mean, lower: mean - half, upper: mean + half };
}

/** Wilson score interval of k successes in n (z = 1.96), as proportions. */
export function wilsonInterval(k: number, n: number, z = 1.96): { p: number; lower: number; upper: number } {
  if (n <= 0 || k < 0 || k > n) throw new RangeError('0 ≤ k ≤ n, n > 0');
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { p, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

const CHANGE_INDICATORS: Record<string, string> = {
  who5: 'who5_change',
  ucla3: 'ucla3_change',
  hq25: 'hq25_change',
  participation_ladder: 'ladder_steps',
};
export const WHO5_IMPROVEMENT_POINTS = 10;

/** Change (latest in the year − first ever) per person for a kind; persons with < 2 measurements or none in the year are left out. */
export function changes(series: readonly MeasureSeries[], kind: string, fiscalYear: number): number[] {
  return series.flatMap((s) => {
    const v = personValues(indexSeries(s), fiscalYear).values[kind];
    return v === undefined ? [] : [v];
  });
}

/**
 * A person's measurements by kind (each oldest first, as read). Indexed once per refresh: every fiscal
 * year and every disaggregation then reads a person's few values instead of filtering all their
 * measurements again (the refresh of 1,741 tenants × 5 years spent most of its time in those filters).
 */
type IndexedSeries = {
  byKind: Map<string, { takenOn: string; score: number }[]>;
  plans: NonNullable<MeasureSeries['plans']>;
};
function indexSeries(s: MeasureSeries): IndexedSeries {
  const byKind = new Map<string, { takenOn: string; score: number }[]>();
  for (const m of s.measures) {
    const list = byKind.get(m.kind);
    if (list) list.push(m);
    else byKind.set(m.kind, [m]);
  }
  return { byKind, plans: s.plans ?? [] };
}

/** A person's figures for a fiscal year: measure changes and GAS by kind, and their plan if counted. */
type PersonValues = {
  values: Record<string, number>;
  plan: { ownWords: boolean; chosenPaths: readonly string[] } | null;
};

/** The person's values for a fiscal year: the change per kind (≥ 2 measurements, latest in the year) and the latest GAS T-score in the year. */
function personValues(s: IndexedSeries, fiscalYear: number): PersonValues {
  const end = `${fiscalYear + 1}-03-31`;
  const start = `${fiscalYear}-04-01`;
  const out: Record<string, number> = {};
  let planAt: PersonValues['plan'] = null;
  let plan = s.plans.length - 1;
  while (plan >= 0 && s.plans[plan]!.on > end) plan--;
  const latest = plan >= 0 ? s.plans[plan]! : undefined;
  if (latest && (latest.active || latest.on >= start))
    planAt = { ownWords: latest.ownWords, chosenPaths: latest.chosenPaths };
  for (const [kind, list] of s.byKind) {
    let last = list.length - 1;
    while (last >= 0 && list[last]!.takenOn > end) last--;
    if (last < 0 || list[last]!.takenOn < start) continue;
    if (kind === 'gas') out.gas = list[last]!.score;
    else if (kind in CHANGE_INDICATORS && last >= 1) out[kind] = list[last]!.score - list[0]!.score;
  }
  return { values: out, plan: planAt };
}

/** A share in % with its Wilson interval (no row values when nobody is in the denominator). */
function shareRow(indicator: string, disaggregation: string, k: number, n: number, countN = n): AggregateRow {
  if (n === 0) return { indicator, disaggregation, n: 0, value: null, lower: null, upper: null };
  const w = wilsonInterval(k, n);
  return {
    indicator,
    disaggregation,
    n: countN,
    value: w.p * 100,
    lower: w.lower * 100,
    upper: w.upper * 100,
  };
}

function rowsFor(values: readonly PersonValues[], disaggregation: string): AggregateRow[] {
  const out: AggregateRow[] = [];
  const plans = values.flatMap((v) => (v.plan ? [v.plan] : []));
  // Every tenant has its 'all' row; a group with no plan has nothing to say (fewer rows to write).
  if (plans.length || disaggregation === 'all')
    out.push(
      shareRow('goals_own_words', disaggregation, plans.filter((p) => p.ownWords).length, plans.length),
    );
  for (const [kind, indicator] of Object.entries(CHANGE_INDICATORS)) {
    const c = values.flatMap((v) => (v.values[kind] === undefined ? [] : [v.values[kind]]));
    const m = meanWithInterval(c);
    out.push({ indicator, disaggregation, n: m.n, value: m.mean, lower: m.lower, upper: m.upper });
    if (kind === 'who5')
      out.push(
        shareRow(
          'who5_improved',
          disaggregation,
          c.filter((d) => d >= WHO5_IMPROVEMENT_POINTS).length,
          c.length,
        ),
      );
  }
  const gas = values.flatMap((v) => (v.values.gas === undefined ? [] : [v.values.gas]));
  const g = meanWithInterval(gas);
  out.push({ indicator: 'gas_t', disaggregation, n: g.n, value: g.mean, lower: g.lower, upper: g.upper });
  return out;
}

/** Every outcome row of one tenant and fiscal year: all persons, then by age group. */
export function computeOutcomeRows(series: readonly MeasureSeries[], fiscalYear: number): AggregateRow[] {
  return computeOutcomeRowsForYears(series, [fiscalYear]).get(fiscalYear)!;
}

/** The rows of several fiscal years from one indexing of the series (what the refresh runs). */
export function computeOutcomeRowsForYears(
  series: readonly MeasureSeries[],
  fiscalYears: readonly number[],
): Map<number, AggregateRow[]> {
  const indexed = series.map((s) => ({
    ageGroup: s.ageGroup,
    since: s.withdrawalSince,
    index: indexSeries(s),
  }));
  const groups = [...new Set(series.map((s) => s.ageGroup))].sort();
  const result = new Map<number, AggregateRow[]>();
  for (const fiscalYear of fiscalYears) {
    const values = indexed.map((s) => personValues(s.index, fiscalYear));
    const out = rowsFor(values, 'all');
    // Chosen paths: one row per path over the persons with a plan (n = how many chose it), all persons only.
    const plans = values.flatMap((v) => (v.plan ? [v.plan] : []));
    // No plan in the year: no distribution (rather than seven empty rows).
    for (const path of plans.length ? CHOSEN_PATHS : []) {
      const k = plans.filter((p) => p.chosenPaths.includes(path)).length;
      out.push(shareRow('chosen_paths', `path:${path}`, k, plans.length, k));
    }
    for (const group of groups)
      out.push(
        ...rowsFor(
          values.filter((_, i) => indexed[i]!.ageGroup === group),
          `age:${group}`,
        ),
      );
    const bands = indexed.map((s) =>
      typeof s.since === 'number' ? withdrawalBand(fiscalYear, s.since) : null,
    );
    for (const band of WITHDRAWAL_BANDS) {
      const inBand = values.filter((_, i) => bands[i] === band);
      if (inBand.length) out.push(...rowsFor(inBand, `since:${band}`));
    }
    result.set(fiscalYear, out);
  }
  return result;
}
