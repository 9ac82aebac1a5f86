import { encryptField } from '../../platform/crypto/fields.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_TENANTS, type DemoSeed } from '../../platform/demo/registry.ts';
import { DEMO_PLACE_IDS } from '../places/index.ts';
import { postClaimConfirmed, postClaimEntered, postProgrammeBudget } from './subsidies.ledger.ts';
import {
  type ApplicationStatus,
  type Decision,
  subsidyApplications,
  subsidyClaims,
  subsidyContext,
  subsidyProgrammes,
  type TripLeg,
} from './subsidies.tables.ts';

/**
 * Demo: one programme per demo tenant for 令和8年度 (FY2026) and a few fictional applications in
 * different states (just received, identity checked, approved with a confirmed claim, approved for a
 * lower amount, not approved). Names are fictional; phone numbers are in the 000 range; bank accounts
 * are made up (real bank and branch codes, account numbers that are not anyone's). Fixed ids: idempotent.
 */
const programmeId = (n: number) => `5ab51d00-0000-4000-8000-${String(n).padStart(12, '0')}`;
const applicationId = (n: number) => `5ab51d00-0000-4000-8001-${String(n).padStart(12, '0')}`;
const claimId = (n: number) => `5ab51d00-0000-4000-8002-${String(n).padStart(12, '0')}`;

export const DEMO_SUBSIDY_PROGRAMMES = { kofu: programmeId(1), kai: programmeId(2) } as const;
export const DEMO_SUBSIDY_APPLICATIONS = {
  kofuSubmitted: applicationId(1),
  kofuChecked: applicationId(2),
  kofuApproved: applicationId(3),
  kofuReduced: applicationId(4),
  kofuRejected: applicationId(5),
  kaiSubmitted: applicationId(11),
} as const;
export const DEMO_SUBSIDY_RECEIPTS = {
  kofuSubmitted: 'DEM0-KF00-0001',
  kofuApproved: 'DEM0-KF00-0003',
  kaiSubmitted: 'DEM0-KA10-0011',
} as const;

const INSTRUCTION = [
  '1　この決定に不服がある場合は、この決定があったことを知った日の翌日から起算して3か月以内に、{mayor}に対して審査請求をすることができます。',
  '2　この決定の取消しを求める訴えは、この決定があったことを知った日の翌日から起算して6か月以内に、{city}を被告として（訴訟において{city}を代表する者は{mayor}となります。）提起することができます。ただし、審査請求をした場合には、その審査請求に対する裁決があったことを知った日の翌日から起算して6か月以内に提起することができます。',
].join('\n');

const programmes = [
  {
    id: DEMO_SUBSIDY_PROGRAMMES.kofu,
    tenant: DEMO_TENANTS.kofu,
    city: '甲府市',
    prefix: '甲福地第',
    budgetYen: 600_000,
    monthlyCapYen: 5_000,
  },
  {
    id: DEMO_SUBSIDY_PROGRAMMES.kai,
    tenant: DEMO_TENANTS.kai,
    city: '甲斐市',
    prefix: '甲斐福第',
    budgetYen: 300_000,
    monthlyCapYen: 4_000,
  },
];

type DemoApplication = {
  id: string;
  tenant: string;
  programme: string;
  receipt: string;
  status: ApplicationStatus;
  relation: 'self' | 'family';
  applicant: { name: string; nameKana: string };
  person: { name: string; nameKana: string } | null;
  phone: string;
  destination: { id: string; name: string };
  route: string;
  legs: TripLeg[];
  tripYen: number;
  tripsPerMonth: number;
  requested: number;
  bank: { bankCode: string; branchCode: string; accountNumber: string; holderKana: string };
  decision?: { decision: Decision; granted: number | null; reasons: string | null; serial: number };
  submittedAt: string;
};

