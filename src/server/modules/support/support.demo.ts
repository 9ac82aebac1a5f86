import { sql } from 'drizzle-orm';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_TENANTS, type DemoSeed } from '../../platform/demo/registry.ts';
import type { SupportContext } from './support.access.ts';
import { recordConsent } from './support.consents.ts';
import { recordMeasure } from './support.measures.ts';
import { createNote } from './support.notes.ts';
import { addFamilyMember, createPerson } from './support.persons.ts';
import { saveIntake, savePlan } from './support.plans.ts';
import {
  ConsentInput,
  CreatePlanBody,
  FamilyMemberInput,
  IntakeContent,
  MeasureInput,
  NoteInput,
  PersonInput,
} from './support.schema.ts';

/**
 * Demo support records (fictional, every text marked デモ): 甲府市 has a person met online with a plan
 * of two goals and a matched 居場所, notes (one sensitive), WHO-5 measures and consent to labour
 * collaboration; a family-only 8050 case; a person whose labour consent was withdrawn. 甲斐市 has one
 * case, so tenant isolation can be tried. Fixed person ids; a person that exists is left as it is.
 */
export const DEMO_PERSON_IDS = {
  haru: '5a990000-0000-4000-8000-000000000001',
  yamadaFamily: '5a990000-0000-4000-8000-000000000002',
  sora: '5a990000-0000-4000-8000-000000000003',
  kai: '5a990000-0000-4000-8000-000000000011',
} as const;
const HIDAMARI = '5e1ace00-0000-4000-8000-000000000001';

async function staffActor(tx: Tx, email: string): Promise<Actor | null> {
  const [found] = await rows<{ id: string; tenant_code: string }>(
    tx,
    sql`select id, tenant_code from accounts where email = ${email}`,
  );
  if (!found) return null;
  return {
    accountId: found.id,
    sessionId: 'demo-seed',
    email,
    displayName: 'デモ',
    scope: 'tenant',
    tenant: found.tenant_code,
    roles: ['consultation'],
    mfaSatisfied: true,
    mfaEnrolmentRequired: false,
  };
}

