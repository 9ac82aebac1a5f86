import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount, type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';

let t: TestApp;
let kofuAdmin: LoggedIn;
let kaiAdmin: LoggedIn;
let national: LoggedIn;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [kofuAdmin, kaiAdmin, national] = await loginDemoStaff(t, [
    'municipal_admin@kofu',
    'municipal_admin@kai',
    'national',
  ]);
});
afterAll(async () => {
  await t?.close();
});

const as = (who: LoggedIn) => ({
  get: (url: string) => t.request({ method: 'GET', url, headers: who.headers() }),
  post: (url: string, payload?: unknown) =>
    t.request({
      method: 'POST',
      url,
      headers: who.headers(),
      ...(payload === undefined ? {} : { payload: payload as object }),
    }),
  put: (url: string, payload: unknown) =>
    t.request({ method: 'PUT', url, headers: who.headers(), payload: payload as object }),
});

describe('account administration', () => {
  it('creates an account in its own tenant and sends a one-time password link through the outbox', async () => {
    const res = await as(kofuAdmin).post('/api/admin/accounts', {
      email: 'Hanako.Yamada@City.Example.jp',
      displayName: '山田 花子',
      roles: ['consultation'],
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      email: 'hanako.yamada@city.example.jp',
      scope: 'tenant',
      tenantCode: '192015',
      status: 'active',
      roles: ['consultation'],
    });
    const outbox = (await as(kofuAdmin).get('/api/admin/outbox')).json();
    const message = outbox.items.find(
      (m: { recipient: string }) => m.recipient === 'hanako.yamada@city.example.jp',
    );
    expect(message.body).toMatch(/\/password-reset#token=[\w-]{20,}/);
    expect(message.body).not.toMatch(/tsunagari-demo/);

    // The link works once: the new account sets a password and logs in.
    const token = /#token=([\w-]+)/.exec(message.body)![1]!;
    const reset = await t.request({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { token, newPassword: 'ひとりで抱えこまずに相談できる場所' },
    });
    expect(reset.statusCode).toBeLessThan(300);
    const me = await login(t, 'hanako.yamada@city.example.jp', 'ひとりで抱えこまずに相談できる場所');
    // consultation reads personal data: without a second factor only its own security pages are open.
    expect(me.body.mfa.enrolmentRequired).toBe(true);
    expect((await as(me).get('/api/auth/me')).statusCode).toBe(200);
  });

  it('lists the outbox newest or oldest first and by status, paged whole either way; 400 for unknown values', async () => {
    for (const n of [1, 2, 3]) {
      const res = await as(kofuAdmin).post('/api/admin/accounts', {
        email: `outbox.order.${n}@city.example.jp`,
        displayName: `並び順 ${n}`,
        roles: ['consultation'],
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    type Item = { id: string; createdAt: string; status: string };
    const all = async (query: string, limit: number) => {
      const seen: Item[] = [];
      let cursor: string | null = null;
      do {
        const url = `/api/admin/outbox?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await as(kofuAdmin).get(url);
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...res.json().items);
        cursor = res.json().nextCursor;
      } while (cursor);
      return seen;
    };
    const newest = await all('sort=newest', 200);
    expect(newest.length).toBeGreaterThanOrEqual(3);
    expect(newest.map((m) => m.createdAt)).toEqual(
      newest
        .map((m) => m.createdAt)
        .sort()
        .reverse(),
    );
    const oldest = await all('sort=oldest', 2);
    expect(oldest.map((m) => m.id)).toEqual([...newest].reverse().map((m) => m.id));
    const statuses = [...new Set(newest.map((m) => m.status))];
    for (const status of statuses) {
      const res = await as(kofuAdmin).get(`/api/admin/outbox?status=${status}&limit=200`);
      expect(res.json().items.map((m: Item) => m.id)).toEqual(
        newest.filter((m) => m.status === status).map((m) => m.id),
      );
      expect(res.json().total).toBe(newest.filter((m) => m.status === status).length);
    }
    for (const url of ['/api/admin/outbox?sort=subject', '/api/admin/outbox?status=lost']) {
      const res = await t.request({
        method: 'GET',
        url,
        headers: { ...kofuAdmin.headers(), 'accept-language': 'en' },
      });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('refuses with 409 an address its own tenant already uses (listed to this administrator anyway)', async () => {
    const res = await as(kofuAdmin).post('/api/admin/accounts', {
      email: 'consultation@kofu.demo.example',
      displayName: '重複',
      roles: ['consultation'],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'email_taken', errors: [{ pointer: '/body/email' }] });
  });

  it('does not reveal an address held in another tenant: same answers as for a new address (issue 19)', async () => {
    const input = (email: string) => ({ email, displayName: '試験 職員', roles: ['consultation'] });
    const outboxFor = async (who: LoggedIn, recipient: string) =>
      (
        (await as(who).get('/api/admin/outbox?limit=200')).json().items as Array<Record<string, string>>
      ).filter((m) => m.recipient === recipient);
    const kaiMessagesBefore = (await outboxFor(kaiAdmin, 'consultation@kai.demo.example')).length;

    const fresh = await as(kofuAdmin).post('/api/admin/accounts', input('new-staff-19@city.example.jp'));
    const held = await as(kofuAdmin).post('/api/admin/accounts', input('consultation@kai.demo.example'));
    // Status, headers that matter, and body: equal except the new id, the time and the address itself.
    const comparable = (res: typeof fresh) => {
      const { id, createdAt, email, ...rest } = res.json();
      return {
        status: res.statusCode,
        type: res.headers['content-type'],
        keys: Object.keys(res.json()).sort(),
        id: typeof id,
        createdAt: typeof createdAt,
        email: typeof email,
        rest,
      };
    };
    expect(fresh.statusCode).toBe(201);
    expect(comparable(held)).toEqual(comparable(fresh));
    expect(held.json().email).toBe('consultation@kai.demo.example');

    // Read back, listed, reset link "sent": the same answers for both.
    for (const res of [fresh, held]) {
      const read = await as(kofuAdmin).get(`/api/admin/accounts/${res.json().id}`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual(res.json());
      const reset = await as(kofuAdmin).post(`/api/admin/accounts/${res.json().id}/password-reset`);
      expect(reset.statusCode).toBe(200);
      expect(Object.keys(reset.json()).sort()).toEqual(['expiresAt', 'sent']);
      expect(reset.json().sent).toBe(true);
    }
    const listed = (await as(kofuAdmin).get('/api/admin/accounts?limit=200')).json().items as Array<{
      id: string;
    }>;
    expect(listed.map((a) => a.id)).toEqual(expect.arrayContaining([fresh.json().id, held.json().id]));

    // The other tenant's account is untouched and still the one that signs in with the address.
    const owner = await login(t, 'consultation@kai.demo.example', DEMO_PASSWORD);
    expect(owner.body.account.id).not.toBe(held.json().id);
    const me = (await as(owner).get('/api/auth/me')).json();
    expect(me).toMatchObject({ account: { email: 'consultation@kai.demo.example' } });
    expect(JSON.stringify(me)).toContain('192104');

    // The new address got a password link; the held one never does: its owner is told instead, in a
    // message that names no tenant, and the tenant holding the address hears nothing of the attempt.
    const freshMail = await outboxFor(kofuAdmin, 'new-staff-19@city.example.jp');
    expect(freshMail.map((m) => m.templateKey).sort()).toEqual([
      'accounts.password-reset',
      'accounts.password-setup',
    ]);
    const heldMail = await outboxFor(kofuAdmin, 'consultation@kai.demo.example');
    expect(heldMail.map((m) => m.templateKey)).toEqual([
      'accounts.address-in-use',
      'accounts.address-in-use',
    ]);
    for (const m of heldMail) {
      expect(m.body).not.toMatch(/token=/);
      expect(m.body).not.toMatch(/甲府|甲斐|192015|192104/);
    }
    expect((await outboxFor(kaiAdmin, 'consultation@kai.demo.example')).length).toBe(kaiMessagesBefore);

    // Creating it a second time in the same tenant: 409, as for any address this tenant already lists.
    const again = await as(kofuAdmin).post('/api/admin/accounts', input('consultation@kai.demo.example'));
    expect(again.statusCode).toBe(409);
  });

  it('cannot grant a national or prefecture role', async () => {
    for (const role of ['national', 'prefecture']) {
      const res = await as(kofuAdmin).post('/api/admin/accounts', {
        email: `grant-${role}@example.jp`,
        displayName: '権限の試験',
        roles: [role],
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'role_outside_scope', errors: [{ pointer: '/body/roles' }] });
    }
  });

  it('cannot see or change an account of another tenant (404)', async () => {
    const kai = await createAccount(t, {
      email: 'kai-staff@example.jp',
      password: 'a passphrase for the kai account',
      scope: 'tenant',
      tenantCode: '192104',
      roles: ['labour'],
      isDemo: true,
    });
    expect((await as(kofuAdmin).get(`/api/admin/accounts/${kai.id}`)).statusCode).toBe(404);
    expect(
      (await as(kofuAdmin).put(`/api/admin/accounts/${kai.id}/roles`, { roles: ['finance'] })).statusCode,
    ).toBe(404);
    expect((await as(kofuAdmin).post(`/api/admin/accounts/${kai.id}/disable`)).statusCode).toBe(404);
    const list = (await as(kofuAdmin).get('/api/admin/accounts?limit=200')).json();
    expect(list.items.every((a: { tenantCode: string }) => a.tenantCode === '192015')).toBe(true);
    // The 甲斐市 administrator does see it.
    expect((await as(kaiAdmin).get(`/api/admin/accounts/${kai.id}`)).statusCode).toBe(200);
  });

  it('lists by display name or newest first, each account once across pages (issue 22)', async () => {
    type Row = { id: string; email: string; displayName: string; createdAt: string };
    const pages = async (query: string) => {
      const seen: Row[] = [];
      let cursor: string | null = null;
      do {
        const res = await as(kofuAdmin).get(
          `/api/admin/accounts?${query}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...res.json().items);
        cursor = res.json().nextCursor;
      } while (cursor);
      return seen;
    };
    const byEmail = await pages('sort=email');
    expect(byEmail.length).toBeGreaterThan(3);
    const byName = await pages('sort=name');
    expect(new Set(byName.map((a) => a.id))).toEqual(new Set(byEmail.map((a) => a.id)));
    expect(byName.length).toBe(byEmail.length);
    // PostgreSQL orders the names by the database's collation (PGlite and a server may differ), so the
    // test asks for a stable order across pages rather than one collation's.
    expect(byName.map((a) => a.id)).toEqual((await pages('sort=name')).map((a) => a.id));
    const created = (await pages('sort=created')).map((a) => Date.parse(a.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect((await as(kofuAdmin).get('/api/admin/accounts?sort=role')).statusCode).toBe(400);
  });

  it('disabling an account ends its open session at once', async () => {
    await createAccount(t, {
      email: 'leaving@example.jp',
      password: 'a passphrase for the leaving account',
      scope: 'tenant',
      tenantCode: '192015',
      roles: ['peer_supporter'],
      isDemo: true,
    });
    const session = await login(t, 'leaving@example.jp', 'a passphrase for the leaving account');
    expect((await as(session).get('/api/auth/me')).statusCode).toBe(200);
    const list = (await as(kofuAdmin).get('/api/admin/accounts?q=leaving')).json();
    const id = list.items[0].id;
    const disabled = await as(kofuAdmin).post(`/api/admin/accounts/${id}/disable`);
    expect(disabled.json().status).toBe('disabled');
    expect((await as(session).get('/api/auth/me')).statusCode).toBe(401);
    await expect(login(t, 'leaving@example.jp', 'a passphrase for the leaving account')).rejects.toThrow(
      /401/,
    );
  });

  it('refuses to disable its own account', async () => {
    const me = (await as(kofuAdmin).get('/api/auth/me')).json();
    const res = await as(kofuAdmin).post(`/api/admin/accounts/${me.account.id}/disable`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('cannot_disable_self');
  });

  it('national administrators manage national accounts only', async () => {
    const res = await as(national).post('/api/admin/accounts', {
      email: 'second-national@example.jp',
      displayName: '国 二人目',
      roles: ['national'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ scope: 'national', tenantCode: null });
    const tenantRole = await as(national).post('/api/admin/accounts', {
      email: 'national-made-tenant@example.jp',
      displayName: 'x',
      roles: ['consultation'],
    });
    expect(tenantRole.statusCode).toBe(403);
    const list = (await as(national).get('/api/admin/accounts?limit=200')).json();
    expect(list.items.every((a: { scope: string }) => a.scope === 'national')).toBe(true);
  });

  it('writes an audit row for each administrative write, ids only', async () => {
    const res = await as(kofuAdmin).get('/api/admin/audit?action=accounts.*&limit=50');
    expect(res.statusCode).toBe(200);
    const actions = res.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['accounts.account.create', 'accounts.account.disable']));
    expect(JSON.stringify(res.json())).not.toContain('hanako');
  });
});

describe('April rotation', () => {
  it('previews with dryRun, then applies role changes and disables all-or-nothing', async () => {
    const stay = await createAccount(t, {
      email: 'rotation-stay@example.jp',
      password: 'a passphrase for rotation tests',
      scope: 'tenant',
      tenantCode: '192015',
      roles: ['consultation'],
      isDemo: true,
    });
    const leave = await createAccount(t, {
      email: 'rotation-leave@example.jp',
      password: 'a passphrase for rotation tests',
      scope: 'tenant',
      tenantCode: '192015',
      roles: ['labour'],
      isDemo: true,
    });
    const leaving = await login(t, 'rotation-leave@example.jp', 'a passphrase for rotation tests');
    const plan = {
      roleChanges: [{ accountId: stay.id, roles: ['labour', 'consultation'] }],
      disable: [leave.id],
      caseloadTransfers: [{ fromAccountId: leave.id, toAccountId: stay.id }],
    };
    const preview = await as(kofuAdmin).post('/api/admin/rotation', { ...plan, dryRun: true });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      dryRun: true,
      roleChanges: [{ accountId: stay.id, before: ['consultation'], after: ['consultation', 'labour'] }],
      disabled: [leave.id],
    });
    expect((await as(kofuAdmin).get(`/api/admin/accounts/${stay.id}`)).json().roles).toEqual([
      'consultation',
    ]);
    expect((await as(leaving).get('/api/auth/me')).statusCode).toBe(200);

    // A plan with one bad line changes nothing.
    const bad = await as(kofuAdmin).post('/api/admin/rotation', {
      ...plan,
      dryRun: false,
      roleChanges: [...plan.roleChanges, { accountId: stay.id, roles: ['national'] }],
    });
    expect(bad.statusCode).toBe(403);
    expect((await as(kofuAdmin).get(`/api/admin/accounts/${stay.id}`)).json().roles).toEqual([
      'consultation',
    ]);

    const applied = await as(kofuAdmin).post('/api/admin/rotation', { ...plan, dryRun: false });
    expect(applied.statusCode).toBe(200);
    expect((await as(kofuAdmin).get(`/api/admin/accounts/${stay.id}`)).json().roles).toEqual([
      'consultation',
      'labour',
    ]);
    expect((await as(kofuAdmin).get(`/api/admin/accounts/${leave.id}`)).json().status).toBe('disabled');
    expect((await as(leaving).get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('tenant profile', () => {
  it('updates with the loaded version and answers a stale save with 409 and the current profile', async () => {
    const current = (await as(kofuAdmin).get('/api/tenant/profile')).json();
    const edit = {
      version: current.version,
      documentName: '甲府市 福祉保健部（デモ）',
      population: 184_000,
      populationAsOf: '2026-10-01',
      welfareContact: current.welfareContact,
      labourContact: current.labourContact,
      onCallContact: current.onCallContact,
      consultationNumbers: current.consultationNumbers,
      mfaRequiredForPersonalData: true,
    };
    const saved = await as(kofuAdmin).put('/api/tenant/profile', edit);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: current.version + 1, population: 184_000 });
    const stale = await as(kofuAdmin).put('/api/tenant/profile', { ...edit, population: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ version: current.version + 1, population: 184_000 });
    const publicView = (await t.request({ method: 'GET', url: '/api/public/municipalities/192015' })).json();
    expect(publicView.profile.documentName).toBe('甲府市 福祉保健部（デモ）');
  });

  it('refuses a phone number with letters, naming the field', async () => {
    const current = (await as(kofuAdmin).get('/api/tenant/profile')).json();
    const res = await as(kofuAdmin).put('/api/tenant/profile', {
      version: current.version,
      documentName: current.documentName,
      population: null,
      populationAsOf: null,
      welfareContact: null,
      labourContact: null,
      onCallContact: { department: '当直', phone: 'call me' },
      consultationNumbers: [],
      mfaRequiredForPersonalData: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ pointer: '/body/onCallContact/phone' });
  });
});

describe('field messages', () => {
  it("uses the schema's own Japanese message for a pattern check, not the raw pattern", async () => {
    const current = (await as(kofuAdmin).get('/api/tenant/profile')).json();
    const res = await as(kofuAdmin).put('/api/tenant/profile', {
      version: current.version,
      documentName: current.documentName,
      population: null,
      populationAsOf: null,
      welfareContact: { department: '福祉', phone: 'abc' },
      labourContact: null,
      onCallContact: null,
      consultationNumbers: [],
      mfaRequiredForPersonalData: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { pointer: '/body/welfareContact/phone', message: '電話番号は数字と - ( ) # + で入力してください' },
    ]);
  });
});

describe('tenant logo for documents', () => {
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(64, 1),
  ]).toString('base64');
  const edit = async (logo: unknown) => {
    const current = (await as(kofuAdmin).get('/api/tenant/profile')).json();
    return as(kofuAdmin).put('/api/tenant/profile', {
      version: current.version,
      documentName: current.documentName,
      population: current.population,
      populationAsOf: current.populationAsOf,
      welfareContact: current.welfareContact,
      labourContact: current.labourContact,
      onCallContact: current.onCallContact,
      consultationNumbers: current.consultationNumbers,
      mfaRequiredForPersonalData: true,
      ...(logo === undefined ? {} : { logo }),
    });
  };

  it('stores a PNG, keeps it when the field is absent, and removes it with null', async () => {
    expect((await edit({ mediaType: 'image/png', base64: png })).json().logo).toEqual({
      mediaType: 'image/png',
      base64: png,
    });
    expect((await edit(undefined)).json().logo).toEqual({ mediaType: 'image/png', base64: png });
    expect((await edit(null)).json().logo).toBeNull();
  });

  it('refuses an image whose bytes are not what it claims (e.g. an SVG called PNG)', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ).toString('base64');
    const res = await edit({ mediaType: 'image/png', base64: svg });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({
      pointer: '/body/logo/base64',
      message: expect.stringContaining('PNG か JPEG'),
    });
  });
});
