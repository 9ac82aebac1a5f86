import { sql } from 'drizzle-orm';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_TENANTS, type DemoSeed } from '../../platform/demo/registry.ts';
import { ConsentInput, DEMO_PERSON_IDS, loadPerson, recordConsent } from '../support/index.ts';
import { addConferenceItem } from './agencies.conference-records.ts';
import { createConference } from './agencies.conferences.ts';
import { sendReferral } from './agencies.referrals.ts';
import { AddItemBody, AgencyInput, CreateConferenceBody } from './agencies.schema.ts';
import { createAgency } from './agencies.service.ts';
import { agencyMembers } from './agencies.tables.ts';

/** Fictional partner agencies of the demo tenants (names marked デモ, phone numbers in the 000 range). */
export const DEMO_AGENCY_IDS = {
  helloWorkKofu: 'a9e0c000-0000-4000-8000-000000000001',
  hikikomoriCenter: 'a9e0c000-0000-4000-8000-000000000002',
  kofuWelfare: 'a9e0c000-0000-4000-8000-000000000003',
  kofuHealth: 'a9e0c000-0000-4000-8000-000000000004',
  kofuFamily: 'a9e0c000-0000-4000-8000-000000000005',
  kofuNpo: 'a9e0c000-0000-4000-8000-000000000006',
  kofuSchool: 'a9e0c000-0000-4000-8000-000000000007',
  kofuLabour: 'a9e0c000-0000-4000-8000-000000000008',
  kaiHelloWork: 'a9e0c000-0000-4000-8000-000000000011',
  kaiCenter: 'a9e0c000-0000-4000-8000-000000000012',
  kaiFamily: 'a9e0c000-0000-4000-8000-000000000013',
} as const;
export const DEMO_REFERRAL_ID = 'a9e0c000-0000-4000-8000-000000000101';
export const DEMO_CONFERENCE_ID = 'a9e0c000-0000-4000-8000-000000000201';

const KOFU_AGENCIES: [string, Record<string, unknown>][] = [
  [
    DEMO_AGENCY_IDS.helloWorkKofu,
    { kind: 'hello_work', name: 'ハローワーク甲府（デモ）', contact: '000-0000-1101' },
  ],
  [
    DEMO_AGENCY_IDS.hikikomoriCenter,
    { kind: 'hikikomori_center', name: '山梨県ひきこもり地域支援センター（デモ）', contact: '000-0000-1102' },
  ],
  [
    DEMO_AGENCY_IDS.kofuWelfare,
    { kind: 'welfare', name: '甲府市 生活自立支援窓口（デモ）', contact: '000-0000-1103' },
  ],
  [
    DEMO_AGENCY_IDS.kofuHealth,
    { kind: 'health', name: '中北保健所 こころの相談（デモ）', contact: '000-0000-1104' },
  ],
  [
    DEMO_AGENCY_IDS.kofuFamily,
    { kind: 'family_association', name: '甲府ひだまり家族会（デモ）', contact: '000-0000-1105' },
  ],
  [
    DEMO_AGENCY_IDS.kofuNpo,
    { kind: 'npo', name: 'NPO法人 まちのえんがわ（デモ）', contact: '000-0000-1106' },
  ],
  [
    DEMO_AGENCY_IDS.kofuSchool,
    { kind: 'school', name: '甲府市教育支援センター（デモ）', contact: '000-0000-1107' },
  ],
  [
    DEMO_AGENCY_IDS.kofuLabour,
    { kind: 'labour', name: '甲府市 産業振興課 就労支援係（デモ）', contact: '000-0000-1108' },
  ],
];
const KAI_AGENCIES: [string, Record<string, unknown>][] = [
  [
    DEMO_AGENCY_IDS.kaiHelloWork,
    { kind: 'hello_work', name: 'ハローワーク甲府 竜王窓口（デモ）', contact: '000-0000-1201' },
  ],
  [
    DEMO_AGENCY_IDS.kaiCenter,
    { kind: 'hikikomori_center', name: '山梨県ひきこもり地域支援センター（デモ）', contact: '000-0000-1102' },
  ],
  [
    DEMO_AGENCY_IDS.kaiFamily,
    { kind: 'family_association', name: '甲斐市 家族のつどい（デモ）', contact: '000-0000-1203' },
  ],
];

async function accountId(tx: Tx, email: string): Promise<string | null> {
  const [found] = await rows<{ id: string }>(tx, sql`select id from accounts where email = ${email}`);
  return found?.id ?? null;
}