const apps: DemoApplication[] = [
  {
    id: DEMO_SUBSIDY_APPLICATIONS.kofuSubmitted,
    tenant: DEMO_TENANTS.kofu,
    programme: DEMO_SUBSIDY_PROGRAMMES.kofu,
    receipt: DEMO_SUBSIDY_RECEIPTS.kofuSubmitted,
    status: 'submitted',
    relation: 'self',
    applicant: { name: '山梨 はるか（デモ）', nameKana: 'やまなし はるか' },
    person: null,
    phone: '000-0000-1101',
    destination: { id: DEMO_PLACE_IDS.hidamari, name: 'まちなか居場所 ひだまり' },
    route: '自宅最寄りのバス停から山梨交通バスで甲府駅まで、駅から徒歩（往復）',
    legs: [{ mode: 'public_transport', fareYen: 840 }],
    tripYen: 840,
    tripsPerMonth: 4,
    requested: 3360,
    bank: { bankCode: '0142', branchCode: '101', accountNumber: '0000101', holderKana: 'ﾔﾏﾅｼ ﾊﾙｶ' },
    submittedAt: '2026-11-20T10:15:00+09:00',
  },
  {
    id: DEMO_SUBSIDY_APPLICATIONS.kofuChecked,
    tenant: DEMO_TENANTS.kofu,
    programme: DEMO_SUBSIDY_PROGRAMMES.kofu,
    receipt: 'DEM0-KF00-0002',
    status: 'checked',
    relation: 'family',
    applicant: { name: '富士川 洋子（デモ）', nameKana: 'ふじかわ ようこ' },
    person: { name: '富士川 翔（デモ）', nameKana: 'ふじかわ しょう' },
    phone: '000-0000-1102',
    destination: { id: DEMO_PLACE_IDS.kofuFamily, name: '甲府ひきこもり家族会 あじさいの会' },
    route: '自家用車で自宅から会場まで（往復 12.0 km）',
    legs: [{ mode: 'car', distanceKm: 12 }],
    tripYen: 180,
    tripsPerMonth: 2,
    requested: 360,
    bank: { bankCode: '0142', branchCode: '101', accountNumber: '0000102', holderKana: 'ﾌｼﾞｶﾜ ﾖｳｺ' },
    submittedAt: '2026-11-10T14:00:00+09:00',
  },
  {
    id: DEMO_SUBSIDY_APPLICATIONS.kofuApproved,
    tenant: DEMO_TENANTS.kofu,
    programme: DEMO_SUBSIDY_PROGRAMMES.kofu,
    receipt: DEMO_SUBSIDY_RECEIPTS.kofuApproved,
    status: 'approved',
    relation: 'self',
    applicant: { name: '笛吹 大地（デモ）', nameKana: 'ふえふき だいち' },
    person: null,
    phone: '000-0000-1103',
    destination: { id: DEMO_PLACE_IDS.cafeYururi, name: 'コミュニティカフェ ゆるり' },
    route: 'JR身延線で最寄り駅から甲府駅まで（往復）',
    legs: [{ mode: 'public_transport', fareYen: 480 }],
    tripYen: 480,
    tripsPerMonth: 8,
    requested: 3840,
    bank: { bankCode: '9900', branchCode: '028', accountNumber: '0000103', holderKana: 'ﾌｴﾌｷ ﾀﾞｲﾁ' },
    decision: { decision: 'approve', granted: 3840, reasons: null, serial: 1 },
    submittedAt: '2026-09-02T09:30:00+09:00',
  },
  {
    id: DEMO_SUBSIDY_APPLICATIONS.kofuReduced,
    tenant: DEMO_TENANTS.kofu,
    programme: DEMO_SUBSIDY_PROGRAMMES.kofu,
    receipt: 'DEM0-KF00-0004',
    status: 'approved',
    relation: 'self',
    applicant: { name: '芦川 みのり（デモ）', nameKana: 'あしがわ みのり' },
    person: null,
    phone: '000-0000-1104',
    destination: { id: DEMO_PLACE_IDS.boardGame, name: 'ボードゲームの日 in 湯村' },
    route: 'バスで甲府駅まで、乗り換えて会場近くまで（往復）',
    legs: [{ mode: 'public_transport', fareYen: 1200 }],
    tripYen: 1200,
    tripsPerMonth: 8,
    requested: 5000,
    bank: { bankCode: '0142', branchCode: '101', accountNumber: '0000104', holderKana: 'ｱｼｶﾞﾜ ﾐﾉﾘ' },
    decision: {
      decision: 'approve_reduced',
      granted: 4000,
      reasons: '会は月 4 回の開催のため、月 4 回分の往復運賃（上限の範囲内）を交付します。',
      serial: 2,
    },
    submittedAt: '2026-10-01T11:00:00+09:00',
  },
  {
    id: DEMO_SUBSIDY_APPLICATIONS.kofuRejected,
    tenant: DEMO_TENANTS.kofu,
    programme: DEMO_SUBSIDY_PROGRAMMES.kofu,
    receipt: 'DEM0-KF00-0005',
    status: 'rejected',
    relation: 'self',
    applicant: { name: '釜無 健（デモ）', nameKana: 'かまなし けん' },
    person: null,
    phone: '000-0000-1105',
    destination: { id: DEMO_PLACE_IDS.kofuLibrary, name: '図書館の静かな席（岩窪分室）' },
    route: '徒歩',
    legs: [{ mode: 'bicycle', distanceKm: 1 }],
    tripYen: 10,
    tripsPerMonth: 4,
    requested: 40,
    bank: { bankCode: '0142', branchCode: '101', accountNumber: '0000105', holderKana: 'ｶﾏﾅｼ ｹﾝ' },
    decision: {
      decision: 'reject',
      granted: null,
      reasons: '住民票で確認したところ、申請日現在、甲府市に住所がありませんでした（交付要綱第 3 条）。',
      serial: 3,
    },
    submittedAt: '2026-10-05T16:20:00+09:00',
  },
  {
    id: DEMO_SUBSIDY_APPLICATIONS.kaiSubmitted,
    tenant: DEMO_TENANTS.kai,
    programme: DEMO_SUBSIDY_PROGRAMMES.kai,
    receipt: DEMO_SUBSIDY_RECEIPTS.kaiSubmitted,
    status: 'submitted',
    relation: 'family',
    applicant: { name: '双葉 信子（デモ）', nameKana: 'ふたば のぶこ' },
    person: { name: '双葉 亮（デモ）', nameKana: 'ふたば りょう' },
    phone: '000-0000-2101',
    destination: { id: DEMO_PLACE_IDS.kaiIbasho, name: '竜王の居場所 ほっとスペースりゅうおう' },
    route: '自転車で自宅から（往復 6.0 km）',
    legs: [{ mode: 'bicycle', distanceKm: 6 }],
    tripYen: 60,
    tripsPerMonth: 8,
    requested: 480,
    bank: { bankCode: '0142', branchCode: '101', accountNumber: '0000201', holderKana: 'ﾌﾀﾊﾞ ﾉﾌﾞｺ' },
    submittedAt: '2026-11-18T13:45:00+09:00',
  },
];

