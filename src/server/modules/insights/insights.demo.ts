import { createHash } from 'node:crypto';
import type { ReturnItems } from '../../../shared/contracts/insights.ts';
import { prefectureTenantCode } from '../../../shared/municipality-code.ts';
import { fiscalYearOf } from '../../../shared/text/wareki.ts';
import { asSystem, inTransaction } from '../../platform/db/tenant.ts';
import { DEMO_TENANTS, type DemoSeed } from '../../platform/demo/registry.ts';
import { prefectureCentres, statusReturns } from './insights.tables.ts';
import { refreshAllAggregates } from './outcomes.service.ts';
import { prefillReturn } from './returns.prefill.ts';
import { municipalityEntries } from './returns.service.ts';

/**
 * Demo returns (fictional, marked デモ): 山梨県's 27 municipalities in every state — 甲府市 accepted
 * and 甲斐市 a draft, both pre-filled from their demo data; submitted, returned and accepted returns of
 * other towns; towns entered by the prefecture (早川町 among them, with its window); 北杜市, 大月市
 * and 丹波山村 not reported — and fictional accepted returns for most of the rest of Japan (this
 * year and last), so national maps are not empty. The prefecture's ひきこもり地域支援センター too.
 */
export const DEMO_NOT_REPORTED = ['192091', '192066', '194433'];
const STATES: Record<string, { state: 'submitted' | 'returned' | 'accepted'; comment?: string }> = {
  '192023': { state: 'submitted' },
  '192040': { state: 'returned', comment: '（デモ）家族学習会の延べ参加人数を確認してください。' },
  '192058': { state: 'accepted' },
  '192112': { state: 'submitted' },
};

/** A stable pseudo-random number in [0, 1) per key (the same demo on every start). */
function unit(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

export function fictionalItems(code: string, name: string, fiscalYear: number): ReturnItems {
  const r = (k: string) => unit(`${code}:${fiscalYear}:${k}`);
  const small = r('size') < 0.6;
  const population = Math.round((small ? 3_000 + r('pop') * 30_000 : 30_000 + r('pop') * 400_000) / 10) * 10;
  const window = r('window') < 0.85 + (fiscalYear - 2025) * 0.03;
  const places40 = r('p40') < 0.45 ? 0 : Math.floor(r('p40n') * 4) + 1;
  return {
    'window.exists': window,
    'window.publicised': window && r('pub') < 0.8,
    'window.name': window ? `${name} ひきこもり相談窓口（デモ）` : null,
    'window.department': window ? '福祉課（デモ）' : null,
    'window.phone': window ? `000-${String(Math.floor(r('ph') * 9000) + 1000)}-0000` : null,
    'window.hours': window ? '平日 8:30〜17:15' : null,
    'survey.year': r('survey') < 0.5 ? fiscalYear - Math.floor(r('sy') * 6) : null,
    'platform.exists': r('platform') < 0.55 + (fiscalYear - 2025) * 0.05,
    'places.total': places40 + Math.floor(r('pt') * 3),
    'places.age40to64': places40,
    'family.classSessions': r('fc') < 0.5 ? 0 : Math.floor(r('fcn') * 12) + 1,
    'peers.active': Math.floor(r('peers') * (small ? 4 : 25)),
    'consultations.newPersons': Math.floor(r('new') * (small ? 12 : 120)),
    'consultations.beyondThreeYears': Math.floor(r('b3') * (small ? 6 : 40)),
    'subsidy.programme': r('subsidy') < 0.2,
    'programme.multiLayered': r('ml') < 0.3,
    'population.total': population,
    'population.age15to64': Math.round(population * 0.58),
    'population.asOf': `${fiscalYear}-04-01`,
  };
}

export const insightsDemoSeed: DemoSeed = {
  name: 'insights',
  after: ['accounts', 'tenants', 'places', 'events', 'peers', 'training', 'subsidies', 'support', 'reports'],
  async run({ db, clock, config }) {
    const now = clock.now();
    const fiscalYear = fiscalYearOf(now);
    const prefecture = prefectureTenantCode('19');
    const submitted = new Date(now.getTime() - 20 * 86_400_000);

    // 甲府市 (accepted) and 甲斐市 (draft), pre-filled from their own demo data in their own transactions.
    for (const [tenant, state] of [
      [DEMO_TENANTS.kofu, 'accepted'],
      [DEMO_TENANTS.kai, 'draft'],
    ] as const) {
      await inTransaction(db, { tenant }, async (tx) => {
        const prefill = await prefillReturn(tx, tenant, fiscalYear);
        const items: ReturnItems = {
          ...Object.fromEntries(Object.entries(prefill).map(([k, v]) => [k, v.value])),
          'platform.exists': tenant === DEMO_TENANTS.kofu,
          'window.exists': true,
          'window.email': `municipal_admin@${tenant === DEMO_TENANTS.kofu ? 'kofu' : 'kai'}.demo.example`,
        };
        await tx
          .insert(statusReturns)
          .values({
            municipalityCode: tenant,
            fiscalYear,
            state,
            items,
            prefill,
            submittedAt: state === 'accepted' ? submitted : null,
            decidedAt: state === 'accepted' ? now : null,
            updatedAt: now,
          })
          .onConflictDoNothing();
      });
    }

    await asSystem(db, async (tx) => {
      await tx
        .insert(prefectureCentres)
        .values({
          municipalityCode: prefecture,
          name: '山梨県ひきこもり地域支援センター（デモ）',
          phone: '000-0000-1919',
          hours: '平日 9:00〜17:00',
          url: '',
          updatedAt: now,
        })
        .onConflictDoNothing();
      const values: (typeof statusReturns.$inferInsert)[] = [];
      for (const year of [fiscalYear - 1, fiscalYear]) {
        for (const e of municipalityEntries()) {
          if (e.code === DEMO_TENANTS.kofu || e.code === DEMO_TENANTS.kai) continue;
          if (e.prefectureCode === '19' && DEMO_NOT_REPORTED.includes(e.code)) continue;
          if (e.prefectureCode !== '19' && unit(`${e.code}:${year}:reported`) < 0.12) continue;
          const special = e.prefectureCode === '19' && year === fiscalYear ? STATES[e.code] : undefined;
          const items = fictionalItems(e.code, e.name, year);
          values.push({
            municipalityCode: e.code,
            fiscalYear: year,
            state: special?.state ?? 'accepted',
            enteredBy: special ? 'municipality' : 'prefecture',
            items,
            reviewComment: special?.comment ?? null,
            submittedAt: submitted,
            decidedAt: special?.state === 'submitted' ? null : now,
            isDemo: true,
            updatedAt: now,
          });
        }
      }
      for (let i = 0; i < values.length; i += 500)
        await tx
          .insert(statusReturns)
          .values(values.slice(i, i + 500))
          .onConflictDoNothing();
    });
    await refreshAllAggregates(db, now, [fiscalYear], undefined, 1, config.dataKeys);
  },
};
