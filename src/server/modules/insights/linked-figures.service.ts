import { and, eq, max } from 'drizzle-orm';
import { INDICATOR_IDS, type IndicatorId, type PublishedState } from '../../../shared/contracts/insights.ts';
import type { Tx } from '../../platform/db/client.ts';
import { computeIndicator, indicatorDefinition } from './indicators.service.ts';
import { insightAggregates, statusReturns } from './insights.tables.ts';
import { enterPublicScope } from './returns.service.ts';

/**
 * One municipality's published figure for each indicator a model case links (issue 17 "what changed,
 * in figures where the town allows"). Computed by the same path as GET /api/public/indicators, i.e. the
 * whole-nation suppression, so a case page can never show what the indicators API hides. Read in the
 * public scope (accepted returns and aggregates only, never person rows): the caller gives it its own
 * transaction, since the scope must not leak into other queries.
 */
export type LinkedFigure = {
  indicator: IndicatorId;
  labelJa: string;
  labelEn: string;
  /** The latest fiscal year the national layer has for the indicator; null when it has none. */
  fiscalYear: number | null;
  state: PublishedState;
  value: number | null;
  lower: number | null;
  upper: number | null;
};

export const isIndicatorId = (id: string): id is IndicatorId => (INDICATOR_IDS as string[]).includes(id);

async function latestFiscalYear(tx: Tx, id: IndicatorId): Promise<number | null> {
  if (indicatorDefinition(id).source === 'outcome') {
    const [row] = await tx
      .select({ year: max(insightAggregates.fiscalYear) })
      .from(insightAggregates)
      .where(and(eq(insightAggregates.indicator, id), eq(insightAggregates.disaggregation, 'all')));
    return row?.year ?? null;
  }
  const [row] = await tx
    .select({ year: max(statusReturns.fiscalYear) })
    .from(statusReturns)
    .where(eq(statusReturns.state, 'accepted'));
  return row?.year ?? null;
}

export async function linkedFigures(
  tx: Tx,
  municipalityCode: string,
  indicators: readonly string[],
  threshold: number,
): Promise<LinkedFigure[]> {
  await enterPublicScope(tx);
  const out: LinkedFigure[] = [];
  for (const id of indicators) {
    // An id the catalogue no longer has is left out rather than guessed at.
    if (!isIndicatorId(id)) continue;
    const def = indicatorDefinition(id);
    const base = { indicator: id, labelJa: def.ja, labelEn: def.en };
    const fiscalYear = await latestFiscalYear(tx, id);
    if (fiscalYear === null) {
      out.push({ ...base, fiscalYear, state: 'not_reported', value: null, lower: null, upper: null });
      continue;
    }
    const all = await computeIndicator(tx, id, fiscalYear, threshold);
    const figure = all.municipality.find((m) => m.code === municipalityCode);
    out.push({
      ...base,
      fiscalYear,
      state: figure?.state ?? 'not_expected',
      value: figure?.value ?? null,
      lower: figure?.lower ?? null,
      upper: figure?.upper ?? null,
    });
  }
  return out;
}
