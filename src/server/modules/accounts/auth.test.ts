import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import {
  adoptRotation,
  createAccount,
  type LoggedIn,
  login,
  sessionCookieFrom,
  softwareAuthenticator,
} from '../../../../test/helpers/auth.ts';
import { sessions } from '../../platform/auth/auth.tables.ts';
import { type AuthEvent, setAuthEventListener } from '../../platform/auth/events.ts';
import { createPasswordResetToken } from '../../platform/auth/password-reset.ts';
import { base32Decode, hotp, totpStep } from '../../platform/auth/totp.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem, inTransaction } from '../../platform/db/tenant.ts';
import { tenantProfiles } from '../municipalities/municipalities.tables.ts';
import { accounts } from './accounts.tables.ts';

const KOFU = '192015';
const KAI = '192104';
const PASSWORD = 'river stone lamp forest';
const MINUTE = 60_000;

let t: TestApp;
let sequence = 0;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** A fresh account per test: tests share the app, never an account. */
async function account(
  options: {
    roles?: Parameters<typeof createAccount>[1]['roles'];
    isDemo?: boolean;
    password?: string;
    tenantCode?: string | null;
    scope?: 'national' | 'prefecture' | 'tenant';
  } = {},
) {
  sequence += 1;
  const email = `staff${sequence}@auth.test.example`;
  const password = options.password ?? PASSWORD;
  const created = await createAccount(t, {
    email,
    password,
    scope: options.scope ?? 'tenant',
    tenantCode: options.tenantCode === undefined ? KOFU : options.tenantCode,
    roles: options.roles ?? ['peer_supporter'],
    isDemo: options.isDemo,
  });
  return { ...created, password };
}

const get = (url: string, state?: { cookie: string }) =>
  t.request({ method: 'GET', url, headers: state ? { cookie: state.cookie } : {} });

const post = (url: string, state: LoggedIn | null, payload?: unknown, headers: Record<string, string> = {}) =>
  t.request({
    method: 'POST',
    url,
    headers: { ...(state ? state.headers() : {}), ...headers },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const loginRequest = (
  email: string,
  password: string,
  extra: { cookie?: string; remoteAddress?: string } = {},
) =>
  t.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    headers: extra.cookie ? { cookie: extra.cookie } : {},
    remoteAddress:
      extra.remoteAddress ??
      `127.20.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`,
  });

function currentCode(secret: string, offsetSteps = 0): string {
  return hotp(base32Decode(secret), totpStep(t.clock.now()) + offsetSteps);
}

/** A 6-digit code that is not valid in the current ±1 step window. */
function wrongCode(secret: string): string {
  const valid = [-1, 0, 1].map((offset) => currentCode(secret, offset));
  let candidate = 123456;
  while (valid.includes(String(candidate))) candidate += 1;
  return String(candidate);
}

/** Enrols TOTP for a logged-in session; returns the secret and recovery codes. */
async function enrolTotp(state: LoggedIn): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await post('/api/auth/mfa/totp/setup', state);
  expect(setup.statusCode).toBe(200);
  const { secret } = setup.json();
  const confirm = await post('/api/auth/mfa/totp/confirm', state, { code: currentCode(secret) });
  expect(confirm.statusCode).toBe(200);
  adoptRotation(state, confirm);
  return { secret, recoveryCodes: confirm.json().recoveryCodes };
}

