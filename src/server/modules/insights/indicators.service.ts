import { and, eq } from 'drizzle-orm';
import {
  INDICATORS,
  type IndicatorDefinition,
  type IndicatorFigure,
  type IndicatorId,
  type ReturnItems,
} from '../../../shared/contracts/insights.ts';
import type { Tx } from '../../platform/db/client.ts';
import {
  type PublishedFigure,
  publishEstimate,
  suppressHierarchy,
} from '../../platform/statistics/suppression.ts';
import { buildReferenceEntries } from '../municipalities/index.ts';
import { insightAggregates, statusReturns } from './insights.tables.ts';
import { municipalityEntries } from './returns.service.ts';

/**
 * Published indicators (issue 16 items 2–5): read only from accepted returns and the maintained
 * aggregates (never person rows), and always published through the suppression module. Suppression
 * runs over the whole nation → prefecture → municipality tree whatever page or prefecture is asked
 * for, so two queries can never be set against each other to uncover a hidden cell.
 */
export const indicatorDefinition = (id: IndicatorId): IndicatorDefinition =>
  INDICATORS.find((i) => i.id === id) as IndicatorDefinition;

type Level = 'municipality' | 'prefecture';
export type IndicatorTable = {
  items: IndicatorFigure[];
  national: Omit<IndicatorFigure, 'code' | 'name' | 'prefectureCode'>;
  median: number | null;
  /** The median of the per-10万 figures of the level's published items (the gap each is measured by). */
  medianPer100k: number | null;
  /** True when fictional demo returns are part of the figures (shown as デモ). */
  demo: boolean;
};

/** The value a return gives for an indicator; undefined when the item was left empty. */
function fromReturn(id: IndicatorId, items: ReturnItems, fiscalYear: number): number | undefined {
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const flag = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : undefined);
  switch (id) {
    case 'window':
      return flag(items['window.exists']);
    case 'platform':
      return flag(items['platform.exists']);
    case 'needs_survey': {
      const year = items['survey.year'];
      if (year === null || year === undefined) return 0;
      return typeof year === 'number' ? (year >= fiscalYear - 4 && year <= fiscalYear ? 1 : 0) : undefined;
    }
    case 'places_40_64':
      return num(items['places.age40to64']);
    case 'places_total':
      return num(items['places.total']);
    case 'family_classes':
      return num(items['family.classSessions']);
    case 'peer_supporters':
      return num(items['peers.active']);
    case 'new_consultations':
      return num(items['consultations.newPersons']);
    case 'continuing_3y':
      return num(items['consultations.beyondThreeYears']);
    default:
      return undefined;
  }
}

const empty = (state: IndicatorFigure['state']): PublishedFigure => ({
  state,
  value: null,
  lower: null,
  upper: null,
});
const round = (v: number | null, digits = 1) =>
  v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The indicator for every municipality and prefecture of the nation (before paging or filtering). */
