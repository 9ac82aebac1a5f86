import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { HELPLINES } from '../../../shared/helplines.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => t.request({ method: 'GET', url, headers });

describe('GET /api/public/municipalities', () => {
  it('lists the 1,741 operating municipalities (Northern Territories excluded)', async () => {
    const res = await get('/api/public/municipalities?limit=200');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1741);
    expect(body.items).toHaveLength(200);
    expect(body.nextCursor).toEqual(expect.any(String));
  });

  it('pages through every municipality with the cursor, without repeats', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const res = await get(`/api/public/municipalities?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.json();
      for (const item of body.items) seen.add(item.code);
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(1741);
    for (const code of ['016951', '016969', '016977', '016985', '016993', '017001'])
      expect(seen.has(code)).toBe(false);
    expect(seen.has('014036')).toBe(true); // the real 泊村 in 北海道 stays
    expect(seen.has('131016')).toBe(true); // 千代田区 (special ward = municipality)
  });

  it('filters by prefecture: 19 includes 192015 甲府市', async () => {
    const res = await get('/api/public/municipalities?prefecture=19&limit=200');
    const body = res.json();
    expect(body.items.every((m: { prefectureCode: string }) => m.prefectureCode === '19')).toBe(true);
    expect(body.items).toContainEqual(
      expect.objectContaining({
        code: '192015',
        name: '甲府市',
        nameKana: 'こうふし',
        prefectureName: '山梨県',
      }),
    );
    expect(body.total).toBe(27);
  });

  it.each([
    ['こうふ', '192015'],
    ['コウフ', '192015'],
    ['ｺｳﾌ', '192015'],
    ['甲府', '192015'],
    ['かいし', '192104'],
    ['札幌', '011002'],
    // Readings with small kana and dakuten, checked against Japan Post's table.
    ['ぎょうだ', '112062'],
    ['ギョウダシ', '112062'],
    ['ちゃたん', '473260'],
    ['まなづる', '143839'],
    ['しじょうなわて', '272299'],
    ['そうじゃ', '332089'],
    // One town, two spellings: the code table's 梼原町 and the town's own 檮原町.
    ['梼原町', '394050'],
    ['檮原町', '394050'],
    ['檮原', '394050'],
    ['ゆすはら', '394050'],
    ['須惠町', '403440'],
  ])('finds %s', async (q, code) => {
    const res = await get(`/api/public/municipalities?q=${encodeURIComponent(q)}&limit=200`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((m: { code: string }) => m.code)).toContain(code);
  });

  // Romaji from the stored readings (issue 21 item 2): Hepburn with and without macrons or long vowels.
  it.each(['Kofu', 'koufu', 'Kōfu', 'Kôfu', 'KOFU', 'Kofu City', 'kofu-shi', 'Ｋｏｆｕ'])(
    'finds 甲府市 for the romaji %s, and not 甲斐市',
    async (q) => {
      const res = await get(`/api/public/municipalities?q=${encodeURIComponent(q)}&kind=all&limit=200`);
      expect(res.statusCode).toBe(200);
      const codes = res.json().items.map((m: { code: string }) => m.code);
      expect(codes).toContain('192015');
      expect(codes).not.toContain('192104');
    },
  );

  it.each([
    ['Yamanashi', '190004'],
    ['Tokyo', '130001'],
    ['Ōsaka', '270008'],
    ['Osaka', '270008'],
    ['Hokkaido', '010006'],
    ['Shimbashi', null],
    ['Shinonsen', '285862'],
    ['Sapporo', '011002'],
    ['Gumma', '100005'],
  ])('finds %s (romaji) → %s', async (q, code) => {
    const res = await get(`/api/public/municipalities?q=${encodeURIComponent(q)}&kind=all&limit=200`);
    expect(res.statusCode).toBe(200);
    const codes = res.json().items.map((m: { code: string }) => m.code);
    if (code) expect(codes).toContain(code);
    else expect(codes).toEqual([]);
  });

  it('finds nothing for an English word alone rather than every town', async () => {
    const res = await get(`/api/public/municipalities?q=city&kind=all`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(0);
  });

  it('names each result in romaji for English pages', async () => {
    const res = await get(`/api/public/municipalities?q=Kofu&kind=all`);
    expect(res.json().items).toContainEqual(
      expect.objectContaining({ code: '192015', nameRomaji: 'Kofu-shi', prefectureNameRomaji: 'Yamanashi' }),
    );
  });

  it('finds 浜松市天竜区 under its 2024 code by its reading', async () => {
    const res = await get(`/api/public/municipalities?kind=ward&q=${encodeURIComponent('てんりゅうく')}`);
    expect(res.json().items.map((m: { code: string }) => m.code)).toEqual(['221406']);
  });

  it('lists 浜松市 wards as reorganised in 2024', async () => {
    const res = await get('/api/public/municipalities/221309');
    const body = res.json();
    expect(body.wards.map((w: { code: string; name: string }) => `${w.code} ${w.name}`)).toEqual([
      '221384 中央区',
      '221392 浜名区',
      '221406 天竜区',
    ]);
  });

  it('rejects unknown query parameters and out-of-range limits with problem+json', async () => {
    const unknown = await get('/api/public/municipalities?colour=blue');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const tooMany = await get('/api/public/municipalities?limit=201');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].pointer).toBe('/query/limit');
    const badCursor = await get('/api/public/municipalities?cursor=%%%');
    expect(badCursor.statusCode).toBe(400);
  });
});

describe('GET /api/public/municipalities/{code}', () => {
  it('shows the municipality with its published profile', async () => {
    const res = await get('/api/public/municipalities/192015');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      code: '192015',
      name: '甲府市',
      prefectureName: '山梨県',
      kind: 'municipality',
    });
    expect(body.profile.isDemo).toBe(true);
    expect(body.profile.consultationNumbers.length).toBeGreaterThan(0);
    expect(body.profile.onCallContact.phone).toMatch(/^000-/);
  });

  it('accepts full-width digits', async () => {
    const res = await get(`/api/public/municipalities/${encodeURIComponent('１９２０１５')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().code).toBe('192015');
  });

  it('answers 400 naming the field for a bad check digit, in Japanese by default', async () => {
    const res = await get('/api/public/municipalities/192016');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body).toMatchObject({ status: 400, code: 'validation_failed', title: '入力内容に誤りがあります' });
    expect(body.errors).toEqual([{ pointer: '/params/code', message: expect.stringContaining('検査数字') }]);
  });

  it('answers in English when asked', async () => {
    const res = await get('/api/public/municipalities/192016', {
      'accept-language': 'en-GB,en;q=0.9,ja;q=0.5',
    });
    expect(res.json().title).toBe('The request has invalid fields');
    expect(res.json().errors[0].message).toContain('check digit');
  });

  it('answers 404 for a valid code that is not operating', async () => {
    const res = await get('/api/public/municipalities/016951');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });

  it('has no profile for a municipality that is not a tenant here', async () => {
    const res = await get('/api/public/municipalities/011002');
    expect(res.statusCode).toBe(200);
    expect(res.json().profile).toBeNull();
  });
});

