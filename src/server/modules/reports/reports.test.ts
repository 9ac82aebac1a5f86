import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import { corporateNumberCheckDigit } from '../../../shared/corporate-number.ts';
import { rows } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tenant.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';
import { runDueJobs } from '../../platform/jobs/due.ts';
import { DEMO_OPERATOR_ID, DEMO_REPLY_CODES, DEMO_REPORTS } from './reports.demo.ts';

/**
 * Request 10 on the real app and database (PGlite, or PostgreSQL with TEST_DATABASE=postgres):
 * the public form and its emergency path, idempotent submission, the reply code, triage, emergency
 * protection, the cross-tenant operator registry and the suppressed statistics.
 */
const KOFU = '192015';
const KAI = '192104';

let t: TestApp;
let kofuTriage: LoggedIn;
let kaiTriage: LoggedIn;
let addressCounter = 0;

/** A fictional 法人番号 with a valid check digit and an unassigned registry code (9999). */
function fictionalCorporateNumber(serial: number): string {
  const body = `999900${String(serial).padStart(6, '0')}`;
  return `${corporateNumberCheckDigit(body)}${body}`;
}

const nextAddress = () => `127.60.${Math.floor(++addressCounter / 250) % 250}.${(addressCounter % 250) + 1}`;

type ReportInput = Record<string, unknown>;
const baseReport = (overrides: ReportInput = {}): ReportInput => ({
  municipalityCode: KOFU,
  danger: 'no',
  reporterRole: 'family',
  categories: ['high_fees'],
  ...overrides,
});

function submit(payload: ReportInput, headers: Record<string, string> = {}) {
  return t.request({
    method: 'POST',
    url: '/api/public/reports',
    payload,
    headers,
    remoteAddress: nextAddress(),
  });
}