describe('POST /api/auth/login', () => {
  it('sets a hardened session cookie and returns the CSRF token, MFA state and account', async () => {
    const a = await account();
    const res = await loginRequest(a.email.toUpperCase(), a.password);
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^tsunagari_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure'); // PUBLIC_URL is http://localhost in tests
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      csrfToken: expect.any(String),
      mfa: { required: false, enrolmentRequired: false, methods: [] },
      account: { id: a.id, email: a.email, displayName: 'テスト職員' },
    });
  });

  it('stores only the sha256 of the cookie value, never the value itself', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    const raw = s.cookie.split('=')[1]!;
    const stored = await asSystem(t.db, (tx) =>
      tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.accountId, a.id)),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.id).not.toContain(raw);
  });

  it('answers a wrong password, an unknown address and a disabled account with the same 401', async () => {
    const a = await account();
    const disabled = await account();
    await asSystem(t.db, (tx) =>
      tx.update(accounts).set({ status: 'disabled' }).where(eq(accounts.id, disabled.id)),
    );
    const wrong = await loginRequest(a.email, 'not the password at all');
    const unknown = await loginRequest('nobody-here@auth.test.example', a.password);
    const off = await loginRequest(disabled.email, disabled.password);
    for (const res of [wrong, unknown, off]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(strip(off.json())).toEqual(strip(wrong.json()));
    expect(wrong.json()).toMatchObject({
      code: 'login_failed',
      title: 'メールアドレスまたはパスワードが正しくありません',
    });
    const english = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: a.email, password: 'nope nope nope' },
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().title).toBe('The e-mail address or password is incorrect');
  });

  it('refuses unknown fields and missing fields with 400', async () => {
    const extra = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@b.example', password: 'x', remember: true },
    });
    expect(extra.statusCode).toBe(400);
    const missing = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@b.example' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].pointer).toBe('/body/password');
  });

  it('locks an address for 15 minutes after 5 failures within 15 minutes, then lets it in again', async () => {
    const a = await account();
    for (let i = 1; i <= 4; i++) {
      expect((await loginRequest(a.email, `wrong password number ${i}`)).statusCode).toBe(401);
    }
    const fifth = await loginRequest(a.email, 'wrong password number 5');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json()).toMatchObject({ code: 'login_locked', retryAt: expect.any(String) });
    expect(fifth.json().detail).toMatch(/\d{2}:\d{2}（日本時間）以降/);
    expect(Number(fifth.headers['retry-after'])).toBe(15 * 60);

    // Even the right password is refused while locked.
    t.clock.advance(14 * MINUTE);
    const stillLocked = await loginRequest(a.email, a.password);
    expect(stillLocked.statusCode).toBe(429);
    expect(stillLocked.json().code).toBe('login_locked');

    t.clock.advance(1 * MINUTE + 1000);
    expect((await loginRequest(a.email, a.password)).statusCode).toBe(200);
  });

  it('locks unknown addresses exactly like real ones (the lock reveals no account)', async () => {
    for (let i = 1; i <= 4; i++) {
      expect((await loginRequest('ghost@auth.test.example', `guess ${i}`)).statusCode).toBe(401);
    }
    expect((await loginRequest('ghost@auth.test.example', 'guess 5')).json().code).toBe('login_locked');
    t.clock.advance(16 * MINUTE);
  });

  it('forgets failures older than 15 minutes', async () => {
    const a = await account();
    for (let i = 1; i <= 4; i++) await loginRequest(a.email, `wrong ${i} wrong wrong`);
    t.clock.advance(16 * MINUTE);
    for (let i = 1; i <= 4; i++) {
      expect((await loginRequest(a.email, `wrong again ${i} wrong`)).statusCode).toBe(401);
    }
    expect((await loginRequest(a.email, a.password)).statusCode).toBe(200);
  });

  it('limits attempts per client address (30 a minute)', async () => {
    const remoteAddress = '127.30.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      // An invalid body keeps argon2 out of it; the limit applies before validation.
      const res = await t.request({ method: 'POST', url: '/api/auth/login', payload: {}, remoteAddress });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('rotates the session: a new id at every login, and the old cookie presented at login is revoked', async () => {
    const a = await account();
    const first = await login(t, a.email, a.password);
    const again = await loginRequest(a.email, a.password, { cookie: first.cookie });
    expect(again.statusCode).toBe(200);
    const second = sessionCookieFrom(again.headers['set-cookie'])!;
    expect(second).not.toBe(first.cookie);
    expect((await get('/api/auth/me', first)).statusCode).toBe(401);
    const me = await get('/api/auth/me', { cookie: second });
    expect(me.statusCode).toBe(200);
  });

  it('lets demo accounts in without any MFA prompt', async () => {
    const a = await account({ roles: ['consultation'], isDemo: true });
    const s = await login(t, a.email, a.password);
    expect(s.body.mfa).toEqual({ required: false, enrolmentRequired: false, methods: [] });
    const me = (await get('/api/auth/me', s)).json();
    expect(me.mfa).toMatchObject({ satisfied: true, enrolmentRequired: false });
  });
});