const actorFor = (id: string, email: string, tenant: string): Actor => ({
  accountId: id,
  sessionId: 'demo-seed',
  email,
  displayName: 'デモ',
  scope: 'tenant',
  tenant,
  roles: ['consultation'],
  mfaSatisfied: true,
  mfaEnrolmentRequired: false,
});

export const agenciesDemoSeed: DemoSeed = {
  name: 'agencies',
  after: ['accounts', 'support'],
  async run({ db, config, clock }) {
    const ctx = { clock, config };
    const now = clock.now();
    const dateIn = (d: number) => isoDateInTokyo(new Date(now.getTime() + d * 86_400_000));
    await asSystem(db, async (tx) => {
      const [done] = await rows<{ id: string }>(
        tx,
        sql`select id from agencies where id = ${DEMO_AGENCY_IDS.helloWorkKofu}`,
      );
      if (done) return;
      for (const [tenant, list, slug] of [
        [DEMO_TENANTS.kofu, KOFU_AGENCIES, 'kofu'],
        [DEMO_TENANTS.kai, KAI_AGENCIES, 'kai'],
      ] as const) {
        for (const [id, input] of list) await createAgency(tx, ctx, tenant, AgencyInput.parse(input), id);
        const member = await accountId(tx, `agency_member@${slug}.demo.example`);
        if (member)
          await tx.insert(agencyMembers).values({
            municipalityCode: tenant,
            agencyId: list[0]![0],
            accountId: member,
            createdAt: now,
          });
      }

      // はるさん (甲府市) agreed to be introduced to ハローワーク甲府; a referral is waiting there.
      const staffId = await accountId(tx, 'consultation@kofu.demo.example');
      const memberId = await accountId(tx, 'agency_member@kofu.demo.example');
      if (!staffId || !memberId) return;
      const staff = actorFor(staffId, 'consultation@kofu.demo.example', DEMO_TENANTS.kofu);
      const haru = await loadPerson(tx, ctx, DEMO_TENANTS.kofu, staff, DEMO_PERSON_IDS.haru).catch(
        () => null,
      );
      if (haru) {
        await recordConsent(
          tx,
          ctx,
          staff,
          haru.person,
          ConsentInput.parse({
            purpose: 'agency_referral',
            recipient: 'partner_agency',
            recipientName: 'ハローワーク甲府（デモ）',
            recipientAgencyId: DEMO_AGENCY_IDS.helloWorkKofu,
            status: 'given',
            decidedOn: dateIn(-14),
            method: 'signed_form',
          }),
        );
        await sendReferral(
          tx,
          ctx,
          DEMO_TENANTS.kofu,
          staff,
          {
            personId: DEMO_PERSON_IDS.haru,
            agencyId: DEMO_AGENCY_IDS.helloWorkKofu,
            summary:
              '（デモ）30代の方。短時間から試せる仕事の情報を知りたいとのこと。午前中は体調が安定しないため、午後の面談を希望。窓口では静かな席を希望されています。',
          },
          DEMO_REFERRAL_ID,
        );
      }
      // A 支援会議 (106-6) about the 山田さん family: the agency member has not yet acknowledged confidentiality.
      const family = await loadPerson(tx, ctx, DEMO_TENANTS.kofu, staff, DEMO_PERSON_IDS.yamadaFamily).catch(
        () => null,
      );
      if (family) {
        const conference = await createConference(
          tx,
          ctx,
          DEMO_TENANTS.kofu,
          staff,
          CreateConferenceBody.parse({
            kind: 'support_conference',
            title: '（デモ）支援会議 11月',
            heldOn: dateIn(-3),
            personIds: [DEMO_PERSON_IDS.yamadaFamily],
            agenda: '1. ご家族からの相談の経過\n2. 訪問の進め方\n3. 役割分担',
            memberAccountIds: [memberId],
            acknowledge: true,
          }),
          DEMO_CONFERENCE_ID,
        );
        await addConferenceItem(
          tx,
          ctx,
          conference,
          staff,
          AddItemBody.parse({
            kind: 'decision',
            personId: DEMO_PERSON_IDS.yamadaFamily,
            text: '（デモ）ひきこもり地域支援センターと訪問の経過を共有する。',
            agencyId: DEMO_AGENCY_IDS.hikikomoriCenter,
            scope: '（デモ）訪問の経過とご家族の希望',
          }),
        );
        await addConferenceItem(
          tx,
          ctx,
          conference,
          staff,
          AddItemBody.parse({
            kind: 'action',
            personId: DEMO_PERSON_IDS.yamadaFamily,
            text: '（デモ）ご家族へ家族会の案内を渡す。',
            ownerLabel: '相談支援員',
            due: dateIn(14),
          }),
        );
      }
    });
  },
};
