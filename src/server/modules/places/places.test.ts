import { type SQL, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { placeBody } from '../../../../test/factories/places.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem, inTransaction } from '../../platform/db/tenant.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';
import { runDueJobs } from '../../platform/jobs/due.ts';
import { DEMO_PLACE_IDS as P } from './places.demo.ts';
import { IMPORT_INLINE_ROWS } from './places.import.ts';
import { PUBLIC_JSON_VERSION, refreshPublicJson } from './places.listing.ts';
import { SEARCH_TOTAL_CAP } from './places.search.ts';

let t: TestApp;
let kofuAdmin: LoggedIn;
let kofuConsultation: LoggedIn;
let kaiAdmin: LoggedIn;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [kofuAdmin, kofuConsultation, kaiAdmin] = await loginDemoStaff(t, [
    'municipal_admin@kofu',
    'consultation@kofu',
    'municipal_admin@kai',
  ]);
});
afterAll(async () => {
  await t?.close();
});

let address = 0;
const get = (url: string, headers: Record<string, string> = {}) =>
  t.request({ method: 'GET', url, headers, remoteAddress: `127.50.0.${(++address % 250) + 1}` });
const send = (who: LoggedIn, method: 'POST' | 'PUT', url: string, payload: unknown) =>
  t.request({ method, url, payload: payload as Record<string, unknown>, headers: who.headers() });