describe('sessions', () => {
  it('GET /api/auth/me describes the account, its MFA state and the session (public id only)', async () => {
    const a = await account({ roles: ['peer_supporter', 'family_association'] });
    const s = await login(t, a.email, a.password);
    const res = await get('/api/auth/me', s);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.account).toEqual({
      id: a.id,
      email: a.email,
      displayName: 'テスト職員',
      scope: 'tenant',
      tenant: KOFU,
      roles: [
        { role: 'family_association', scope: 'tenant', tenant: KOFU },
        { role: 'peer_supporter', scope: 'tenant', tenant: KOFU },
      ],
    });
    // family_association reads registrants' personal data, so the account must enrol (issue 19).
    expect(body.mfa).toEqual({
      required: true,
      satisfied: false,
      enrolmentRequired: true,
      verificationRequired: false,
      methods: [],
    });
    const now = t.clock.now().getTime();
    expect(new Date(body.session.expiresAt).getTime()).toBe(now + 12 * 60 * MINUTE);
    expect(new Date(body.session.idleExpiresAt).getTime()).toBe(now + 30 * MINUTE);
    const [stored] = await asSystem(t.db, (tx) =>
      tx
        .select({ id: sessions.id, publicId: sessions.publicId })
        .from(sessions)
        .where(eq(sessions.accountId, a.id)),
    );
    expect(body.session.id).toBe(stored!.publicId);
    expect(body.session.id).not.toBe(stored!.id);
  });

  it('401 without a session, with a forged cookie, and for GET /api/auth/csrf', async () => {
    expect((await get('/api/auth/me')).statusCode).toBe(401);
    expect((await get('/api/auth/me', { cookie: `tsunagari_session=${'A'.repeat(43)}` })).statusCode).toBe(
      401,
    );
    expect((await get('/api/auth/me', { cookie: 'tsunagari_session=short' })).statusCode).toBe(401);
    const csrf = await get('/api/auth/csrf');
    expect(csrf.statusCode).toBe(401);
    expect(csrf.json().code).toBe('unauthenticated');
  });

  it('GET /api/auth/csrf returns the token of the session', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    const res = await get('/api/auth/csrf', s);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ csrfToken: s.csrfToken });
  });

  it('ends after 30 idle minutes, measured on the business clock (29 minutes still fine)', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    t.clock.advance(29 * MINUTE);
    expect((await get('/api/auth/me', s)).statusCode).toBe(200);
    t.clock.advance(29 * MINUTE); // activity above reset the idle timer
    expect((await get('/api/auth/me', s)).statusCode).toBe(200);
    t.clock.advance(31 * MINUTE);
    expect((await get('/api/auth/me', s)).statusCode).toBe(401);
  });

  it('ends 12 hours after login however active it is', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    for (let elapsed = 20; elapsed < 12 * 60; elapsed += 20) {
      t.clock.advance(20 * MINUTE);
      expect((await get('/api/auth/me', s)).statusCode, `after ${elapsed} minutes`).toBe(200);
    }
    t.clock.advance(20 * MINUTE);
    expect((await get('/api/auth/me', s)).statusCode).toBe(401);
  });

  it('writes last_seen_at at most once a minute', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    const lastSeen = async () =>
      (
        await asSystem(t.db, (tx) =>
          tx.select({ at: sessions.lastSeenAt }).from(sessions).where(eq(sessions.accountId, a.id)),
        )
      )[0]!.at;
    const start = await lastSeen();
    t.clock.advance(30_000);
    await get('/api/auth/me', s);
    expect(await lastSeen()).toEqual(start);
    t.clock.advance(31_000);
    await get('/api/auth/me', s);
    expect((await lastSeen()).getTime()).toBe(t.clock.now().getTime());
  });

  it('stops at once when the account is disabled', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    expect((await get('/api/auth/me', s)).statusCode).toBe(200);
    await asSystem(t.db, (tx) =>
      tx.update(accounts).set({ status: 'disabled' }).where(eq(accounts.id, a.id)),
    );
    expect((await get('/api/auth/me', s)).statusCode).toBe(401);
  });

  it('POST /api/auth/logout ends this session and clears the cookie (CSRF token required)', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    const other = await login(t, a.email, a.password);
    const noToken = await t.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('csrf_invalid');
    const res = await post('/api/auth/logout', s);
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/tsunagari_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await get('/api/auth/me', s)).statusCode).toBe(401);
    expect((await get('/api/auth/me', other)).statusCode).toBe(200);
  });

  it('POST /api/auth/logout-all ends every session of the account, this one included', async () => {
    const a = await account();
    const s1 = await login(t, a.email, a.password);
    const s2 = await login(t, a.email, a.password);
    const bystander = await account();
    const b = await login(t, bystander.email, bystander.password);
    expect((await post('/api/auth/logout-all', s1)).statusCode).toBe(204);
    expect((await get('/api/auth/me', s1)).statusCode).toBe(401);
    expect((await get('/api/auth/me', s2)).statusCode).toBe(401);
    expect((await get('/api/auth/me', b)).statusCode).toBe(200);
  });

  it('lists my sessions with a device label, and ends one of them', async () => {
    const a = await account();
    const phone = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: a.email, password: a.password },
      headers: {
        'user-agent':
          'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
      },
      remoteAddress: '127.40.0.1',
    });
    const phoneCookie = sessionCookieFrom(phone.headers['set-cookie'])!;
    t.clock.advance(2 * MINUTE);
    const desk = await login(t, a.email, a.password);
    const list = await get('/api/auth/sessions', desk);
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.total).toBe(2);
    expect(body.items[0]).toMatchObject({ current: true });
    expect(body.items[1]).toMatchObject({ current: false, label: 'Chrome on Android' });
    const phoneId = body.items[1].id;
    const del = await t.request({
      method: 'DELETE',
      url: `/api/auth/sessions/${phoneId}`,
      headers: desk.headers(),
    });
    expect(del.statusCode).toBe(204);
    expect((await get('/api/auth/me', { cookie: phoneCookie })).statusCode).toBe(401);
    const again = await t.request({
      method: 'DELETE',
      url: `/api/auth/sessions/${phoneId}`,
      headers: desk.headers(),
    });
    expect(again.statusCode).toBe(404);
    // Another account's session id is not found either.
    const other = await account();
    const o = await login(t, other.email, other.password);
    const oid = (await get('/api/auth/me', o)).json().session.id;
    const foreign = await t.request({
      method: 'DELETE',
      url: `/api/auth/sessions/${oid}`,
      headers: desk.headers(),
    });
    expect(foreign.statusCode).toBe(404);
    expect((await get('/api/auth/me', o)).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('a cookie-authenticated POST needs X-CSRF-Token equal to the session token', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    const without = await t.request({
      method: 'POST',
      url: '/api/auth/mfa/totp/setup',
      headers: { cookie: s.cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('csrf_invalid');
    const wrong = await t.request({
      method: 'POST',
      url: '/api/auth/mfa/totp/setup',
      headers: { cookie: s.cookie, 'x-csrf-token': `${s.csrfToken.slice(0, -2)}AA` },
    });
    expect(wrong.statusCode).toBe(403);
    const other = await login(t, a.email, a.password);
    const foreignToken = await t.request({
      method: 'POST',
      url: '/api/auth/mfa/totp/setup',
      headers: { cookie: s.cookie, 'x-csrf-token': other.csrfToken },
    });
    expect(foreignToken.statusCode).toBe(403);
    const ok = await post('/api/auth/mfa/totp/setup', s);
    expect(ok.statusCode).toBe(200);
  });

  it('is not asked of anonymous public requests, nor of GETs', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    expect((await get('/api/auth/me', s)).statusCode).toBe(200);
    expect((await loginRequest(a.email, a.password)).statusCode).toBe(200);
  });
});

