import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount, type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem, inTransaction } from '../../platform/db/tenant.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';
import { runDueJobs } from '../../platform/jobs/due.ts';

/** Issue 22: April rotation with an effective date, a CSV upload and a preview people can read. */
let t: TestApp;
let admin: LoggedIn;
let staff: LoggedIn;
const START = new Date('2026-11-26T10:00:00+09:00');
const PASSWORD = 'a passphrase for rotation tests';

beforeAll(async () => {
  t = await createTestApp({ demo: true, now: START.toISOString() });
  [admin, staff] = await loginDemoStaff(t, ['municipal_admin@kofu', 'consultation@kofu']);
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => {
  t.clock.set(START);
  await signInAgain();
});

const get = (who: LoggedIn, url: string) => t.request({ method: 'GET', url, headers: who.headers() });
const post = (who: LoggedIn, url: string, payload?: object) =>
  t.request({ method: 'POST', url, headers: who.headers(), ...(payload ? { payload } : {}) });

let serial = 0;
async function staffAccount(name: string, roles: ('consultation' | 'labour')[] = ['consultation']) {
  serial++;
  const email = `rotation-${serial}@example.jp`;
  const created = await createAccount(t, {
    email,
    password: PASSWORD,
    displayName: name,
    scope: 'tenant',
    tenantCode: '192015',
    roles,
    isDemo: true,
  });
  return { id: created.id, email };
}

async function leadCases(workerId: string, n: number) {
  for (let i = 0; i < n; i++) {
    const res = await post(staff, '/api/support/persons', {
      person: { nickname: `異動テスト${workerId.slice(0, 4)}${i}`, leadWorkerId: workerId },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}

async function casesLedBy(workerId: string): Promise<number> {
  const [row] = await asSystem(t.db, (tx) =>
    rows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from support_persons where lead_worker_id = ${workerId} and status = 'active'`,
    ),
  );
  return row!.n;
}

/** Straight from the tables: the business clock moves months ahead, past any session. */
async function account(id: string) {
  const [row] = await asSystem(t.db, (tx) =>
    rows<{ status: string; roles: string[] }>(
      tx,
      sql`select a.status, coalesce((select array_agg(r.role order by r.role) from account_roles r
            where r.account_id = a.id), '{}') as roles from accounts a where a.id = ${id}`,
    ),
  );
  return row!;
}

/** The administrator signs in again after the business clock has moved on. */
const signInAgain = async () => {
  [admin] = await loginDemoStaff(t, ['municipal_admin@kofu']);
};

const runDue = async () => {
  const run = await runDueJobs(
    { db: t.db, config: t.config, clock: t.clock },
    { only: ['accounts.rotation-due'], trigger: 'test' },
  );
  expect(run.results[0]!.status).toBe('ok');
  return run.results[0]!.processed;
};

async function auditActions(): Promise<string[]> {
  const res = await get(admin, '/api/admin/audit?action=accounts.*&limit=200');
  return res.json().items.map((e: { action: string }) => e.action);
}

describe('rotation with an effective date', () => {
  it('stores a future-dated rotation unapplied; on that day the due job applies all of it, audited', async () => {
    const stay = await staffAccount('残る 職員');
    const leave = await staffAccount('異動する 職員');
    const successor = await staffAccount('引き継ぐ 職員');
    await leadCases(leave.id, 2);
    const leaving = await login(t, leave.email, PASSWORD);
    const plan = {
      roleChanges: [{ accountId: stay.id, roles: ['consultation', 'labour'] }],
      disable: [leave.id],
      caseloadTransfers: [{ fromAccountId: leave.id, toAccountId: successor.id }],
    };

    // The page proposes the next 4月1日 by the business clock.
    const before = (await get(admin, '/api/admin/rotation/scheduled')).json();
    expect(before).toMatchObject({ today: '2026-11-26', defaultEffectiveOn: '2027-04-01' });

    // Preview: names and e-mails of every account, the cases each worker hands over, the date.
    const preview = await post(admin, '/api/admin/rotation', {
      ...plan,
      dryRun: true,
      effectiveOn: '2027-04-01',
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const shown = preview.json();
    expect(shown).toMatchObject({ dryRun: true, effectiveOn: '2027-04-01', scheduledId: null });
    expect(shown.caseloadTransfers[0].moved).toContainEqual({
      kind: 'support.cases',
      label: { ja: '担当ケース', en: 'cases (lead worker)' },
      count: 2,
    });
    expect(shown.accounts).toEqual(
      expect.arrayContaining([
        { id: leave.id, displayName: '異動する 職員', email: leave.email, status: 'active' },
        { id: successor.id, displayName: '引き継ぐ 職員', email: successor.email, status: 'active' },
        { id: stay.id, displayName: '残る 職員', email: stay.email, status: 'active' },
      ]),
    );

    // Confirmed with a later date: stored, nothing changed.
    const scheduled = await post(admin, '/api/admin/rotation', {
      ...plan,
      dryRun: false,
      effectiveOn: '2027-04-01',
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const id = scheduled.json().scheduledId as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await account(stay.id)).roles).toEqual(['consultation']);
    expect((await account(leave.id)).status).toBe('active');
    expect(await casesLedBy(leave.id)).toBe(2);
    expect((await get(leaving, '/api/auth/me')).statusCode).toBe(200);
    const listed = (await get(admin, '/api/admin/rotation/scheduled')).json();
    const item = listed.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({
      effectiveOn: '2027-04-01',
      status: 'scheduled',
      failureReason: null,
      disable: [leave.id],
      createdBy: { email: 'municipal_admin@kofu.demo.example' },
    });
    expect(item.accounts.map((a: { email: string }) => a.email).sort()).toEqual(
      [stay.email, leave.email, successor.email].sort(),
    );
    expect(await auditActions()).toContain('accounts.rotation.schedule');

    // Not yet due: today, and the evening before.
    expect(await runDue()).toBe(0);
    t.clock.set(new Date('2027-03-31T23:30:00+09:00'));
    expect(await runDue()).toBe(0);
    expect((await account(stay.id)).roles).toEqual(['consultation']);

    // The day comes (business clock, Asia/Tokyo): all of it at once, once.
    t.clock.set(new Date('2027-04-01T05:00:00+09:00'));
    expect(await runDue()).toBe(1);
    await signInAgain();
    expect(await runDue()).toBe(0);
    expect((await account(stay.id)).roles).toEqual(['consultation', 'labour']);
    expect((await account(leave.id)).status).toBe('disabled');
    expect(await casesLedBy(leave.id)).toBe(0);
    expect(await casesLedBy(successor.id)).toBe(2);
    expect((await get(leaving, '/api/auth/me')).statusCode).toBe(401);
    const after = (await get(admin, '/api/admin/rotation/scheduled')).json();
    expect(after.items.find((i: { id: string }) => i.id === id)).toMatchObject({ status: 'applied' });
    expect(after.defaultEffectiveOn).toBe('2027-04-01');
    expect(await auditActions()).toEqual(
      expect.arrayContaining([
        'accounts.rotation.apply',
        'accounts.roles.update',
        'accounts.account.disable',
        'accounts.caseload.transfer',
      ]),
    );
  });

  it('cancels a scheduled rotation before its day: the due job then changes nothing', async () => {
    const someone = await staffAccount('取り消される 職員');
    const res = await post(admin, '/api/admin/rotation', {
      dryRun: false,
      effectiveOn: '2027-04-01',
      roleChanges: [{ accountId: someone.id, roles: ['labour'] }],
    });
    const id = res.json().scheduledId as string;
    const cancelled = await post(admin, `/api/admin/rotation/scheduled/${id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ id, status: 'cancelled' });
    const twice = await post(admin, `/api/admin/rotation/scheduled/${id}/cancel`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().title).toBe('この人事異動は、もう取り消せません');
    expect(
      (await post(admin, `/api/admin/rotation/scheduled/${crypto.randomUUID()}/cancel`)).statusCode,
    ).toBe(404);
    t.clock.set(new Date('2027-04-02T09:00:00+09:00'));
    expect(await runDue()).toBe(0);
    await signInAgain();
    expect((await account(someone.id)).roles).toEqual(['consultation']);
    expect(await auditActions()).toContain('accounts.rotation.cancel');
  });

  it('re-checks on the day: an account disabled meanwhile fails the whole rotation, with a reason', async () => {
    const changed = await staffAccount('途中で無効 職員');
    const other = await staffAccount('別の 職員');
    const res = await post(admin, '/api/admin/rotation', {
      dryRun: false,
      effectiveOn: '2027-04-01',
      roleChanges: [
        { accountId: other.id, roles: ['labour'] },
        { accountId: changed.id, roles: ['labour'] },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().scheduledId as string;
    expect((await post(admin, `/api/admin/accounts/${changed.id}/disable`)).statusCode).toBe(200);

    t.clock.set(new Date('2027-04-01T00:10:00+09:00'));
    expect(await runDue()).toBe(1);
    await signInAgain();
    // Nothing partial: the first change (valid on its own) was not applied either.
    expect((await account(other.id)).roles).toEqual(['consultation']);
    const item = (await get(admin, '/api/admin/rotation/scheduled'))
      .json()
      .items.find((i: { id: string }) => i.id === id);
    expect(item.status).toBe('failed');
    expect(item.failureReason.ja).toContain(changed.email);
    expect(item.failureReason.ja).toContain('無効になっている');
    expect(item.failureReason.en).toContain('disabled');
    expect(await runDue()).toBe(0);
    expect(await auditActions()).toContain('accounts.rotation.failed');
    // A failed rotation cannot be cancelled any more.
    expect((await post(admin, `/api/admin/rotation/scheduled/${id}/cancel`)).statusCode).toBe(409);
  });

  it('keeps scheduled rotations in their tenant (row-level security, like accounts)', async () => {
    const someone = await staffAccount('テナント 職員');
    const res = await post(admin, '/api/admin/rotation', {
      dryRun: false,
      effectiveOn: '2027-04-01',
      roleChanges: [{ accountId: someone.id, roles: ['labour'] }],
    });
    const id = res.json().scheduledId as string;
    const kai = await login(t, 'municipal_admin@kai.demo.example', DEMO_PASSWORD);
    const theirs = (await get(kai, '/api/admin/rotation/scheduled')).json();
    expect(theirs.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await post(kai, `/api/admin/rotation/scheduled/${id}/cancel`)).statusCode).toBe(404);
    const seen = await inTransaction(t.db, { tenant: '192104' }, (tx) =>
      rows<{ id: string }>(tx, sql`select id from account_rotations`),
    );
    expect(seen.map((r) => r.id)).not.toContain(id);
    expect((await post(admin, `/api/admin/rotation/scheduled/${id}/cancel`)).statusCode).toBe(200);
  });

  it('refuses a date in the past; today applies at once', async () => {
    const someone = await staffAccount('今日 職員');
    const past = await post(admin, '/api/admin/rotation', {
      dryRun: false,
      effectiveOn: '2026-11-25',
      roleChanges: [{ accountId: someone.id, roles: ['labour'] }],
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0]).toMatchObject({ pointer: '/body/effectiveOn' });
    const today = await post(admin, '/api/admin/rotation', {
      dryRun: false,
      effectiveOn: '2026-11-26',
      roleChanges: [{ accountId: someone.id, roles: ['labour'] }],
    });
    expect(today.statusCode).toBe(200);
    expect(today.json()).toMatchObject({ dryRun: false, scheduledId: null, effectiveOn: '2026-11-26' });
    expect((await account(someone.id)).roles).toEqual(['labour']);
  });
});

function upload(who: LoggedIn, bytes: Buffer) {
  const boundary = 'rotationboundary';
  return t.request({
    method: 'POST',
    url: '/api/admin/rotation/csv',
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="rotation.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { ...who.headers(), 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

async function storedRotations(): Promise<number> {
  const [row] = await asSystem(t.db, (tx) =>
    rows<{ n: number }>(tx, sql`select count(*)::int as n from account_rotations`),
  );
  return row!.n;
}

describe('rotation from a CSV', () => {
  it('lists every bad line with its number and reason, and writes nothing', async () => {
    const a = await staffAccount('CSV 一');
    const b = await staffAccount('CSV 二');
    const stored = await storedRotations();
    const csv = [
      'メールアドレス,氏名,役割,担当の引き継ぎ先,無効にする',
      `${a.email},CSV 一,相談支援員・就労支援担当,,`,
      'nobody@example.jp,だれか,相談支援員,,',
      '',
      `${b.email},CSV 二,社長,,`,
      `${b.email.toUpperCase()},"CSV 二`,
      `（二行目）",,,たぶん`,
      `${a.email},,,missing@example.jp,`,
      `${b.email},,国,,`,
      `peer_supporter@kofu.demo.example,,,${a.email},はい`,
      `municipal_admin@kofu.demo.example,,,,はい`,
      `${a.email},,,,`,
    ].join('\r\n');
    const res = await upload(admin, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.encoding).toBe('utf-8-bom');
    expect(body.plan).toBeNull();
    const lines = body.problems.map((p: { line: number; column: string }) => `${p.line}:${p.column}`);
    expect(lines).toEqual([
      '3:メールアドレス',
      '5:役割',
      '6:メールアドレス',
      '6:無効にする',
      '8:メールアドレス',
      '8:担当の引き継ぎ先',
      '9:メールアドレス',
      '9:役割',
      '11:無効にする',
      '12:メールアドレス',
    ]);
    const reason = (line: number) =>
      body.problems
        .filter((p: { line: number }) => p.line === line)
        .map((p: { reason: { ja: string } }) => p.reason.ja)
        .join(' / ');
    expect(reason(3)).toBe('nobody@example.jp のアカウントが見つかりません');
    expect(reason(5)).toContain('役割「社長」がわかりません');
    expect(reason(6)).toContain('同じメールアドレスが 5 行目にもあります');
    expect(reason(6)).toContain('「はい」か「いいえ」');
    expect(reason(8)).toContain('引き継ぎ先 missing@example.jp のアカウントが見つかりません');
    expect(reason(9)).toContain('「国」は付与できない役割です');
    expect(reason(11)).toBe('自分自身のアカウントは無効にできません');
    expect(reason(12)).toContain('同じメールアドレスが 2 行目にもあります');
    expect(JSON.stringify(body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    // Nothing was written.
    expect((await account(a.id)).roles).toEqual(['consultation']);
    expect((await account(b.id)).roles).toEqual(['consultation']);
    expect(await storedRotations()).toBe(stored);
    expect(await auditActions()).toContain('accounts.rotation.preview');
  });

  it('reads a Shift_JIS file as Excel writes it: Japanese role names become the plan to preview', async () => {
    const mover = await staffAccount('シフトジス 一');
    const leaver = await staffAccount('シフトジス 二');
    const taker = await staffAccount('シフトジス 三');
    await leadCases(leaver.id, 3);
    const csv = [
      'メールアドレス,役割,担当の引き継ぎ先,無効にする',
      `${mover.email},就労支援担当、相談支援員,,いいえ`,
      `${leaver.email},,${taker.email},はい`,
    ].join('\r\n');
    const bytes = iconv.encode(csv, 'cp932');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const res = await upload(admin, bytes);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ encoding: 'shift_jis', rowCount: 2, problems: [] });
    expect(body.plan).toEqual({
      roleChanges: [{ accountId: mover.id, roles: ['consultation', 'labour'] }],
      disable: [leaver.id],
      caseloadTransfers: [{ fromAccountId: leaver.id, toAccountId: taker.id }],
    });
    // Reading changed nothing; the plan previews like one entered on the page.
    expect((await account(leaver.id)).status).toBe('active');
    const preview = await post(admin, '/api/admin/rotation', {
      ...body.plan,
      dryRun: true,
      effectiveOn: '2027-04-01',
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().caseloadTransfers[0].moved).toContainEqual(
      expect.objectContaining({ kind: 'support.cases', count: 3 }),
    );
    expect(await casesLedBy(leaver.id)).toBe(3);
  });

  it('answers a file with a bad header or an unclosed quote in words, never 500; other roles 403', async () => {
    const header = await upload(admin, Buffer.from('名前,所属\r\nあ,い\r\n'));
    expect(header.statusCode).toBe(200);
    expect(
      header.json().problems.map((p: { line: number; column: string }) => `${p.line}:${p.column}`),
    ).toEqual(['1:所属', '1:メールアドレス', '1:役割']);
    const broken = await upload(admin, Buffer.from('メールアドレス,役割\r\n"a@example.jp,相談支援員\r\n'));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().detail).toContain('2 行目');
    expect((await upload(staff, Buffer.from('メールアドレス,役割\r\n'))).statusCode).toBe(403);
  });
});
