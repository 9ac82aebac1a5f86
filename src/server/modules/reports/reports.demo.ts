import { encryptField } from '../../platform/crypto/fields.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_TENANTS, type DemoSeed } from '../../platform/demo/registry.ts';
import { newReplyCode, normalizeIdentifier, replyCodeHash } from './reports.codes.ts';
import type { ReportDetails } from './reports.records.ts';
import {
  type ReportCategory,
  reportContext,
  reportNotes,
  reportOperatorIdentifiers,
  reportOperators,
  reportProtections,
  reportReferrals,
  reports,
} from './reports.tables.ts';

/**
 * Demo reports for 甲府市 and 甲斐市: fictional, marked デモ, phone numbers in the 000 range. Fixed ids
 * and reply codes so the demo (and the access-matrix test) can refer to them; the seed only inserts
 * what is missing, so staff changes made during a demo are kept.
 *
 * The demo operator's 法人番号 8999900000001 has a valid check digit but an unassigned registry code
 * (9999), so it cannot name a real company.
 */
export const DEMO_OPERATOR_ID = '10000000-0000-4000-8000-000000000001';
export const DEMO_CORPORATE_NUMBER = '8999900000001';
export const DEMO_REPORTS = {
  kofuUrgent: '10000000-0000-4000-8000-000000000101',
  kofuReferred: '10000000-0000-4000-8000-000000000102',
  kofuNew: '10000000-0000-4000-8000-000000000103',
  kaiLinked: '10000000-0000-4000-8000-000000000201',
  kaiNew: '10000000-0000-4000-8000-000000000202',
} as const;
/** Reply codes of the demo reports (public, like the demo password). */
export const DEMO_REPLY_CODES = {
  kofuUrgent: 'DEM0-KF00-0000-0101',
  kaiLinked: 'DEM0-KA10-0000-0201',
} as const;

const OPERATOR_NAME = '（デモ）株式会社ひだまり自立支援センター';
const OPERATOR_PHONE = '000-0000-9001';
const OPERATOR_SITE = 'https://hidamari.demo.example/';

type DemoReport = {
  id: string;
  tenant: string;
  receipt: string;
  replyCode?: string;
  danger: 'yes' | 'no' | 'unsure';
  status: 'new' | 'in_progress' | 'referred' | 'closed';
  reporterRole: 'self' | 'family' | 'other';
  categories: ReportCategory[];
  corporateNumber: string | null;
  signer: 'self' | 'family' | null;
  salesMethod: 'visit' | 'phone' | 'other' | null;
  amountContracted: number | null;
  amountPaid: number | null;
  receivedAt: string;
  linked: boolean;
  details: ReportDetails;
  contact: Record<string, string> | null;
};