export async function computeIndicator(
  tx: Tx,
  id: IndicatorId,
  fiscalYear: number,
  threshold: number,
): Promise<{
  municipality: IndicatorFigure[];
  prefecture: IndicatorFigure[];
  national: IndicatorTable['national'];
  demo: boolean;
}> {
  const def = indicatorDefinition(id);
  const entries = municipalityEntries();
  const prefectures = buildReferenceEntries().filter((e) => e.kind === 'prefecture');
  const returns = await tx
    .select({
      code: statusReturns.municipalityCode,
      items: statusReturns.items,
      isDemo: statusReturns.isDemo,
    })
    .from(statusReturns)
    .where(and(eq(statusReturns.fiscalYear, fiscalYear), eq(statusReturns.state, 'accepted')));
  const itemsOf = new Map(returns.map((r) => [r.code, r.items]));
  const population = (code: string) => {
    const p = itemsOf.get(code)?.['population.total'];
    return typeof p === 'number' && p > 0 ? p : null;
  };

  const published = new Map<string, PublishedFigure>();
  if (def.source === 'outcome') {
    const rows = await tx
      .select()
      .from(insightAggregates)
      .where(
        and(
          eq(insightAggregates.fiscalYear, fiscalYear),
          eq(insightAggregates.indicator, id),
          eq(insightAggregates.disaggregation, 'all'),
        ),
      );
    const byCode = new Map(rows.map((r) => [r.municipalityCode, r]));
    const pooled = (codes: string[]) => {
      const present = codes.map((c) => byCode.get(c)).filter((r) => r !== undefined);
      if (present.length === 0) return empty('not_expected');
      const n = present.reduce((s, r) => s + r.n, 0);
      const withValue = present.filter((r) => r.value !== null && r.n > 0);
      const value = withValue.length ? withValue.reduce((s, r) => s + r.value! * r.n, 0) / n : null;
      return publishEstimate({ n, value: round(value, 2) }, { threshold });
    };
    for (const e of entries) {
      const r = byCode.get(e.code);
      published.set(
        e.code,
        r
          ? publishEstimate(
              { n: r.n, value: round(r.value, 2), lower: round(r.lower, 2), upper: round(r.upper, 2) },
              { threshold },
            )
          : empty('not_expected'),
      );
    }
    for (const p of prefectures)
      published.set(
        p.code,
        pooled(entries.filter((e) => e.prefectureCode === p.prefectureCode).map((e) => e.code)),
      );
    published.set('JP', pooled(entries.map((e) => e.code)));
  } else if (def.countsPersons) {
    const nodes = [
      { id: 'JP', parent: null },
      ...prefectures.map((p) => ({ id: p.code, parent: 'JP' })),
      ...entries.map((e) => {
        const items = itemsOf.get(e.code);
        const v = items ? fromReturn(id, items, fiscalYear) : undefined;
        return {
          id: e.code,
          parent: prefectures.find((p) => p.prefectureCode === e.prefectureCode)!.code,
          count: v ?? ('not_reported' as const),
        };
      }),
    ];
    for (const [code, figure] of suppressHierarchy(nodes, { threshold })) published.set(code, figure);
  } else {
    const returnValueOf = (code: string) => {
      const items = itemsOf.get(code);
      return items ? fromReturn(id, items, fiscalYear) : undefined;
    };
    const aggregate = (codes: string[]): PublishedFigure => {
      const values = codes.map(returnValueOf).filter((v): v is number => v !== undefined);
      if (values.length === 0) return empty('not_reported');
      const total = values.reduce((a, b) => a + b, 0);
      // Flags: the share (%) of reporting municipalities that have it; counts: the sum.
      const value = def.unit === 'flag' ? round((total / values.length) * 100) : total;
      return { state: value === 0 ? 'zero' : 'value', value, lower: null, upper: null };
    };
    for (const e of entries) {
      const v = returnValueOf(e.code);
      published.set(
        e.code,
        v === undefined
          ? empty('not_reported')
          : { state: v === 0 ? 'zero' : 'value', value: v, lower: null, upper: null },
      );
    }
    for (const p of prefectures)
      published.set(
        p.code,
        aggregate(entries.filter((e) => e.prefectureCode === p.prefectureCode).map((e) => e.code)),
      );
    published.set('JP', aggregate(entries.map((e) => e.code)));
  }

  const per100k = (figure: PublishedFigure, pop: number | null) =>
    def.per100k && def.unit !== 'flag' && figure.value !== null && pop
      ? round((figure.value / pop) * 100_000, 2)
      : null;
  const prefecturePopulation = (prefectureCode: string) => {
    const reported = entries.filter((e) => e.prefectureCode === prefectureCode && itemsOf.has(e.code));
    const pops = reported.map((e) => population(e.code));
    if (pops.length === 0 || pops.some((p) => p === null)) return null;
    return pops.reduce<number>((s, p) => s + (p ?? 0), 0);
  };
  const municipality = entries.map((e) => {
    const figure = published.get(e.code)!;
    return {
      code: e.code,
      name: e.name,
      prefectureCode: e.prefectureCode,
      ...figure,
      per100k: per100k(figure, population(e.code)),
    };
  });
  const prefecture = prefectures.map((p) => {
    const figure = published.get(p.code)!;
    return {
      code: p.prefectureCode,
      name: p.name,
      prefectureCode: p.prefectureCode,
      ...figure,
      per100k:
        def.countsPersons || def.unit === 'count'
          ? per100k(figure, prefecturePopulation(p.prefectureCode))
          : null,
    };
  });
  const nationalFigure = published.get('JP')!;
  return {
    municipality,
    prefecture,
    national: { ...nationalFigure, per100k: null },
    demo: returns.some((r) => r.isDemo),
  };
}

/** One page of the indicator at a level (optionally one prefecture), with the national figure and median. */
export async function indicatorTable(
  tx: Tx,
  query: { indicator: IndicatorId; fiscalYear: number; level: Level; prefecture?: string | undefined },
  threshold: number,
): Promise<IndicatorTable> {
  const all = await computeIndicator(tx, query.indicator, query.fiscalYear, threshold);
  const list = query.level === 'municipality' ? all.municipality : all.prefecture;
  const items = query.prefecture ? list.filter((i) => i.prefectureCode === query.prefecture) : list;
  const shown = list.filter((i) => i.state === 'value' || i.state === 'zero').map((i) => i.value!);
  const rates = list.flatMap((i) => (i.per100k === null ? [] : [i.per100k]));
  const medianPer100k = median(rates);
  return {
    items,
    national: all.national,
    median: median(shown),
    medianPer100k: medianPer100k === null ? null : round(medianPer100k, 2),
    demo: all.demo,
  };
}
