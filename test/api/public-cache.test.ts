import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalities } from '../../src/server/modules/municipalities/municipalities.tables.ts';
import { asSystem } from '../../src/server/platform/db/tenant.ts';
import { acceptedEncoding } from '../../src/server/platform/http/public-cache.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createAccount, login } from '../helpers/auth.ts';

/**
 * Public reads for browsers, reverse proxies and the embedded default (issue 21 item 1, issue 23
 * item 4): an ETag and 304 on revalidation, Cache-Control fit for each answer, and an in-process
 * copy of the hot answers that a write in this process throws away.
 */
let t: TestApp;
const KOFU = '192015';

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Changed behind the app's back, as another process would. */
async function renameKofu(name: string) {
  await asSystem(t.db, (tx) => tx.update(municipalities).set({ name }).where(eq(municipalities.code, KOFU)));
}

async function get(url: string, headers: Record<string, string> = {}) {
  return t.request({ method: 'GET', url, headers });
}

describe('public GET answers', () => {
  it('carry a weak ETag and answer 304 with no body to a matching If-None-Match', async () => {
    for (const url of [
      '/api/public/prefectures',
      `/api/public/municipalities/${KOFU}`,
      '/api/public/helplines',
    ]) {
      const first = await get(url);
      expect(first.statusCode, url).toBe(200);
      const etag = String(first.headers.etag);
      expect(etag, url).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);

      const again = await get(url, { 'if-none-match': etag });
      expect(again.statusCode, url).toBe(304);
      expect(again.body, url).toBe('');
      expect(again.headers.etag, url).toBe(etag);

      // The strong form and a list that contains it match too (weak comparison, RFC 9110 13.1.2).
      const listed = await get(url, { 'if-none-match': `W/"other", ${etag.slice(2)}` });
      expect(listed.statusCode, url).toBe(304);

      const other = await get(url, { 'if-none-match': 'W/"something-else"' });
      expect(other.statusCode, url).toBe(200);
      expect(other.body, url).toBe(first.body);
    }
  });

  it('say how long a shared cache may keep each answer; clock-dependent answers must be revalidated', async () => {
    expect((await get('/api/public/prefectures')).headers['cache-control']).toBe('public, max-age=300');
    expect((await get(`/api/public/municipalities/${KOFU}`)).headers['cache-control']).toBe(
      'public, max-age=60, must-revalidate',
    );
    // "Open now" depends on the clock: stored, but asked again every time.
    expect((await get('/api/public/helplines')).headers['cache-control']).toBe('no-cache');
  });

  it('a request with a session is answered private: nothing a signed-in person sees goes to a shared cache', async () => {
    await createAccount(t, {
      email: 'cache-staff@example.jp',
      password: 'correct horse battery staple 42',
      scope: 'tenant',
      tenantCode: KOFU,
      roles: [],
    });
    const staff = await login(t, 'cache-staff@example.jp', 'correct horse battery staple 42');
    const res = await get('/api/public/prefectures', { cookie: staff.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-cache');
  });

  it('errors carry no ETag', async () => {
    const res = await get('/api/public/municipalities/999999');
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.headers.etag).toBeUndefined();
  });
});