describe('TOTP', () => {
  it('enrolment: required for personal-data roles, then login requires verification, then me is satisfied', async () => {
    const a = await account({ roles: ['consultation'] });
    const s = await login(t, a.email, a.password);
    expect(s.body.mfa).toEqual({ required: false, enrolmentRequired: true, methods: [] });
    expect((await get('/api/auth/me', s)).json().mfa).toMatchObject({
      satisfied: false,
      enrolmentRequired: true,
    });

    const setup = await post('/api/auth/mfa/totp/setup', s);
    const { secret, otpauthUri } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    // Stored encrypted, not as the secret.
    const [stored] = await asSystem(t.db, (tx) =>
      rows<{ secret_encrypted: string }>(
        tx,
        sql`select secret_encrypted from totp_credentials where account_id = ${a.id}`,
      ),
    );
    expect(stored!.secret_encrypted).toMatch(/^v1\./);
    expect(stored!.secret_encrypted).not.toContain(secret);

    const wrong = await post('/api/auth/mfa/totp/confirm', s, { code: wrongCode(secret) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'mfa_code_invalid', errors: [{ pointer: '/body/code' }] });

    const before = s.cookie;
    const confirm = await post('/api/auth/mfa/totp/confirm', s, { code: currentCode(secret) });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    adoptRotation(s, confirm);
    expect(s.cookie).not.toBe(before); // the session got a new cookie value with its new privilege
    expect((await get('/api/auth/me', { cookie: before })).statusCode).toBe(401);
    expect((await get('/api/auth/me', s)).json().mfa).toMatchObject({
      satisfied: true,
      enrolmentRequired: false,
    });
    expect((await post('/api/auth/mfa/totp/setup', s)).json().code).toBe('totp_already_enrolled');

    // A new login must pass the second factor.
    t.clock.advance(30_000);
    const next = await login(t, a.email, a.password);
    expect(next.body.mfa).toEqual({
      required: true,
      enrolmentRequired: false,
      methods: ['totp', 'recovery'],
    });
    expect((await get('/api/auth/me', next)).json().mfa).toMatchObject({
      satisfied: false,
      verificationRequired: true,
    });
    const verify = await post('/api/auth/mfa/verify', next, { method: 'totp', code: currentCode(secret) });
    expect(verify.statusCode).toBe(200);
    expect(verify.json().mfa).toEqual({
      required: false,
      enrolmentRequired: false,
      methods: ['totp', 'recovery'],
    });
    adoptRotation(next, verify);
    expect((await get('/api/auth/me', next)).json().mfa).toMatchObject({
      satisfied: true,
      verificationRequired: false,
    });
  });

  it('refuses the same time-step code twice (no replay), accepts the next step', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    const { secret } = await enrolTotp(s);
    // The confirmation used the current step: the same code cannot verify another session.
    const second = await login(t, a.email, a.password);
    const replay = await post('/api/auth/mfa/verify', second, { method: 'totp', code: currentCode(secret) });
    expect(replay.statusCode).toBe(400);
    const nextStep = await post('/api/auth/mfa/verify', second, {
      method: 'totp',
      code: currentCode(secret, 1),
    });
    expect(nextStep.statusCode).toBe(200);
    t.clock.advance(90_000);
  });

  it('a recovery code works once', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    const { recoveryCodes } = await enrolTotp(s);
    const code = recoveryCodes[3]!;
    const first = await login(t, a.email, a.password);
    const ok = await post('/api/auth/mfa/verify', first, { method: 'recovery', code: code.toLowerCase() });
    expect(ok.statusCode).toBe(200);
    adoptRotation(first, ok);
    expect((await get('/api/auth/me', first)).json().mfa.satisfied).toBe(true);
    const second = await login(t, a.email, a.password);
    const reused = await post('/api/auth/mfa/verify', second, { method: 'recovery', code });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('mfa_code_invalid');
  });

  it('locks code entry for 15 minutes after 5 wrong codes', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    const { secret } = await enrolTotp(s);
    const next = await login(t, a.email, a.password);
    const bad = wrongCode(secret);
    for (let i = 1; i <= 4; i++) {
      expect((await post('/api/auth/mfa/verify', next, { method: 'totp', code: bad })).statusCode).toBe(400);
    }
    const fifth = await post('/api/auth/mfa/verify', next, { method: 'totp', code: bad });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().code).toBe('mfa_locked');
    t.clock.advance(30_000);
    expect(
      (await post('/api/auth/mfa/verify', next, { method: 'totp', code: currentCode(secret) })).statusCode,
    ).toBe(429);
    t.clock.advance(15 * MINUTE);
    expect(
      (await post('/api/auth/mfa/verify', next, { method: 'totp', code: currentCode(secret) })).statusCode,
    ).toBe(200);
  });

  it('a session that has not passed its second factor cannot change security settings', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    await enrolTotp(s);
    const pending = await login(t, a.email, a.password);
    for (const url of [
      '/api/auth/mfa/passkey/register/options',
      '/api/auth/mfa/recovery-codes',
      '/api/auth/mfa/totp/setup',
    ]) {
      const res = await post(url, pending);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('mfa_required');
    }
    const change = await post('/api/auth/password', pending, {
      currentPassword: a.password,
      newPassword: 'brand new long password',
    });
    expect(change.json().code).toBe('mfa_required');
    expect((await get('/api/auth/sessions', pending)).json().code).toBe('mfa_required');
  });

  it('removing the last factor needs a current code and a password fit for single-factor use', async () => {
    const a = await account({ password: 'lake mist pine cedar' });
    const s = await login(t, a.email, a.password);
    const { secret } = await enrolTotp(s);
    // An 8-character password is allowed once a factor exists…
    t.clock.advance(30_000);
    const change = await post('/api/auth/password', s, {
      currentPassword: a.password,
      newPassword: 'kumo7hon',
    });
    expect(change.statusCode).toBe(200);
    adoptRotation(s, change);
    // …but then the factor cannot be removed until the password is long again.
    const noPassword = await t.request({
      method: 'DELETE',
      url: '/api/auth/mfa/totp',
      headers: s.headers(),
      payload: { code: currentCode(secret) },
    });
    expect(noPassword.statusCode).toBe(400);
    expect(noPassword.json().errors[0].pointer).toBe('/body/currentPassword');
    const tooShort = await t.request({
      method: 'DELETE',
      url: '/api/auth/mfa/totp',
      headers: s.headers(),
      payload: { code: currentCode(secret), currentPassword: 'kumo7hon' },
    });
    expect(tooShort.statusCode).toBe(409);
    expect(tooShort.json().code).toBe('password_too_short_without_mfa');
    const longer = await post('/api/auth/password', s, {
      currentPassword: 'kumo7hon',
      newPassword: 'lake mist pine cedar two',
    });
    expect(longer.statusCode).toBe(200);
    adoptRotation(s, longer);
    const removed = await t.request({
      method: 'DELETE',
      url: '/api/auth/mfa/totp',
      headers: s.headers(),
      payload: { code: currentCode(secret), currentPassword: 'lake mist pine cedar two' },
    });
    expect(removed.statusCode).toBe(204);
    const me = (await get('/api/auth/me', s)).json();
    expect(me.mfa).toMatchObject({ methods: [], satisfied: true });
  });
});

