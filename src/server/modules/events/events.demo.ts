import { eq, sql } from 'drizzle-orm';
import { rows } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_TENANTS, type DemoSeed } from '../../platform/demo/registry.ts';
import { accountIdByEmail } from '../accounts/index.ts';
import { DEMO_PLACE_IDS } from '../places/index.ts';
import { eventRowOf } from './events.manage.ts';
import { tokyoDate, tokyoMidnight } from './events.present.ts';
import { register } from './events.registration.ts';
import { CreateEventBody } from './events.schema.ts';
import { eventOrganiserMembers, eventOrganisers, eventSessions, events } from './events.tables.ts';

/**
 * Demo events for 甲府市 and 甲斐市: a 家族学習会 series of six sessions, family salons in both cities,
 * 居場所 open days, a lecture and a peer meeting (fictional, phone numbers in the 000 range). Dates are
 * set relative to the day the seed first runs (so the demo always has upcoming events); fixed ids
 * keep it idempotent: a second run writes nothing.
 */
const id = (n: number) => `e7e17000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const DEMO_ORGANISER_IDS = {
  kofuCity: id(901),
  kofuAjisai: id(902),
  kofuPeer: id(903),
  kaiCity: id(911),
  kaiHimawari: id(912),
} as const;

export const DEMO_EVENT_IDS = {
  kofuStudySeries: id(1),
  kofuSalon: id(2),
  kofuOpenDay: id(3),
  kofuOnlineSalon: id(4),
  kofuLecture: id(5),
  kofuPeerMeeting: id(6),
  kofuDraft: id(7),
  kaiSalon: id(11),
  kaiOpenDay: id(12),
  kaiLecture: id(13),
  kaiStudyTalk: id(14),
} as const;

const KOFU = DEMO_TENANTS.kofu;
const KAI = DEMO_TENANTS.kai;

type Seed = { id: string; tenant: string; body: Record<string, unknown> };

/** A Tokyo date `days` after the base date, at HH:MM. */
const at = (base: string, days: number, hm: string) => {
  const day = tokyoDate(new Date(tokyoMidnight(base).getTime() + days * 86_400_000));
  return `${day}T${hm}:00+09:00`;
};
const session = (base: string, days: number, start: string, end: string, topic = '') => ({
  topic,
  startsAt: at(base, days, start),
  endsAt: at(base, days, end),
});

/** Days from `base` to the next given weekday (0 = Sunday) at least `min` days ahead. */
function nextWeekday(base: string, weekday: number, min: number): number {
  const start = new Date(`${base}T12:00:00+09:00`);
  for (let d = min; d < min + 7; d++) {
    if (new Date(start.getTime() + d * 86_400_000).getUTCDay() === weekday) return d;
  }
  return min;
}

function seeds(base: string): Seed[] {
  const sat = nextWeekday(base, 6, 9);
  const sun = nextWeekday(base, 0, 4);
  const wed = nextWeekday(base, 3, 5);
  const fri = nextWeekday(base, 5, 3);
  const kofuVenue = {
    venueName: '甲府市ふれあい福祉センター（デモ）',
    address: '山梨県甲府市丸の内2丁目',
    addressDetail: '3階 研修室',
    location: { lat: 35.6629, lng: 138.5683 },
    accessNote: 'JR甲府駅 南口から徒歩8分。バス「市役所前」下車すぐ。',
    parkingNote: '専用駐車場はありません。近くの有料駐車場をご利用ください。',
  };
  return [
    {
      id: DEMO_EVENT_IDS.kofuStudySeries,
      tenant: KOFU,
      body: {
        organiserId: DEMO_ORGANISER_IDS.kofuAjisai,
        kind: 'family_study_series',
        title: '家族学習会「ひきこもりを知り、家族が楽になる」',
        titleKana: 'かぞくがくしゅうかい ひきこもりをしり かぞくがらくになる',
        titleEn: 'Family study series: understanding hikikomori',
        description:
          'ひきこもりの状態にある方のご家族が、本人の気持ちを理解し、関わり方を学ぶための全6回の学習会です。毎回、前半は講師の話、後半は少人数での語り合いです。途中の回からの参加や、1回だけの参加もできます。話したくないときは聞いているだけでかまいません。',
        audience: 'family',
        delivery: 'in_person',
        ...kofuVenue,
        capacity: 12,
        feeYen: 0,
        feeNote: '資料代もかかりません',
        accessibility: 'エレベーターあり。筆談できます。ご希望があれば申し込みのときにお知らせください。',
        contactName: 'あじさいの会 世話人',
        contactPhone: '000-0000-3103',
        registrationClosesHoursBefore: 0,
        status: 'published',
        sessions: [
          session(base, sat, '13:30', '15:30', 'ひきこもりを理解する'),
          session(base, sat + 14, '13:30', '15:30', '本人の気持ちに寄り添うコミュニケーション'),
          session(base, sat + 28, '13:30', '15:30', '家族自身のセルフケア'),
          session(base, sat + 42, '13:30', '15:30', '8050問題とお金・暮らしの備え'),
          session(base, sat + 56, '13:30', '15:30', '相談先と支援制度を知る'),
          session(base, sat + 70, '13:30', '15:30', 'ふりかえりと家族どうしの語り合い'),
        ],
      },
    },
    {
      id: DEMO_EVENT_IDS.kofuSalon,
      tenant: KOFU,
      body: {
        organiserId: DEMO_ORGANISER_IDS.kofuAjisai,
        kind: 'family_salon',
        title: '家族サロン あじさい',
        titleKana: 'かぞくさろん あじさい',
        titleEn: 'Family salon Ajisai (Kofu)',
        description:
          'お茶を飲みながら、ご家族どうしで気持ちを話せる場です。はじめての方も、久しぶりの方も歓迎します。',
        audience: 'family',
        delivery: 'in_person',
        venueName: '相生地区公民館（デモ）',
        address: '山梨県甲府市相生2丁目',
        addressDetail: '和室',
        location: { lat: 35.6603, lng: 138.5755 },
        accessNote: '甲府駅から徒歩15分',
        parkingNote: '公民館の駐車場（5台）',
        capacity: 10,
        feeYen: 300,
        feeNote: 'お茶代',
        accessibility: '和室のため、いすをご希望の方はお知らせください。',
        contactName: 'あじさいの会 世話人',
        contactPhone: '000-0000-3103',
        status: 'published',
        sessions: [session(base, sun, '13:30', '16:00'), session(base, sun + 28, '13:30', '16:00')],
      },
    },
    {
      id: DEMO_EVENT_IDS.kofuOpenDay,
      tenant: KOFU,
      body: {
        organiserId: DEMO_ORGANISER_IDS.kofuCity,
        kind: 'open_day',
        title: 'まちなか居場所 ひだまり 見学・公開日',
        titleKana: 'まちなかいばしょ ひだまり けんがく こうかいび',
        titleEn: 'Open day at the Hidamari place to be',
        description:
          '居場所「ひだまり」を見てみたい方のための公開日です。本人もご家族も、来て、見て、帰るだけで大丈夫です。スタッフから話しかけすぎないようにします。',
        audience: 'both',
        delivery: 'in_person',
        placeId: DEMO_PLACE_IDS.hidamari,
        venueName: 'まちなか居場所 ひだまり',
        address: '山梨県甲府市丸の内1丁目',
        addressDetail: 'まちなかビル2階',
        accessNote: '甲府駅 南口から徒歩5分',
        capacity: null,
        feeYen: 0,
        accessibility: '静かな部屋を用意しています。',
        contactName: '甲府市 福祉保健部 ひきこもり相談窓口',
        contactPhone: '000-0000-1010',
        registrationOpen: false,
        status: 'published',
        sessions: [session(base, fri, '14:00', '16:00')],
      },
    },
    {
      id: DEMO_EVENT_IDS.kofuOnlineSalon,
      tenant: KOFU,
      body: {
        organiserId: DEMO_ORGANISER_IDS.kofuAjisai,
        kind: 'family_salon',
        title: 'オンライン家族サロン（夜の部）',
        titleKana: 'おんらいんかぞくさろん よるのぶ',
        titleEn: 'Online family salon (evening)',
        description:
          '仕事や介護で昼間に出かけにくいご家族のためのオンラインのサロンです。カメラはオフでもかまいません。参加方法は前日のお知らせメールでお送りします。',
        audience: 'family',
        delivery: 'online',
        onlineNote: 'ビデオ会議（参加方法は前日にメールでお知らせします）',
        capacity: 8,
        feeYen: 0,
        contactName: 'あじさいの会 世話人',
        contactPhone: '000-0000-3103',
        status: 'published',
        sessions: [session(base, wed, '19:30', '21:00'), session(base, wed + 14, '19:30', '21:00')],
      },
    },
    {
      id: DEMO_EVENT_IDS.kofuLecture,
      tenant: KOFU,
      body: {
        organiserId: DEMO_ORGANISER_IDS.kofuCity,
        kind: 'lecture',
        title: '講演会「長い時間をかけて、ともに」',
        titleKana: 'こうえんかい ながいじかんをかけて ともに',
        titleEn: 'Lecture: together, over the long run',
        description:
          'ひきこもりを経験した方と、そのご家族のお話を聞く講演会です。市民の方ならどなたでも参加できます。',
        audience: 'anyone',
        delivery: 'both',
        ...kofuVenue,
        addressDetail: '大ホール',
        onlineNote: 'オンライン配信もあります（申し込んだ方にお知らせします）',
        capacity: 80,
        feeYen: 0,
        accessibility: '手話通訳と要約筆記があります。車いす席があります。',
        contactName: '甲府市 福祉保健部 ひきこもり相談窓口',
        contactPhone: '000-0000-1010',
        registrationClosesHoursBefore: 24,
        status: 'published',
        sessions: [session(base, sat + 7, '14:00', '16:00')],
      },
    },
    {
      id: DEMO_EVENT_IDS.kofuPeerMeeting,
      tenant: KOFU,
      body: {
        organiserId: DEMO_ORGANISER_IDS.kofuPeer,
        kind: 'peer_meeting',
        title: 'ピアの集い こもれび',
        titleKana: 'ぴあのつどい こもれび',
        titleEn: 'Peer meeting Komorebi',
        description: 'ひきこもりを経験した人どうしで、ゆっくり話したり、ボードゲームをしたりする集まりです。',
        audience: 'person',
        delivery: 'in_person',
        venueName: '甲府市中央公民館（デモ）',
        address: '山梨県甲府市中央1丁目',
        capacity: 6,
        feeYen: 0,
        contactName: 'ピアサポートの会 こもれび',
        contactPhone: '000-0000-3301',
        status: 'published',
        sessions: [session(base, sun + 7, '14:00', '16:00')],
      },
    },
    {
      id: DEMO_EVENT_IDS.kofuDraft,
      tenant: KOFU,
      body: {
        organiserId: DEMO_ORGANISER_IDS.kofuCity,
        kind: 'lecture',
        title: '（準備中）支援者向け研修会',
        titleKana: 'しえんしゃむけけんしゅうかい',
        audience: 'supporters',
        delivery: 'in_person',
        ...kofuVenue,
        capacity: 40,
        status: 'draft',
        sessions: [session(base, sat + 35, '10:00', '12:00')],
      },
    },
    {
      id: DEMO_EVENT_IDS.kaiSalon,
      tenant: KAI,
      body: {
        organiserId: DEMO_ORGANISER_IDS.kaiHimawari,
        kind: 'family_salon',
        title: '甲斐市 家族サロン ひまわり',
        titleKana: 'かいし かぞくさろん ひまわり',
        titleEn: 'Family salon Himawari (Kai)',
        description:
          'ご家族が安心して話せる月に一度のサロンです。同じ立場の家族の話を聞くだけでも、気持ちが少し軽くなることがあります。',
        audience: 'family',
        delivery: 'in_person',
        venueName: '篠原ふれあい会館（デモ）',
        address: '山梨県甲斐市篠原',
        location: { lat: 35.6643, lng: 138.5303 },
        accessNote: 'JR竜王駅から車で10分',
        parkingNote: '駐車場あり（20台）',
        capacity: 12,
        feeYen: 200,
        feeNote: 'お茶代',
        contactName: 'ひまわり家族会',
        contactPhone: '000-0000-4203',
        status: 'published',
        sessions: [session(base, sat + 1, '10:00', '12:00'), session(base, sat + 29, '10:00', '12:00')],
      },
    },
    {
      id: DEMO_EVENT_IDS.kaiOpenDay,
      tenant: KAI,
      body: {
        organiserId: DEMO_ORGANISER_IDS.kaiCity,
        kind: 'open_day',
        title: '竜王の居場所 公開日',
        titleKana: 'りゅうおうのいばしょ こうかいび',
        titleEn: 'Open day at the Ryuo place to be',
        description: '居場所の雰囲気を知っていただくための公開日です。予約なしで、ふらっと来ても大丈夫です。',
        audience: 'both',
        delivery: 'in_person',
        placeId: DEMO_PLACE_IDS.kaiIbasho,
        venueName: '竜王の居場所 ほっとスペースりゅうおう',
        address: '山梨県甲斐市竜王',
        capacity: null,
        feeYen: 0,
        contactName: '甲斐市 生活支援課',
        contactPhone: '000-0000-4101',
        registrationOpen: false,
        status: 'published',
        sessions: [session(base, fri + 7, '13:00', '16:00')],
      },
    },
    {
      id: DEMO_EVENT_IDS.kaiLecture,
      tenant: KAI,
      body: {
        organiserId: DEMO_ORGANISER_IDS.kaiCity,
        kind: 'lecture',
        title: '家族のための学習会「親なきあとの備え」',
        titleKana: 'かぞくのためのがくしゅうかい おやなきあとのそなえ',
        titleEn: 'For families: preparing for the years ahead',
        description:
          '8050問題を見すえて、お金・住まい・相談先について、社会福祉士と一緒に考えます。個別の相談の時間もあります。',
        audience: 'family',
        delivery: 'in_person',
        venueName: '甲斐市 福祉センター（デモ）',
        address: '山梨県甲斐市篠原',
        capacity: 30,
        feeYen: 0,
        contactName: '甲斐市 生活支援課',
        contactPhone: '000-0000-4101',
        status: 'published',
        sessions: [session(base, sun + 14, '13:30', '15:30')],
      },
    },
    {
      id: DEMO_EVENT_IDS.kaiStudyTalk,
      tenant: KAI,
      body: {
        organiserId: DEMO_ORGANISER_IDS.kaiHimawari,
        kind: 'family_study_series',
        title: 'ひまわり家族会 ミニ学習会（全3回）',
        titleKana: 'ひまわりかぞくかい みにがくしゅうかい',
        titleEn: 'Himawari mini study series (3 sessions)',
        description: '家族会の先輩家族と一緒に、本人との会話で気をつけていることを話し合います。',
        audience: 'family',
        delivery: 'in_person',
        venueName: '篠原ふれあい会館（デモ）',
        address: '山梨県甲斐市篠原',
        capacity: 10,
        feeYen: 0,
        contactName: 'ひまわり家族会',
        contactPhone: '000-0000-4203',
        status: 'published',
        sessions: [
          session(base, wed + 1, '14:00', '15:30', '本人との会話で気をつけていること'),
          session(base, wed + 29, '14:00', '15:30', '家族の休み方'),
          session(base, wed + 57, '14:00', '15:30', '外につながるきっかけ'),
        ],
      },
    },
  ];
}

const organisers = [
  { id: DEMO_ORGANISER_IDS.kofuCity, tenant: KOFU, kind: 'tenant', name: '甲府市 福祉保健部', placeId: null },
  {
    id: DEMO_ORGANISER_IDS.kofuAjisai,
    tenant: KOFU,
    kind: 'family_association',
    name: '甲府ひきこもり家族会 あじさいの会',
    placeId: DEMO_PLACE_IDS.kofuFamily,
  },
  {
    id: DEMO_ORGANISER_IDS.kofuPeer,
    tenant: KOFU,
    kind: 'peer_group',
    name: 'ピアサポートの会 こもれび',
    placeId: null,
  },
  { id: DEMO_ORGANISER_IDS.kaiCity, tenant: KAI, kind: 'tenant', name: '甲斐市 生活支援課', placeId: null },
  {
    id: DEMO_ORGANISER_IDS.kaiHimawari,
    tenant: KAI,
    kind: 'family_association',
    name: '甲斐市 家族会 ひまわり',
    placeId: DEMO_PLACE_IDS.kaiFamily,
  },
] as const;

export const eventsDemoSeed: DemoSeed = {
  name: 'events',
  after: ['tenants', 'accounts', 'places'],
  async run({ db, config, clock }) {
    const now = clock.now();
    const base = tokyoDate(now);
    await asSystem(db, async (tx) => {
      for (const o of organisers) {
        await tx
          .insert(eventOrganisers)
          .values({ id: o.id, municipalityCode: o.tenant, kind: o.kind, name: o.name, placeId: o.placeId })
          .onConflictDoNothing();
      }
      // The family-association demo accounts manage their association's events.
      for (const [email, organiserId, tenant] of [
        ['family_association@kofu.demo.example', DEMO_ORGANISER_IDS.kofuAjisai, KOFU],
        ['family_association@kai.demo.example', DEMO_ORGANISER_IDS.kaiHimawari, KAI],
      ] as const) {
        const accountId = await accountIdByEmail(tx, email);
        if (accountId)
          await tx
            .insert(eventOrganiserMembers)
            .values({ organiserId, accountId, municipalityCode: tenant })
            .onConflictDoNothing();
      }
      for (const seed of seeds(base)) {
        const body = CreateEventBody.parse(seed.body);
        const [row] = await tx
          .insert(events)
          .values({
            id: seed.id,
            municipalityCode: seed.tenant,
            prefectureCode: seed.tenant.slice(0, 2),
            ...eventRowOf(body),
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing()
          .returning({ id: events.id });
        if (!row) continue; // already seeded: staff changes are kept
        await tx.insert(eventSessions).values(
          body.sessions.map((s, i) => ({
            municipalityCode: seed.tenant,
            eventId: seed.id,
            seq: i + 1,
            topic: s.topic,
            startsAt: new Date(s.startsAt),
            endsAt: new Date(s.endsAt),
          })),
        );
      }
    });
    // A few sign-ups on the Kōfu salon, so the organiser's pages are not empty (through the service,
    // so seats and encryption are exactly as in real use). Only when it has none yet.
    await asSystem(db, async (tx) => {
      const [{ n } = { n: 0 }] = await rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from event_registrations where event_id = ${DEMO_EVENT_IDS.kofuSalon}`,
      );
      if (n > 0) return;
      const [salon] = await tx.select().from(events).where(eq(events.id, DEMO_EVENT_IDS.kofuSalon));
      if (salon?.status !== 'published') return;
      for (const person of [
        { nickname: 'みどり', people: 2, email: 'midori@demo.example', needs: '' },
        { nickname: 'たろうの母', people: 1, email: null, needs: 'いすの席を希望します' },
        { nickname: 'K', people: 1, email: null, needs: '' },
      ]) {
        await register(tx, { clock, config }, salon, {
          ...person,
          phone: null,
          nameConsent: false,
        });
      }
    });
  },
};
