import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import type { LocalResponse, NavigatorRule, RuleSetResponse } from '../../../shared/contracts/navigator.ts';
import { STARTING_RULES } from '../../../shared/navigator/starting-rules.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';
import { DEMO_PLACE_IDS } from '../places/places.demo.ts';
import { DEMO_NAVIGATOR_IDS } from './navigator.demo.ts';

let t: TestApp;
let national: LoggedIn;
let kofuAdmin: LoggedIn;
let kaiAdmin: LoggedIn;
let kofuStaff: LoggedIn;
let address = 0;

beforeAll(async () => {
  t = await createTestApp({ demo: true, now: '2026-11-26T10:00:00+09:00' });
  [national, kofuAdmin, kaiAdmin, kofuStaff] = await loginDemoStaff(t, [
    'national',
    'municipal_admin@kofu',
    'municipal_admin@kai',
    'consultation@kofu',
  ]);
});
afterAll(async () => {
  await t?.close();
});

const call = (
  who: LoggedIn | null,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  payload?: unknown,
  lang?: string,
) =>
  t.request({
    method,
    url,
    ...(payload !== undefined ? { payload: payload as object } : {}),
    headers: { ...(who?.headers() ?? {}), ...(lang ? { 'accept-language': lang } : {}) },
    remoteAddress: `127.73.${Math.floor(++address / 250) % 250}.${(address % 250) + 1}`,
  });

const scheme = (title: string) => ({
  title,
  summary: '離職した人の家賃の一部を補助します（テスト）。',
  topic: 'living',
  where: 'jiritsu_soudan',
  bring: ['賃貸借契約書'],
  effectiveFrom: '2026-04-01',
  effectiveTo: null,
  source: { title: 'テスト市 要綱', url: 'https://example.org/scheme' },
  checkedOn: '2026-11-01',
});

describe('public navigator API', () => {
  it('serves the national rule set in force with version, effective dates, source and checked-on date', async () => {
    const res = await call(null, 'GET', '/api/public/navigator/rules');
    expect(res.statusCode).toBe(200);
    const body = res.json() as RuleSetResponse;
    expect(body.version).toBe(1);
    expect(body.on).toBe('2026-11-26');
    const nhi = body.rules.find((r) => r.id === 'nhi_enrolment')!;
    expect(nhi).toMatchObject({
      title: '国民健康保険に入る',
      effectiveFrom: '2000-04-01',
      effectiveTo: null,
      params: { deadlineDays: 14 },
    });
    expect(nhi.source.url).toMatch(/^https:\/\//);
    expect(nhi.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await call(null, 'GET', '/api/public/navigator/rules?on=2026-13-01')).statusCode).toBe(400);
    expect((await call(null, 'GET', '/api/public/navigator/rules?extra=1')).statusCode).toBe(400);
    const none = await call(null, 'GET', '/api/public/navigator/rules?on=2020-01-01');
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('navigator_no_rule_set');
  });

  it("serves 甲府市's windows (its own, and ハローワーク / サポステ from its directory), schemes and gentle places", async () => {
    const res = await call(null, 'GET', '/api/public/navigator/local/192015');
    expect(res.statusCode).toBe(200);
    const body = res.json() as LocalResponse;
    expect(body).toMatchObject({ municipalityName: '甲府市', hasProfile: true, isDemo: true });
    const hw = body.windows.find((w) => w.kind === 'hello_work')!;
    expect(hw).toMatchObject({
      placeId: DEMO_PLACE_IDS.helloWorkKofu,
      phone: '000-0000-1301',
      hours: '平日 8:30〜17:15',
    });
    expect(body.windows.find((w) => w.kind === 'saposute')?.placeId).toBe(DEMO_PLACE_IDS.saposteKofu);
    expect(body.windows.map((w) => w.kind)).toEqual(
      expect.arrayContaining(['municipality_nhi', 'municipality_pension']),
    );
    expect(body.schemes.map((s) => s.id)).toContain(DEMO_NAVIGATOR_IDS.kofuScheme);
    expect(body.places.some((p) => p.noNeedToTalk)).toBe(true);
    // A town without a profile: national rules only, no windows; an unknown or malformed code.
    const other = (await call(null, 'GET', '/api/public/navigator/local/131016')).json() as LocalResponse;
    expect(other).toMatchObject({
      municipalityName: '千代田区',
      hasProfile: false,
      windows: [],
      schemes: [],
    });
    expect((await call(null, 'GET', '/api/public/navigator/local/192016')).statusCode).toBe(400);
    expect((await call(null, 'GET', '/api/public/navigator/local/abc')).statusCode).toBe(400);
  });

  it('counts navigator page views per town as a number only; national staff read them', async () => {
    await call(null, 'GET', '/api/public/navigator/local/192015?view=navigator');
    await call(null, 'GET', '/api/public/navigator/local/192015?view=navigator');
    await call(null, 'GET', '/api/public/navigator/local/192015?view=sheet');
    const usage = await call(national, 'GET', '/api/navigator/usage?from=2026-11-26&to=2026-11-26');
    expect(usage.statusCode).toBe(200);
    expect(usage.json().items).toEqual([{ municipalityCode: '192015', views: 2 }]);
    expect(
      (await call(kofuAdmin, 'GET', '/api/navigator/usage?from=2026-11-26&to=2026-11-26')).statusCode,
    ).toBe(403);
    expect((await call(null, 'GET', '/api/navigator/usage?from=2026-11-26&to=2026-11-26')).statusCode).toBe(
      401,
    );
    expect(
      (await call(national, 'GET', '/api/navigator/usage?from=2026-11-27&to=2026-11-26')).statusCode,
    ).toBe(400);
  });
});

