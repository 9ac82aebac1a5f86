import { sql } from 'drizzle-orm';
import { encryptField } from '../../platform/crypto/fields.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_TENANTS, type DemoSeed } from '../../platform/demo/registry.ts';
import { replyCodeHash } from './consultations.codes.ts';
import { CONSULTATION_MESSAGE_CONTEXT, consultationMessages, consultations } from './consultations.tables.ts';

/**
 * Demo consultations of 甲府市 (fictional, marked デモ). Their reply codes are public demo codes, for
 * trying the public reading page: 0000-0000-0000-0001 (answered) and 0000-0000-0000-0002 (waiting).
 */
export const DEMO_CONSULTATION_IDS = {
  answered: 'c0a5c000-0000-4000-8000-000000000001',
  waiting: 'c0a5c000-0000-4000-8000-000000000002',
} as const;
export const DEMO_REPLY_CODES = { answered: '0000-0000-0000-0001', waiting: '0000-0000-0000-0002' } as const;

export const consultationsDemoSeed: DemoSeed = {
  name: 'consultations',
  after: ['accounts'],
  async run({ db, config, clock }) {
    const tenant = DEMO_TENANTS.kofu;
    const now = clock.now();
    const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    const seal = (text: string) => encryptField(text, config.dataKeys, CONSULTATION_MESSAGE_CONTEXT);
    await asSystem(db, async (tx) => {
      const [staff] = await rows<{ id: string }>(
        tx,
        sql`select id from accounts where email = 'consultation@kofu.demo.example'`,
      );
      const threads = [
        {
          id: DEMO_CONSULTATION_IDS.answered,
          code: DEMO_REPLY_CODES.answered,
          writer: 'family' as const,
          messages: [
            {
              author: 'writer' as const,
              at: ago(72),
              text: '（デモ）30代の息子が、もう5年ほど家からほとんど出ていません。親として何ができるのか分からず、相談してみました。',
            },
            {
              author: 'staff' as const,
              at: ago(50),
              text: '（デモ）書いてくださって、ありがとうございます。ご家族だけのご相談でも大丈夫です。よろしければ、息子さんの普段の様子や、ご家族が困っていることを、書ける範囲で教えてください。',
            },
          ],
          awaiting: null,
        },
        {
          id: DEMO_CONSULTATION_IDS.waiting,
          code: DEMO_REPLY_CODES.waiting,
          writer: 'person' as const,
          messages: [
            {
              author: 'writer' as const,
              at: ago(20),
              text: '（デモ）外に出るのがこわいです。でも、このままでいいとも思っていません。',
            },
          ],
          awaiting: ago(20),
        },
      ];
      for (const t of threads) {
        const inserted = await tx
          .insert(consultations)
          .values({
            id: t.id,
            municipalityCode: tenant,
            replyCodeHash: replyCodeHash(tenant, t.code)!,
            writer: t.writer,
            easyJapanese: t.writer === 'person' ? 'yes' : 'no',
            receivedAt: t.messages[0]!.at,
            lastMessageAt: t.messages.at(-1)!.at,
            awaitingReplySince: t.awaiting,
            messageCount: t.messages.length,
          })
          .onConflictDoNothing()
          .returning({ id: consultations.id });
        if (inserted.length === 0) continue;
        for (const m of t.messages) {
          await tx.insert(consultationMessages).values({
            municipalityCode: tenant,
            consultationId: t.id,
            author: m.author,
            authorAccountId: m.author === 'staff' ? (staff?.id ?? null) : null,
            bodyEncrypted: seal(m.text),
            at: m.at,
          });
        }
      }
    });
  },
};
