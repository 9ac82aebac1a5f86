import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_TENANTS, type DemoSeed } from '../../platform/demo/registry.ts';
import { tenantProfiles } from './municipalities.tables.ts';

/** Fictional contacts (000 numbers, marked デモ) for the two demo tenants. */
const profiles = [
  {
    municipalityCode: DEMO_TENANTS.kofu,
    documentName: '甲府市 福祉保健部 地域福祉課（デモ）',
    population: 185_000,
    populationAsOf: '2026-04-01',
    welfareContact: {
      department: '地域福祉課 ひきこもり相談係（デモ）',
      phone: '000-0000-1001',
      hours: '平日 8:30〜17:15',
    },
    labourContact: {
      department: '産業部 雇用創生課（デモ）',
      phone: '000-0000-1002',
      hours: '平日 8:30〜17:15',
    },
    onCallContact: {
      department: '福祉 緊急連絡（夜間・休日）（デモ）',
      phone: '000-0000-1099',
      hours: '24時間',
    },
    consultationNumbers: [
      {
        label: 'ひきこもり相談窓口（デモ）',
        phone: '000-0000-1010',
        hours: '平日 9:00〜17:00',
        note: '匿名でも相談できます',
      },
      { label: '家族のための電話相談（デモ）', phone: '000-0000-1011', hours: '毎週水曜 13:00〜16:00' },
    ],
    isDemo: true,
  },
  {
    municipalityCode: DEMO_TENANTS.kai,
    documentName: '甲斐市 生活福祉課（デモ）',
    population: 76_000,
    populationAsOf: '2026-04-01',
    welfareContact: {
      department: '生活福祉課 相談支援係（デモ）',
      phone: '000-0000-2001',
      hours: '平日 8:30〜17:15',
    },
    labourContact: {
      department: '商工観光課 就労支援担当（デモ）',
      phone: '000-0000-2002',
      hours: '平日 8:30〜17:15',
    },
    onCallContact: {
      department: '福祉 緊急連絡（夜間・休日）（デモ）',
      phone: '000-0000-2099',
      hours: '24時間',
    },
    consultationNumbers: [
      { label: 'こころと暮らしの相談（デモ）', phone: '000-0000-2010', hours: '平日 9:00〜16:00' },
    ],
    isDemo: true,
  },
];

export const tenantsDemoSeed: DemoSeed = {
  name: 'tenants',
  async run({ db }) {
    await asSystem(db, async (tx) => {
      for (const profile of profiles) {
        // Idempotent: only the first run writes; staff edits made afterwards are kept.
        await tx.insert(tenantProfiles).values(profile).onConflictDoNothing();
      }
    });
  },
};
