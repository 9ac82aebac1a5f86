import { eq } from 'drizzle-orm';
import type { ReturnItems } from '../../../shared/contracts/insights.ts';
import type { Tx } from '../../platform/db/client.ts';
import { buildReferenceEntries } from '../municipalities/index.ts';
import { isOnTime } from './insights.policy.ts';
import { statusReturns } from './insights.tables.ts';
import { dueOn, jstDate, type LayerActor, municipalityEntries } from './returns.service.ts';

/**
 * Coverage of each item (share of municipalities with an accepted return that have it), reporting and
 * on-time rates per prefecture, and the gap list. Reads returns only; municipalities without an
 * accepted return count as not reported, never as "no".
 */
const COVERAGE: Record<string, (items: ReturnItems) => boolean> = {
  window: (i) => i['window.exists'] === true,
  platform: (i) => i['platform.exists'] === true,
  places_40_64: (i) => typeof i['places.age40to64'] === 'number' && i['places.age40to64'] > 0,
  family_classes: (i) => typeof i['family.classSessions'] === 'number' && i['family.classSessions'] > 0,
  peer_support: (i) => typeof i['peers.active'] === 'number' && i['peers.active'] > 0,
  transport_subsidy: (i) => i['subsidy.programme'] === true,
  multi_layered: (i) => i['programme.multiLayered'] === true,
};
const GAP_ITEMS = ['window', 'platform', 'places_40_64'] as const;

export async function coverage(tx: Tx, actor: LayerActor, fiscalYear: number) {
  const scopePrefecture = actor.scope === 'national' ? undefined : actor.tenant?.slice(0, 2);
  const entries = municipalityEntries(scopePrefecture).filter(
    (e) => actor.scope !== 'tenant' || e.code === actor.tenant,
  );
  const rows = await tx
    .select({
      code: statusReturns.municipalityCode,
      state: statusReturns.state,
      items: statusReturns.items,
      submittedAt: statusReturns.submittedAt,
    })
    .from(statusReturns)
    .where(eq(statusReturns.fiscalYear, fiscalYear));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const due = await dueOn(tx, fiscalYear);
  const onTimeCodes = new Set(
    rows
      .filter(
        (r) =>
          ['submitted', 'accepted'].includes(r.state) &&
          isOnTime(r.submittedAt ? jstDate(r.submittedAt) : null, due),
      )
      .map((r) => r.code),
  );
  const summarise = (codes: string[]) => {
    const accepted = codes.map((c) => byCode.get(c)).filter((r) => r?.state === 'accepted');
    const reported = codes.filter((c) =>
      ['submitted', 'accepted'].includes(byCode.get(c)?.state ?? ''),
    ).length;
    const onTime = codes.filter((c) => onTimeCodes.has(c)).length;
    const items = Object.fromEntries(
      Object.entries(COVERAGE).map(([key, has]) => {
        const yes = accepted.filter((r) => has(r!.items)).length;
        return [
          key,
          { yes, share: accepted.length ? Math.round((yes / accepted.length) * 1000) / 10 : null },
        ];
      }),
    );
    const rate = (n: number) => (codes.length ? Math.round((n / codes.length) * 1000) / 10 : 0);
    return {
      municipalities: codes.length,
      reported,
      onTime,
      reportingRate: rate(reported),
      onTimeRate: rate(onTime),
      items,
    };
  };
  const prefectures = buildReferenceEntries()
    .filter(
      (e) =>
        e.kind === 'prefecture' && (scopePrefecture === undefined || e.prefectureCode === scopePrefecture),
    )
    .map((p) => ({
      code: p.prefectureCode,
      name: p.name,
      ...summarise(entries.filter((e) => e.prefectureCode === p.prefectureCode).map((e) => e.code)),
    }));
  const all = summarise(entries.map((e) => e.code));
  const gaps = entries.flatMap((e) => {
    const r = byCode.get(e.code);
    if (r?.state !== 'accepted') return [];
    return GAP_ITEMS.filter((g) => !COVERAGE[g]!(r.items)).map((item) => ({
      code: e.code,
      name: e.name,
      prefectureCode: e.prefectureCode,
      item,
    }));
  });
  return {
    fiscalYear,
    scope: scopePrefecture ?? 'national',
    prefectures,
    national: {
      municipalities: all.municipalities,
      reported: all.reported,
      reportingRate: all.reportingRate,
      items: all.items,
    },
    gaps,
  };
}