const demoReports: DemoReport[] = [
  {
    id: DEMO_REPORTS.kofuUrgent,
    tenant: DEMO_TENANTS.kofu,
    receipt: 'DEM0-0101',
    replyCode: DEMO_REPLY_CODES.kofuUrgent,
    danger: 'yes',
    status: 'in_progress',
    reporterRole: 'family',
    categories: ['forced_removal', 'confinement', 'high_fees', 'contact_cut_off'],
    corporateNumber: DEMO_CORPORATE_NUMBER,
    signer: 'family',
    salesMethod: 'visit',
    amountContracted: 5_500_000,
    amountPaid: 2_000_000,
    receivedAt: '2026-11-20T20:15:00+09:00',
    linked: true,
    details: {
      occurredOn: '2026-11-18',
      place: '（デモ）自宅から県外の施設へ',
      business: { name: OPERATOR_NAME, phone: OPERATOR_PHONE, website: OPERATOR_SITE },
      signedOn: '2026-11-10',
      text: '（デモ）朝早く数人が家に来て、息子を車に乗せて連れて行きました。その後、息子と連絡が取れません。自立支援の費用として550万円の契約をしました。',
    },
    contact: { name: '（デモ）山梨 花子', phone: '000-0000-5101', note: '平日の夜は電話に出られます' },
  },
  {
    id: DEMO_REPORTS.kofuReferred,
    tenant: DEMO_TENANTS.kofu,
    receipt: 'DEM0-0102',
    danger: 'no',
    status: 'referred',
    reporterRole: 'family',
    categories: ['pressure_to_sign', 'high_fees'],
    corporateNumber: DEMO_CORPORATE_NUMBER,
    signer: 'family',
    salesMethod: 'phone',
    amountContracted: 3_300_000,
    amountPaid: 500_000,
    receivedAt: '2026-10-02T11:00:00+09:00',
    linked: true,
    details: {
      occurredPeriod: '2026年9月ごろ',
      business: { name: '（デモ）ひだまり自立支援', phone: OPERATOR_PHONE },
      signedOn: '2026-09-20',
      text: '（デモ）電話で何度も「今決めないと手遅れになる」と言われ、契約してしまいました。解約したいです。',
    },
    contact: null,
  },
  {
    id: DEMO_REPORTS.kofuNew,
    tenant: DEMO_TENANTS.kofu,
    receipt: 'DEM0-0103',
    danger: 'no',
    status: 'new',
    reporterRole: 'other',
    categories: ['threats', 'other'],
    corporateNumber: null,
    signer: null,
    salesMethod: null,
    amountContracted: null,
    amountPaid: null,
    receivedAt: '2026-11-25T09:40:00+09:00',
    linked: false,
    details: {
      otherCategory: '（デモ）近所で大きな声がした',
      business: { name: '（デモ）みらい家族サポート' },
      text: '（デモ）近所の家に、支援団体を名乗る人が来て、大きな声で家族をおどしていました。',
    },
    contact: null,
  },
  {
    id: DEMO_REPORTS.kaiLinked,
    tenant: DEMO_TENANTS.kai,
    receipt: 'DEM0-0201',
    replyCode: DEMO_REPLY_CODES.kaiLinked,
    danger: 'no',
    status: 'in_progress',
    reporterRole: 'self',
    categories: ['confinement', 'high_fees'],
    corporateNumber: DEMO_CORPORATE_NUMBER,
    signer: 'family',
    salesMethod: 'visit',
    amountContracted: 4_400_000,
    amountPaid: 4_400_000,
    receivedAt: '2026-09-14T15:20:00+09:00',
    linked: true,
    details: {
      occurredPeriod: '2026年春から夏',
      place: '（デモ）県外の寮',
      business: { name: '（デモ）ひだまり自立支援センター', website: OPERATOR_SITE },
      signedOn: '2026-03-30',
      text: '（デモ）寮から外に出ることを許されず、スマートフォンも取り上げられていました。',
    },
    contact: { email: 'kai-demo-reporter@demo.example' },
  },
  {
    id: DEMO_REPORTS.kaiNew,
    tenant: DEMO_TENANTS.kai,
    receipt: 'DEM0-0202',
    danger: 'no',
    status: 'new',
    reporterRole: 'family',
    categories: ['pressure_to_sign'],
    corporateNumber: null,
    signer: 'family',
    salesMethod: 'phone',
    amountContracted: 800_000,
    amountPaid: null,
    receivedAt: '2026-11-24T13:05:00+09:00',
    linked: false,
    details: {
      business: { name: '（デモ）あおぞら再出発支援', phone: '000-0000-9002' },
      text: '（デモ）説明会のあと、その場で契約書に署名するよう求められました。',
    },
    contact: null,
  },
];

