import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_TENANTS, type DemoSeed } from '../../platform/demo/registry.ts';
import { accountIdByEmail } from '../accounts/index.ts';
import { setBudget } from '../payments/index.ts';
import { DEMO_PLACE_IDS } from '../places/index.ts';
import { approveClaim, recordActivity, submitClaim } from './peers.claims.ts';
import { fiscalYearOf } from './peers.compensation.ts';
import { createProgramme, createSupporter, programmeKeyOf, setBank } from './peers.registry.ts';
import { createShift } from './peers.shifts.ts';
import { peerProgrammes } from './peers.tables.ts';

/**
 * Demo peer supporters (fictional): in 甲府市 a programme at 1,100 yen an hour with 10.21 % withholding,
 * three supporters (one is the demo account peer_supporter@kofu.demo.example), shifts at the demo
 * 居場所, last month's activities, one submitted and one approved claim (payable in a batch), and
 * the programme's budget. 甲斐市 gets a programme and one supporter. Idempotent: it runs only when
 * the tenant has no programme yet.
 */
const actorFor = (accountId: string, tenant: string): Actor => ({
  accountId,
  sessionId: 'demo-seed',
  email: 'demo-seed@demo.example',
  displayName: 'デモデータ',
  scope: 'tenant',
  tenant,
  roles: ['consultation'],
  mfaSatisfied: true,
  mfaEnrolmentRequired: false,
});

export const peersDemoSeed: DemoSeed = {
  name: 'peers',
  after: ['accounts', 'places'],
  async run({ db, clock, config }) {
    const ctx = { clock, config };
    const now = clock.now();
    const lastMonthDate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const lastMonth = lastMonthDate.toISOString().slice(0, 7);
    for (const [slug, tenant] of [
      ['kofu', DEMO_TENANTS.kofu],
      ['kai', DEMO_TENANTS.kai],
    ] as const) {
      await asSystem(db, async (tx) => {
        const have = await tx
          .select({ id: peerProgrammes.id })
          .from(peerProgrammes)
          .where(and(eq(peerProgrammes.municipalityCode, tenant)));
        if (have.length > 0) return;
        const coordinatorId = await accountIdByEmail(tx, `consultation@${slug}.demo.example`);
        const adminId = await accountIdByEmail(tx, `municipal_admin@${slug}.demo.example`);
        const peerAccountId = await accountIdByEmail(tx, `peer_supporter@${slug}.demo.example`);
        if (!coordinatorId || !adminId) return;
        const coordinator = actorFor(coordinatorId, tenant);
        const admin = actorFor(adminId, tenant);
        const programme = await createProgramme(tx, ctx, tenant, {
          name: 'ピアサポート活動（居場所・訪問）',
          hourlyRate: 1_100,
          withholdingRateBp: 1021,
        });
        await setBudget(tx, tenant, programmeKeyOf(programme.id), fiscalYearOf(lastMonth), 1_200_000, {
          at: now,
          actorAccountId: adminId,
        });
        const own = await createSupporter(tx, ctx, coordinator, tenant, {
          displayName: slug === 'kofu' ? 'デモ ひなた' : 'デモ かいと',
          accountId: peerAccountId ?? null,
          status: 'active',
          qualification: 'certified',
          availabilityMask: 0b0010101,
          availabilityNote: '平日の午後（デモ）',
          livedExperience: '10代後半から数年、自宅で過ごした経験があります（デモの記述）。',
        });
        await setBank(tx, ctx, tenant, own.id, {
          bankCode: '0001',
          branchCode: '001',
          accountType: '1',
          accountNumber: '0000011',
          holderName: slug === 'kofu' ? 'デモ ヒナタ' : 'デモ カイト',
        });
        if (slug !== 'kofu') return;
        const aoba = await createSupporter(tx, ctx, coordinator, tenant, {
          displayName: 'デモ あおば',
          status: 'active',
          qualification: 'lead',
          availabilityMask: 0b1100000,
          availabilityNote: '週末（デモ）',
          livedExperience: '家族として、きょうだいのひきこもりに寄り添った経験（デモの記述）。',
        });
        await setBank(tx, ctx, tenant, aoba.id, {
          bankCode: '0005',
          branchCode: '001',
          accountType: '1',
          accountNumber: '0000022',
          holderName: 'でも あおば',
        });
        await createSupporter(tx, ctx, coordinator, tenant, {
          displayName: 'デモ そら',
          status: 'active',
          qualification: 'trainee',
          availabilityMask: 0b0000011,
        });
        // Shifts next week at two demo places.
        const day = (offset: number, hour: number) =>
          new Date(
            Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset, hour - 9),
          ).toISOString();
        for (const [supporter, place, offset] of [
          [own.id, DEMO_PLACE_IDS.hidamari, 2],
          [aoba.id, DEMO_PLACE_IDS.hidamari, 3],
          [own.id, DEMO_PLACE_IDS.peerKofu, 5],
        ] as const) {
          await createShift(tx, ctx, coordinator, tenant, {
            supporterId: supporter,
            placeId: place,
            startsAt: day(offset, 13),
            endsAt: day(offset, 17),
          }).catch(() => undefined); // a demo place may not be published in a trimmed demo
        }
        // Last month's activities and claims: one waiting for approval, one approved (payable).
        for (const [supporter, minutes, date] of [
          [own.id, 240, `${lastMonth}-05`],
          [own.id, 180, `${lastMonth}-12`],
          [aoba.id, 240, `${lastMonth}-06`],
          [aoba.id, 90, `${lastMonth}-20`],
        ] as const) {
          await recordActivity(tx, ctx, coordinator, tenant, supporter, {
            programmeId: programme.id,
            activityDate: date,
            minutes,
            kind: 'ibasho',
          });
        }
        await submitClaim(tx, ctx, coordinator, tenant, own.id, {
          programmeId: programme.id,
          month: lastMonth,
        });
        const approved = await submitClaim(tx, ctx, coordinator, tenant, aoba.id, {
          programmeId: programme.id,
          month: lastMonth,
        });
        await approveClaim(tx, ctx, admin, tenant, approved.id);
      });
    }
  },
};