export const subsidiesDemoSeed: DemoSeed = {
  name: 'subsidies',
  after: ['places', 'accounts'],
  async run({ db, config, clock }) {
    const keys = config.dataKeys;
    const now = clock.now();
    await asSystem(db, async (tx) => {
      for (const p of programmes) {
        const mayor = `${p.city}長`;
        await tx
          .insert(subsidyProgrammes)
          .values({
            municipalityCode: p.tenant,
            id: p.id,
            fiscalYear: 2026,
            name: `${p.city}ひきこもり支援 居場所等交通費補助（デモ）`,
            budgetYen: p.budgetYen,
            monthlyCapYen: p.monthlyCapYen,
            carYenPerKm: 15,
            bicycleYenPerKm: 10,
            applicantRelations: ['self', 'family'],
            open: true,
            documentNumberPrefix: p.prefix,
            nextDocumentSerial: 4,
            approvalNoticeText: `令和8年度${p.city}ひきこもり支援 居場所等交通費補助金について、次のとおり交付することに決定したので通知します。`,
            rejectionNoticeText: `令和8年度${p.city}ひきこもり支援 居場所等交通費補助金について、次の理由により交付しないことに決定したので通知します。`,
            instructionText: INSTRUCTION.replaceAll('{mayor}', mayor).replaceAll('{city}', p.city),
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing();
        await postProgrammeBudget(
          tx,
          p.tenant,
          { id: p.id, fiscalYear: 2026, budgetYen: p.budgetYen },
          {
            at: now,
            actorAccountId: null,
          },
        );
      }
      for (const a of apps) {
        const seal = (field: Parameters<typeof subsidyContext>[0], value: string) =>
          encryptField(value, keys, subsidyContext(field, a.id));
        const decided = a.decision;
        const submittedAt = new Date(a.submittedAt);
        const checkedAt = a.status === 'submitted' ? null : new Date(submittedAt.getTime() + 3 * 86_400_000);
        const decidedAt = decided ? new Date(submittedAt.getTime() + 7 * 86_400_000) : null;
        await tx
          .insert(subsidyApplications)
          .values({
            municipalityCode: a.tenant,
            id: a.id,
            programmeId: a.programme,
            receiptNumber: a.receipt,
            status: a.status,
            relation: a.relation,
            personalEncrypted: seal(
              'personal',
              JSON.stringify({
                applicant: a.applicant,
                person: a.person,
                contact: { phone: a.phone, email: null, address: null },
              }),
            ),
            destinationKind: 'place',
            destinationId: a.destination.id,
            destinationName: a.destination.name,
            legs: a.legs,
            routeEncrypted: seal('route', a.route),
            tripYen: a.tripYen,
            tripsPerMonth: a.tripsPerMonth,
            requestedMonthlyYen: a.requested,
            bankCode: a.bank.bankCode,
            branchCode: a.bank.branchCode,
            accountType: 'ordinary',
            accountNumberEncrypted: seal('accountNumber', a.bank.accountNumber),
            holderKanaEncrypted: seal('holderKana', a.bank.holderKana),
            language: 'ja',
            identityDocument: checkedAt ? 'my_number_card' : null,
            residencyMethod: checkedAt ? 'resident_register' : null,
            checkedAt,
            decision: decided?.decision ?? null,
            grantedMonthlyYen: decided?.granted ?? null,
            grantFrom: decided && decided.decision !== 'reject' ? decidedAt!.toISOString().slice(0, 7) : null,
            grantTo: decided && decided.decision !== 'reject' ? '2027-03' : null,
            reasonsEncrypted: decided?.reasons ? seal('reasons', decided.reasons) : null,
            documentNumber: decided
              ? `${a.tenant === DEMO_TENANTS.kofu ? '甲福地第' : '甲斐福第'}${decided.serial}号`
              : null,
            decidedOn: decidedAt ? decidedAt.toISOString().slice(0, 10) : null,
            decidedAt,
            submittedAt,
            updatedAt: decidedAt ?? checkedAt ?? submittedAt,
          })
          .onConflictDoNothing();
      }
      // The approved application's September and October trips, confirmed (額の確定): payable in a batch.
      const approved = apps.find((a) => a.id === DEMO_SUBSIDY_APPLICATIONS.kofuApproved)!;
      const seededClaims = await tx
        .insert(subsidyClaims)
        .values([
          {
            municipalityCode: approved.tenant,
            id: claimId(1),
            applicationId: approved.id,
            programmeId: approved.programme,
            tripMonth: '2026-10',
            fiscalYear: 2026,
            tripCount: 7,
            claimedYen: 3360,
            status: 'confirmed',
            confirmedYen: 3360,
            confirmedOn: '2026-11-05',
            confirmedAt: new Date('2026-11-05T10:00:00+09:00'),
            createdAt: new Date('2026-11-02T10:00:00+09:00'),
            updatedAt: new Date('2026-11-05T10:00:00+09:00'),
          },
          {
            municipalityCode: approved.tenant,
            id: claimId(2),
            applicationId: approved.id,
            programmeId: approved.programme,
            tripMonth: '2026-09',
            fiscalYear: 2026,
            tripCount: 6,
            claimedYen: 2880,
            status: 'confirmed',
            confirmedYen: 2880,
            confirmedOn: '2026-10-06',
            confirmedAt: new Date('2026-10-06T10:00:00+09:00'),
            createdAt: new Date('2026-10-02T11:00:00+09:00'),
            updatedAt: new Date('2026-10-06T10:00:00+09:00'),
          },
        ])
        .onConflictDoNothing()
        .returning({
          id: subsidyClaims.id,
          programmeId: subsidyClaims.programmeId,
          claimedYen: subsidyClaims.claimedYen,
          tenant: subsidyClaims.municipalityCode,
        });
      // The ledger learns of each claim once, as the service would have told it (entered, then confirmed).
      for (const claim of seededClaims) {
        const ref = {
          id: claim.id,
          programmeId: claim.programmeId,
          fiscalYear: 2026,
          claimedYen: claim.claimedYen,
        };
        await postClaimEntered(tx, claim.tenant, ref, { at: now, actorAccountId: null });
        await postClaimConfirmed(tx, claim.tenant, ref, claim.claimedYen, { at: now, actorAccountId: null });
      }
    });
  },
};