export const supportDemoSeed: DemoSeed = {
  name: 'support',
  after: ['accounts', 'places', 'consultations'],
  async run({ db, config, clock }) {
    const ctx: SupportContext = { clock, config };
    const now = clock.now();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const dateIn = (d: number) => isoDateInTokyo(new Date(now.getTime() + d * 86_400_000));
    await asSystem(db, async (tx) => {
      const existing = new Set(
        (
          await rows<{ id: string }>(
            tx,
            sql`select id from support_persons where id in (${sql.join(
              Object.values(DEMO_PERSON_IDS).map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`,
          )
        ).map((r) => r.id),
      );
      const kofu = await staffActor(tx, 'consultation@kofu.demo.example');
      const kai = await staffActor(tx, 'consultation@kai.demo.example');
      if (!kofu || !kai) return;
      const consent = (c: Record<string, unknown>) =>
        ConsentInput.parse({ method: 'verbal_in_person', decidedOn: dateIn(-60), ...c });
      const note = (n: Record<string, unknown>) => NoteInput.parse(n);

      if (!existing.has(DEMO_PERSON_IDS.haru)) {
        const haru = await createPerson(tx, ctx, DEMO_TENANTS.kofu, kofu, {
          id: DEMO_PERSON_IDS.haru,
          person: PersonInput.parse({
            nickname: 'はるさん（デモ）',
            realName: '甲府 春（デモ）',
            realNameKana: 'こうふ はる',
            ageGroup: '30s',
            leadWorkerId: kofu.accountId,
            contactPreferences: {
              channels: ['online_chat', 'email'],
              avoid: ['phone'],
              pace: 'fortnightly',
              noHomeVisits: true,
              times: '平日の午後（デモ）',
              note: '電話は苦手とのこと。メッセージなら返せる（デモ）',
            },
          }),
          consents: [
            consent({
              purpose: 'record_keeping',
              recipient: 'municipality',
              status: 'given',
              method: 'online',
            }),
            consent({
              purpose: 'labour_collaboration',
              recipient: 'labour_department',
              status: 'given',
              method: 'online',
            }),
          ],
          fromConsultationId: null,
        });
        await saveIntake(
          tx,
          ctx,
          kofu,
          haru,
          null,
          0,
          IntakeContent.parse({
            referral: { who: 'person', how: 'anonymous_online', on: dateIn(-70) },
            mainConcern: {
              words: '（デモ）人と話すのがこわい。でも、何かしたい気持ちはある。',
              whose: 'person',
            },
            personSituation: {
              goingOut: 'nearby_errands',
              dailyLife: '（デモ）昼過ぎに起きて、夜はゲームをしている。',
            },
            personWishes: '（デモ）静かな場所で、少しずつ人に慣れたい。',
            urgency: { level: 'none' },
            sharing: 'with_consent',
          }),
          null,
        );
        const plan = await savePlan(
          tx,
          ctx,
          kofu,
          haru,
          null,
          0,
          CreatePlanBody.parse({
            personWords: '（デモ）自分のペースで、外の世界と少しずつつながりたい。',
            goals: [
              {
                ownWords: '（デモ）週に1回、散歩に出る',
                gasLevels: { expected: '週に1回出られる', plus1: '週に2回', minus1: '月に2回' },
              },
              {
                ownWords: '（デモ）居場所に一度行ってみる',
                gasLevels: { expected: '1回行ける', plus2: '毎月通える' },
              },
            ],
            actions: [
              {
                what: '（デモ）居場所の見学に付き添う',
                owner: 'consultation_staff',
                ownerName: '相談員（デモ）',
              },
              { what: '（デモ）散歩した日をメモする', owner: 'person' },
            ],
            places: [
              {
                placeId: HIDAMARI,
                name: 'まちなか居場所 ひだまり',
                kind: 'ibasho',
                reasons: ['話さなくても過ごせます'],
              },
            ],
            reviewOn: dateIn(5),
            agreedOn: dateIn(-30),
            agreedBy: 'person',
          }),
          null,
        );
        await createNote(
          tx,
          ctx,
          kofu,
          haru,
          note({
            contactType: 'online',
            occurredAt: daysAgo(45).toISOString(),
            durationMinutes: 30,
            participants: ['person', 'consultation_staff'],
            text: '（デモ）チャットで初めてやりとりした。好きなゲームの話ができた。',
          }),
        );
        await createNote(
          tx,
          ctx,
          kofu,
          haru,
          note({
            contactType: 'online',
            occurredAt: daysAgo(20).toISOString(),
            durationMinutes: 40,
            participants: ['person', 'consultation_staff'],
            text: '（デモ）支援計画を一緒に作った。目標は本人の言葉のまま記録した。',
          }),
        );
        await createNote(
          tx,
          ctx,
          kofu,
          haru,
          note({
            contactType: 'phone',
            occurredAt: daysAgo(18).toISOString(),
            durationMinutes: 15,
            participants: ['family', 'consultation_staff'],
            text: '（デモ）家族から体調についての相談。配慮が必要な内容のため、読める人を限定した。',
            sensitive: true,
            readableBy: ['consultation'],
          }),
        );
        await recordMeasure(
          tx,
          ctx,
          kofu,
          haru,
          MeasureInput.parse({ kind: 'who5', takenOn: dateIn(-45), answers: [1, 2, 1, 2, 2] }),
        );
        await recordMeasure(
          tx,
          ctx,
          kofu,
          haru,
          MeasureInput.parse({ kind: 'who5', takenOn: dateIn(-15), answers: [2, 3, 2, 2, 3] }),
        );
        await recordMeasure(
          tx,
          ctx,
          kofu,
          haru,
          MeasureInput.parse({ kind: 'participation_ladder', takenOn: dateIn(-15), level: 3 }),
        );
        await recordMeasure(
          tx,
          ctx,
          kofu,
          haru,
          MeasureInput.parse({
            kind: 'gas',
            takenOn: dateIn(-1),
            planId: plan.id,
            ratings: plan.content.goals.map((g, i) => ({ goalId: g.id, score: i === 0 ? 0 : -1 })),
          }),
        );
      }

      if (!existing.has(DEMO_PERSON_IDS.yamadaFamily)) {
        const family = await createPerson(tx, ctx, DEMO_TENANTS.kofu, kofu, {
          id: DEMO_PERSON_IDS.yamadaFamily,
          person: PersonInput.parse({
            nickname: '山田さんの息子さん（デモ・家族のみ）',
            ageGroup: '50s',
            familyOnly: true,
            leadWorkerId: kofu.accountId,
            contactPreferences: {
              channels: ['via_family'],
              noHomeVisits: true,
              note: '本人に知られたくないと母が希望（デモ）',
            },
          }),
          consents: [
            consent({
              purpose: 'record_keeping',
              recipient: 'municipality',
              status: 'given',
              decidedBy: 'family_member',
            }),
          ],
          fromConsultationId: null,
        });
        await addFamilyMember(
          tx,
          ctx,
          family,
          FamilyMemberInput.parse({
            relationship: 'mother',
            age: 82,
            isMainContact: true,
            name: '山田 花子（デモ）',
            contact: '000-0000-0000',
          }),
        );
        await addFamilyMember(
          tx,
          ctx,
          family,
          FamilyMemberInput.parse({ relationship: 'father', age: 85, note: '（デモ）通院中' }),
        );
        await createNote(
          tx,
          ctx,
          kofu,
          family,
          note({
            contactType: 'family_only',
            occurredAt: daysAgo(52).toISOString(),
            durationMinutes: 60,
            participants: ['family', 'consultation_staff'],
            text: '（デモ）母が来所。息子は20年ほど自室で過ごしている。家族会を紹介した。',
          }),
        );
      }

      if (!existing.has(DEMO_PERSON_IDS.sora)) {
        const sora = await createPerson(tx, ctx, DEMO_TENANTS.kofu, kofu, {
          id: DEMO_PERSON_IDS.sora,
          person: PersonInput.parse({
            nickname: 'そらさん（デモ）',
            ageGroup: '40s',
            contactPreferences: { channels: ['letter'] },
          }),
          consents: [
            consent({ purpose: 'record_keeping', recipient: 'municipality', status: 'given' }),
            consent({ purpose: 'labour_collaboration', recipient: 'labour_department', status: 'given' }),
          ],
          fromConsultationId: null,
        });
        await recordConsent(
          tx,
          ctx,
          kofu,
          sora,
          consent({
            purpose: 'labour_collaboration',
            recipient: 'labour_department',
            status: 'withdrawn',
            decidedOn: dateIn(-5),
            note: '（デモ）今は就労の話はしたくない',
          }),
        );
      }

      if (!existing.has(DEMO_PERSON_IDS.kai)) {
        const person = await createPerson(tx, ctx, DEMO_TENANTS.kai, kai, {
          id: DEMO_PERSON_IDS.kai,
          person: PersonInput.parse({
            nickname: 'かいさん（デモ）',
            ageGroup: '20s',
            leadWorkerId: kai.accountId,
          }),
          consents: [consent({ purpose: 'record_keeping', recipient: 'municipality', status: 'given' })],
          fromConsultationId: null,
        });
        await createNote(
          tx,
          ctx,
          kai,
          person,
          note({
            contactType: 'office',
            occurredAt: daysAgo(3).toISOString(),
            durationMinutes: 30,
            participants: ['person', 'consultation_staff'],
            text: '（デモ）甲斐市の記録です。',
          }),
        );
      }
    });
  },
};