export const reportsDemoSeed: DemoSeed = {
  name: 'reports',
  after: ['tenants', 'accounts'],
  async run({ db, config }) {
    const keys = config.dataKeys;
    const seal = (field: Parameters<typeof reportContext>[0], id: string, value: string) =>
      encryptField(value, keys, reportContext(field, id));
    await asSystem(db, async (tx) => {
      const at = new Date('2026-09-14T15:30:00+09:00');
      await tx
        .insert(reportOperators)
        .values({
          id: DEMO_OPERATOR_ID,
          corporateNumber: DEMO_CORPORATE_NUMBER,
          displayName: OPERATOR_NAME,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing();
      const identifiers = [
        { kind: 'name' as const, value: OPERATOR_NAME },
        { kind: 'name' as const, value: '（デモ）ひだまり自立支援' },
        { kind: 'phone' as const, value: OPERATOR_PHONE },
        { kind: 'website' as const, value: OPERATOR_SITE },
      ];
      await tx
        .insert(reportOperatorIdentifiers)
        .values(
          identifiers.map((i) => ({
            operatorId: DEMO_OPERATOR_ID,
            kind: i.kind,
            value: i.value,
            normalized: normalizeIdentifier(i.kind, i.value),
            createdAt: at,
          })),
        )
        .onConflictDoNothing();

      for (const r of demoReports) {
        const receivedAt = new Date(r.receivedAt);
        const inserted = await tx
          .insert(reports)
          .values({
            municipalityCode: r.tenant,
            id: r.id,
            receiptNumber: r.receipt,
            // Reports without a published code still need a unique one nobody knows.
            replyCodeHash: replyCodeHash(r.replyCode ?? newReplyCode())!,
            danger: r.danger,
            urgent: r.danger !== 'no',
            status: r.status,
            reporterRole: r.reporterRole,
            categories: r.categories,
            corporateNumber: r.corporateNumber,
            signer: r.signer,
            salesMethod: r.salesMethod,
            amountContracted: r.amountContracted,
            amountPaid: r.amountPaid,
            detailsEncrypted: seal('details', r.id, JSON.stringify(r.details)),
            contactEncrypted: r.contact ? seal('contact', r.id, JSON.stringify(r.contact)) : null,
            operatorId: r.linked ? DEMO_OPERATOR_ID : null,
            operatorLinkedAt: r.linked ? receivedAt : null,
            receivedAt,
            updatedAt: receivedAt,
          })
          .onConflictDoNothing()
          .returning({ id: reports.id });
        if (inserted.length === 0) continue;

        if (r.id === DEMO_REPORTS.kofuUrgent) {
          const noteId = '10000000-0000-4000-8000-000000001011';
          await tx.insert(reportNotes).values({
            municipalityCode: r.tenant,
            id: noteId,
            reportId: r.id,
            kind: 'reply',
            textEncrypted: seal(
              'note',
              noteId,
              '（デモ）ご連絡ありがとうございます。地域福祉課で受け付けました。警察とも連絡を取っています。担当から改めてお電話します。',
            ),
            createdAt: new Date('2026-11-20T21:00:00+09:00'),
          });
          const protectionId = '10000000-0000-4000-8000-000000001012';
          await tx.insert(reportProtections).values({
            municipalityCode: r.tenant,
            id: protectionId,
            reportId: r.id,
            protectedAt: new Date('2026-11-21T16:30:00+09:00'),
            placeEncrypted: seal('place', protectionId, '（デモ）県内の一時的な滞在先'),
            protectedByEncrypted: seal('protectedBy', protectionId, '（デモ）地域福祉課 職員2名、警察官1名'),
            followUpOn: '2026-12-05',
            createdAt: new Date('2026-11-21T18:00:00+09:00'),
          });
        }
        if (r.id === DEMO_REPORTS.kofuReferred) {
          const referralId = '10000000-0000-4000-8000-000000001021';
          await tx.insert(reportReferrals).values({
            municipalityCode: r.tenant,
            id: referralId,
            reportId: r.id,
            target: 'consumer_centre',
            organisation: '（デモ）県の消費生活センター',
            referredOn: '2026-10-05',
            noteEncrypted: seal(
              'referralNote',
              referralId,
              '（デモ）クーリング・オフの期間について相談をお願いしました。',
            ),
            createdAt: new Date('2026-10-05T10:00:00+09:00'),
          });
        }
      }
    });
  },
};