describe('passkeys (software authenticator, ES256, attestation none)', () => {
  it('registers a passkey as the first factor, then passes the second factor with it', async () => {
    const a = await account({ roles: ['consultation'] });
    const s = await login(t, a.email, a.password);
    const authenticator = softwareAuthenticator(t.config.publicUrl);

    const options = await post('/api/auth/mfa/passkey/register/options', s);
    expect(options.statusCode).toBe(200);
    const creation = options.json();
    expect(creation.rp).toEqual({ name: 'つながり', id: 'localhost' });
    expect(creation.user.name).toBe(a.email);
    expect(creation.attestation).toBe('none');

    const registered = await post('/api/auth/mfa/passkey/register/verify', s, {
      response: authenticator.register(creation),
      label: 'テスト端末',
    });
    expect(registered.statusCode).toBe(200);
    expect(registered.json().recoveryCodes).toHaveLength(10);
    adoptRotation(s, registered);
    expect((await get('/api/auth/me', s)).json().mfa).toMatchObject({
      satisfied: true,
      methods: ['passkey', 'recovery'],
    });
    const list = (await get('/api/auth/mfa/passkeys', s)).json();
    expect(list.items).toEqual([expect.objectContaining({ label: 'テスト端末', lastUsedAt: null })]);

    const next = await login(t, a.email, a.password);
    expect(next.body.mfa).toEqual({
      required: true,
      enrolmentRequired: false,
      methods: ['passkey', 'recovery'],
    });
    const request = await post('/api/auth/mfa/passkey/authenticate/options', next);
    expect(request.statusCode).toBe(200);
    const requestOptions = request.json();
    expect(requestOptions.allowCredentials).toEqual([
      expect.objectContaining({ id: authenticator.credentialId }),
    ]);
    const assertion = authenticator.authenticate(requestOptions);
    const verified = await post('/api/auth/mfa/passkey/authenticate/verify', next, { response: assertion });
    expect(verified.statusCode).toBe(200);
    adoptRotation(next, verified);
    expect((await get('/api/auth/me', next)).json().mfa.satisfied).toBe(true);

    // The challenge was used up: the same assertion cannot be replayed.
    const replay = await post('/api/auth/mfa/passkey/authenticate/verify', next, { response: assertion });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe('passkey_challenge_missing');
  });

  it('refuses a registration from another origin, and an assertion signed by another key', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    const authenticator = softwareAuthenticator(t.config.publicUrl);
    const phishing = await post('/api/auth/mfa/passkey/register/options', s);
    const wrongOrigin = await post('/api/auth/mfa/passkey/register/verify', s, {
      response: authenticator.register(phishing.json(), { origin: 'https://tsunagari.example.evil' }),
    });
    expect(wrongOrigin.statusCode).toBe(400);
    expect(wrongOrigin.json().code).toBe('passkey_invalid');

    const options = await post('/api/auth/mfa/passkey/register/options', s);
    const ok = await post('/api/auth/mfa/passkey/register/verify', s, {
      response: authenticator.register(options.json()),
    });
    expect(ok.statusCode).toBe(200);

    const next = await login(t, a.email, a.password);
    const request = (await post('/api/auth/mfa/passkey/authenticate/options', next)).json();
    const impostor = softwareAuthenticator(t.config.publicUrl);
    const forged = {
      ...impostor.authenticate(request),
      id: authenticator.credentialId,
      rawId: authenticator.credentialId,
    };
    const refused = await post('/api/auth/mfa/passkey/authenticate/verify', next, { response: forged });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('passkey_invalid');
    expect((await get('/api/auth/me', next)).json().mfa.satisfied).toBe(false);
  });
});