describe('in-process cache of hot public answers', () => {
  it('serves a municipality page again without the database, until a write in this process', async () => {
    const url = `/api/public/municipalities/${KOFU}`;
    const before = await get(url);
    expect(before.json().name).toBe('甲府市');

    // Changed behind the app's back (as another process would): the cached answer is still served.
    await renameKofu('甲府市（改）');
    const cached = await get(url);
    expect(cached.json().name).toBe('甲府市');
    expect(cached.headers.etag).toBe(before.headers.etag);

    // Any successful write through this process (here: a login, which stores a session) empties it.
    await createAccount(t, {
      email: 'cache-writer@example.jp',
      password: 'correct horse battery staple 43',
      scope: 'tenant',
      tenantCode: KOFU,
      roles: [],
    });
    await login(t, 'cache-writer@example.jp', 'correct horse battery staple 43');
    const fresh = await get(url);
    expect(fresh.json().name).toBe('甲府市（改）');
    expect(fresh.headers.etag).not.toBe(before.headers.etag);

    await renameKofu('甲府市');
    t.app.publicCache.clear();
    expect((await get(url)).json().name).toBe('甲府市');
  });

  it('a failed write does not empty it, and answers for a session are never stored', async () => {
    const url = '/api/public/prefectures';
    t.app.publicCache.clear();
    await get(url);
    expect(t.app.publicCache.size).toBe(1);
    const refused = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'x@example.jp', password: 'wrong' },
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(t.app.publicCache.size).toBe(1);

    t.app.publicCache.clear();
    await createAccount(t, {
      email: 'cache-session@example.jp',
      password: 'correct horse battery staple 44',
      scope: 'tenant',
      tenantCode: KOFU,
      roles: [],
    });
    const staff = await login(t, 'cache-session@example.jp', 'correct horse battery staple 44');
    await get(url, { cookie: staff.cookie });
    expect(t.app.publicCache.size).toBe(0);
  });
});

describe('writes of modules that never feed a public page', () => {
  it('keep the cached answers (a staff draft is saved; the municipality page stays cached)', async () => {
    await createAccount(t, {
      email: 'cache-drafter@example.jp',
      password: 'correct horse battery staple 45',
      scope: 'tenant',
      tenantCode: KOFU,
      roles: [],
    });
    const staff = await login(t, 'cache-drafter@example.jp', 'correct horse battery staple 45');
    const url = `/api/public/municipalities/${KOFU}`;
    t.app.publicCache.clear();
    const before = await get(url);
    await renameKofu('甲府市（改）');

    // drafts' manifest says writesPublicData: false, so its routes keep the public cache…
    const saved = await t.request({
      method: 'PUT',
      url: '/api/drafts/note:cache-test',
      headers: staff.headers(),
      payload: { content: '下書き' },
    });
    expect(saved.statusCode).toBeLessThan(300);
    expect(t.app.publicCache.size).toBe(1);
    expect((await get(url)).headers.etag).toBe(before.headers.etag);

    // …while a write of any other module (here a logout, in accounts) still empties it.
    const out = await t.request({ method: 'POST', url: '/api/auth/logout', headers: staff.headers() });
    expect(out.statusCode).toBeLessThan(300);
    expect(t.app.publicCache.size).toBe(0);
    expect((await get(url)).json().name).toBe('甲府市（改）');

    await renameKofu('甲府市');
    t.app.publicCache.clear();
  });
});

describe('cached answers keep their ETag and their compressed forms', () => {
  it('a cached page is sent br or gzip as the client accepts, the same bytes once decoded, the same ETag', async () => {
    const url = '/api/public/prefectures';
    t.app.publicCache.clear();
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    expect(Buffer.byteLength(first.body)).toBeGreaterThan(1024); // long enough to be compressed

    const br = await t.app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.headers.etag).toBe(first.headers.etag);
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(first.body);

    const gzip = await t.app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'gzip;q=1, br;q=0' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(first.body);

    const plain = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(first.body);

    const revalidated = await t.app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
  });

  it('reads Accept-Encoding as RFC 9110 says: q=0 refuses, * stands for the others', () => {
    expect(acceptedEncoding(undefined)).toBeUndefined();
    expect(acceptedEncoding('gzip, deflate, br')).toBe('br');
    expect(acceptedEncoding('br;q=0, gzip')).toBe('gzip');
    expect(acceptedEncoding('identity')).toBeUndefined();
    expect(acceptedEncoding('*')).toBe('br');
    expect(acceptedEncoding('*;q=0')).toBeUndefined();
    expect(acceptedEncoding('br;q=0, gzip;q=0')).toBeUndefined();
  });
});