describe('GET /api/public/prefectures', () => {
  it('lists 47 prefectures with their tenant codes', async () => {
    const body = (await get('/api/public/prefectures')).json();
    expect(body.total).toBe(47);
    expect(body.items).toContainEqual(expect.objectContaining({ code: '19', nameRomaji: 'Yamanashi' }));
    expect(body.items).toContainEqual(expect.objectContaining({ code: '01', nameRomaji: 'Hokkaido' }));
    expect(body.items).toContainEqual({
      code: '13',
      name: '東京都',
      nameKana: 'とうきょうと',
      nameRomaji: 'Tokyo',
      tenantCode: '130001',
    });
  });
});

describe('public reference reads are rate-limited and cacheable (issue 19)', () => {
  const from = (url: string, remoteAddress: string) => t.request({ method: 'GET', url, remoteAddress });

  it('each public municipality route declares the public read limit and a cache lifetime', async () => {
    for (const [url, cache] of [
      ['/api/public/prefectures', 'public, max-age=300'],
      ['/api/public/municipalities?q=%E3%81%93%E3%81%86%E3%81%B5', 'public, max-age=300'],
      ['/api/public/municipalities/192015', 'public, max-age=60, must-revalidate'],
      // Which line answers now changes by the minute: limited, never cached.
      ['/api/public/helplines', 'no-cache'],
    ] as const) {
      const res = await from(url, '127.77.0.1');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['x-ratelimit-limit'], url).toBe('120');
      expect(res.headers['cache-control'], url).toBe(cache);
    }
  });

  it('a client over 120 a minute gets 429 problem+json with Retry-After; another address is served', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 120; i++)
      statuses.push((await from('/api/public/prefectures', '127.77.0.2')).statusCode);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const over = await from('/api/public/prefectures', '127.77.0.2');
    expect(over.statusCode).toBe(429);
    expect(String(over.headers['content-type'])).toContain('application/problem+json');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((await from('/api/public/prefectures', '127.77.0.3')).statusCode).toBe(200);
  });
});

describe('GET /api/public/helplines', () => {
  type Line = { number: string; openNow: boolean; free: boolean; alwaysOpen: boolean; hoursVary: boolean };

  it('at 02:00 JST (business clock) only the 24-hour lines are open now', async () => {
    t.clock.set(new Date('2026-12-05T02:00:00+09:00'));
    const res = await get('/api/public/helplines');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    const body = res.json();
    expect(body.total).toBe(7);
    expect(body.asOf).toBe('2026-12-04T17:00:00.000Z');
    expect(body.items.filter((l: Line) => l.openNow).map((l: Line) => l.number)).toEqual([
      '110',
      '119',
      '189',
      '0120-279-338',
    ]);
  });

  it('on a weekday at 11:00 JST every line is open, with hours and cost as data', async () => {
    t.clock.set(new Date('2026-12-07T11:00:00+09:00'));
    const body = (await get('/api/public/helplines')).json();
    expect(body.items.every((l: Line) => l.openNow)).toBe(true);
    expect(body.items).toContainEqual(
      expect.objectContaining({
        id: 'mentalHealth',
        number: '0570-064-556',
        free: false,
        alwaysOpen: false,
        hoursVary: true,
        windows: [
          { days: 'weekdays', from: '10:00', to: '16:00' },
          { days: 'weekdays', from: '18:30', to: '22:00' },
        ],
      }),
    );
    expect(body.items).toContainEqual(
      expect.objectContaining({ id: 'yorisoi', number: '0120-279-338', free: true, alwaysOpen: true }),
    );
  });

  it('answers the same numbers whatever the language', async () => {
    const numbers = async (language: string) => {
      const res = await get('/api/public/helplines', { 'accept-language': language });
      expect(res.statusCode).toBe(200);
      return res.json().items.map((l: Line) => l.number);
    };
    // Exactly the national lines of the brief (checked in national-numbers.unit.test.ts), in both.
    expect(await numbers('en')).toEqual(HELPLINES.map((line) => line.display));
    expect(await numbers('ja')).toEqual(await numbers('en'));
  });
});
