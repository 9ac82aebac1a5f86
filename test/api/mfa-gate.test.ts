import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../../src/server/platform/auth/totp.ts';
import type { Role } from '../../src/shared/roles.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { adoptRotation, createAccount, type LoggedIn, login } from '../helpers/auth.ts';

/**
 * Issue 19: every role that reads other people's personal data uses a second factor (family
 * associations read their registrants' phone, e-mail and needs), and before that factor a session
 * reaches only the routes that complete it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const KOFU = '192015';
const PASSWORD = 'correct horse battery staple';
let sequence = 0;
async function account(roles: Role[], isDemo = false) {
  sequence += 1;
  const email = `gate${sequence}@mfa.test.example`;
  const created = await createAccount(t, {
    email,
    password: PASSWORD,
    scope: 'tenant',
    tenantCode: KOFU,
    roles,
    isDemo,
  });
  return { ...created, password: PASSWORD };
}
const get = (url: string, s: LoggedIn) => t.request({ method: 'GET', url, headers: { cookie: s.cookie } });
const post = (url: string, s: LoggedIn, payload?: Record<string, unknown>) =>
  t.request({ method: 'POST', url, headers: s.headers(), ...(payload ? { payload } : {}) });
const code = (secret: string) => hotp(base32Decode(secret), totpStep(t.clock.now()));

async function enrolTotp(s: LoggedIn): Promise<string> {
  const setup = await post('/api/auth/mfa/totp/setup', s);
  expect(setup.statusCode).toBe(200);
  const { secret } = setup.json() as { secret: string };
  const confirm = await post('/api/auth/mfa/totp/confirm', s, { code: code(secret) });
  expect(confirm.statusCode).toBe(200);
  adoptRotation(s, confirm);
  return secret;
}

describe('family associations use a second factor', () => {
  it('a family_association account must enrol before it reads registrants (events)', async () => {
    const a = await account(['family_association']);
    const s = await login(t, a.email, a.password);
    expect(s.body.mfa).toMatchObject({ enrolmentRequired: true });
    const events = await get('/api/events', s);
    expect(events.statusCode).toBe(403);
    expect(events.json().code).toBe('mfa_enrolment_required');
    await enrolTotp(s);
    expect((await get('/api/events', s)).statusCode).toBe(200);
  });

  it('demo family_association accounts stay exempt (Contract: no MFA prompt)', async () => {
    const a = await account(['family_association'], true);
    const s = await login(t, a.email, a.password);
    expect(s.body.mfa).toEqual({ required: false, enrolmentRequired: false, methods: [] });
    expect((await get('/api/events', s)).statusCode).toBe(200);
  });
});

describe('before the second factor only the routes that complete it', () => {
  it('a session still to enrol reaches me, enrolment and logout, not logout-all or the session list', async () => {
    const a = await account(['family_association']);
    const s = await login(t, a.email, a.password);
    expect((await get('/api/auth/me', s)).statusCode).toBe(200);
    expect((await get('/api/auth/csrf', s)).statusCode).toBe(200);
    const all = await post('/api/auth/logout-all', s);
    expect(all.statusCode).toBe(403);
    expect(all.json().code).toBe('mfa_enrolment_required');
    expect((await get('/api/auth/sessions', s)).statusCode).toBe(403);
    expect((await post('/api/auth/mfa/passkey/register/options', s)).statusCode).toBe(200);
    expect((await post('/api/auth/mfa/totp/setup', s)).statusCode).toBe(200);
    // The security page lists the account's own passkeys to enrol again (none yet).
    const passkeys = await get('/api/auth/mfa/passkeys', s);
    expect(passkeys.statusCode).toBe(200);
    expect(passkeys.json()).toMatchObject({ items: [], total: 0 });
    expect((await post('/api/auth/logout', s)).statusCode).toBe(204);
  });

  it('an enrolled account lists its passkeys only after passing the factor', async () => {
    const a = await account(['family_association']);
    const first = await login(t, a.email, a.password);
    await enrolTotp(first);
    const second = await login(t, a.email, a.password);
    const refused = await get('/api/auth/mfa/passkeys', second);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('mfa_required');
  });

  it('a session that has passed the password but not the factor cannot log out everywhere', async () => {
    const a = await account(['consultation']);
    const first = await login(t, a.email, a.password);
    const secret = await enrolTotp(first);
    const pending = await login(t, a.email, a.password);
    expect(pending.body.mfa).toMatchObject({ required: true, methods: expect.arrayContaining(['totp']) });
    const all = await post('/api/auth/logout-all', pending);
    expect(all.statusCode).toBe(403);
    expect(all.json().code).toBe('mfa_required');
    const target = await get('/api/auth/me', first);
    expect(target.statusCode).toBe(200); // the owner's session survived
    expect((await get('/api/auth/me', pending)).statusCode).toBe(200);
    // Reachable (no passkey here, so the route itself answers 400, not the gate's 403).
    expect((await post('/api/auth/mfa/passkey/authenticate/options', pending)).statusCode).not.toBe(403);
    t.clock.advance(30_000);
    const verified = await post('/api/auth/mfa/verify', pending, { method: 'totp', code: code(secret) });
    expect(verified.statusCode).toBe(200);
    adoptRotation(pending, verified);
    expect((await post('/api/auth/logout-all', pending)).statusCode).toBe(204);
    expect((await get('/api/auth/me', first)).statusCode).toBe(401);
  });

  it('plain logout works before the second factor', async () => {
    const a = await account(['consultation']);
    const first = await login(t, a.email, a.password);
    await enrolTotp(first);
    const pending = await login(t, a.email, a.password);
    expect((await post('/api/auth/logout', pending)).statusCode).toBe(204);
    expect((await get('/api/auth/me', pending)).statusCode).toBe(401);
  });
});