describe('local windows and schemes (municipal administrator)', () => {
  it('401 / 403 / 400, then a local scheme appears for that town only', async () => {
    expect((await call(null, 'POST', '/api/navigator/local/schemes', scheme('x'))).statusCode).toBe(401);
    expect((await call(kofuStaff, 'POST', '/api/navigator/local/schemes', scheme('x'))).statusCode).toBe(403);
    expect((await call(national, 'POST', '/api/navigator/local/schemes', scheme('x'))).statusCode).toBe(403);
    const bad = await call(kofuAdmin, 'POST', '/api/navigator/local/schemes', {
      ...scheme('x'),
      source: { title: 's', url: 'http://x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/body/source/url');
    const backwards = await call(kofuAdmin, 'POST', '/api/navigator/local/schemes', {
      ...scheme('x'),
      effectiveTo: '2026-01-01',
    });
    expect(backwards.statusCode).toBe(400);

    const created = await call(
      kaiAdmin,
      'POST',
      '/api/navigator/local/schemes',
      scheme('甲斐市 離職者家賃補助（テスト）'),
    );
    expect(created.statusCode, created.body).toBe(201);
    const kai = (await call(null, 'GET', '/api/public/navigator/local/192104')).json() as LocalResponse;
    const kofu = (await call(null, 'GET', '/api/public/navigator/local/192015')).json() as LocalResponse;
    expect(kai.schemes.map((s) => s.title)).toContain('甲斐市 離職者家賃補助（テスト）');
    expect(kofu.schemes.map((s) => s.title)).not.toContain('甲斐市 離職者家賃補助（テスト）');

    // A scheme not yet in force is kept for the console but not shown to the public.
    const later = await call(kaiAdmin, 'POST', '/api/navigator/local/schemes', {
      ...scheme('来年の制度'),
      effectiveFrom: '2027-04-01',
    });
    expect(later.statusCode).toBe(201);
    expect(
      ((await call(null, 'GET', '/api/public/navigator/local/192104')).json() as LocalResponse).schemes.map(
        (s) => s.title,
      ),
    ).not.toContain('来年の制度');
    const own = await call(kaiAdmin, 'GET', '/api/navigator/local');
    expect(own.json().schemes.map((s: { title: string }) => s.title)).toEqual(
      expect.arrayContaining(['来年の制度']),
    );
  });

  it("another town's entries answer 404; a window links only to the town's own listed places", async () => {
    const del = await call(
      kaiAdmin,
      'DELETE',
      `/api/navigator/local/schemes/${DEMO_NAVIGATOR_IDS.kofuScheme}`,
    );
    expect(del.statusCode).toBe(404);
    expect(
      (await call(kaiAdmin, 'DELETE', `/api/navigator/local/windows/${DEMO_NAVIGATOR_IDS.kofuNhiWindow}`))
        .statusCode,
    ).toBe(404);
    const foreign = await call(kaiAdmin, 'POST', '/api/navigator/local/windows', {
      kind: 'hello_work',
      name: 'よその窓口',
      placeId: DEMO_PLACE_IDS.helloWorkKofu,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().code).toBe('navigator_place_not_listed');
    const en = await call(
      kaiAdmin,
      'POST',
      '/api/navigator/local/windows',
      { kind: 'hello_work', name: 'x', placeId: DEMO_PLACE_IDS.helloWorkKofu },
      'en',
    );
    expect(en.json().title).toBe('Not a published directory entry of this town');

    const added = await call(kaiAdmin, 'POST', '/api/navigator/local/windows', {
      kind: 'saposute',
      name: 'サポステ（テスト）',
      phone: '０００-0000-9999',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().phone).toBe('000-0000-9999');
    const removed = await call(kaiAdmin, 'DELETE', `/api/navigator/local/windows/${added.json().id}`);
    expect(removed.statusCode).toBe(204);
    expect(
      (await call(kaiAdmin, 'DELETE', `/api/navigator/local/windows/${added.json().id}`)).statusCode,
    ).toBe(404);
  });
});

describe('national rule set versions (national staff)', () => {
  const changed = (): NavigatorRule[] =>
    STARTING_RULES.map((r) =>
      r.id === 'saposute' ? { ...r, params: { ...r.params, maxAge: 54 }, checkedOn: '2026-11-26' } : r,
    );

  it('401 / 403 / 400 (past date, bad rules)', async () => {
    const body = { effectiveFrom: '2027-04-01', note: 'サポステの年齢', rules: changed() };
    expect((await call(null, 'POST', '/api/navigator/rule-sets', body)).statusCode).toBe(401);
    expect((await call(kofuAdmin, 'POST', '/api/navigator/rule-sets', body)).statusCode).toBe(403);
    expect((await call(kofuAdmin, 'GET', '/api/navigator/rule-sets')).statusCode).toBe(403);
    const past = await call(national, 'POST', '/api/navigator/rule-sets', {
      ...body,
      effectiveFrom: '2026-11-25',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().code).toBe('navigator_effective_in_past');
    const dup = await call(national, 'POST', '/api/navigator/rule-sets', {
      ...body,
      rules: [...body.rules, body.rules[0]],
    });
    expect(dup.statusCode).toBe(400);
    const badTitle = await call(national, 'POST', '/api/navigator/rule-sets', {
      ...body,
      rules: [{ ...body.rules[0]!, title: 'ちがう題' }],
    });
    expect(badTitle.statusCode).toBe(400);
    expect((await call(national, 'GET', '/api/navigator/rule-sets/99')).statusCode).toBe(404);
  });

  it('a new version changes the public rules only from its effective date', async () => {
    const published = await call(national, 'POST', '/api/navigator/rule-sets', {
      effectiveFrom: '2027-04-01',
      note: 'サポステの対象年齢の変更（テスト）',
      rules: changed(),
    });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toEqual({ version: 2 });
    // Not after the latest scheduled version.
    const early = await call(national, 'POST', '/api/navigator/rule-sets', {
      effectiveFrom: '2027-01-01',
      note: 'x',
      rules: changed(),
    });
    expect(early.json().code).toBe('navigator_effective_not_after_latest');

    const maxAge = async (url: string) =>
      ((await call(null, 'GET', url)).json() as RuleSetResponse).rules.find((r) => r.id === 'saposute')
        ?.params.maxAge;
    expect(await maxAge('/api/public/navigator/rules')).toBe(49);
    expect(await maxAge('/api/public/navigator/rules?on=2027-03-31')).toBe(49);
    expect(await maxAge('/api/public/navigator/rules?on=2027-04-01')).toBe(54);

    const list = await call(national, 'GET', '/api/navigator/rule-sets');
    expect(list.json().items.map((i: { version: number; state: string }) => [i.version, i.state])).toEqual([
      [2, 'scheduled'],
      [1, 'in_force'],
    ]);
    t.clock.set(new Date('2027-04-01T00:00:00+09:00'));
    try {
      const today = (await call(null, 'GET', '/api/public/navigator/rules')).json() as RuleSetResponse;
      expect(today.version).toBe(2);
      // (The session idled out while the clock moved: a new login.)
      const again = await login(t, 'national@demo.example', DEMO_PASSWORD);
      const detail = await call(again, 'GET', '/api/navigator/rule-sets/1');
      expect(detail.json().state).toBe('superseded');
    } finally {
      t.clock.set(new Date('2026-11-26T10:00:00+09:00'));
    }
  });
});