const search = async (query: string) => {
  const res = await get(`/api/public/places?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: Array<{ id: string; [k: string]: unknown }>;
    total: number;
    totalCapped: boolean;
    area: unknown;
  };
};
const ids = async (query: string) => (await search(`${query}&limit=200`)).items.map((i) => i.id);

const NEVER_PUBLIC = [P.kofuDraft, P.kofuInReview, P.kofuClosed, P.kaiDraft];

/**
 * The committed query table (ARCHITECTURE "Database"): what a person types → demo entries that must
 * be found (`includes`), or exactly the entries found (`exactly`). Kana queries match readings, kanji
 * queries the text; half-width, katakana and 異体字 fold to one form.
 */
const QUERY_TABLE: Array<{ q: string; includes?: string[]; exactly?: string[]; excludes?: string[] }> = [
  { q: 'いばしょ', includes: [P.hidamari, P.onlineIbasho, P.kaiIbasho], excludes: [P.peerKofu] },
  { q: 'イバショ', includes: [P.hidamari] },
  { q: 'ｲﾊﾞｼｮ', includes: [P.hidamari] },
  { q: '居場所', includes: [P.hidamari, P.kaiAfterSchool] },
  { q: 'まちなか', exactly: [P.hidamari] },
  { q: '高沢', exactly: [P.takazawaFarm] },
  { q: '髙澤', exactly: [P.takazawaFarm] },
  { q: '澤', exactly: [P.takazawaFarm] },
  { q: 'たかざわ', exactly: [P.takazawaFarm] },
  { q: 'ひきこもり', includes: [P.kofuWindow, P.kofuFamily] },
  { q: '引きこもり', includes: [P.kofuWindow, P.kofuFamily] },
  { q: 'ヒキコモリ', includes: [P.kofuWindow, P.kofuFamily] },
  { q: 'かぞくかい', exactly: [P.kofuFamily, P.kofuOnlineFamily, P.kaiFamily, P.kaiFamilyStudy] },
  { q: '家族会', exactly: [P.kofuFamily, P.kofuOnlineFamily, P.kaiFamily, P.kaiFamilyStudy] },
  { q: 'ピア', includes: [P.peerKofu, P.kofuPeerOnline, P.kaiPeer] },
  { q: 'でいけあ', exactly: [P.daycare] },
  { q: 'デイケア', exactly: [P.daycare] },
  { q: 'ｶﾌｪ', exactly: [P.cafeYururi, P.kaiPeer] },
  { q: '竜王', includes: [P.kaiIbasho, P.kaiMusic, P.kaiSewing], excludes: [P.hidamari] },
  { q: 'りゅうおう', includes: [P.kaiIbasho] },
  { q: '在宅', exactly: [P.dataEntry] },
  { q: 'テレワーク', exactly: [P.kaiTelework] },
  { q: '女性', exactly: [P.womenSalon] },
  { q: 'ＮＰＯ', includes: [P.hidamari, P.cafeYururi, P.kaiIbasho] },
  { q: '家族会 甲斐', exactly: [P.kaiFamily, P.kaiFamilyStudy] },
  { q: '家族会　あじさい', exactly: [P.kofuFamily, P.kofuOnlineFamily] },
  { q: 'こうふ', includes: [P.kofuWindow, P.kofuFamily, P.peerKofu] },
  { q: '子ども', includes: [P.kaiAfterSchool, P.schoolRoom] },
  // Related words (platform/text/related-words.ts): a place is found by a word it does not contain.
  { q: '農業', includes: [P.takazawaFarm, P.kaiGarden], excludes: [P.hidamari] },
  { q: '農作業', includes: [P.takazawaFarm, P.kaiGarden] },
  { q: '就労', includes: [P.takazawaFarm, P.dataEntry, P.kofuBakery, P.kaiTelework] },
  { q: '働く', includes: [P.dataEntry, P.kofuBakery] },
  { q: '仕事', includes: [P.takazawaFarm, P.dataEntry, P.kaiMidlife] },
  { q: '話を聞いて', includes: [P.kofuWindow] },
  // Requests rather than words (issue 21 item 4) meet the places that offer consultation.
  { q: '話を聞いてほしい', includes: [P.kofuWindow] },
  { q: '誰かに話を聞いてほしい', includes: [P.kofuWindow] },
  { q: '話を聞いて欲しい', includes: [P.kofuWindow] },
  { q: 'だれかと話したい', includes: [P.kofuWindow] },
  { q: '相談したい', includes: [P.kofuWindow] },
  { q: 'フリースペース', includes: [P.hidamari, P.kaiGarden] },
  { q: 'たまり場', includes: [P.hidamari] },
  { q: '家族の会', includes: [P.kofuFamily, P.kaiFamily] },
  { q: '勉強会', includes: [P.kofuOnlineFamily, P.kaiFamilyStudy, P.kaiFamily] },
  { q: '学習会', includes: [P.kofuOnlineFamily, P.kaiFamilyStudy, P.kaiFamily] },
  { q: '農業 甲斐', exactly: [P.kaiGarden] },
  { q: 'さくらんぼ', exactly: [] },
  { q: 'ふらっと', exactly: [] },
  { q: '存在しないことば', exactly: [] },
  { q: '100%', exactly: [] },
];

describe('public search: the query table', () => {
  for (const row of QUERY_TABLE) {
    it(`q=${row.q}`, async () => {
      const found = await ids(`q=${encodeURIComponent(row.q)}`);
      if (row.exactly) expect([...found].sort()).toEqual([...row.exactly].sort());
      for (const id of row.includes ?? []) expect(found).toContain(id);
      for (const id of [...(row.excludes ?? []), ...NEVER_PUBLIC]) expect(found).not.toContain(id);
      // With an area the keyword is tested row by row (strpos) instead of through the trigram index
      // (LIKE): both forms must find the same entries (every demo entry is in 山梨県).
      const inArea = await ids(`q=${encodeURIComponent(row.q)}&prefecture=19`);
      expect([...inArea].sort()).toEqual([...found].sort());
    });
  }

  it('has at least 20 cases', () => {
    expect(QUERY_TABLE.length).toBeGreaterThanOrEqual(20);
  });

  it('finds the demo 居場所 with いばしょ, イバショ, ｲﾊﾞｼｮ and 居場所 alike', async () => {
    for (const q of ['いばしょ', 'イバショ', 'ｲﾊﾞｼｮ', '居場所']) {
      expect(await ids(`q=${encodeURIComponent(q)}`)).toContain(P.hidamari);
    }
  });
});

describe('public search: area and filters', () => {
  it('resolves a postal code (hyphen and full-width digits too) to its municipality and district', async () => {
    for (const code of ['400-0031', '4000031', '４００－００３１', '〒400-0031']) {
      const body = await search(`postalCode=${encodeURIComponent(code)}&q=${encodeURIComponent('いばしょ')}`);
      expect(body.area).toEqual({
        postalCode: '4000031',
        prefectureCode: '19',
        prefectureName: '山梨県',
        municipalityCode: '192015',
        municipalityName: '甲府市',
        district: '丸の内',
      });
      // The entry in the same district comes first; only 甲府市 is searched.
      expect(body.items[0]?.id).toBe(P.hidamari);
      expect(body.items.every((i) => i.municipalityCode === '192015')).toBe(true);
    }
  });

  it('refuses a malformed or unknown postal code with a field error', async () => {
    for (const code of ['123', '0000000']) {
      const res = await get(`/api/public/places?postalCode=${code}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].pointer).toBe('/query/postalCode');
    }
  });

  it('orders by distance from the browser location, places without coordinates last', async () => {
    const body = await search('near=35.6648,138.5691&limit=200');
    expect(body.items[0]?.id).toBe(P.hidamari);
    const distances = body.items.map((i) => i.distanceKm as number | null);
    const withCoords = distances.filter((d): d is number => d !== null);
    expect(withCoords).toEqual([...withCoords].sort((a, b) => a - b));
    expect(distances.slice(withCoords.length).every((d) => d === null)).toBe(true);
  });

  it('filters by kind, life stage, audience, online, weekday, first-visit options, prefecture and municipality', async () => {
    const all = await ids('prefecture=19');
    expect(all.length).toBeGreaterThanOrEqual(28);
    expect(all.every((id) => !NEVER_PUBLIC.includes(id as never))).toBe(true);

    const opportunities = await search('kind=opportunity&limit=200');
    expect(opportunities.items.every((i) => i.kind === 'opportunity')).toBe(true);
    expect(opportunities.total).toBe(6);

    const school = await search('lifeStage=school_age&limit=200');
    expect(school.items.every((i) => (i.lifeStages as string[]).includes('school_age'))).toBe(true);
    expect(school.items.map((i) => i.id)).toContain(P.kaiAfterSchool);

    const family = await search('audience=family&limit=200');
    expect(family.items.every((i) => i.audience !== 'person')).toBe(true);

    const online = await search('online=true&limit=200');
    expect(online.items.every((i) => i.delivery !== 'in_person')).toBe(true);
    expect(online.items.map((i) => i.id)).toContain(P.onlineIbasho);

    const sunday = await ids('weekday=SU');
    expect(sunday).toEqual(expect.arrayContaining([P.boardGame, P.kaiFamily, P.peerKofu, P.kofuLibrary]));
    expect(sunday).not.toContain(P.hidamari);

    const quiet = await search('firstVisit=anonymous_ok,quiet_room&limit=200');
    expect(quiet.items.map((i) => i.id).sort()).toEqual([P.hidamari, P.kofuLibrary, P.kaiMusic].sort());

    const kai = await search('municipality=192104&limit=200');
    expect(kai.items.every((i) => i.municipalityName === '甲斐市')).toBe(true);
    expect(kai.total).toBe(13);
    expect(kai.totalCapped).toBe(false);
    expect(kai.items.find((i) => i.id === P.kaiPaused)?.status).toBe('paused');

    expect((await search('prefecture=13')).total).toBe(0);
  });

  it('pages with an opaque cursor and keeps limit ≤ 200', async () => {
    const first = await search('prefecture=19&limit=10');
    expect(first.items).toHaveLength(10);
    const next = await search(
      `prefecture=19&limit=10&cursor=${(first as unknown as { nextCursor: string }).nextCursor}`,
    );
    expect(next.items.map((i) => i.id)).not.toContain(first.items[0]!.id);
    expect(next.total).toBe(first.total);
    // Paged past the end: no items, the same total.
    const past = await search(
      `prefecture=19&limit=10&cursor=${Buffer.from('{"o":1000}').toString('base64url')}`,
    );
    expect(past).toMatchObject({ items: [], total: first.total, totalCapped: false });
    expect((await get('/api/public/places?limit=201')).statusCode).toBe(400);
    expect((await get('/api/public/places?near=abc')).statusCode).toBe(400);
    expect((await get('/api/public/places?kind=hotel')).statusCode).toBe(400);
    expect((await get('/api/public/places?unknown=1')).statusCode).toBe(400);
  });

  it('shows a published entry and answers 404 for drafts, entries in review and closed ones', async () => {
    const res = await get(`/api/public/places/${P.hidamari}`);
    expect(res.statusCode).toBe(200);
    const place = res.json();
    expect(place.name).toBe('まちなか居場所 ひだまり');
    expect(place.openingHours[0]).toMatchObject({ freq: 'WEEKLY', start: '13:00', end: '17:00' });
    expect(place.openingHours[0].days.map((d: { day: string }) => d.day)).toEqual(['TU', 'TH', 'SA']);
    for (const id of NEVER_PUBLIC) expect((await get(`/api/public/places/${id}`)).statusCode).toBe(404);
  });
});

