import { eq } from 'drizzle-orm';
import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_TENANTS, type DemoSeed } from '../../platform/demo/registry.ts';
import { accountIdByEmail } from '../accounts/index.ts';
import { complete, createCourse, enrol } from './training.service.ts';
import { trainingCourses } from './training.tables.ts';

/**
 * Demo training (fictional): the 寄り添い力 basic course in both demo tenants, with the demo peer
 * supporter enrolled and completed (certificate issued) and the demo family-association organiser
 * enrolled. No role rule is set, so the demo accounts keep their roles. Runs once per tenant.
 */
export const DEMO_COURSE = {
  title: '寄り添い力 基礎研修（デモ）',
  description:
    '本人・家族それぞれが望む幸せに寄り添うための基礎。職員・ピアサポーター・家族会の方が対象です。',
  curriculum: [
    {
      title: 'ひきこもりを社会全体の課題として理解する',
      sessions: [
        { title: '本人・家族の声を聴く', minutes: 90, materials: [{ title: 'デモ教材 第1章' }] },
        { title: '言葉づかいと非難しない姿勢', minutes: 60, materials: [{ title: 'デモ教材 第2章' }] },
      ],
    },
    {
      title: '寄り添う対話',
      sessions: [
        { title: '傾聴とペース合わせ（演習）', minutes: 120, materials: [{ title: '演習シート（デモ）' }] },
        { title: 'ピアサポートの役割と境界', minutes: 90, materials: [] },
      ],
    },
  ],
};

export const trainingDemoSeed: DemoSeed = {
  name: 'training',
  after: ['accounts'],
  async run({ db, clock }) {
    for (const [slug, tenant] of [
      ['kofu', DEMO_TENANTS.kofu],
      ['kai', DEMO_TENANTS.kai],
    ] as const) {
      await asSystem(db, async (tx) => {
        const have = await tx
          .select({ id: trainingCourses.id })
          .from(trainingCourses)
          .where(eq(trainingCourses.municipalityCode, tenant));
        if (have.length > 0) return;
        const staffId = await accountIdByEmail(tx, `consultation@${slug}.demo.example`);
        const peerId = await accountIdByEmail(tx, `peer_supporter@${slug}.demo.example`);
        const familyId = await accountIdByEmail(tx, `family_association@${slug}.demo.example`);
        if (!staffId) return;
        const course = await createCourse(tx, clock, tenant, DEMO_COURSE);
        if (peerId) {
          const e = await enrol(tx, clock, staffId, tenant, course.id, peerId);
          await complete(tx, clock, tenant, e.id);
        }
        if (familyId) await enrol(tx, clock, staffId, tenant, course.id, familyId);
      });
    }
  },
};
