import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RouteEntry, routeTable } from '../../src/server/platform/access/guard.ts';
import { DEMO_PASSWORD } from '../../src/server/platform/demo/registry.ts';
import { hasPermission, PERMISSIONS, type Permission } from '../../src/shared/permissions.ts';
import { ROLE_SCOPE, type Role } from '../../src/shared/roles.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createAccount, type LoggedIn, login } from '../helpers/auth.ts';

/**
 * Generated matrix: every route of the route table × every role (+ anonymous) × own/other tenant.
 * Expected: anonymous → 401 on every non-public route; a role without the permission → 403; a role
 * with it → the sample's success status; a record of another tenant → 404. A route without a sample
 * here fails the test, so a new route cannot escape the matrix.
 */
type Caller = { name: string; role: Role | null; tenant: string | null; session: LoggedIn | null };
type SampleContext = { caller: Caller; own: Fixtures; fresh(): Promise<LoggedIn> };
type Fixtures = { accountId: string };
type Sample = {
  /** The request a caller makes; `headers` are merged with the caller's session headers. */
  request(ctx: SampleContext): Promise<InjectOptions> | InjectOptions;
  /** Statuses that mean "allowed through and served" for a permitted caller. */
  ok: number[];
  /** Statuses for an anonymous caller of a public route, when different from `ok`. */
  okAnonymous?: number[];
  /** The same request aimed at a record of the other tenant, made by a permitted caller: 404. */
  otherTenant?(ctx: SampleContext & { other: Fixtures }): InjectOptions;
  /** Needs a session of its own (it ends or changes the session). */
  fresh?: boolean;
};

const KOFU = '192015';
const KAI = '192104';
const uuid0 = '00000000-0000-4000-8000-000000000000';