const newPlace = (overrides: Record<string, unknown> = {}) =>
  placeBody({ name: '試験用の居場所 あおぞら', ...overrides });

describe('staff API: access', () => {
  it('401 without a session, 403 for a role without places permissions', async () => {
    expect((await get('/api/places')).statusCode).toBe(401);
    const peer = await login(t, 'peer_supporter@kofu.demo.example', DEMO_PASSWORD);
    expect((await get('/api/places', peer.headers())).statusCode).toBe(403);
    const labour = await login(t, 'labour@kofu.demo.example', DEMO_PASSWORD);
    // Labour staff manage entries but do not review them.
    const created = await send(labour, 'POST', '/api/places', newPlace({ name: '就労担当の下書き' }));
    expect(created.statusCode).toBe(201);
    const { id, version } = created.json();
    expect((await send(labour, 'POST', `/api/places/${id}/submit`, { version })).statusCode).toBe(200);
    expect(
      (await send(labour, 'POST', `/api/places/${id}/publish`, { version: version + 1 })).statusCode,
    ).toBe(403);
  });

  it('answers 404 when 甲斐市 staff read or edit a 甲府市 entry', async () => {
    expect((await get(`/api/places/${P.hidamari}`, kaiAdmin.headers())).statusCode).toBe(404);
    const edit = await send(kaiAdmin, 'PUT', `/api/places/${P.hidamari}`, { ...newPlace(), version: 1 });
    expect(edit.statusCode).toBe(404);
    for (const action of ['submit', 'publish', 'withdraw', 'verify']) {
      const res = await send(kaiAdmin, 'POST', `/api/places/${P.hidamari}/${action}`, { version: 1 });
      expect(res.statusCode, action).toBe(404);
    }
    expect((await get(`/api/places/${P.hidamari}/history`, kaiAdmin.headers())).statusCode).toBe(404);
    const list = await get('/api/places?limit=200', kaiAdmin.headers());
    expect(
      list.json().items.every(
        (p: { id: string }) =>
          !Object.values(P)
            .slice(0, 19)
            .includes(p.id as never),
      ),
    ).toBe(true);
  });

  it('400 with per-field errors for bad input and unknown fields', async () => {
    const res = await send(
      kofuAdmin,
      'POST',
      '/api/places',
      newPlace({
        postalCode: '12-34',
        operator: { type: 'npo', name: 'x', corporateNumber: '1234567890123' },
        openingHours: [{ rrule: 'FREQ=DAILY', start: '10:00', end: '09:00' }],
        lifeStages: [],
        extra: true,
      }),
    );
    expect(res.statusCode).toBe(400);
    const pointers = res.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers.length).toBeGreaterThan(0);
    const again = await send(kofuAdmin, 'POST', '/api/places', newPlace({ kind: 'opportunity' }));
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0].pointer).toBe('/body/opportunity');
  });
});