const as = (session: LoggedIn, method: 'GET' | 'POST' | 'DELETE' | 'PUT', url: string, payload?: unknown) =>
  t.request({
    method,
    url,
    headers: session.headers(),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

async function reportIdByReceipt(receiptNumber: string): Promise<string> {
  const [row] = await rows<{ id: string }>(
    t.db.orm,
    sql`select id from reports where receipt_number = ${receiptNumber}`,
  );
  return row!.id;
}

async function countByReceipt(receiptNumber: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    t.db.orm,
    sql`select count(*)::int as n from reports where receipt_number = ${receiptNumber}`,
  );
  return Number(row!.n);
}

beforeAll(async () => {
  t = await createTestApp({ demo: true, now: '2026-11-26T10:00:00+09:00' });
  [kofuTriage, kaiTriage] = await loginDemoStaff(t, ['report_triage@kofu', 'report_triage@kai']);
});
afterAll(async () => {
  await t?.close();
});

describe('POST /api/public/reports', () => {
  it('accepts an anonymous urgent report, answers with a receipt number and a reply code, and stores the texts encrypted', async () => {
    const res = await submit(
      baseReport({
        danger: 'yes',
        categories: ['forced_removal', 'confinement'],
        place: '（テスト）山の中の寮',
        business: { name: '（テスト）急ぎ支援', corporateNumber: '７０００ ０１２０ ５０００２' },
        text: '（テスト）いま閉じ込められています',
      }),
    );
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      receiptNumber: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      replyCode: expect.stringMatching(/^([0-9A-Z]{4}-){3}[0-9A-Z]{4}$/),
      urgent: true,
      receivedAt: '2026-11-26T01:00:00.000Z',
      // From 甲府市's profile (its welfare desk): the receipt says when staff will read the report.
      officeHours: '平日 8:30〜17:15',
      codeEmailed: false,
    });
    expect(res.headers['cache-control']).toBe('no-store');
    const [stored] = await rows<Record<string, unknown>>(
      t.db.orm,
      sql`select * from reports where receipt_number = ${body.receiptNumber}`,
    );
    expect(stored!.corporate_number).toBe('7000012050002');
    expect(stored!.urgent).toBe(true);
    const dump = JSON.stringify(stored);
    expect(dump).not.toContain('閉じ込められています');
    expect(dump).not.toContain('山の中の寮');
    expect(dump).not.toContain(body.replyCode);
  });

  it('sends the 受付番号 to the given e-mail only when asked (issue 21 item 9)', async () => {
    const admin = await login(t, 'municipal_admin@kofu.demo.example', DEMO_PASSWORD);
    const asked = await submit(
      baseReport({ contact: { email: 'reporter@test.example' }, sendCodeByEmail: true }),
    );
    expect(asked.statusCode).toBe(201);
    expect(asked.json().codeEmailed).toBe(true);
    const notAsked = await submit(baseReport({ contact: { email: 'quiet@test.example' } }));
    expect(notAsked.json().codeEmailed).toBe(false);
    const noAddress = await submit(baseReport({ sendCodeByEmail: true }));
    expect(noAddress.json().codeEmailed).toBe(false);
    const outbox = (await as(admin, 'GET', '/api/admin/outbox?limit=200')).json().items as Array<{
      recipient: string;
      templateKey: string;
      body: string;
      eraseAfterSending: boolean;
    }>;
    const sent = outbox.filter((m) => m.templateKey === 'reports.receipt-code');
    expect(sent.map((m) => m.recipient)).toEqual(['reporter@test.example']);
    expect(sent[0]!.body).toContain(`受付番号: ${asked.json().replyCode}`);
    expect(sent[0]!.body).toContain('/reports/reply');
    // The outbox copy (address and code) is erased once sent (decision 0025; proven in outbox.test.ts).
    expect(sent[0]!.eraseAfterSending).toBe(true);
  });

  it('"unsure" is treated as urgent too; "no" is not', async () => {
    expect((await submit(baseReport({ danger: 'unsure' }))).json().urgent).toBe(true);
    expect((await submit(baseReport({ danger: 'no' }))).json().urgent).toBe(false);
  });

  it('alerts the on-call contact for an urgent report with a console link and no content', async () => {
    const admin = await login(t, 'municipal_admin@kofu.demo.example', DEMO_PASSWORD);
    const profile = (await as(admin, 'GET', '/api/tenant/profile')).json();
    const updated = await as(admin, 'PUT', '/api/tenant/profile', {
      version: profile.version,
      documentName: profile.documentName,
      population: profile.population,
      populationAsOf: profile.populationAsOf,
      welfareContact: profile.welfareContact,
      labourContact: profile.labourContact,
      onCallContact: { ...profile.onCallContact, email: 'oncall@kofu.test.example' },
      consultationNumbers: profile.consultationNumbers,
      mfaRequiredForPersonalData: profile.mfaRequiredForPersonalData,
    });
    expect(updated.statusCode).toBe(200);
    const res = await submit(baseReport({ danger: 'yes', text: '（テスト）アラート本文は送らない' }));
    expect(res.statusCode).toBe(201);
    const id = await reportIdByReceipt(res.json().receiptNumber);
    const outbox = (await as(admin, 'GET', '/api/admin/outbox?limit=200')).json().items as Array<{
      recipient: string;
      templateKey: string;
      subject: string;
      body: string;
    }>;
    const alert = outbox.find((m) => m.templateKey === 'reports.urgent' && m.body.includes(id));
    expect(alert).toMatchObject({ recipient: 'oncall@kofu.test.example' });
    expect(alert!.subject).toBe('【つながり】緊急の可能性がある通報が届きました');
    expect(alert!.body).toContain(`/console/reports/${id}`);
    expect(alert!.body).not.toContain('アラート本文');
    // Triage staff hear of every report too.
    expect(
      outbox.some(
        (m) =>
          m.templateKey === 'report.received' &&
          m.recipient === 'report_triage@kofu.demo.example' &&
          m.body.includes(id),
      ),
    ).toBe(true);
  });

  it('refuses invalid input with problem+json naming each field, and writes nothing', async () => {
    const before = await rows<{ n: number }>(t.db.orm, sql`select count(*)::int as n from reports`);
    const unknown = await submit(baseReport({ colour: 'blue' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');

    const badNumber = await submit(baseReport({ business: { corporateNumber: '7000012050003' } }));
    expect(badNumber.statusCode).toBe(400);
    expect(badNumber.json().errors).toEqual([
      { pointer: '/body/business/corporateNumber', message: expect.stringContaining('検査数字') },
    ]);

    const noCategory = await submit(baseReport({ categories: [] }));
    expect(noCategory.statusCode).toBe(400);
    expect(noCategory.json().errors[0].pointer).toBe('/body/categories');

    const future = await submit(baseReport({ signedOn: '2026-12-01' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toEqual([
      { pointer: '/body/signedOn', message: '今日より後の日付は入力できません' },
    ]);

    const notTenant = await submit(baseReport({ municipalityCode: '011002' }));
    expect(notTenant.statusCode).toBe(400);
    expect(notTenant.json()).toMatchObject({ code: 'reports_not_accepted' });
    expect(notTenant.json().detail).toContain('188');

    const after = await rows<{ n: number }>(t.db.orm, sql`select count(*)::int as n from reports`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('a response lost on the network: the retry with the same Idempotency-Key leaves exactly one report and the same receipt', async () => {
    const key = `report-${Date.now()}-lost-response`;
    const payload = baseReport({ danger: 'yes', text: '（テスト）回線が切れた' });
    // The first request commits, but its answer never reaches the phone: discard it unread.
    const lost = submit(payload, { 'idempotency-key': key });
    await lost;
    const retry = await submit(payload, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const first = (await lost).json();
    expect(retry.json()).toEqual(first);
    expect(await countByReceipt(first.receiptNumber)).toBe(1);
    const [{ n } = { n: 0 }] = await rows<{ n: number }>(
      t.db.orm,
      sql`select count(*)::int as n from idempotency_keys where key = ${key}`,
    );
    expect(n).toBe(1);
  });

  it('concurrent retries with one key still make one report; the same key with another body is refused', async () => {
    const key = `report-${Date.now()}-double-tap`;
    const payload = baseReport({ text: '（テスト）二度押し' });
    const answers = await Promise.all([1, 2, 3].map(() => submit(payload, { 'idempotency-key': key })));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await countByReceipt(answers[0]!.json().receiptNumber)).toBe(1);
    const other = await submit(baseReport({ text: '（テスト）別の内容' }), { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_mismatch');
  });
});

describe('reply code (no account)', () => {
  it('reads the answers, adds information once per key, and never shows the report text back', async () => {
    const res = await submit(
      baseReport({ text: '（テスト）最初の本文', contact: { name: '（テスト）氏名' } }),
    );
    const { replyCode, receiptNumber } = res.json();
    const id = await reportIdByReceipt(receiptNumber);

    const empty = await t.request({
      method: 'POST',
      url: '/api/public/reports/reply',
      payload: { replyCode },
    });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ receiptNumber, status: 'new', replies: [], additions: [] });

    const note = await as(kofuTriage, 'POST', `/api/reports/${id}/notes`, {
      kind: 'reply',
      text: '受け付けました。担当からご連絡します。',
    });
    expect(note.statusCode).toBe(201);
    await as(kofuTriage, 'POST', `/api/reports/${id}/notes`, { kind: 'internal', text: '職員だけのメモ' });

    const typed = replyCode.toLowerCase().replaceAll('-', ' ');
    const added = await t.request({
      method: 'POST',
      url: '/api/public/reports/additions',
      payload: { replyCode: typed, text: '（テスト）追加の情報です' },
      headers: { 'idempotency-key': `addition-${id}` },
    });
    expect(added.statusCode).toBe(201);
    const again = await t.request({
      method: 'POST',
      url: '/api/public/reports/additions',
      payload: { replyCode: typed, text: '（テスト）追加の情報です' },
      headers: { 'idempotency-key': `addition-${id}` },
    });
    expect(again.json()).toEqual(added.json());

    const view = (
      await t.request({ method: 'POST', url: '/api/public/reports/reply', payload: { replyCode } })
    ).json();
    expect(view.replies).toEqual([
      { at: expect.any(String), text: '受け付けました。担当からご連絡します。' },
    ]);
    expect(view.additions).toHaveLength(1);
    const dump = JSON.stringify(view);
    for (const secret of ['最初の本文', '氏名', '職員だけのメモ', '追加の情報です'])
      expect(dump).not.toContain(secret);

    const detail = (await as(kofuTriage, 'GET', `/api/reports/${id}`)).json();
    expect(detail.notes.map((n: { kind: string; text: string }) => [n.kind, n.text])).toEqual([
      ['reply', '受け付けました。担当からご連絡します。'],
      ['internal', '職員だけのメモ'],
      ['addition', '（テスト）追加の情報です'],
    ]);
  });

  it('answers 404 for an unknown or malformed code, and reads the demo code', async () => {
    const unknown = await t.request({
      method: 'POST',
      url: '/api/public/reports/reply',
      payload: { replyCode: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('reply_code_not_found');
    const malformed = await t.request({
      method: 'POST',
      url: '/api/public/reports/reply',
      payload: { replyCode: 'abc' },
    });
    expect(malformed.statusCode).toBe(404);
    const demo = await t.request({
      method: 'POST',
      url: '/api/public/reports/reply',
      payload: { replyCode: DEMO_REPLY_CODES.kofuUrgent },
    });
    expect(demo.statusCode).toBe(200);
    expect(demo.json().receiptNumber).toBe('DEM0-0101');
  });
});

describe('triage', () => {
  it('401 without a session, 403 for a role without the right', async () => {
    expect((await t.request({ method: 'GET', url: '/api/reports' })).statusCode).toBe(401);
    const labour = await login(t, 'labour@kofu.demo.example', DEMO_PASSWORD);
    expect((await as(labour, 'GET', '/api/reports')).statusCode).toBe(403);
    expect((await as(labour, 'GET', `/api/reports/${DEMO_REPORTS.kofuUrgent}`)).statusCode).toBe(403);
    const national = await login(t, 'national@demo.example', DEMO_PASSWORD);
    expect((await as(national, 'GET', '/api/reports')).statusCode).toBe(403);
  });

  it('lists urgent reports first (newest first within each group) and pages with the cursor', async () => {
    const all: Array<{ urgent: boolean; receivedAt: string; id: string }> = [];
    let cursor: string | null = null;
    do {
      const res = await as(
        kofuTriage,
        'GET',
        `/api/reports?status=all&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      all.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    const firstNonUrgent = all.findIndex((r) => !r.urgent);
    expect(firstNonUrgent).toBeGreaterThan(0);
    expect(all.slice(firstNonUrgent).every((r) => !r.urgent)).toBe(true);
    const urgent = all.slice(0, firstNonUrgent);
    expect([...urgent].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))).toEqual(urgent);
  });

  it('sorts by the time received either way and filters by a receipt number or a business, paged whole', async () => {
    type Item = {
      id: string;
      urgent: boolean;
      receivedAt: string;
      receiptNumber: string;
      operator: { displayName: string } | null;
    };
    const all = async (query: string, limit = 3) => {
      const seen: Item[] = [];
      let cursor: string | null = null;
      do {
        const res = await as(
          kofuTriage,
          'GET',
          `/api/reports?status=all&${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...res.json().items);
        cursor = res.json().nextCursor;
      } while (cursor);
      return seen;
    };
    const triage = await all('sort=triage', 200);
    expect(triage.length).toBeGreaterThanOrEqual(3);
    const newest = await all('sort=newest');
    const byTime = (a: Item, b: Item) => b.receivedAt.localeCompare(a.receivedAt) || b.id.localeCompare(a.id);
    expect(newest.map((r) => r.id)).toEqual([...triage].sort(byTime).map((r) => r.id));
    const oldest = await all('sort=oldest', 2);
    expect(oldest.map((r) => r.id)).toEqual([...newest].reverse().map((r) => r.id));
    // Not by urgency: an urgent report is not first when it is not the newest.
    expect(newest.map((r) => r.id)).not.toEqual(triage.map((r) => r.id));

    // A receipt number as said on the phone (lower case, O for 0, no hyphen), in part.
    const byReceipt = await all(`q=${encodeURIComponent('dem0-01')}`);
    expect(byReceipt.length).toBeGreaterThan(0);
    expect(byReceipt.every((r) => r.receiptNumber.startsWith('DEM0-01'))).toBe(true);
    expect(byReceipt.map((r) => r.id)).toEqual(
      triage.filter((r) => r.receiptNumber.startsWith('DEM0-01')).map((r) => r.id),
    );
    expect((await all('q=demo01')).map((r) => r.id)).toEqual(byReceipt.map((r) => r.id));
    // A business by part of its name, in the order asked for.
    const named = triage.find((r) => r.operator)!.operator!.displayName;
    const word = named.replace(/^(株式会社|合同会社|一般社団法人|特定非営利活動法人)/u, '').slice(0, 3);
    const byName = await all(`q=${encodeURIComponent(word)}&sort=oldest`);
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((r) => r.operator !== null)).toBe(true);
    expect(byName.map((r) => r.id)).toEqual(
      oldest.filter((r) => byName.some((b) => b.id === r.id)).map((r) => r.id),
    );
    expect(await all(`q=${encodeURIComponent('存在しない事業者名')}`)).toEqual([]);
  });

  it('answers 400 problem+json in the asked language for an unknown order or an overlong filter', async () => {
    for (const url of ['/api/reports?sort=urgent', `/api/reports?q=${'a'.repeat(101)}`]) {
      for (const language of ['ja', 'en']) {
        const res = await t.request({
          method: 'GET',
          url,
          headers: { ...kofuTriage.headers(), 'accept-language': language },
        });
        expect(res.statusCode, url).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().title, language).toMatch(language === 'ja' ? /[ぁ-んァ-ン一-龯]/u : /^[ -~]+$/u);
      }
    }
  });

  it('shows the detail with texts and contact to its own tenant only: another tenant gets 404', async () => {
    const detail = await as(kofuTriage, 'GET', `/api/reports/${DEMO_REPORTS.kofuUrgent}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      receiptNumber: 'DEM0-0101',
      urgent: true,
      business: { corporateNumber: '8999900000001' },
      contact: { name: '（デモ）山梨 花子' },
      operator: { id: DEMO_OPERATOR_ID },
    });
    expect(detail.json().text).toContain('連れて行きました');
    for (const url of [
      `/api/reports/${DEMO_REPORTS.kofuUrgent}`,
      `/api/reports/${DEMO_REPORTS.kofuUrgent}/operator-suggestions`,
    ])
      expect((await as(kaiTriage, 'GET', url)).statusCode).toBe(404);
    for (const [url, body] of [
      [`/api/reports/${DEMO_REPORTS.kofuUrgent}/status`, { status: 'closed' }],
      [`/api/reports/${DEMO_REPORTS.kofuUrgent}/notes`, { kind: 'internal', text: 'x' }],
      [`/api/reports/${DEMO_REPORTS.kofuUrgent}/assign`, { accountId: null }],
    ] as const)
      expect((await as(kaiTriage, 'POST', url, body)).statusCode).toBe(404);
    const audit = await inTransaction(t.db, { tenant: KOFU }, (tx) =>
      rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_events where action = 'reports.report.read' and record_id = ${DEMO_REPORTS.kofuUrgent}`,
      ),
    );
    expect(audit[0]!.n).toBeGreaterThan(0);
  });

  it('moves status new → in progress → referred → closed, refuses a skip back, reopens a closed report', async () => {
    const { receiptNumber } = (await submit(baseReport())).json();
    const id = await reportIdByReceipt(receiptNumber);
    const status = (s: string) => as(kofuTriage, 'POST', `/api/reports/${id}/status`, { status: s });
    expect((await status('in_progress')).json().status).toBe('in_progress');
    expect((await status('referred')).json().status).toBe('referred');
    const closed = await status('closed');
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    const skip = await status('referred');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().code).toBe('status_transition');
    expect((await status('in_progress')).json()).toMatchObject({ status: 'in_progress', closedAt: null });
    expect((await status('bogus')).statusCode).toBe(400);
  });

  it('assigns to triage staff only, and a referral to 188 marks the report referred', async () => {
    const { receiptNumber } = (await submit(baseReport())).json();
    const id = await reportIdByReceipt(receiptNumber);
    const me = kofuTriage.body.account.id;
    const assigned = await as(kofuTriage, 'POST', `/api/reports/${id}/assign`, { accountId: me });
    expect(assigned.json()).toMatchObject({
      assigneeAccountId: me,
      status: 'in_progress',
      assignee: { id: me },
    });
    const labour = await login(t, 'labour@kofu.demo.example', DEMO_PASSWORD);
    const refused = await as(kofuTriage, 'POST', `/api/reports/${id}/assign`, {
      accountId: labour.body.account.id,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('assignee_not_allowed');
    const kaiAccount = kaiTriage.body.account.id;
    expect(
      (await as(kofuTriage, 'POST', `/api/reports/${id}/assign`, { accountId: kaiAccount })).statusCode,
    ).toBe(400);

    const referral = await as(kofuTriage, 'POST', `/api/reports/${id}/referrals`, {
      target: 'consumer_centre',
      organisation: '消費生活センター',
      referredOn: '2026-11-26',
      note: 'クーリング・オフの相談',
    });
    expect(referral.statusCode).toBe(201);
    const detail = (await as(kofuTriage, 'GET', `/api/reports/${id}`)).json();
    expect(detail.status).toBe('referred');
    expect(detail.referrals).toEqual([
      expect.objectContaining({
        target: 'consumer_centre',
        note: 'クーリング・オフの相談',
        referredOn: '2026-11-26',
      }),
    ]);
  });
});

describe('emergency protection', () => {
  it('consultation staff record it; the follow-up reminder goes out once on the day', async () => {
    const { receiptNumber } = (await submit(baseReport({ danger: 'yes' }))).json();
    const id = await reportIdByReceipt(receiptNumber);
    const consultation = await login(t, 'consultation@kofu.demo.example', DEMO_PASSWORD);
    // Consultation staff see the board (no texts) but not the report itself.
    const board = await as(consultation, 'GET', '/api/report-protections');
    expect(board.statusCode).toBe(200);
    expect(board.json().items.some((i: { reportId: string }) => i.reportId === id)).toBe(true);
    expect(JSON.stringify(board.json())).not.toContain('テスト');
    expect((await as(consultation, 'GET', `/api/reports/${id}`)).statusCode).toBe(403);

    const bad = await as(consultation, 'POST', `/api/reports/${id}/protections`, {
      protectedAt: '2026-11-26T09:30:00+09:00',
      place: '一時的な滞在先',
      protectedBy: '地域福祉課 職員2名',
      followUpOn: '2026-11-25',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/body/followUpOn');

    const created = await as(consultation, 'POST', `/api/reports/${id}/protections`, {
      protectedAt: '2026-11-26T09:30:00+09:00',
      place: '一時的な滞在先',
      protectedBy: '地域福祉課 職員2名',
      followUpOn: '2026-12-03',
      note: '本人と面談済み',
    });
    expect(created.statusCode).toBe(201);
    const labour = await login(t, 'labour@kofu.demo.example', DEMO_PASSWORD);
    expect(
      (
        await as(labour, 'POST', `/api/reports/${id}/protections`, {
          protectedAt: '2026-11-26T09:30:00+09:00',
          place: 'x',
          protectedBy: 'x',
          followUpOn: '2026-12-03',
        })
      ).statusCode,
    ).toBe(403);
    const detail = (await as(kofuTriage, 'GET', `/api/reports/${id}`)).json();
    expect(detail.protectionRecords).toEqual([
      expect.objectContaining({
        place: '一時的な滞在先',
        protectedBy: '地域福祉課 職員2名',
        followUpOn: '2026-12-03',
        followUpDoneAt: null,
      }),
    ]);
    const [raw] = await rows<Record<string, unknown>>(
      t.db.orm,
      sql`select * from report_protections where report_id = ${id}`,
    );
    expect(JSON.stringify(raw)).not.toContain('滞在先');

    const reminders = async () =>
      rows<{ n: number }>(
        t.db.orm,
        sql`select count(*)::int as n from outbox_messages where template_key = 'reports.protection-follow-up' and idempotency_key = ${`reports.protection-follow-up:${created.json().id}`}`,
      );
    const ctx = { db: t.db, config: t.config, clock: t.clock };
    t.clock.set(new Date('2026-12-02T23:00:00+09:00'));
    await runDueJobs(ctx, { only: ['reports.protection-follow-up'], trigger: 'test' });
    expect((await reminders())[0]!.n).toBe(0);
    t.clock.set(new Date('2026-12-03T08:00:00+09:00'));
    await runDueJobs(ctx, { only: ['reports.protection-follow-up'], trigger: 'test' });
    await runDueJobs(ctx, { only: ['reports.protection-follow-up'], trigger: 'test' });
    expect((await reminders())[0]!.n).toBe(1);
    t.clock.set(new Date('2026-11-26T10:00:00+09:00'));

    const done = await as(
      consultation,
      'POST',
      `/api/reports/${id}/protections/${created.json().id}/follow-up`,
      { note: '落ち着いて過ごしている' },
    );
    expect(done.statusCode).toBe(200);
  });
});

describe('operator registry across tenants', () => {
  const number = fictionalCorporateNumber(42);

  it('links reports of 甲府市 and 甲斐市 about one 法人番号 to one operator with combined counts, texts staying home', async () => {
    const kofu = (
      await submit(
        baseReport({
          categories: ['forced_removal', 'high_fees'],
          business: { name: '株式会社 テスト自立塾', corporateNumber: number, phone: '000-1111-2222' },
          text: '（甲府の本文）息子が連れて行かれた',
          contact: { name: '（甲府の通報者）', phone: '000-0000-0001' },
          amountContracted: 3_000_000,
        }),
      )
    ).json();
    const kofuId = await reportIdByReceipt(kofu.receiptNumber);
    // No operator yet: staff register one from the report.
    expect((await as(kofuTriage, 'GET', `/api/reports/${kofuId}/operator-suggestions`)).json().items).toEqual(
      [],
    );
    const created = await as(kofuTriage, 'POST', '/api/operators', {
      displayName: 'テスト自立塾',
      corporateNumber: number,
      reportId: kofuId,
    });
    expect(created.statusCode).toBe(201);
    const operatorId = created.json().id;
    const duplicate = await as(kofuTriage, 'POST', '/api/operators', {
      displayName: '別名',
      corporateNumber: number,
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'operator_exists', operatorId });

    const kai = (
      await submit(
        baseReport({
          municipalityCode: KAI,
          categories: ['confinement', 'high_fees'],
          business: {
            name: '（有）テスト自立塾 甲斐',
            corporateNumber: number,
            website: 'https://www.test-jiritsu.example/',
          },
          text: '（甲斐の本文）寮から出られない',
          contact: { name: '（甲斐の通報者）' },
          amountContracted: 2_000_000,
        }),
      )
    ).json();
    const kaiId = await reportIdByReceipt(kai.receiptNumber);
    const suggestions = (await as(kaiTriage, 'GET', `/api/reports/${kaiId}/operator-suggestions`)).json()
      .items;
    expect(suggestions[0]).toMatchObject({
      id: operatorId,
      reasons: expect.arrayContaining(['corporate_number']),
    });
    const linked = await as(kaiTriage, 'POST', `/api/reports/${kaiId}/operator-link`, { operatorId });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().operator).toMatchObject({ id: operatorId, corporateNumber: number });

    for (const [session, own, ownId] of [
      [kofuTriage, 1, kofuId],
      [kaiTriage, 1, kaiId],
    ] as const) {
      const res = await as(session, 'GET', `/api/operators/${operatorId}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.totals).toMatchObject({
        reports: 2,
        municipalities: 2,
        prefectures: 1,
        ownReports: own,
        categories: { forced_removal: 1, confinement: 1, high_fees: 2 },
        // Two reports are not enough to show amounts.
        amountContracted: { reports: 2, total: null, average: null },
      });
      expect(body.ownReports.map((r: { id: string }) => r.id)).toEqual([ownId]);
      const dump = JSON.stringify(body);
      for (const secret of ['本文', '通報者', '000-0000-0001', '連れて行かれた', '出られない'])
        expect(dump).not.toContain(secret);
    }
    // The operator learnt the name variants and the website (business identity only).
    const kofuView = (await as(kofuTriage, 'GET', `/api/operators/${operatorId}`)).json();
    expect(kofuView.identifiers).toEqual(
      expect.arrayContaining([
        { kind: 'name', value: '（有）テスト自立塾 甲斐' },
        { kind: 'website', value: 'https://www.test-jiritsu.example/' },
      ]),
    );
    // Each tenant still reads only its own reports.
    expect((await as(kofuTriage, 'GET', `/api/reports/${kaiId}`)).statusCode).toBe(404);
    expect((await as(kaiTriage, 'GET', `/api/reports/${kofuId}`)).statusCode).toBe(404);
    // Consultation staff may look operators up, without the list of own reports.
    const consultation = await login(t, 'consultation@kai.demo.example', DEMO_PASSWORD);
    const lookedUp = (await as(consultation, 'GET', `/api/operators/${operatorId}`)).json();
    expect(lookedUp.totals.reports).toBe(2);
    expect(lookedUp.ownReports).toEqual([]);
    const found = (
      await as(consultation, 'GET', `/api/operators?q=${encodeURIComponent('テスト自立塾')}`)
    ).json();
    expect(found.items.map((o: { id: string }) => o.id)).toContain(operatorId);
  });

  it('shows amounts only behind 3+ reports, and never lets a tenant isolate another tenant’s amount', async () => {
    const serial = fictionalCorporateNumber(43);
    const createdIn = async (session: LoggedIn, tenant: string, amount: number, operatorId?: string) => {
      const { receiptNumber } = (
        await submit(
          baseReport({
            municipalityCode: tenant,
            business: { corporateNumber: serial },
            amountContracted: amount,
          }),
        )
      ).json();
      const id = await reportIdByReceipt(receiptNumber);
      if (operatorId) {
        expect(
          (await as(session, 'POST', `/api/reports/${id}/operator-link`, { operatorId })).statusCode,
        ).toBe(200);
        return operatorId;
      }
      return (await as(session, 'POST', '/api/operators', { displayName: '金額テスト', reportId: id })).json()
        .id as string;
    };
    const operatorId = await createdIn(kofuTriage, KOFU, 1_000_000);
    await createdIn(kaiTriage, KAI, 2_000_000, operatorId);
    await createdIn(kaiTriage, KAI, 3_000_000, operatorId);
    const amount = async (session: LoggedIn) =>
      (await as(session, 'GET', `/api/operators/${operatorId}`)).json().totals.amountContracted;
    // 3 reports, but 甲府市 (1 own) could subtract its own from the total and learn the sum of 2 others.
    expect(await amount(kofuTriage)).toEqual({ reports: 3, total: null, average: null });
    // 甲斐市 (2 own) would learn 甲府市's single amount.
    expect(await amount(kaiTriage)).toEqual({ reports: 3, total: null, average: null });
    await createdIn(kaiTriage, KAI, 4_000_000, operatorId);
    // Now 甲府市 sees 3 other reports behind the figure; 甲斐市 still only 1 other.
    expect(await amount(kofuTriage)).toEqual({ reports: 4, total: 10_000_000, average: 2_500_000 });
    expect(await amount(kaiTriage)).toEqual({ reports: 4, total: null, average: null });
  });

  it('refuses to link a report to an operator with another 法人番号', async () => {
    const { receiptNumber } = (
      await submit(baseReport({ business: { corporateNumber: fictionalCorporateNumber(44) } }))
    ).json();
    const id = await reportIdByReceipt(receiptNumber);
    const res = await as(kofuTriage, 'POST', `/api/reports/${id}/operator-link`, {
      operatorId: DEMO_OPERATOR_ID,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('operator_mismatch');
  });

  it('row-level security keeps report rows home even for a query that asks for all', async () => {
    for (const table of ['reports', 'report_notes', 'report_referrals', 'report_protections']) {
      const seen = await inTransaction(t.db, { tenant: KAI }, (tx) =>
        rows<{ code: string }>(tx, sql.raw(`select municipality_code as code from ${table}`)),
      );
      expect(seen.every((r) => r.code === KAI)).toBe(true);
      const none = await inTransaction(t.db, { tenant: null }, (tx) =>
        rows(tx, sql.raw(`select 1 from ${table}`)),
      );
      expect(none).toEqual([]);
    }
  });

  it('lists the registry by name or the latest registered first, paged whole either way; 400 for another order', async () => {
    const all = async (query: string, limit: number) => {
      const seen: { id: string; displayName: string }[] = [];
      let cursor: string | null = null;
      do {
        const url = `/api/operators?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await as(kofuTriage, 'GET', url);
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...res.json().items);
        cursor = res.json().nextCursor;
      } while (cursor);
      return seen;
    };
    const byName = await all('sort=name', 200);
    expect(byName.length).toBeGreaterThan(1);
    const recent = await all('sort=recent', 1);
    expect(new Set(recent.map((o) => o.id))).toEqual(new Set(byName.map((o) => o.id)));
    expect(recent.length).toBe(byName.length);
    // The latest registered first (ties, under the test's fixed clock, by id), as the table says.
    const created = await as(kofuTriage, 'POST', '/api/operators', {
      displayName: 'あいうえお順で先頭ではない登録テスト',
    });
    expect(created.statusCode, created.body).toBe(201);
    const after = await all('sort=recent', 2);
    const registered = await rows<{ id: string }>(
      t.db.orm,
      sql`select id from report_operators order by created_at desc, id desc`,
    );
    expect(after.map((o) => o.id)).toEqual(registered.map((r) => r.id));
    expect(after.map((o) => o.id)).toContain(created.json().id);
    // The words filter keeps the order asked for.
    const filtered = await all(`sort=recent&q=${encodeURIComponent('登録テスト')}`, 200);
    expect(filtered.map((o) => o.id)).toEqual([created.json().id]);
    const res = await t.request({
      method: 'GET',
      url: '/api/operators?sort=reports',
      headers: { ...kofuTriage.headers(), 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('statistics', () => {
  it('national and prefecture staff read suppressed aggregates; others are refused', async () => {
    const national = await login(t, 'national@demo.example', DEMO_PASSWORD);
    const prefecture = await login(t, 'prefecture@yamanashi.demo.example', DEMO_PASSWORD);
    const consultation = await login(t, 'consultation@kofu.demo.example', DEMO_PASSWORD);
    expect((await as(consultation, 'GET', '/api/reports/statistics')).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/reports/statistics' })).statusCode).toBe(401);
    expect((await as(national, 'GET', '/api/reports/statistics?fromYear=2027&toYear=2026')).statusCode).toBe(
      400,
    );

    // 12 more reports in 山梨県 this fiscal year: the prefecture's cell passes the threshold.
    for (let i = 0; i < 12; i++)
      expect((await submit(baseReport({ categories: ['threats'] }))).statusCode).toBe(201);
    const [{ n: yamanashi } = { n: 0 }] = await rows<{ n: number }>(
      t.db.orm,
      sql`select count(*)::int as n from reports where received_at >= '2026-04-01T00:00:00+09:00'`,
    );
    for (const session of [national, prefecture]) {
      const res = await as(session, 'GET', '/api/reports/statistics?fromYear=2024&toYear=2026');
      expect(res.statusCode).toBe(200);
      const stats = res.json();
      expect(stats.byPrefecture.rows).toHaveLength(47);
      const row = stats.byPrefecture.rows.findIndex((r: { key: string }) => r.key === '19');
      // 山梨県 passes the threshold, but every other cell is hidden and together they hold fewer than
      // 10: with 山梨県 and a total both shown, their sum would be one subtraction away
      // (platform/statistics/suppression.ts), so 山梨県's cell and the year's and the row's totals are hidden as
      // complementary cells; the grand total, with ≥ 10 hidden beneath it, is shown.
      expect(yamanashi).toBeGreaterThanOrEqual(10);
      expect(stats.byPrefecture.cells[row][2]).toEqual({ value: null, state: 'secondary' });
      expect(stats.byPrefecture.grandTotal).toEqual({ value: yamanashi, state: 'shown' });
      // Every other prefecture has fewer than 10: hidden, with no value in the answer.
      expect(stats.byPrefecture.cells[0]).toEqual([
        { value: null, state: 'primary' },
        { value: null, state: 'primary' },
        { value: null, state: 'primary' },
      ]);
      const threats = stats.byCategory.rows.findIndex((r: { key: string }) => r.key === 'threats');
      // ≥ 10 threats: never a primary cell (it may be a complementary one, as above).
      expect(stats.byCategory.cells[threats][2].state).not.toBe('primary');
      const violence = stats.byCategory.rows.findIndex((r: { key: string }) => r.key === 'violence');
      expect(stats.byCategory.cells[violence][2]).toEqual({ value: null, state: 'primary' });
    }
    const csv = await as(
      national,
      'GET',
      '/api/reports/statistics.csv?fromYear=2024&toYear=2026&prefecture=19',
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('report-statistics-2024-2026-19.csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('\r\n');
    expect(csv.body).toContain('令和8年度（2026年度）');
    expect(csv.body).toContain('山梨県,＜10,＜10,＊');
    expect(csv.body).not.toContain(`山梨県,＜10,＜10,${yamanashi}`);
    expect(csv.body).toContain('表2 分類別の件数（延べ・山梨県）');
  });
});

describe('a report to a prefecture (the person knows only the prefecture)', () => {
  const YAMANASHI = '190004';
  const TOKYO = '130001';

  it('GET /api/public/reports/window/{code} says who takes reports and when staff read them', async () => {
    const town = await t.request({ method: 'GET', url: `/api/public/reports/window/${KOFU}` });
    expect(town.statusCode).toBe(200);
    expect(town.json()).toEqual({ accepts: true, level: 'municipality', officeHours: '平日 8:30〜17:15' });
    // 山梨県 has an account with the triage role in its own tenant; 東京都 has none here.
    const pref = await t.request({ method: 'GET', url: `/api/public/reports/window/${YAMANASHI}` });
    expect(pref.json()).toEqual({ accepts: true, level: 'prefecture', officeHours: null });
    const tokyo = await t.request({ method: 'GET', url: `/api/public/reports/window/${TOKYO}` });
    expect(tokyo.json()).toEqual({ accepts: false, level: 'prefecture', officeHours: null });
    const sapporo = await t.request({ method: 'GET', url: '/api/public/reports/window/011002' });
    expect(sapporo.json()).toEqual({ accepts: false, level: 'municipality', officeHours: null });
    const bad = await t.request({ method: 'GET', url: '/api/public/reports/window/190005' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it("reaches the prefecture's triage staff only: not a town's, not another prefecture's", async () => {
    const res = await submit(
      baseReport({ municipalityCode: YAMANASHI, danger: 'yes', text: '（テスト）どこの町か分からない' }),
    );
    expect(res.statusCode).toBe(201);
    const receipt = res.json();
    expect(receipt).toMatchObject({ urgent: true, officeHours: null });
    const id = await reportIdByReceipt(receipt.receiptNumber);

    const prefTriage = await login(t, 'report_triage@yamanashi.demo.example', DEMO_PASSWORD);
    const list = await as(prefTriage, 'GET', '/api/reports?limit=200');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<{ id: string }>;
    expect(items.map((r) => r.id)).toContain(id);
    const detail = await as(prefTriage, 'GET', `/api/reports/${id}`);
    expect(detail.statusCode).toBe(200);
    expect(JSON.stringify(detail.json())).toContain('どこの町か分からない');
    // The prefecture's own queue holds only its tenant's reports (none of 甲府市's).
    const [kofuReport] = await rows<{ id: string }>(
      t.db.orm,
      sql`select id from reports where municipality_code = ${KOFU} limit 1`,
    );
    expect((await as(prefTriage, 'GET', `/api/reports/${kofuReport!.id}`)).statusCode).toBe(404);

    // A town's triage staff do not see it (404, never 403); a prefecture account without the
    // triage role may not triage at all.
    expect((await as(kofuTriage, 'GET', `/api/reports/${id}`)).statusCode).toBe(404);
    expect(
      ((await as(kofuTriage, 'GET', '/api/reports?limit=200')).json().items as Array<{ id: string }>).map(
        (r) => r.id,
      ),
    ).not.toContain(id);
    const prefecture = await login(t, 'prefecture@yamanashi.demo.example', DEMO_PASSWORD);
    expect((await as(prefecture, 'GET', '/api/reports')).statusCode).toBe(403);
    // Another prefecture's tenant sees no row of it (row-level security, as its staff would run).
    const seen = await inTransaction(t.db, { tenant: TOKYO }, (tx) =>
      rows(tx, sql`select id from reports where id = ${id}`),
    );
    expect(seen).toEqual([]);

    // The prefecture's triage staff are told, in the prefecture's own tenant (recipients are
    // encrypted: the idempotency keys name the report and one account each).
    const alerts = await rows<{ key: string }>(
      t.db.orm,
      sql`select idempotency_key as key from outbox_messages
          where municipality_code = ${YAMANASHI} and idempotency_key like ${`%:${id}:%`}`,
    );
    expect(alerts.map((a) => a.key.split(':')[0])).toEqual(['reports.urgent']);
  });

  it('a prefecture with no triage staff here refuses the report in Japanese and English and writes nothing', async () => {
    const before = await rows<{ n: number }>(t.db.orm, sql`select count(*)::int as n from reports`);
    const ja = await submit(baseReport({ municipalityCode: TOKYO }));
    expect(ja.statusCode).toBe(400);
    expect(ja.json()).toMatchObject({ code: 'reports_not_accepted' });
    expect(ja.json().errors).toEqual([
      {
        pointer: '/body/municipalityCode',
        message: 'この都道府県では、まだこの窓口で通報を受け付けていません',
      },
    ]);
    const en = await submit(baseReport({ municipalityCode: TOKYO }), { 'accept-language': 'en' });
    expect(en.json().errors[0].message).toBe('This prefecture does not take reports here yet');
    const after = await rows<{ n: number }>(t.db.orm, sql`select count(*)::int as n from reports`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
