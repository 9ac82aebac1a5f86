import { LocalSchemeInput, LocalWindowInput } from '../../../shared/contracts/navigator.ts';
import { inTransaction } from '../../platform/db/tenant.ts';
import { DEMO_TENANTS, type DemoSeed } from '../../platform/demo/registry.ts';
import { DEMO_PLACE_IDS } from '../places/index.ts';
import { addScheme, addWindow } from './navigator.local.ts';

/**
 * 甲府市's windows for the navigator (fictional, marked デモ, phone numbers in the 000 range): its own
 * counters, and ハローワーク and サポステ linked to the directory entries the town entered as places.
 */
const id = (n: number) => `4a710000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const DEMO_NAVIGATOR_IDS = { kofuScheme: id(101), kofuNhiWindow: id(1) } as const;

const KOFU_WINDOWS: [string, Record<string, unknown>][] = [
  [
    id(1),
    {
      kind: 'municipality_nhi',
      name: '甲府市 国民健康保険課（デモ）',
      address: '甲府市役所 本庁舎1階（デモ）',
      phone: '000-0000-1201',
      hours: '平日 8:30〜17:15',
    },
  ],
  [
    id(2),
    {
      kind: 'municipality_pension',
      name: '甲府市 国民年金係（デモ）',
      address: '甲府市役所 本庁舎1階（デモ）',
      phone: '000-0000-1202',
      hours: '平日 8:30〜17:15',
    },
  ],
  [id(3), { kind: 'hello_work', name: 'ハローワーク甲府（デモ）', placeId: DEMO_PLACE_IDS.helloWorkKofu }],
  [
    id(4),
    {
      kind: 'saposute',
      name: 'やまなし地域若者サポートステーション（デモ）',
      placeId: DEMO_PLACE_IDS.saposteKofu,
    },
  ],
  [
    id(5),
    {
      kind: 'jiritsu_soudan',
      name: '甲府市 生活自立支援窓口（デモ）',
      address: '甲府市役所 本庁舎2階（デモ）',
      phone: '000-0000-1103',
      hours: '平日 8:30〜17:15',
    },
  ],
  [
    id(6),
    {
      kind: 'welfare_office',
      name: '甲府市 福祉事務所（デモ）',
      address: '甲府市役所 本庁舎2階（デモ）',
      phone: '000-0000-1204',
      hours: '平日 8:30〜17:15',
    },
  ],
  [
    id(7),
    {
      kind: 'labour_consultation',
      name: '総合労働相談コーナー 甲府（デモ）',
      phone: '000-0000-1205',
      hours: '平日 9:00〜17:00',
    },
  ],
];

export const navigatorDemoSeed: DemoSeed = {
  name: 'navigator',
  after: ['places'],
  async run({ db, clock }) {
    const now = clock.now();
    await inTransaction(db, { tenant: DEMO_TENANTS.kofu }, async (tx) => {
      for (const [windowId, input] of KOFU_WINDOWS)
        await addWindow(tx, DEMO_TENANTS.kofu, LocalWindowInput.parse(input), now, windowId);
      await addScheme(
        tx,
        DEMO_TENANTS.kofu,
        LocalSchemeInput.parse({
          title: '甲府市 くらしと仕事の相談会（デモ）',
          summary:
            '仕事をやめた人と家族のための、予約なしの相談会です（デモの制度です）。健康保険・年金・お金のことを、市の職員とハローワークの職員に一度に聞けます。',
          topic: 'living',
          where: 'jiritsu_soudan',
          bring: ['退職日がわかる書類（あれば）'],
          effectiveFrom: '2026-04-01',
          effectiveTo: null,
          source: {
            title: '甲府市 くらしと仕事の相談会 実施要領（デモ）',
            url: 'https://kofu.demo.example/navigator',
          },
          checkedOn: '2026-11-01',
        }),
        now,
        DEMO_NAVIGATOR_IDS.kofuScheme,
      );
    });
  },
};