describe('staff API: draft → review by a second person → published', () => {
  it('keeps drafts out of public results and publishes only after another person reviews', async () => {
    const created = await send(kofuConsultation, 'POST', '/api/places', newPlace());
    expect(created.statusCode, created.body).toBe(201);
    const place = created.json();
    expect(place.publication).toBe('draft');
    // The reading left empty is pre-filled from the name (kuromoji), and staff may change it.
    expect(place.nameKana).toMatch(/^しけんようのいばしょ/);
    expect(await ids(`q=${encodeURIComponent('あおぞら')}`)).toEqual([]);

    const submitted = await send(kofuConsultation, 'POST', `/api/places/${place.id}/submit`, {
      version: place.version,
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().publication).toBe('in_review');
    expect(await ids(`q=${encodeURIComponent('あおぞら')}`)).toEqual([]);

    const self = await send(kofuConsultation, 'POST', `/api/places/${place.id}/publish`, {
      version: submitted.json().version,
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('places_review_second_person');

    const stale = await send(kofuAdmin, 'POST', `/api/places/${place.id}/publish`, {
      version: place.version,
    });
    expect(stale.statusCode).toBe(409);

    const published = await send(kofuAdmin, 'POST', `/api/places/${place.id}/publish`, {
      version: submitted.json().version,
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ publication: 'published', isPublic: true });
    expect(await ids(`q=${encodeURIComponent('あおぞら')}`)).toEqual([place.id]);
    expect(await ids(`q=${encodeURIComponent('あおぞら')}&prefecture=19`)).toEqual([place.id]);

    // A change waits for review; the public keeps seeing the approved content meanwhile.
    const edited = await send(kofuConsultation, 'PUT', `/api/places/${place.id}`, {
      ...newPlace({
        name: '試験用の居場所 あおぞら（移転しました）',
        nameKana: 'しけんようのいばしょ あおぞら',
      }),
      version: published.json().version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      publication: 'draft',
      hasUnpublishedChanges: true,
      isPublic: true,
    });
    const publicView = await get(`/api/public/places/${place.id}`);
    expect(publicView.json().name).toBe('試験用の居場所 あおぞら');

    const history = await get(`/api/places/${place.id}/history`, kofuAdmin.headers());
    expect(history.statusCode).toBe(200);
    const actions = history.json().items.map((h: { action: string }) => h.action);
    expect(actions).toEqual(['updated', 'published', 'submitted', 'created']);
    expect(history.json().items[0].changedFields).toContain('name');

    // Reviewed again by another person, the change replaces the public content.
    const resubmitted = await send(kofuConsultation, 'POST', `/api/places/${place.id}/submit`, {
      version: edited.json().version,
    });
    const republished = await send(kofuAdmin, 'POST', `/api/places/${place.id}/publish`, {
      version: resubmitted.json().version,
    });
    expect(republished.statusCode).toBe(200);
    expect((await get(`/api/public/places/${place.id}`)).json().name).toBe(
      '試験用の居場所 あおぞら（移転しました）',
    );

    const withdrawn = await send(kofuAdmin, 'POST', `/api/places/${place.id}/withdraw`, {
      version: republished.json().version,
    });
    expect(withdrawn.statusCode).toBe(200);
    expect((await get(`/api/public/places/${place.id}`)).statusCode).toBe(404);
    // Its search row went with the listing: neither search finds it (with an area, the row walk).
    expect(await ids(`q=${encodeURIComponent('あおぞら')}`)).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('あおぞら')}&prefecture=19`)).toEqual([]);
  });

  it('returns an entry with a comment, and records verification without a new review', async () => {
    const created = (
      await send(kofuAdmin, 'POST', '/api/places', newPlace({ name: '差し戻し試験の居場所' }))
    ).json();
    const submitted = (
      await send(kofuAdmin, 'POST', `/api/places/${created.id}/submit`, { version: created.version })
    ).json();
    const returned = await send(kofuConsultation, 'POST', `/api/places/${created.id}/return`, {
      version: submitted.version,
      comment: '開所時間を施設に確認してください',
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({
      publication: 'draft',
      reviewComment: '開所時間を施設に確認してください',
    });

    const before = (await get(`/api/places/${P.hidamari}`, kofuAdmin.headers())).json();
    const verified = await send(kofuAdmin, 'POST', `/api/places/${P.hidamari}/verify`, {
      version: before.version,
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({
      verifiedOn: '2026-11-26',
      publication: 'published',
      hasUnpublishedChanges: false,
    });
    expect((await get(`/api/public/places/${P.hidamari}`)).json().verifiedOn).toBe('2026-11-26');
    // The stored rendering a search sends is made again with the new date.
    const listed = (await search('q=%E3%81%B2%E3%81%A0%E3%81%BE%E3%82%8A&municipality=192015')).items;
    expect(listed.find((i) => i.id === P.hidamari)?.verifiedOn).toBe('2026-11-26');
  });

  it('suggests a reading for a name', async () => {
    const res = await get(
      `/api/places/reading?text=${encodeURIComponent('まちなか居場所')}`,
      kofuAdmin.headers(),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().reading).toBe('まちなかいばしょ');
  });

  it('fills the address from a postal code for staff (any form of the number), with a clear 404 and 400', async () => {
    for (const written of ['400-0031', '4000031', '〒４００－００３１']) {
      const res = await get(`/api/places/postal-codes/${encodeURIComponent(written)}`, kofuAdmin.headers());
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        postalCode: '4000031',
        prefectureName: '山梨県',
        municipalityCode: '192015',
        municipalityName: '甲府市',
        district: '丸の内',
      });
    }
    // A designated city's ward: the city is the municipality, the ward leads the district.
    const ward = (await get('/api/places/postal-codes/2310023', kofuAdmin.headers())).json();
    expect(ward).toMatchObject({ municipalityName: '横浜市', district: '中区山下町' });
    const unknown = await get('/api/places/postal-codes/0000000', kofuAdmin.headers());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toContain('郵便番号は見つかりませんでした');
    const malformed = await get('/api/places/postal-codes/40000', kofuAdmin.headers());
    expect(malformed.statusCode).toBe(400);
    expect((await get('/api/places/postal-codes/4000031')).statusCode).toBe(401);
  });
});

const IMPORT_HEADER =
  '外部ID,種別,名称,名称_カナ,運営主体種別,団体名,郵便番号,住所,参加方法,ライフステージ,対象,開所日時,初回の配慮,電話番号,状態,最終確認日';
const GOOD_ROWS = [
  'IMP-001,居場所,試験 取り込みの居場所 そよかぜ,,NPO,NPO法人 そよかぜ,400-0032,山梨県甲府市中央3丁目,来所,就労年齢;40〜64歳,本人,月水 10:00-15:00,匿名可;話さなくてよい,000-0000-9001,開所中,2026-10-01',
  'IMP-002,家族会,試験 取り込みの家族会,しけん とりこみのかぞくかい,家族会,試験の会,400-0858,山梨県甲府市相生1丁目,来所,40〜64歳,家族,第2土 13:30-16:00,,,開所中,2026/9/1',
  '"IMP-003",相談窓口,"試験 取り込みの相談窓口, 中央",,自治体,甲府市,,,オンライン,学齢期,本人・家族,"FREQ=WEEKLY;BYDAY=TU 09:00-12:00",匿名可,000-0000-9003,開所中,',
];
const BAD_ROWS = [
  'IMP-004,ホテル,種別の誤り,,NPO,,,,来所,就労年齢,本人,,,,,',
  'IMP-005,居場所,,,NPO,,400-0032,山梨県甲府市,来所,就労年齢,本人,,,,,',
  'IMP-006,居場所,時刻の誤り,,NPO,,400-0032,山梨県甲府市,来所,就労年齢,本人,月 16:00-10:00,,,,',
  'IMP-001,居場所,外部IDの重複,,NPO,,400-0032,山梨県甲府市,来所,就労年齢,本人,,,,,',
];

function multipart(content: Buffer, filename = 'places.csv') {
  const boundary = `----tsunagari${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function upload(who: LoggedIn, content: Buffer) {
  const { payload, contentType } = multipart(content);
  return t.request({
    method: 'POST',
    url: '/api/places/imports',
    payload,
    headers: { ...who.headers(), 'content-type': contentType },
  });
}

async function staffCount(who: LoggedIn) {
  return (await get('/api/places?limit=1', who.headers())).json().total as number;
}

describe('CSV import', () => {
  it('lists every bad row with its column and reason and writes nothing until confirmed', async () => {
    const before = await staffCount(kofuAdmin);
    const file = Buffer.from(`\ufeff${[IMPORT_HEADER, ...GOOD_ROWS, ...BAD_ROWS].join('\r\n')}\r\n`);
    const res = await upload(kofuAdmin, file);
    expect(res.statusCode, res.body).toBe(201);
    const preview = res.json();
    expect(preview).toMatchObject({ status: 'previewed', encoding: 'utf-8', totalRows: 7, validRows: 3 });
    const errors = preview.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(errors).toEqual(expect.arrayContaining(['5:種別', '6:名称', '7:開所日時', '8:外部ID']));
    expect(new Set(preview.errors.map((e: { row: number }) => e.row))).toEqual(new Set([5, 6, 7, 8]));
    for (const e of preview.errors) expect(e.message.length).toBeGreaterThan(0);
    expect(preview.preview.map((p: { action: string }) => p.action)).toEqual(['create', 'create', 'create']);
    expect(await staffCount(kofuAdmin)).toBe(before);

    // English messages for an English-speaking caller.
    const en = await get(`/api/places/imports/${preview.id}`, {
      ...kofuAdmin.headers(),
      'accept-language': 'en',
    });
    expect(en.json().errors.find((e: { column: string }) => e.column === '名称').message).toMatch(/required/);

    const refused = await send(kofuAdmin, 'POST', `/api/places/imports/${preview.id}/confirm`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('places_import_has_errors');
    expect(await staffCount(kofuAdmin)).toBe(before);

    const applied = await send(kofuAdmin, 'POST', `/api/places/imports/${preview.id}/confirm`, {
      skipInvalid: true,
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({
      status: 'applied',
      result: { created: 3, updated: 0, unchanged: 0 },
    });
    expect(await staffCount(kofuAdmin)).toBe(before + 3);
    const twice = await send(kofuAdmin, 'POST', `/api/places/imports/${preview.id}/confirm`, {
      skipInvalid: true,
    });
    expect(twice.statusCode).toBe(409);

    // Imported entries wait for review; the reading left empty was filled.
    const list = (await get(`/api/places?q=${encodeURIComponent('そよかぜ')}`, kofuAdmin.headers())).json();
    expect(list.items[0]).toMatchObject({ publication: 'in_review', externalId: 'IMP-001' });
    expect(list.items[0].nameKana).toContain('そよかぜ');
  });

  it('leaves the count unchanged when the same file is imported again (Shift_JIS this time)', async () => {
    const before = await staffCount(kofuAdmin);
    const text = `${[IMPORT_HEADER, ...GOOD_ROWS].join('\r\n')}\r\n`;
    // As Excel on Windows saves it (CP932: the wave dash becomes the full-width tilde).
    const sjis = iconv.encode(text.replaceAll('〜', '～'), 'cp932');
    const res = await upload(kofuAdmin, sjis);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ encoding: 'shift_jis', validRows: 3, errors: [] });
    const confirm = await send(kofuAdmin, 'POST', `/api/places/imports/${res.json().id}/confirm`, {});
    expect(confirm.statusCode).toBe(200);
    expect(await staffCount(kofuAdmin)).toBe(before);
    expect(confirm.json().result.created).toBe(0);

    // A changed row updates its entry, matched on 外部ID.
    const changed = text.replace('月水 10:00-15:00', '月水金 10:00-15:00');
    const again = await upload(kofuAdmin, Buffer.from(changed));
    expect(again.json().preview.map((p: { action: string }) => p.action)).toContain('update');
    const done = await send(kofuAdmin, 'POST', `/api/places/imports/${again.json().id}/confirm`, {});
    expect(done.json().result).toMatchObject({ created: 0, updated: 1 });
    expect(await staffCount(kofuAdmin)).toBe(before);
  });

  it('applies a large file in the background, with progress the page can poll', async () => {
    const before = await staffCount(kaiAdmin);
    const rows = Array.from(
      { length: IMPORT_INLINE_ROWS + 1 },
      (_, i) => `BIG-${i},居場所,大きな取り込み ${i},おおきなとりこみ,山梨県甲斐市竜王,来所,就労年齢,本人`,
    );
    const file = Buffer.from(
      `外部ID,種別,名称,名称_カナ,住所,参加方法,ライフステージ,対象\n${rows.join('\n')}\n`,
    );
    const preview = await upload(kaiAdmin, file);
    expect(preview.statusCode, preview.body).toBe(201);
    const id = preview.json().id;
    const started = await send(kaiAdmin, 'POST', `/api/places/imports/${id}/confirm`, {});
    expect(started.statusCode).toBe(202);
    expect(['applying', 'applied']).toContain(started.json().status);
    let view = started.json();
    for (let i = 0; i < 600 && view.status === 'applying'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      view = (await get(`/api/places/imports/${id}`, kaiAdmin.headers())).json();
      expect(view.processed).toBeLessThanOrEqual(IMPORT_INLINE_ROWS + 1);
    }
    expect(view).toMatchObject({ status: 'applied', processed: IMPORT_INLINE_ROWS + 1 });
    expect(await staffCount(kaiAdmin)).toBe(before + IMPORT_INLINE_ROWS + 1);
  });

  it('refuses unreadable files and files over 10 MiB', async () => {
    const wrongHeader = await upload(kofuAdmin, Buffer.from('name,kind\nx,y\n'));
    expect(wrongHeader.statusCode).toBe(400);
    expect(wrongHeader.json().code).toBe('csv_unreadable');
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 'a');
    const tooBig = await upload(kofuAdmin, big);
    expect(tooBig.statusCode).toBe(413);
    const other = await get(`/api/places/imports/00000000-0000-4000-8000-000000000000`, kofuAdmin.headers());
    expect(other.statusCode).toBe(404);
  });
});

describe('open data', () => {
  it('serves 公共施設一覧 CSV (UTF-8 with BOM) of published entries only', async () => {
    const res = await get('/api/public/open-data/192015_public_facility.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('192015_public_facility.csv');
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      '都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,名称_カナ,名称_通称,POIコード,住所,方書,緯度,経度,電話番号,内線番号,法人番号,団体名,利用可能曜日,開始時間,終了時間,利用可能日時特記事項,説明,バリアフリー情報,URL,備考',
    );
    expect(res.body).toContain('マチナカイバショヒダマリ');
    expect(res.body).not.toContain('さくらんぼ');
    expect((await get('/api/public/open-data/192016_public_facility.csv')).statusCode).toBe(404);
  });

  it('serves HSDS-style JSON', async () => {
    const res = await get('/api/public/open-data/hsds/192104');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.hsds_version).toBe('3.0');
    expect(doc.services.length).toBe(13);
    const ibasho = doc.services.find((s: { id: string }) => s.id === P.kaiIbasho);
    expect(ibasho.schedules[0]).toMatchObject({
      freq: 'WEEKLY',
      byday: 'MO,WE,FR',
      opens_at: '10:00',
      closes_at: '15:00',
    });
  });
});

describe('verification reminder (six months)', () => {
  it('alerts reviewers once for entries not verified for six months', async () => {
    const ctx = { db: t.db, config: t.config, clock: t.clock };
    const first = await runDueJobs(ctx, { only: ['places.verification-reminder'], trigger: 'test' });
    expect(first.results[0]).toMatchObject({ status: 'ok' });
    expect(first.results[0]!.processed).toBeGreaterThanOrEqual(1); // 図書館の静かな席 (2026-03-10)
    const second = await runDueJobs(ctx, { only: ['places.verification-reminder'], trigger: 'test' });
    expect(second.results[0]!.processed).toBe(0);
    const outbox = await get('/api/admin/outbox?limit=200', kofuAdmin.headers());
    const alerts = outbox
      .json()
      .items.filter((m: { templateKey: string }) => m.templateKey === 'places.verification-due');
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    expect(alerts[0].body).toContain('/console/places/stale');
    expect(alerts[0].body).not.toContain('図書館');
    const stale = await get('/api/places?stale=true&limit=200', kofuAdmin.headers());
    expect(stale.json().items.map((p: { id: string }) => p.id)).toContain(P.kofuLibrary);
  });
});

describe('the staff list of entries sorts on the server (issue 22)', () => {
  type Row = { id: string; nameKana: string; verifiedOn: string | null; updatedAt: string };
  const pages = async (query: string) => {
    const seen: Row[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        `/api/places?${query}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        kofuAdmin.headers(),
      );
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    return seen;
  };

  it('by verification (never verified first), by latest edit, each entry once across pages', async () => {
    const byName = await pages('sort=name');
    expect(byName.length).toBeGreaterThan(7);
    const verified = await pages('sort=verified');
    expect(new Set(verified.map((p) => p.id))).toEqual(new Set(byName.map((p) => p.id)));
    expect(verified.length).toBe(byName.length);
    const keys = verified.map((p) => p.verifiedOn ?? '');
    expect(keys).toEqual([...keys].sort());
    const updated = await pages('sort=updated');
    expect(updated.length).toBe(byName.length);
    const times = updated.map((p) => Date.parse(p.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await get('/api/places?sort=rating', kofuAdmin.headers())).statusCode).toBe(400);
  });
});

describe('row-level security of the directory (decision 0005)', () => {
  const count = (tenant: string | null, table: string) =>
    inTransaction(t.db, { tenant }, (tx) =>
      rows<{ n: number }>(tx, sql.raw(`select count(*)::int as n from ${table}`)),
    ).then((r) => r[0]!.n);

  it('lets the app role read published listings without a tenant, and never the working copies', async () => {
    // The projection has no RLS (so the planner keeps its statistics); the working copies do.
    expect(await count(null, 'place_listings')).toBeGreaterThanOrEqual(28);
    expect(await count(null, 'places')).toBe(0);
    expect(await count(null, 'place_revisions')).toBe(0);
    expect(await count('192104', 'places')).toBeGreaterThan(0);
    expect(await count('192104', "places where municipality_code = '192015'")).toBe(0);
  });

  it("refuses to change another tenant's listing (the listing table's write guard)", async () => {
    await expect(
      inTransaction(t.db, { tenant: '192104' }, (tx) =>
        tx.execute(sql`update place_listings set name = 'x' where id = ${P.hidamari}`),
      ),
    ).rejects.toThrow();
    await expect(
      inTransaction(t.db, { tenant: '192104' }, (tx) =>
        tx.execute(sql`delete from place_listings where id = ${P.hidamari}`),
      ),
    ).rejects.toThrow();
    await expect(
      inTransaction(t.db, { tenant: '192104' }, (tx) =>
        tx.execute(sql`insert into place_listings
          select gen_random_uuid(), municipality_code, prefecture_code, municipality_name, prefecture_name, kind,
            name, name_kana, status, postal_code, district, lat, lng, delivery, audience, life_stages, first_visit,
            weekday_mask, search_text, search_reading, content, verified_on, published_at
          from place_listings where id = ${P.hidamari}`),
      ),
    ).rejects.toThrow();
    expect((await get(`/api/public/places/${P.hidamari}`)).json().name).not.toBe('x');
  });

  it('keeps one search row per listing, under the same write guard', async () => {
    expect(await count(null, 'place_search')).toBe(await count(null, 'place_listings'));
    await expect(
      inTransaction(t.db, { tenant: '192104' }, (tx) =>
        tx.execute(sql`update place_search set search_text = 'x' where id = ${P.hidamari}`),
      ),
    ).rejects.toThrow();
    await expect(
      inTransaction(t.db, { tenant: '192104' }, (tx) =>
        tx.execute(sql`delete from place_search where id = ${P.hidamari}`),
      ),
    ).rejects.toThrow();
  });
});

/**
 * `count` copies of a published listing (and their search rows), written as migrations and seeds write
 * (owner level); `adjust` may change the copies (column `g` numbers them 1…count) before they are
 * stored. Returns the new ids.
 */
async function copyListing(source: string, count: number, adjust?: SQL): Promise<string[]> {
  const copies = await asSystem(t.db, async (tx) => {
    await tx.execute(sql`create temp table listing_copies on commit drop as
      select gen_random_uuid() as new_id, g, l.* from place_listings l
      cross join generate_series(1, ${count}) as g where l.id = ${source}`);
    if (adjust) await tx.execute(sql`update listing_copies set ${adjust}`);
    await tx.execute(sql`insert into place_listings
      select new_id, municipality_code, prefecture_code, municipality_name, prefecture_name, kind,
        name, name_kana, status, postal_code, district, lat, lng, delivery, audience, life_stages, first_visit,
        weekday_mask, search_text, search_reading, content, verified_on, published_at
      from listing_copies`);
    await tx.execute(sql`insert into place_search (id, municipality_code, prefecture_code, kind, name_kana,
        district, lat, lng, delivery, audience, life_stages, first_visit, weekday_mask, search_text, search_reading)
      select id, municipality_code, prefecture_code, kind, name_kana, district, lat, lng, delivery, audience,
        life_stages, first_visit, weekday_mask, search_text, search_reading
      from place_listings where id in (select new_id from listing_copies)`);
    return (await rows<{ id: string }>(tx, sql`select new_id::text as id from listing_copies`)).map(
      (r) => r.id,
    );
  });
  // The copies have no stored rendering yet: made as start-up makes them, so they are served as
  // listings written by the app are.
  expect(await refreshPublicJson(t.db)).toBe(count);
  return copies;
}

describe('bounded total (decision 0005)', () => {
  it(`counts matches up to ${SEARCH_TOTAL_CAP}, says "more than" beyond, and still pages past the cap`, async () => {
    // 120 copies of a published 甲斐市 居場所.
    const copies = await copyListing(P.kaiIbasho, SEARCH_TOTAL_CAP + 20);
    try {
      const first = await search('municipality=192104&kind=ibasho&limit=50');
      expect(first).toMatchObject({ total: SEARCH_TOTAL_CAP, totalCapped: true });
      // Paging continues past the counted cap; the page asked for bounds the walk instead.
      let cursor = (first as unknown as { nextCursor: string | null }).nextCursor;
      const seen = new Set(first.items.map((i) => i.id));
      while (cursor) {
        const next = await search(`municipality=192104&kind=ibasho&limit=50&cursor=${cursor}`);
        for (const item of next.items) seen.add(item.id);
        cursor = (next as unknown as { nextCursor: string | null }).nextCursor;
      }
      expect(seen.size).toBeGreaterThan(SEARCH_TOTAL_CAP + 20);
    } finally {
      await asSystem(t.db, (tx) => tx.execute(sql`delete from place_listings where id in ${copies}`));
    }
    expect((await search('municipality=192104&kind=ibasho')).totalCapped).toBe(false);
  });
});

describe('the list order (decision 0032)', () => {
  it('is the reading compared as bytes, on whichever database, for the public and the staff lists', async () => {
    const collations = await asSystem(t.db, (tx) =>
      rows<{ rel: string; coll: string }>(
        tx,
        sql`select a.attrelid::regclass::text as rel, c.collname as coll
          from pg_attribute a join pg_collation c on c.oid = a.attcollation
          where a.attname = 'name_kana' and a.attrelid in ('places'::regclass, 'place_listings'::regclass, 'place_search'::regclass)
          order by 1`,
      ),
    );
    expect(collations).toEqual([
      { rel: 'place_listings', coll: 'C' },
      { rel: 'place_search', coll: 'C' },
      { rel: 'places', coll: 'C' },
    ]);
    // Readings that a Japanese collation orders otherwise (ICU's, for one, compares が as か first, so
    // がい before かう, and ー as the vowel it lengthens, so きー before きん), and digits and Latin
    // letters against kana: in code point order, whatever the server's default.
    const readings = ['きー', 'がい', 'きん', 'abc', 'かう', '2ばん'];
    const copies = await copyListing(
      P.kaiIbasho,
      readings.length,
      sql`name_kana = (array[${sql.join(
        readings.map((r) => sql`${r}`),
        sql`, `,
      )}]::text[])[g], search_text = search_text || ' じゅんばんしらべ'`,
    );
    try {
      const byId = new Map(
        await asSystem(t.db, (tx) =>
          rows<{ id: string; name_kana: string }>(
            tx,
            sql`select id::text, name_kana from place_listings where id in ${copies}`,
          ),
        ).then((found) => found.map((r) => [r.id, r.name_kana] as const)),
      );
      for (const query of ['prefecture=19', 'municipality=192104']) {
        const found = await ids(`q=${encodeURIComponent('じゅんばんしらべ')}&${query}`);
        expect(found.map((id) => byId.get(id))).toEqual(['2ばん', 'abc', 'かう', 'がい', 'きん', 'きー']);
      }
    } finally {
      await asSystem(t.db, (tx) => tx.execute(sql`delete from place_listings where id in ${copies}`));
    }
  });
});

describe('a listing as stored (decision 0033)', () => {
  it('keeps its public rendering in the row, where the search reads it, and lets its document move out', async () => {
    const storage = await asSystem(t.db, (tx) =>
      rows<{ column: string; storage: string }>(
        tx,
        sql`select attname::text as column, attstorage::text as storage from pg_attribute
          where attrelid = 'place_listings'::regclass and attname in ('public_json', 'content') order by 1`,
      ),
    );
    // 'm' (main): compressed if need be, moved out of the row only as a last resort; 'x' (extended):
    // the first to be moved out of a row that is too long.
    expect(storage).toEqual([
      { column: 'content', storage: 'x' },
      { column: 'public_json', storage: 'm' },
    ]);
  });
});

describe('keyword inside an area (decision 0005, amended)', () => {
  // 600 published 甲斐市 entries, written as migrations and seeds write. Their readings put 450 of them
  // under あ and 150 under ん, and three made-up words are spread through them: まれぼし is rare (12),
  // ちらばり common and spread through the list (200), おくのて common but only in the last 150. A search
  // of the prefecture finds them through the prefecture's bigrams (migration 0015), a search of the
  // municipality by walking it in order; both must give exactly what a full scan gives.
  const words = { rare: 'まれぼし', spread: 'ちらばり', late: 'おくのて' };
  let copies: string[] = [];
  beforeAll(async () => {
    copies = await copyListing(
      P.kaiIbasho,
      600,
      sql`name_kana = (case when g <= 450 then 'あ' else 'ん' end) || lpad(g::text, 4, '0'),
        search_text = search_text
          || case when g % 50 = 0 then ${` ${words.rare}`} else '' end
          || case when g % 3 = 0 then ${` ${words.spread}`} else '' end
          || case when g > 450 then ${` ${words.late}`} else '' end`,
    );
  });
  afterAll(async () => {
    if (copies.length > 0)
      await asSystem(t.db, (tx) => tx.execute(sql`delete from place_listings where id in ${copies}`));
  });

  /** Every match, straight from the table in the list's order: what the search must give. */
  const expected = (word: string, area: SQL) =>
    asSystem(t.db, async (tx) =>
      (
        await rows<{ id: string }>(
          tx,
          sql`select id::text from place_search where ${area}
            and (strpos(search_text, ${word}) > 0 or strpos(search_reading, ${word}) > 0)
            order by name_kana, id`,
        )
      ).map((r) => r.id),
    );

  /** Every page of a search, in order, with the first page's total. */
  async function allPages(query: string) {
    const first = await search(`${query}&limit=50`);
    const ids = first.items.map((i) => i.id);
    let cursor = (first as unknown as { nextCursor: string | null }).nextCursor;
    while (cursor) {
      const next = await search(`${query}&limit=50&cursor=${cursor}`);
      ids.push(...next.items.map((i) => i.id));
      cursor = (next as unknown as { nextCursor: string | null }).nextCursor;
    }
    return { ids, total: first.total, totalCapped: first.totalCapped };
  }

  for (const [label, word] of Object.entries(words))
    for (const [scope, query, area] of [
      ['prefecture', 'prefecture=19', sql`prefecture_code = '19'`],
      ['municipality', 'municipality=192104', sql`municipality_code = '192104'`],
    ] as const)
      it(`${label} word (${word}) by ${scope}: the same entries, in the same order, as a full scan`, async () => {
        const want = await expected(word, area);
        expect(want.length).toBeGreaterThan(0);
        const got = await allPages(`q=${encodeURIComponent(word)}&${query}`);
        expect(got.ids).toEqual(want);
        expect(got.total).toBe(Math.min(want.length, SEARCH_TOTAL_CAP));
        expect(got.totalCapped).toBe(want.length > SEARCH_TOTAL_CAP);
      });

  it('orders by distance when asked, whichever way the matches were found', async () => {
    for (const word of Object.values(words)) {
      const got = await search(`q=${encodeURIComponent(word)}&prefecture=19&near=35.66,138.5&limit=30`);
      const want = await expected(word, sql`prefecture_code = '19'`);
      expect(got.items.length).toBe(Math.min(30, want.length));
      const distances = got.items.map((i) => i.distanceKm as number);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      for (const item of got.items) expect(want).toContain(item.id);
    }
  });

  it('a keyword of one character still searches the area (no bigram to look up)', async () => {
    const want = await expected('ち', sql`municipality_code = '192104'`);
    expect(want.length).toBeGreaterThan(SEARCH_TOTAL_CAP);
    const got = await allPages(`q=${encodeURIComponent('ち')}&municipality=192104`);
    expect(got.ids).toEqual(want);
    expect(got.totalCapped).toBe(true);
  });
});

describe('public search items', () => {
  it('show each entry exactly as its detail page does', async () => {
    const found = await search(`q=${encodeURIComponent('いばしょ')}&municipality=192015&limit=5`);
    expect(found.items.length).toBeGreaterThan(0);
    for (const item of found.items) {
      const detail = (await get(`/api/public/places/${item.id}`)).json();
      expect(item).toEqual(detail);
      expect(typeof item.publishedAt === 'string' && !Number.isNaN(Date.parse(item.publishedAt))).toBe(true);
    }
    // With a location, each stored rendering gains its distance and nothing else changes.
    const near = await search(
      `q=${encodeURIComponent('いばしょ')}&municipality=192015&near=35.66,138.57&limit=5`,
    );
    expect(near.items.length).toBeGreaterThan(0);
    for (const { distanceKm, ...item } of near.items) {
      expect(item).toEqual((await get(`/api/public/places/${item.id}`)).json());
      expect(distanceKm === null || (typeof distanceKm === 'number' && distanceKm >= 0)).toBe(true);
    }
  });

  it('are rendered afresh while a stored rendering is older than the code, and start-up rewrites it', async () => {
    // As after a release that changed presentPublic: the stored text is of an older version.
    const stored = () =>
      asSystem(t.db, async (tx) => {
        const [row] = await rows<{ json: string | null; version: number | null }>(
          tx,
          sql`select public_json as json, public_json_version as version from place_listings where id = ${P.hidamari}`,
        );
        return row!;
      });
    const current = await stored();
    await asSystem(t.db, (tx) =>
      tx.execute(
        sql`update place_listings set public_json = '{"stale":true}', public_json_version = ${PUBLIC_JSON_VERSION - 1} where id = ${P.hidamari}`,
      ),
    );
    const detail = (await get(`/api/public/places/${P.hidamari}`)).json();
    const found = await search(`q=${encodeURIComponent('ひだまり')}&municipality=192015`);
    expect(found.items.find((i) => i.id === P.hidamari)).toEqual(detail);

    expect(await refreshPublicJson(t.db)).toBe(1);
    expect(await stored()).toEqual({ json: current.json, version: PUBLIC_JSON_VERSION });
    expect(JSON.parse(current.json!)).toEqual(detail);
    expect(await refreshPublicJson(t.db)).toBe(0);
  });
});