const samples: Record<string, Sample> = {
  'GET /healthz': { request: () => ({ method: 'GET', url: '/healthz' }), ok: [200] },
  'GET /api/public/prefectures': {
    request: () => ({ method: 'GET', url: '/api/public/prefectures' }),
    ok: [200],
  },
  'GET /api/public/municipalities': {
    request: () => ({ method: 'GET', url: '/api/public/municipalities?prefecture=19' }),
    ok: [200],
  },
  'GET /api/public/municipalities/:code': {
    request: () => ({ method: 'GET', url: `/api/public/municipalities/${KOFU}` }),
    ok: [200],
  },
  'POST /api/auth/login': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'labour@kofu.demo.example', password: DEMO_PASSWORD },
    }),
    ok: [200],
    // Logging in rotates (revokes) the session the caller presents.
    fresh: true,
  },
  'GET /api/auth/csrf': {
    request: () => ({ method: 'GET', url: '/api/auth/csrf' }),
    ok: [200],
    okAnonymous: [401],
  },
  'POST /api/auth/password-reset': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { token: 'x'.repeat(43), newPassword: 'a long enough passphrase for tests' },
    }),
    // A public form: anyone may try; an unknown token is refused as invalid, never a 401/403.
    ok: [400],
  },
  'GET /api/auth/me': { request: () => ({ method: 'GET', url: '/api/auth/me' }), ok: [200] },
  'GET /api/auth/sessions': { request: () => ({ method: 'GET', url: '/api/auth/sessions' }), ok: [200] },
  'DELETE /api/auth/sessions/:id': {
    request: () => ({ method: 'DELETE', url: `/api/auth/sessions/${uuid0}` }),
    ok: [404],
  },
  'POST /api/auth/logout': {
    request: () => ({ method: 'POST', url: '/api/auth/logout' }),
    ok: [204],
    fresh: true,
  },
  'POST /api/auth/logout-all': {
    request: () => ({ method: 'POST', url: '/api/auth/logout-all' }),
    ok: [204],
    fresh: true,
  },
  'POST /api/auth/password': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'not the password', newPassword: 'another long passphrase here' },
    }),
    ok: [400],
    fresh: true,
  },
  'POST /api/auth/mfa/totp/setup': {
    request: () => ({ method: 'POST', url: '/api/auth/mfa/totp/setup' }),
    ok: [200],
    fresh: true,
  },
  'POST /api/auth/mfa/totp/confirm': {
    request: () => ({ method: 'POST', url: '/api/auth/mfa/totp/confirm', payload: { code: '000000' } }),
    // No set-up was started in this fresh session: totp_setup_missing.
    ok: [409],
    fresh: true,
  },
  'DELETE /api/auth/mfa/totp': {
    request: () => ({
      method: 'DELETE',
      url: '/api/auth/mfa/totp',
      payload: { code: '000000', currentPassword: DEMO_PASSWORD },
    }),
    ok: [400, 404],
    fresh: true,
  },
  'POST /api/auth/mfa/verify': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      payload: { method: 'totp', code: '000000' },
    }),
    ok: [400],
    fresh: true,
  },
  'POST /api/auth/mfa/recovery-codes': {
    request: () => ({ method: 'POST', url: '/api/auth/mfa/recovery-codes' }),
    ok: [200, 400, 409],
    fresh: true,
  },
  'POST /api/auth/mfa/passkey/register/options': {
    request: () => ({ method: 'POST', url: '/api/auth/mfa/passkey/register/options' }),
    ok: [200],
    fresh: true,
  },
  'POST /api/auth/mfa/passkey/register/verify': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/mfa/passkey/register/verify',
      payload: { response: {} },
    }),
    ok: [400],
    fresh: true,
  },
  'POST /api/auth/mfa/passkey/authenticate/options': {
    request: () => ({ method: 'POST', url: '/api/auth/mfa/passkey/authenticate/options' }),
    ok: [200, 400, 409],
    fresh: true,
  },
  'POST /api/auth/mfa/passkey/authenticate/verify': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/mfa/passkey/authenticate/verify',
      payload: { response: {} },
    }),
    ok: [400],
    fresh: true,
  },
  'GET /api/auth/mfa/passkeys': {
    request: () => ({ method: 'GET', url: '/api/auth/mfa/passkeys' }),
    ok: [200],
  },
  'DELETE /api/auth/mfa/passkeys/:id': {
    request: () => ({
      method: 'DELETE',
      url: `/api/auth/mfa/passkeys/${uuid0}`,
      payload: { currentPassword: DEMO_PASSWORD },
    }),
    // The demo password is too short to stand alone, so removing a factor is refused first (409).
    ok: [404, 409],
    fresh: true,
  },
  'GET /api/tenant/profile': { request: () => ({ method: 'GET', url: '/api/tenant/profile' }), ok: [200] },
  'PUT /api/tenant/profile': {
    request: async ({ caller }) => ({
      method: 'PUT',
      url: '/api/tenant/profile',
      payload: await currentProfileEdit(caller),
    }),
    ok: [200],
  },
  'GET /api/admin/accounts': { request: () => ({ method: 'GET', url: '/api/admin/accounts' }), ok: [200] },
  'POST /api/admin/accounts': {
    request: ({ caller }) => ({
      method: 'POST',
      url: '/api/admin/accounts',
      payload: {
        email: `new-${Math.random().toString(36).slice(2)}@example.jp`,
        displayName: 'マトリクス 試験',
        roles: caller.role === 'national' ? ['national'] : ['consultation'],
      },
    }),
    ok: [201],
  },
  'GET /api/admin/accounts/:id': {
    request: ({ own }) => ({ method: 'GET', url: `/api/admin/accounts/${own.accountId}` }),
    ok: [200],
    otherTenant: ({ other }) => ({ method: 'GET', url: `/api/admin/accounts/${other.accountId}` }),
  },
  'PUT /api/admin/accounts/:id/roles': {
    request: ({ own, caller }) => ({
      method: 'PUT',
      url: `/api/admin/accounts/${own.accountId}/roles`,
      payload: { roles: caller.role === 'national' ? ['national'] : ['consultation', 'labour'] },
    }),
    ok: [200],
    otherTenant: ({ other }) => ({
      method: 'PUT',
      url: `/api/admin/accounts/${other.accountId}/roles`,
      payload: { roles: ['consultation'] },
    }),
  },
  'POST /api/admin/accounts/:id/disable': {
    request: ({ own }) => ({ method: 'POST', url: `/api/admin/accounts/${own.accountId}/disable` }),
    ok: [200],
    otherTenant: ({ other }) => ({ method: 'POST', url: `/api/admin/accounts/${other.accountId}/disable` }),
  },
  'POST /api/admin/accounts/:id/enable': {
    request: ({ own }) => ({ method: 'POST', url: `/api/admin/accounts/${own.accountId}/enable` }),
    ok: [200],
    otherTenant: ({ other }) => ({ method: 'POST', url: `/api/admin/accounts/${other.accountId}/enable` }),
  },
  'POST /api/admin/accounts/:id/password-reset': {
    request: ({ own }) => ({ method: 'POST', url: `/api/admin/accounts/${own.accountId}/password-reset` }),
    ok: [200],
    otherTenant: ({ other }) => ({
      method: 'POST',
      url: `/api/admin/accounts/${other.accountId}/password-reset`,
    }),
  },
  'POST /api/admin/rotation': {
    request: ({ own, caller }) => ({
      method: 'POST',
      url: '/api/admin/rotation',
      payload: {
        dryRun: true,
        roleChanges: [
          { accountId: own.accountId, roles: caller.role === 'national' ? ['national'] : ['labour'] },
        ],
      },
    }),
    ok: [200],
    otherTenant: ({ other }) => ({
      method: 'POST',
      url: '/api/admin/rotation',
      payload: { dryRun: true, roleChanges: [{ accountId: other.accountId, roles: ['labour'] }] },
    }),
  },
  'GET /api/admin/audit': { request: () => ({ method: 'GET', url: '/api/admin/audit?limit=5' }), ok: [200] },
  'GET /api/admin/audit/persons-read': {
    request: ({ own }) => ({
      method: 'GET',
      url: `/api/admin/audit/persons-read?accountId=${own.accountId}&from=2026-01-01T00:00:00%2B09:00&to=2027-01-01T00:00:00%2B09:00`,
    }),
    ok: [200],
  },
  'GET /api/admin/outbox': { request: () => ({ method: 'GET', url: '/api/admin/outbox' }), ok: [200] },
};

