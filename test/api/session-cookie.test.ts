import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createAccount } from '../helpers/auth.ts';

/**
 * The session cookie's name and attributes follow PUBLIC_URL (issue 19: the cookie lacked the
 * `__Host-` prefix). Over https it is `__Host-tsunagari_session` with Secure, Path=/ and no Domain,
 * which browsers let no sibling subdomain or http page set; over http (localhost demo, tests) a
 * browser would drop a `__Host-` cookie, so the plain name stays. Either way the server reads back
 * exactly the cookie it sets, and only that one.
 */
const PASSWORD = 'ひとりで抱えこまずに相談できる場所';
let https: TestApp;
let http: TestApp;

beforeAll(async () => {
  https = await createTestApp({
    config: { publicUrl: 'https://tsunagari.example.lg.jp', secureCookies: true },
  });
  http = await createTestApp();
  for (const t of [https, http]) {
    await createAccount(t, {
      email: 'cookie@city.example.jp',
      password: PASSWORD,
      scope: 'tenant',
      tenantCode: '192015',
      roles: ['labour'],
    });
  }
});
afterAll(async () => {
  await https?.close();
  await http?.close();
});

function loginRequest(t: TestApp, address: string) {
  return t.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'cookie@city.example.jp', password: PASSWORD },
    remoteAddress: address,
  });
}

function attributes(setCookie: string): { pair: string; attrs: string[] } {
  const [pair = '', ...rest] = setCookie.split(';').map((part) => part.trim());
  return { pair, attrs: rest.map((a) => a.toLowerCase()) };
}

function only(header: string | string[] | undefined): string {
  const all = Array.isArray(header) ? header : header ? [header] : [];
  expect(all).toHaveLength(1);
  return all[0]!;
}

describe('over https (PUBLIC_URL https://…)', () => {
  it('sets __Host-tsunagari_session with Secure, Path=/, no Domain, and reads it back', async () => {
    const res = await loginRequest(https, '127.30.0.1');
    expect(res.statusCode).toBe(200);
    const { pair, attrs } = attributes(only(res.headers['set-cookie']));
    expect(pair).toMatch(/^__Host-tsunagari_session=[A-Za-z0-9_-]{43}$/);
    expect(attrs).toContain('secure');
    expect(attrs).toContain('path=/');
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=lax');
    expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);

    const me = await https.request({ method: 'GET', url: '/api/auth/me', headers: { cookie: pair } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ account: { email: 'cookie@city.example.jp' } });

    // The same token under the unprefixed name is not a session here: a cookie planted without the
    // prefix's guarantees must not be read.
    const token = pair.split('=')[1];
    const planted = await https.request({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `tsunagari_session=${token}` },
    });
    expect(planted.statusCode).toBe(401);
  });

  it('logout clears the __Host- cookie with the same attributes', async () => {
    const login = await loginRequest(https, '127.30.0.2');
    const pair = attributes(only(login.headers['set-cookie'])).pair;
    const { csrfToken } = login.json() as { csrfToken: string };
    const out = await https.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: pair, 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBeLessThan(300);
    const { pair: cleared, attrs } = attributes(only(out.headers['set-cookie']));
    expect(cleared).toBe('__Host-tsunagari_session=');
    expect(attrs).toContain('secure');
    expect(attrs).toContain('path=/');
    const me = await https.request({ method: 'GET', url: '/api/auth/me', headers: { cookie: pair } });
    expect(me.statusCode).toBe(401);
  });
});

describe('over plain http (localhost demo, tests)', () => {
  it('keeps the plain name without Secure, and reads it back', async () => {
    const res = await loginRequest(http, '127.30.0.3');
    expect(res.statusCode).toBe(200);
    const { pair, attrs } = attributes(only(res.headers['set-cookie']));
    expect(pair).toMatch(/^tsunagari_session=[A-Za-z0-9_-]{43}$/);
    expect(attrs).not.toContain('secure');
    expect(attrs).toContain('path=/');
    expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);
    const me = await http.request({ method: 'GET', url: '/api/auth/me', headers: { cookie: pair } });
    expect(me.statusCode).toBe(200);
  });
});
