import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount, type LoggedIn } from '../../../../test/helpers/auth.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';

/**
 * Training on the real app and database: a 寄り添い力 course with modules, sessions and materials;
 * enrolment, completion and a certificate; each person's record; and the tenant rule that a course
 * must be completed before a role is granted, enforced where the accounts module grants roles.
 */
const KOFU = '192015';
let t: TestApp;
let admin: LoggedIn;
let staff: LoggedIn;
let peer: LoggedIn;
let kaiAdmin: LoggedIn;
let courseId: string;
let personId: string;

const as = (session: LoggedIn | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.request({
    method,
    url,
    headers: session?.headers() ?? {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const COURSE = {
  title: '寄り添い力 基礎研修',
  description: '本人と家族の望む幸せに寄り添うための基礎',
  curriculum: [
    {
      title: 'ひきこもりの理解',
      sessions: [
        { title: '社会全体の課題として', minutes: 90, materials: [{ title: 'テキスト第1章' }] },
        { title: '本人・家族の声', minutes: 60, materials: [] },
      ],
    },
    {
      title: '寄り添う対話',
      sessions: [
        {
          title: '傾聴の練習',
          minutes: 120,
          materials: [{ title: '演習シート', url: 'https://example.org/sheet.pdf' }],
        },
      ],
    },
  ],
};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [admin, staff, peer, kaiAdmin] = await loginDemoStaff(t, [
    'municipal_admin@kofu',
    'consultation@kofu',
    'peer_supporter@kofu',
    'municipal_admin@kai',
  ]);
  personId = (
    await createAccount(t, {
      email: 'new-peer@kofu.test.example',
      password: DEMO_PASSWORD,
      scope: 'tenant',
      tenantCode: KOFU,
      roles: ['family_association'],
      isDemo: true,
    })
  ).id;
});

afterAll(async () => {
  await t?.close();
});

describe('training', () => {
  it('answers 401, 403 and 400', async () => {
    expect((await as(null, 'GET', '/api/training/courses')).statusCode).toBe(401);
    expect((await as(peer, 'POST', '/api/training/courses', COURSE)).statusCode).toBe(403);
    expect((await as(staff, 'PUT', '/api/training/requirements', { rules: [] })).statusCode).toBe(403);
    const bad = await as(staff, 'POST', '/api/training/courses', { ...COURSE, curriculum: [] });
    expect(bad.statusCode).toBe(400);
  });

  it('creates a course with modules, sessions and materials', async () => {
    const res = await as(staff, 'POST', '/api/training/courses', COURSE);
    expect(res.statusCode, res.body).toBe(201);
    courseId = res.json().id;
    expect(res.json().totalMinutes).toBe(270);
    expect(
      (await as(peer, 'GET', `/api/training/courses/${courseId}`)).json().curriculum[1].sessions[0]
        .materials[0].url,
    ).toBe('https://example.org/sheet.pdf');
    expect((await as(kaiAdmin, 'GET', `/api/training/courses/${courseId}`)).statusCode).toBe(404);
  });

  it('enrols any active account of the tenant: staff, peer supporters and family associations', async () => {
    const res = await as(staff, 'GET', '/api/training/people');
    expect(res.statusCode, res.body).toBe(200);
    const people = res.json().items as Array<{ accountId: string; displayName: string; roles: string[] }>;
    const family = people.find((p) => p.roles.includes('family_association'));
    expect(family).toBeDefined();
    expect(people.some((p) => p.roles.includes('consultation'))).toBe(true);
    expect(res.body).not.toContain('@'); // names and roles only, never e-mail addresses
    expect((await as(peer, 'GET', '/api/training/people')).statusCode).toBe(403);
    const enrolled = await as(staff, 'POST', `/api/training/courses/${courseId}/enrolments`, {
      accountId: family!.accountId,
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
  });

  it.each([
    ['another tenant’s account', () => kaiAdmin.body.account.id],
    ['a non-existent account', () => '00000000-0000-4000-8000-00000000dead'],
  ])('refuses to enrol %s with 400 naming accountId, writing nothing', async (_what, accountId) => {
    const before = (await as(staff, 'GET', `/api/training/courses/${courseId}/enrolments`)).json().items
      .length;
    const res = await as(staff, 'POST', `/api/training/courses/${courseId}/enrolments`, {
      accountId: accountId(),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].pointer).toBe('/body/accountId');
    expect(
      (await as(staff, 'GET', `/api/training/courses/${courseId}/enrolments`)).json().items,
    ).toHaveLength(before);
  });

  it('refuses a role until the required course is completed, then grants it', async () => {
    const rule = await as(admin, 'PUT', '/api/training/requirements', {
      rules: [{ role: 'peer_supporter', courseId }],
    });
    expect(rule.statusCode, rule.body).toBe(200);
    const refused = await as(admin, 'PUT', `/api/admin/accounts/${personId}/roles`, {
      roles: ['family_association', 'peer_supporter'],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('training_required');
    expect(refused.body).toContain('寄り添い力 基礎研修');
    // A new account cannot be created with the role either.
    const created = await as(admin, 'POST', '/api/admin/accounts', {
      email: 'another-peer@kofu.test.example',
      displayName: 'テスト',
      roles: ['peer_supporter'],
    });
    expect(created.statusCode).toBe(409);
    // Roles without a rule are not held up.
    expect(
      (await as(admin, 'PUT', `/api/admin/accounts/${personId}/roles`, { roles: ['family_association'] }))
        .statusCode,
    ).toBe(200);

    const enrolled = await as(staff, 'POST', `/api/training/courses/${courseId}/enrolments`, {
      accountId: personId,
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const again = await as(staff, 'POST', `/api/training/courses/${courseId}/enrolments`, {
      accountId: personId,
    });
    expect(again.json().id).toBe(enrolled.json().id);
    expect(
      (await as(kaiAdmin, 'POST', `/api/training/enrolments/${enrolled.json().id}/complete`)).statusCode,
    ).toBe(404);
    const done = await as(staff, 'POST', `/api/training/enrolments/${enrolled.json().id}/complete`);
    expect(done.statusCode).toBe(200);
    expect(done.json().certificateNumber).toMatch(/^192015-\d{4}-\d{4}$/u);

    const granted = await as(admin, 'PUT', `/api/admin/accounts/${personId}/roles`, {
      roles: ['family_association', 'peer_supporter'],
    });
    expect(granted.statusCode, granted.body).toBe(200);

    const record = (await as(staff, 'GET', `/api/training/records/${personId}`)).json();
    expect(record.items).toHaveLength(1);
    expect(record.items[0].status).toBe('completed');
    const cert = await as(staff, 'GET', `/api/training/enrolments/${enrolled.json().id}/certificate`);
    expect(cert.statusCode).toBe(200);
    expect(cert.json()).toMatchObject({ courseTitle: '寄り添い力 基礎研修', totalMinutes: 270 });
    // Another person's certificate is not theirs to read.
    expect(
      (await as(peer, 'GET', `/api/training/enrolments/${enrolled.json().id}/certificate`)).statusCode,
    ).toBe(404);
  });
});