let t: TestApp;
const callers: Caller[] = [];
const fixtures = new Map<string, Fixtures>();
let kaiAdmin: LoggedIn;
let requestCount = 0;

/** The current profile as an edit body (read by the 甲府 administrator: callers without the right cannot). */
async function currentProfileEdit(_caller: Caller) {
  const admin = callers.find((c) => c.role === 'municipal_admin')!;
  const res = await t.request({
    method: 'GET',
    url: '/api/tenant/profile',
    headers: admin.session!.headers(),
  });
  const p = res.json();
  return {
    version: p.version,
    documentName: p.documentName,
    population: p.population,
    populationAsOf: p.populationAsOf,
    welfareContact: p.welfareContact,
    labourContact: p.labourContact,
    onCallContact: p.onCallContact,
    consultationNumbers: p.consultationNumbers,
    mfaRequiredForPersonalData: p.mfaRequiredForPersonalData,
  };
}

function emailOf(role: Role, tenant: string | null): string {
  if (role === 'national') return 'national@demo.example';
  if (role === 'prefecture') return 'prefecture@yamanashi.demo.example';
  return `${role}@${tenant === KAI ? 'kai' : 'kofu'}.demo.example`;
}

/** A target account in the caller's own scope, so a permitted caller's request can succeed. */
async function targetAccount(tenant: string | null, label: string): Promise<Fixtures> {
  const key = tenant ?? 'national';
  const existing = fixtures.get(`${key}:${label}`);
  if (existing) return existing;
  const created = await createAccount(t, {
    email: `target-${label}-${key}@example.jp`,
    password: 'a target account passphrase',
    scope: tenant ? 'tenant' : 'national',
    tenantCode: tenant,
    roles: tenant ? ['consultation'] : ['national'],
    isDemo: true,
  });
  const f = { accountId: created.id };
  fixtures.set(`${key}:${label}`, f);
  return f;
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  callers.push({ name: 'anonymous', role: null, tenant: null, session: null });
  for (const role of Object.keys(ROLE_SCOPE) as Role[]) {
    const tenant = ROLE_SCOPE[role] === 'tenant' ? KOFU : role === 'prefecture' ? '190004' : null;
    callers.push({
      name: `${role} (${tenant ?? 'national'})`,
      role,
      tenant,
      session: await login(t, emailOf(role, tenant), DEMO_PASSWORD),
    });
  }
  kaiAdmin = await login(t, emailOf('municipal_admin', KAI), DEMO_PASSWORD);
});