describe('passwords', () => {
  it('POST /api/auth/password checks the current password and the policy, and ends the other sessions', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    const other = await login(t, a.email, a.password);
    const wrong = await post('/api/auth/password', s, {
      currentPassword: 'not it at all',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: 'password_incorrect',
      errors: [{ pointer: '/body/currentPassword' }],
    });
    const short = await post('/api/auth/password', s, {
      currentPassword: a.password,
      newPassword: 'fourteen chars',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([
      { pointer: '/body/newPassword', message: expect.stringContaining('15文字以上') },
    ]);
    const common = await post(
      '/api/auth/password',
      s,
      { currentPassword: a.password, newPassword: 'passwordpassword' },
      { 'accept-language': 'en' },
    );
    expect(common.json().errors[0].message).toContain('commonly used');
    const ok = await post('/api/auth/password', s, {
      currentPassword: a.password,
      newPassword: 'a brand new passphrase',
    });
    expect(ok.statusCode).toBe(200);
    adoptRotation(s, ok);
    expect((await get('/api/auth/me', s)).statusCode).toBe(200);
    expect((await get('/api/auth/me', other)).statusCode).toBe(401);
    expect((await loginRequest(a.email, a.password)).statusCode).toBe(401);
    expect((await loginRequest(a.email, 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('password reset by token: single use, 24 hours, ends every session, never says more than "invalid"', async () => {
    const a = await account();
    const s = await login(t, a.email, a.password);
    const token = await inTransaction(t.db, { tenant: KOFU }, (tx) =>
      createPasswordResetToken(tx, a.id, t.clock),
    );
    const reset = (body: Record<string, unknown>) =>
      t.request({
        method: 'POST',
        url: '/api/auth/password-reset',
        payload: body,
        remoteAddress: '127.50.0.1',
      });

    const weak = await reset({ token, newPassword: 'short one' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].pointer).toBe('/body/newPassword');

    const ok = await reset({ token, newPassword: 'meadow lantern harbour' });
    expect(ok.statusCode).toBe(204);
    expect((await get('/api/auth/me', s)).statusCode).toBe(401);
    expect((await loginRequest(a.email, 'meadow lantern harbour')).statusCode).toBe(200);

    const reused = await reset({ token, newPassword: 'another meadow lantern' });
    const unknown = await reset({ token: 'A'.repeat(43), newPassword: 'another meadow lantern' });
    const garbage = await reset({ token: 'x', newPassword: 'another meadow lantern' });
    for (const res of [reused, unknown, garbage]) {
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('password_reset_invalid');
    }
    expect(unknown.json().detail).toBe(reused.json().detail);

    const late = await inTransaction(t.db, { tenant: KOFU }, (tx) =>
      createPasswordResetToken(tx, a.id, t.clock),
    );
    t.clock.advance(24 * 60 * MINUTE + 1000);
    expect((await reset({ token: late, newPassword: 'another meadow lantern' })).json().code).toBe(
      'password_reset_invalid',
    );
  });

  it('a newer reset link replaces an older one', async () => {
    const a = await account();
    const first = await inTransaction(t.db, { tenant: KOFU }, (tx) =>
      createPasswordResetToken(tx, a.id, t.clock),
    );
    const second = await inTransaction(t.db, { tenant: KOFU }, (tx) =>
      createPasswordResetToken(tx, a.id, t.clock),
    );
    const reset = (token: string) =>
      t.request({
        method: 'POST',
        url: '/api/auth/password-reset',
        payload: { token, newPassword: 'orchard bicycle window' },
        remoteAddress: '127.50.0.2',
      });
    expect((await reset(first)).statusCode).toBe(400);
    expect((await reset(second)).statusCode).toBe(204);
  });
});

describe('MFA policy per account', () => {
  it('national accounts must enrol a second factor', async () => {
    const a = await account({ scope: 'national', tenantCode: null, roles: ['national'] });
    const s = await login(t, a.email, a.password);
    expect(s.body.mfa).toEqual({ required: false, enrolmentRequired: true, methods: [] });
    const me = (await get('/api/auth/me', s)).json();
    expect(me.account).toMatchObject({ scope: 'national', tenant: null });
    expect(me.mfa).toMatchObject({ required: true, satisfied: false, enrolmentRequired: true });
  });

  it('a tenant that turned MFA off for personal-data roles is respected', async () => {
    await asSystem(t.db, (tx) =>
      tx
        .insert(tenantProfiles)
        .values({ municipalityCode: KAI, mfaRequiredForPersonalData: false })
        .onConflictDoUpdate({
          target: tenantProfiles.municipalityCode,
          set: { mfaRequiredForPersonalData: false },
        }),
    );
    const a = await account({ roles: ['consultation'], tenantCode: KAI });
    const s = await login(t, a.email, a.password);
    expect(s.body.mfa).toEqual({ required: false, enrolmentRequired: false, methods: [] });
    expect((await get('/api/auth/me', s)).json().mfa).toMatchObject({ required: false, satisfied: true });
  });
});

describe('isolation and audit hooks', () => {
  it("another tenant's transaction sees none of the sessions (row-level security)", async () => {
    const a = await account();
    await login(t, a.email, a.password);
    const own = await inTransaction(t.db, { tenant: KOFU }, (tx) =>
      tx.select({ id: sessions.publicId }).from(sessions).where(eq(sessions.accountId, a.id)),
    );
    const foreign = await inTransaction(t.db, { tenant: KAI }, (tx) =>
      tx.select({ id: sessions.publicId }).from(sessions).where(eq(sessions.accountId, a.id)),
    );
    const none = await inTransaction(t.db, { tenant: null }, (tx) =>
      rows<{ n: number }>(tx, sql`select count(*)::int as n from auth_throttles`),
    );
    expect(own).toHaveLength(1);
    expect(foreign).toHaveLength(0);
    expect(none[0]!.n).toBe(0);
  });

  it('reports authentication events with ids only (no e-mail address, password or code)', async () => {
    const events: Array<{ event: AuthEvent; inTransaction: boolean }> = [];
    setAuthEventListener(t.app, (event, tx) => {
      events.push({ event, inTransaction: tx !== null });
    });
    try {
      const a = await account();
      await loginRequest(a.email, 'definitely not it');
      const s = await login(t, a.email, a.password);
      await post('/api/auth/logout', s);
      expect(events.map((e) => [e.event.action, e.event.outcome, e.inTransaction])).toEqual([
        ['auth.login.failed', 'denied', false],
        ['auth.login.succeeded', 'ok', true],
        ['auth.logout', 'ok', true],
      ]);
      expect(events[1]!.event).toMatchObject({
        accountId: a.id,
        tenant: KOFU,
        sessionId: expect.any(String),
      });
      const serialised = JSON.stringify(events);
      expect(serialised).not.toContain(a.email);
      expect(serialised).not.toContain(a.password);
    } finally {
      setAuthEventListener(t.app, null);
    }
  });
});
