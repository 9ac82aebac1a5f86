import type { ReturnItemId, ReturnItems, ServiceGap } from '../../../shared/contracts/insights.ts';

/**
 * Which towns built what another town lacks (pure; the query is in gaps.service.ts). A town "runs"
 * a service when its accepted return says so: a flag set, or a count of places or groups above zero.
 * An item left empty is not known, and an unknown is never read as lacking: "where the national layer
 * knows it" (issue 17 §3).
 */
const flag = (id: ReturnItemId) => (items: ReturnItems) =>
  typeof items[id] === 'boolean' ? (items[id] as boolean) : null;
/** Any of the counts above zero runs it; all known and zero lacks it; otherwise not known. */
const anyCount =
  (...ids: ReturnItemId[]) =>
  (items: ReturnItems) => {
    const values = ids.map((id) => items[id]).filter((v): v is number => typeof v === 'number');
    if (values.some((v) => v > 0)) return true;
    return values.length > 0 ? false : null;
  };

const RUNS: Record<ServiceGap, (items: ReturnItems) => boolean | null> = {
  相談窓口: flag('window.exists'),
  プラットフォーム: flag('platform.exists'),
  居場所: anyCount('places.total'),
  '居場所（学齢期・若者）': anyCount('places.youth'),
  '居場所（稼働年齢層）': anyCount('places.working'),
  '居場所（40〜64歳）': anyCount('places.age40to64'),
  家族会: anyCount('family.associations'),
  家族学習会: anyCount('family.classSeries', 'family.classSessions'),
  ピアサポート: anyCount('peers.active'),
  サポーター養成研修: anyCount('training.courses'),
  交通費補助: flag('subsidy.programme'),
};

export const SERVICE_GAP_ITEMS: readonly ReturnItemId[] = [
  'window.exists',
  'platform.exists',
  'places.total',
  'places.youth',
  'places.working',
  'places.age40to64',
  'family.associations',
  'family.classSeries',
  'family.classSessions',
  'peers.active',
  'training.courses',
  'subsidy.programme',
];

const GAPS = Object.keys(RUNS) as ServiceGap[];

/** True: runs it; false: the return says it does not; null: not known from this return. */
export function runs(gap: ServiceGap, items: ReturnItems): boolean | null {
  return RUNS[gap](items);
}

/** What a return says the town does not run (unknowns left out). */
export function lacksIn(items: ReturnItems): ServiceGap[] {
  return GAPS.filter((gap) => runs(gap, items) === false);
}

export type AcceptedReturn = { municipalityCode: string; fiscalYear: number; items: ReturnItems };
export type BuiltTown = { municipalityCode: string; built: ServiceGap[] };

/**
 * For `municipalityCode`: what its latest accepted return says it lacks, and the towns whose earlier
 * accepted return lacked the same and whose latest accepted return runs it (built it and still runs
 * it; a town that built one and closed it again is not an example to follow). Towns in code order,
 * what they built in label order. Only accepted returns may be passed in.
 */
export function lackedThenBuiltFrom(
  municipalityCode: string,
  returns: readonly AcceptedReturn[],
): { lacks: ServiceGap[]; fiscalYear: number | null; towns: BuiltTown[] } {
  const byTown = new Map<string, AcceptedReturn[]>();
  for (const r of returns) {
    const list = byTown.get(r.municipalityCode) ?? [];
    list.push(r);
    byTown.set(r.municipalityCode, list);
  }
  const latestOf = (list: AcceptedReturn[]) => list.reduce((a, b) => (b.fiscalYear > a.fiscalYear ? b : a));
  const own = byTown.get(municipalityCode);
  if (!own?.length) return { lacks: [], fiscalYear: null, towns: [] };
  const latest = latestOf(own);
  const lacks = lacksIn(latest.items);
  if (!lacks.length) return { lacks, fiscalYear: latest.fiscalYear, towns: [] };
  const towns: BuiltTown[] = [];
  for (const [code, list] of [...byTown].sort(([a], [b]) => a.localeCompare(b))) {
    if (code === municipalityCode || list.length < 2) continue;
    const now = latestOf(list);
    const built = lacks.filter(
      (gap) =>
        runs(gap, now.items) === true &&
        list.some((r) => r.fiscalYear < now.fiscalYear && runs(gap, r.items) === false),
    );
    if (built.length) towns.push({ municipalityCode: code, built });
  }
  return { lacks, fiscalYear: latest.fiscalYear, towns };
}