afterAll(async () => {
  await t?.close();
});

async function call(sample: Sample, caller: Caller) {
  const fresh = async () => login(t, emailOf(caller.role!, caller.tenant), DEMO_PASSWORD);
  const session = caller.session && sample.fresh ? await fresh() : caller.session;
  const own = await targetAccount(caller.tenant, caller.role ?? 'anon');
  const options = await sample.request({ caller: { ...caller, session }, own, fresh });
  return t.request({
    // Each request from its own address: rate limits of public forms are tested on their own.
    remoteAddress: `127.40.${Math.floor(++requestCount / 250) % 250}.${(requestCount % 250) + 1}`,
    ...options,
    headers: { ...(session?.headers() ?? {}), ...((options.headers as Record<string, string>) ?? {}) },
  });
}

function permitted(route: RouteEntry, caller: Caller): boolean {
  if (route.permission === 'public') return true;
  if (!caller.role) return false;
  if (route.permission === 'self') return true;
  return hasPermission([caller.role], route.permission as Permission);
}

describe('access matrix', () => {
  it('has a sample for every route of the route table', () => {
    const routes = routeTable(t.app).filter((r) => r.permission !== 'internal');
    const missing = routes.map((r) => `${r.method} ${r.url}`).filter((key) => !samples[key]);
    expect(missing).toEqual([]);
  });

  it('answers 401 / 403 / success for every route × role, as the permission table says', async () => {
    // "Log out everywhere" ends the caller's other sessions too: it goes last.
    const lastly = (r: RouteEntry) => (r.url === '/api/auth/logout-all' ? 1 : 0);
    const routes = routeTable(t.app)
      .filter((r) => r.permission !== 'internal')
      .sort((a, b) => lastly(a) - lastly(b));
    const mismatches: string[] = [];
    let checks = 0;
    for (const route of routes) {
      const sample = samples[`${route.method} ${route.url}`]!;
      for (const caller of callers) {
        const res = await call(sample, caller);
        checks++;
        let expected: number[];
        if (route.permission === 'public')
          expected = caller.role ? sample.ok : (sample.okAnonymous ?? sample.ok);
        else if (!caller.role) expected = [401];
        else expected = permitted(route, caller) ? sample.ok : [403];
        if (!expected.includes(res.statusCode)) {
          mismatches.push(
            `${route.method} ${route.url} as ${caller.name}: ${res.statusCode} (expected ${expected.join('/')}) ${res.body.slice(0, 160)}`,
          );
        }
      }
    }
    console.info(`access matrix: ${routes.length} routes × ${callers.length} callers = ${checks} requests`);
    expect(mismatches).toEqual([]);
    // Every permission of the table is exercised by at least one route.
    const used = new Set(routes.map((r) => r.permission));
    expect(Object.keys(PERMISSIONS).filter((p) => !used.has(p))).toEqual([]);
  });

  it("answers 404 when a permitted caller of another tenant names this tenant's record", async () => {
    const kofuTarget = await targetAccount(KOFU, 'other-tenant-target');
    const routes = routeTable(t.app).filter((r) => samples[`${r.method} ${r.url}`]?.otherTenant);
    expect(routes.length).toBeGreaterThan(0);
    const kaiCaller: Caller = {
      name: 'municipal_admin (192104)',
      role: 'municipal_admin',
      tenant: KAI,
      session: kaiAdmin,
    };
    const mismatches: string[] = [];
    for (const route of routes) {
      const sample = samples[`${route.method} ${route.url}`]!;
      const options = sample.otherTenant!({
        caller: kaiCaller,
        own: await targetAccount(KAI, 'own'),
        other: kofuTarget,
        fresh: async () => kaiAdmin,
      });
      const res = await t.request({ ...options, headers: kaiAdmin.headers() });
      if (res.statusCode !== 404)
        mismatches.push(`${route.method} ${route.url}: ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
    console.info(`access matrix: ${routes.length} routes checked across tenants`);
    expect(mismatches).toEqual([]);
  });
});
