import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import {
  hasLocationMetadata,
  jpegWithGps,
  PLAIN_JPEG,
  pngWithExif,
} from '../../../../test/factories/receipts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tenant.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';
import { AppError } from '../../platform/errors.ts';
import { DEMO_EVENT_IDS } from '../events/events.demo.ts';
import { DEMO_PLACE_IDS } from '../places/places.demo.ts';
import { publicStatus } from './subsidies.applications.ts';
import { decisionNotice } from './subsidies.decision.ts';
import {
  DEMO_SUBSIDY_APPLICATIONS,
  DEMO_SUBSIDY_PROGRAMMES,
  DEMO_SUBSIDY_RECEIPTS,
} from './subsidies.demo.ts';
import { listPayableClaims, markClaimsPaid } from './subsidies.payable.ts';
import { getProgramme } from './subsidies.programmes.ts';
import { getApplication } from './subsidies.queue.ts';

/**
 * Request 4 on the real app and database: the public application (multipart with receipts,
 * Idempotency-Key), receipts stored without Exif/GPS, status by receipt number, identity check,
 * decision and its notice, monthly claims against grant, cap and budget, 額の確定 and the fiscal year
 * of the trip month, masking and the audit of unmasking, and the functions payments will call.
 */
const KOFU = '192015';
const KAI = '192104';

let t: TestApp;
let consultation: LoggedIn;
let admin: LoggedIn;
let finance: LoggedIn;
let labour: LoggedIn;
let kaiConsultation: LoggedIn;
let addressCounter = 0;
const nextAddress = () => `127.61.${Math.floor(++addressCounter / 250) % 250}.${(addressCounter % 250) + 1}`;

const baseApplication = (overrides: Record<string, unknown> = {}) => ({
  municipalityCode: KOFU,
  relation: 'family',
  applicant: { name: '試験 花子', nameKana: 'しけん はなこ' },
  person: { name: '試験 太郎', nameKana: 'しけん たろう' },
  contact: { phone: '000-0000-9999', email: 'hanako@example.jp' },
  destination: { kind: 'place', id: DEMO_PLACE_IDS.hidamari },
  route: '自宅近くのバス停からバスで甲府駅、徒歩（往復）',
  legs: [{ mode: 'public_transport', fareYen: 900 }],
  tripsPerMonth: 6,
  bank: {
    bankCode: '0142',
    branchCode: '101',
    accountType: 'ordinary',
    accountNumber: '1234567',
    holderName: 'しけん　はなこ',
  },
  language: 'ja',
  consent: true,
  ...overrides,
});

type FilePart = { name: string; type: string; bytes: Buffer };

function multipart(application: unknown, files: FilePart[] = []) {
  const boundary = `----tsunagari${randomUUID()}`;
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="application"\r\n\r\n${JSON.stringify(application)}\r\n`,
    ),
  ];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="receipts"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function apply(application: unknown, files: FilePart[] = [], headers: Record<string, string> = {}) {
  const { payload, contentType } = multipart(application, files);
  return t.request({
    method: 'POST',
    url: '/api/public/subsidy-applications',
    payload,
    headers: { 'content-type': contentType, ...headers },
    remoteAddress: nextAddress(),
  });
}

const as = (session: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.request({
    method,
    url,
    headers: session.headers(),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const gpsReceipt = (): FilePart => ({ name: 'IMG_0001.jpg', type: 'image/jpeg', bytes: jpegWithGps() });

async function idOf(receiptNumber: string): Promise<string> {
  const [row] = await rows<{ id: string }>(
    t.db.orm,
    sql`select id from subsidy_applications where receipt_number = ${receiptNumber}`,
  );
  return row!.id;
}

beforeAll(async () => {
  t = await createTestApp({ demo: true, now: '2026-11-26T10:00:00+09:00' });
  [consultation, admin, finance, labour, kaiConsultation] = await loginDemoStaff(t, [
    'consultation@kofu',
    'municipal_admin@kofu',
    'finance@kofu',
    'labour@kofu',
    'consultation@kai',
  ]);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('public application', () => {
  it('shows the programme rules without an account', async () => {
    const res = await t.request({ method: 'GET', url: `/api/public/subsidy-programmes/${KOFU}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ fiscalYear: 2026, monthlyCapYen: 5000, municipalityName: '甲府市' });
  });

  it('stores the receipt photo without Exif or GPS (read back from the database)', async () => {
    const input = jpegWithGps();
    expect(hasLocationMetadata(input)).toBe(true);
    const res = await apply(baseApplication(), [
      gpsReceipt(),
      { name: 'scan.png', type: 'image/png', bytes: pngWithExif() },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.receiptNumber).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(body).toMatchObject({ status: 'submitted', receipts: 2, requestedMonthlyYen: 5000 }); // 900×6 capped at 5000
    const stored = await rows<{ content_type: string; data: Uint8Array }>(
      t.db.orm,
      sql`select r.content_type, r.data from subsidy_receipts r join subsidy_applications a on a.id = r.application_id
          where a.receipt_number = ${body.receiptNumber} order by r.content_type`,
    );
    expect(stored.map((r) => r.content_type)).toEqual(['image/jpeg', 'image/png']);
    for (const r of stored) expect(hasLocationMetadata(Buffer.from(r.data))).toBe(false);
    // The picture itself is kept: re-encoded (issue 19), so the same size and, within JPEG
    // tolerance, the same pixels as the JPEG before the camera's Exif was added.
    const [before, after] = await Promise.all(
      [PLAIN_JPEG, Buffer.from(stored[0]!.data)].map((b) =>
        sharp(b).raw().toBuffer({ resolveWithObject: true }),
      ),
    );
    expect(after!.info).toMatchObject({ width: before!.info.width, height: before!.info.height });
    let diff = 0;
    for (let i = 0; i < before!.data.length; i++) diff += Math.abs(before!.data[i]! - after!.data[i]!);
    expect(diff / before!.data.length).toBeLessThan(8);

    // Staff read the same bytes back through the API.
    const id = await idOf(body.receiptNumber);
    const detail = (await as(consultation, 'GET', `/api/subsidies/applications/${id}`)).json();
    const jpeg = detail.receipts.find((r: { contentType: string }) => r.contentType === 'image/jpeg');
    const file = await as(consultation, 'GET', `/api/subsidies/applications/${id}/receipts/${jpeg.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(hasLocationMetadata(file.rawPayload)).toBe(false);
  });

  it('creates one application for a double submission with the same Idempotency-Key', async () => {
    const key = `subsidy-${randomUUID()}`;
    const before = await rows<{ n: number }>(
      t.db.orm,
      sql`select count(*)::int as n from subsidy_applications`,
    );
    const first = await apply(baseApplication(), [gpsReceipt()], { 'idempotency-key': key });
    const second = await apply(baseApplication(), [gpsReceipt()], { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().receiptNumber).toBe(first.json().receiptNumber);
    const after = await rows<{ n: number }>(
      t.db.orm,
      sql`select count(*)::int as n from subsidy_applications`,
    );
    expect(Number(after[0]!.n) - Number(before[0]!.n)).toBe(1);
    // The same key with another application is refused, never answered with the first one.
    const other = await apply(baseApplication({ tripsPerMonth: 2 }), [gpsReceipt()], {
      'idempotency-key': key,
    });
    expect(other.statusCode).toBe(422);
  });

  it('sends the 受付番号 once by e-mail through the outbox when an address is given, none without', async () => {
    const key = `subsidy-${randomUUID()}`;
    const email = `receipt-${randomUUID().slice(0, 8)}@example.jp`;
    const withMail = baseApplication({ contact: { phone: '000-0000-9999', email } });
    const first = await apply(withMail, [gpsReceipt()], { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(201);
    await apply(withMail, [gpsReceipt()], { 'idempotency-key': key });
    const receiptNumber = first.json().receiptNumber as string;
    const outbox = await t.request({
      method: 'GET',
      url: '/api/admin/outbox?limit=200',
      headers: admin.headers(),
    });
    expect(outbox.statusCode, outbox.body).toBe(200);
    const mails = (outbox.json().items as { recipient: string; templateKey: string; body: string }[]).filter(
      (m) => m.recipient === email,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.templateKey).toBe('subsidies.status.submitted');
    expect(mails[0]!.body).toContain(`受付番号: ${receiptNumber}`);
    expect(mails[0]!.body).toContain('/subsidies/status');

    const without = await apply(baseApplication({ contact: { phone: '000-0000-9999' } }), [gpsReceipt()]);
    expect(without.statusCode, without.body).toBe(201);
    const id = await idOf(without.json().receiptNumber);
    const none = await rows<{ n: number }>(
      t.db.orm,
      sql`select count(*)::int as n from outbox_messages where idempotency_key like ${`subsidies.status:${id}:%`}`,
    );
    expect(none[0]!.n).toBe(0);
  });

  it('refuses a file that is not JPEG, PNG or PDF, whatever its name says', async () => {
    const res = await apply(baseApplication(), [
      { name: 'receipt.jpg', type: 'image/jpeg', bytes: Buffer.from('GIF89a not really a jpeg') },
    ]);
    expect(res.statusCode).toBe(415);
    expect(res.json().title).toContain('受け付けられません');
  });

  it('refuses a receipt over 10 MiB with 413', async () => {
    const big = Buffer.concat([PLAIN_JPEG.subarray(0, 2), Buffer.alloc(10 * 1024 * 1024 + 10, 0)]);
    const res = await apply(baseApplication(), [{ name: 'big.jpg', type: 'image/jpeg', bytes: big }]);
    expect(res.statusCode).toBe(413);
  });

  it('names the characters of the holder name the bank cannot take', async () => {
    const res = await apply(
      baseApplication({ bank: { ...baseApplication().bank, holderName: 'しけん 花子' } }),
    );
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.errors[0].pointer).toBe('/body/bank/holderName');
    expect(problem.errors[0].message).toContain('花');
    expect(problem.errors[0].message).toContain('子');
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const res = await apply(baseApplication({ legs: [{ mode: 'car' }], person: undefined }));
    expect(res.statusCode).toBe(400);
    const pointers = res.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toContain('/body/legs/0/distanceKm');
    expect(pointers).toContain('/body/person');
    const notPublished = await apply(
      baseApplication({ destination: { kind: 'place', id: DEMO_PLACE_IDS.kofuDraft } }),
    );
    expect(notPublished.statusCode).toBe(422);
    const otherTenant = await apply(
      baseApplication({ destination: { kind: 'place', id: DEMO_PLACE_IDS.kaiIbasho } }),
    );
    expect(otherTenant.statusCode).toBe(422);
    const event = await apply(baseApplication({ destination: { kind: 'event', id: randomUUID() } }));
    expect(event.statusCode).toBe(422);
    const draftEvent = await apply(
      baseApplication({ destination: { kind: 'event', id: DEMO_EVENT_IDS.kofuDraft } }),
    );
    expect(draftEvent.statusCode).toBe(422);
    const otherTenantEvent = await apply(
      baseApplication({ destination: { kind: 'event', id: DEMO_EVENT_IDS.kaiSalon } }),
    );
    expect(otherTenantEvent.statusCode).toBe(422);
    const badBranch = await apply(
      baseApplication({ bank: { ...baseApplication().bank, branchCode: '999' } }),
    );
    expect(badBranch.statusCode).toBe(400);
  });

  it('takes a published event of the tenant as the destination (a family salon, an open day)', async () => {
    const res = await apply(
      baseApplication({ destination: { kind: 'event', id: DEMO_EVENT_IDS.kofuSalon } }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const [stored] = await rows<{ destination_kind: string; destination_id: string }>(
      t.db.orm,
      sql`select destination_kind, destination_id from subsidy_applications where receipt_number = ${res.json().receiptNumber}`,
    );
    expect(stored).toEqual({ destination_kind: 'event', destination_id: DEMO_EVENT_IDS.kofuSalon });
  });

  it('shows the status by receipt number only (no names or amounts)', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/public/subsidy-applications/status',
      payload: { receiptNumber: DEMO_SUBSIDY_RECEIPTS.kofuApproved.toLowerCase().replaceAll('-', ' ') },
      remoteAddress: nextAddress(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'approved',
      claims: [
        { tripMonth: '2026-09', status: 'confirmed' },
        { tripMonth: '2026-10', status: 'confirmed' },
      ],
    });
    expect(res.body).not.toContain('笛吹');
    const missing = await t.request({
      method: 'POST',
      url: '/api/public/subsidy-applications/status',
      payload: { receiptNumber: 'ZZZZ-ZZZZ-ZZZZ' },
      remoteAddress: nextAddress(),
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('staff access', () => {
  it('401 without a session, 403 without the permission, 404 for another tenant', async () => {
    expect((await t.request({ method: 'GET', url: '/api/subsidies/applications' })).statusCode).toBe(401);
    expect((await as(labour, 'GET', '/api/subsidies/applications')).statusCode).toBe(403);
    expect(
      (
        await as(
          kaiConsultation,
          'GET',
          `/api/subsidies/applications/${DEMO_SUBSIDY_APPLICATIONS.kofuSubmitted}`,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await as(kaiConsultation, 'GET', `/api/subsidies/programmes/${DEMO_SUBSIDY_PROGRAMMES.kofu}`))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await as(
          finance,
          'POST',
          `/api/subsidies/applications/${DEMO_SUBSIDY_APPLICATIONS.kofuSubmitted}/check`,
          { version: 1, identityDocument: 'my_number_card', residencyMethod: 'resident_register' },
        )
      ).statusCode,
    ).toBe(403);
    const list = await as(consultation, 'GET', '/api/subsidies/applications?status=approved');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.every((i: { status: string }) => i.status === 'approved')).toBe(true);
    expect((await as(consultation, 'GET', '/api/subsidies/applications?limit=500')).statusCode).toBe(400);
  });

  it('filters every row lookup by the tenant it is given, not only by row-level security (decision 0002)', async () => {
    // Kōfu's transaction: row-level security lets Kōfu's rows through, so only the service's own
    // tenant condition can refuse them when it is asked for them as Kai's.
    const inKofu = (work: (tx: Tx) => Promise<unknown>) =>
      inTransaction(t.db, { tenant: KOFU }, work).then(
        () => 'found',
        (error: unknown) => (error instanceof AppError ? error.status : error),
      );
    const programme = DEMO_SUBSIDY_PROGRAMMES.kofu;
    const application = DEMO_SUBSIDY_APPLICATIONS.kofuApproved;
    const ctx = { clock: t.clock, config: t.config };
    expect(await inKofu((tx) => getProgramme(tx, KOFU, programme))).toBe('found');
    expect(await inKofu((tx) => getProgramme(tx, KAI, programme))).toBe(404);
    expect(await inKofu((tx) => getApplication(tx, ctx, KOFU, application, false))).toBe('found');
    expect(await inKofu((tx) => getApplication(tx, ctx, KAI, application, false))).toBe(404);
    expect(await inKofu((tx) => publicStatus(tx, KAI, application))).toBe(404);
    expect(await inKofu((tx) => decisionNotice(tx, ctx, KAI, application))).toBe(404);
  });

  it('masks contact and bank details except for finance, and audits every unmasking', async () => {
    const id = DEMO_SUBSIDY_APPLICATIONS.kofuApproved;
    const masked = (await as(consultation, 'GET', `/api/subsidies/applications/${id}`)).json();
    expect(masked.bank).toMatchObject({ masked: true, accountNumber: '****103', bankName: 'ゆうちょ' });
    expect(masked.contact.masked).toBe(true);
    expect(masked.contact.phone).toBe('*********03');
    const clear = (await as(finance, 'GET', `/api/subsidies/applications/${id}`)).json();
    expect(clear.bank).toMatchObject({ masked: false, accountNumber: '0000103', holderKana: 'ﾌｴﾌｷ ﾀﾞｲﾁ' });
    // Consultation staff may reveal the contact (audited), never the bank account.
    const reveal = await as(consultation, 'POST', `/api/subsidies/applications/${id}/reveal-contact`, {});
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json().contact.phone).toBe('000-0000-1103');
    expect(
      (await as(consultation, 'POST', `/api/subsidies/applications/${id}/reveal-bank`, {})).statusCode,
    ).toBe(403);
    const audits = await rows<{ action: string }>(
      t.db.orm,
      sql`select action from audit_events where record_id = ${id} and action like 'subsidies.application.unmask%'`,
    );
    expect(audits.map((a) => a.action).sort()).toEqual([
      'subsidies.application.unmask',
      'subsidies.application.unmask-contact',
    ]);
  });
});

describe('check, decision, notice, claims and 額の確定', () => {
  let id = '';
  let receiptNumber = '';

  it('runs from identity check to a reduced grant with a notice in 和暦', async () => {
    const res = await apply(baseApplication(), [gpsReceipt()]);
    receiptNumber = res.json().receiptNumber;
    id = await idOf(receiptNumber);

    // A decision before the identity check is refused.
    const early = await as(consultation, 'POST', `/api/subsidies/applications/${id}/decision`, {
      version: 1,
      decision: 'approve',
    });
    expect(early.statusCode).toBe(409);

    const checked = await as(consultation, 'POST', `/api/subsidies/applications/${id}/check`, {
      version: 1,
      identityDocument: 'drivers_licence',
      residencyMethod: 'resident_register',
      note: '窓口で運転免許証を確認',
    });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json().check).toMatchObject({
      identityDocument: 'drivers_licence',
      checkedByName: expect.any(String),
    });

    const noReasons = await as(consultation, 'POST', `/api/subsidies/applications/${id}/decision`, {
      version: 2,
      decision: 'approve_reduced',
      grantedMonthlyYen: 3600,
    });
    expect(noReasons.statusCode).toBe(400);
    const decided = await as(consultation, 'POST', `/api/subsidies/applications/${id}/decision`, {
      version: 2,
      decision: 'approve_reduced',
      grantedMonthlyYen: 3600,
      reasons: '月 4 回分（往復 900 円 × 4 回）を交付します。',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'approved', grantedMonthlyYen: 3600 });
    expect(decided.json().decision).toMatchObject({
      grantFrom: '2026-11',
      grantTo: '2027-03',
      documentNumber: '甲福地第4号',
    });

    const notice = await as(consultation, 'GET', `/api/subsidies/applications/${id}/notice`);
    expect(notice.statusCode).toBe(200);
    expect(notice.json()).toMatchObject({
      kind: 'approval',
      documentNumber: '甲福地第4号',
      decidedOnWareki: '令和8年11月26日',
      tenantName: expect.stringContaining('甲府市'),
      fiscalYearLabel: '令和8年度',
      grantedMonthlyYen: 3600,
      addressee: '試験 花子',
    });
    expect(notice.json().instructionText).toContain('審査請求');

    // Every step went to the outbox with the status only.
    const messages = await rows<{ template_key: string }>(
      t.db.orm,
      sql`select template_key from outbox_messages where idempotency_key like ${`subsidies.status:${id}:%`} order by created_at`,
    );
    expect(messages.map((m) => m.template_key)).toEqual([
      'subsidies.status.submitted',
      'subsidies.status.checked',
      'subsidies.status.approved',
    ]);
    const audits = await rows<{ action: string; actor_account_id: string }>(
      t.db.orm,
      sql`select action, actor_account_id from audit_events where record_id = ${id} and action like 'subsidies.application.decide%'`,
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor_account_id).toBe(consultation.body.account.id);
  });

  it('records a report over the trips, the grant or the cap as reported and covers at most that limit', async () => {
    // Each report is entered for a month of its own and rejected afterwards, so the next can reuse none.
    const enter = async (tripMonth: string, tripCount: number, claimedYen: number) => {
      const res = await as(consultation, 'POST', `/api/subsidies/applications/${id}/claims`, {
        tripMonth,
        tripCount,
        claimedYen,
      });
      expect(res.statusCode, res.body).toBe(201);
      const claim = res.json();
      const rejected = await as(finance, 'POST', `/api/subsidies/claims/${claim.id}/reject`, {
        reason: 'テストの入力を取り消します',
      });
      expect(rejected.statusCode, rejected.body).toBe(200);
      return claim;
    };
    // 2 trips × 900円 = 1,800円: a report of 2,000円 is kept, 1,800円 is covered.
    expect(await enter('2026-11', 2, 2000)).toMatchObject({ reportedYen: 2000, claimedYen: 1800 });
    // Over the granted 3,600円 a month.
    expect(await enter('2026-11', 5, 4500)).toMatchObject({ reportedYen: 4500, claimedYen: 3600 });

    // The cap is the programme's: lowered below the grant, it limits first-hand.
    const programme = (
      await as(admin, 'GET', `/api/subsidies/programmes/${DEMO_SUBSIDY_PROGRAMMES.kofu}`)
    ).json();
    const { id: _i, budget: _b, nextDocumentSerial: _n, fiscalYear: _f, ...settings } = programme;
    const lowered = await as(admin, 'PUT', `/api/subsidies/programmes/${programme.id}`, {
      ...settings,
      monthlyCapYen: 3000,
    });
    expect(lowered.statusCode, lowered.body).toBe(200);
    expect(await enter('2026-11', 4, 3600)).toMatchObject({ reportedYen: 3600, claimedYen: 3000 });
    const restored = await as(admin, 'PUT', `/api/subsidies/programmes/${programme.id}`, {
      ...settings,
      version: lowered.json().version,
    });
    expect(restored.statusCode).toBe(200);
    // A stale version is a conflict, not a silent overwrite.
    expect((await as(admin, 'PUT', `/api/subsidies/programmes/${programme.id}`, settings)).statusCode).toBe(
      409,
    );
  });

  it('refuses a claim over the remaining budget with the remaining amount', async () => {
    const programme = (
      await as(admin, 'GET', `/api/subsidies/programmes/${DEMO_SUBSIDY_PROGRAMMES.kofu}`)
    ).json();
    const { id: pid, budget, nextDocumentSerial: _n, fiscalYear: _f, ...settings } = programme;
    const committed = budget.confirmedYen + budget.pendingYen;
    const tight = await as(admin, 'PUT', `/api/subsidies/programmes/${pid}`, {
      ...settings,
      budgetYen: committed + 1000,
    });
    expect(tight.statusCode).toBe(200);
    expect(tight.json().budget.remainingYen).toBe(1000);
    const overBudget = await as(consultation, 'POST', `/api/subsidies/applications/${id}/claims`, {
      tripMonth: '2026-11',
      tripCount: 4,
      claimedYen: 3600,
    });
    expect(overBudget.statusCode).toBe(422);
    expect(overBudget.json()).toMatchObject({ limit: 'budget', limitYen: 1000 });
    expect(overBudget.json().detail).toContain('1,000円');
    const back = await as(admin, 'PUT', `/api/subsidies/programmes/${pid}`, {
      ...settings,
      version: tight.json().version,
    });
    expect(back.statusCode).toBe(200);
  });

  it('lets only one of two simultaneous claims take the last of the budget (programme row lock)', async () => {
    const programme = (
      await as(admin, 'GET', `/api/subsidies/programmes/${DEMO_SUBSIDY_PROGRAMMES.kofu}`)
    ).json();
    const { id: pid, budget, nextDocumentSerial: _n, fiscalYear: _f, ...settings } = programme;
    // Room for one claim of 960 or 1000 yen, not for both.
    const tight = await as(admin, 'PUT', `/api/subsidies/programmes/${pid}`, {
      ...settings,
      budgetYen: budget.confirmedYen + budget.pendingYen + 1500,
    });
    expect(tight.statusCode).toBe(200);
    const [a, b] = await Promise.all([
      as(
        consultation,
        'POST',
        `/api/subsidies/applications/${DEMO_SUBSIDY_APPLICATIONS.kofuApproved}/claims`,
        {
          tripMonth: '2026-11',
          tripCount: 2,
          claimedYen: 960,
        },
      ),
      as(
        consultation,
        'POST',
        `/api/subsidies/applications/${DEMO_SUBSIDY_APPLICATIONS.kofuReduced}/claims`,
        {
          tripMonth: '2026-11',
          tripCount: 1,
          claimedYen: 1000,
        },
      ),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 422]);
    const refused = a.statusCode === 422 ? a : b;
    expect(refused.json()).toMatchObject({ limit: 'budget' });
    expect(refused.json().limitYen).toBeLessThan(960);
    const after = (await as(admin, 'GET', `/api/subsidies/programmes/${pid}`)).json();
    expect(after.budget.remainingYen).toBeGreaterThanOrEqual(0);
    // Withdraw the accepted claim again so the journey below starts from the same budget.
    const accepted = a.statusCode === 201 ? a : b;
    expect(
      (await as(admin, 'POST', `/api/subsidies/claims/${accepted.json().id}/reject`, { reason: '試験' }))
        .statusCode,
    ).toBe(200);
    const back = await as(admin, 'PUT', `/api/subsidies/programmes/${pid}`, {
      ...settings,
      version: tight.json().version,
    });
    expect(back.statusCode).toBe(200);
  });

  it('confirms two monthly claims; a March trip confirmed in May belongs to the previous fiscal year', async () => {
    // The person reported 4,300円 for five trips; the grant covers 3,600円 a month.
    const november = await as(consultation, 'POST', `/api/subsidies/applications/${id}/claims`, {
      tripMonth: '2026-11',
      tripCount: 5,
      claimedYen: 4300,
    });
    expect(november.statusCode, november.body).toBe(201);
    expect(november.json()).toMatchObject({
      fiscalYear: 2026,
      status: 'submitted',
      reportedYen: 4300,
      claimedYen: 3600,
    });
    // Finance finds it in the queue of claims waiting for 額の確定, across applications.
    expect((await as(consultation, 'GET', '/api/subsidies/claims/waiting')).statusCode).toBe(403);
    const queue = await as(finance, 'GET', '/api/subsidies/claims/waiting?limit=200');
    expect(queue.statusCode, queue.body).toBe(200);
    const waiting = queue.json().items.find((c: { id: string }) => c.id === november.json().id);
    expect(waiting).toMatchObject({
      applicationId: id,
      programmeName: expect.any(String),
      applicantName: expect.any(String),
      reportedYen: 4300,
      claimedYen: 3600,
      mayConfirm: true,
    });
    expect(waiting.programmeName).not.toMatch(/^[0-9a-f-]{36}$/u);
    expect(queue.json().total).toBeGreaterThanOrEqual(1);
    const [listed] = await rows<{ n: number }>(
      t.db.orm,
      sql`select count(*)::int as n from audit_events where action = 'subsidies.claim.list'`,
    );
    expect(listed?.n).toBeGreaterThanOrEqual(1);
    // Never more than the covered amount.
    const over = await as(finance, 'POST', `/api/subsidies/claims/${november.json().id}/confirm`, {
      confirmedYen: 4300,
    });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ limit: 'claimed', limitYen: 3600 });
    // Entering claims is not confirming them: consultation staff cannot confirm.
    expect(
      (await as(consultation, 'POST', `/api/subsidies/claims/${november.json().id}/confirm`, {})).statusCode,
    ).toBe(403);
    const confirmed = await as(finance, 'POST', `/api/subsidies/claims/${november.json().id}/confirm`, {
      confirmedYen: 3400,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: 'confirmed',
      reportedYen: 4300,
      confirmedYen: 3400,
      confirmedOn: '2026-11-26',
    });
    expect(
      (await as(finance, 'GET', '/api/subsidies/claims/waiting?limit=200'))
        .json()
        .items.some((c: { id: string }) => c.id === november.json().id),
    ).toBe(false);
    const again = await as(consultation, 'POST', `/api/subsidies/applications/${id}/claims`, {
      tripMonth: '2026-11',
      tripCount: 1,
      claimedYen: 900,
    });
    expect(again.statusCode).toBe(409);

    // March 2027 trips, reported in April and confirmed on 20 May 2027 (出納整理期間).
    // Sessions follow the business clock: sign in again after moving it by months.
    const relogin = async () => {
      consultation = await login(t, 'consultation@kofu.demo.example', DEMO_PASSWORD);
      admin = await login(t, 'municipal_admin@kofu.demo.example', DEMO_PASSWORD);
    };
    t.clock.set(new Date('2027-04-06T10:00:00+09:00'));
    await relogin();
    const march = await as(consultation, 'POST', `/api/subsidies/applications/${id}/claims`, {
      tripMonth: '2027-03',
      tripCount: 3,
      claimedYen: 2700,
    });
    expect(march.statusCode, march.body).toBe(201);
    t.clock.set(new Date('2027-05-20T10:00:00+09:00'));
    await relogin();
    const inMay = await as(admin, 'POST', `/api/subsidies/claims/${march.json().id}/confirm`, {});
    expect(inMay.statusCode, inMay.body).toBe(200);
    expect(inMay.json()).toMatchObject({ fiscalYear: 2026, confirmedOn: '2027-05-20', confirmedYen: 2700 });

    // A month outside the grant (April 2027 is next year's) is refused with the period.
    const april = await as(consultation, 'POST', `/api/subsidies/applications/${id}/claims`, {
      tripMonth: '2027-04',
      tripCount: 1,
      claimedYen: 900,
    });
    expect(april.statusCode).toBe(422);
    expect(april.json()).toMatchObject({ limit: 'period', grantTo: '2027-03' });

    // After 31 May the year is closed.
    const feb = await as(consultation, 'POST', `/api/subsidies/applications/${id}/claims`, {
      tripMonth: '2027-02',
      tripCount: 1,
      claimedYen: 900,
    });
    expect(feb.statusCode).toBe(201);
    t.clock.set(new Date('2027-06-01T10:00:00+09:00'));
    await relogin();
    const late = await as(admin, 'POST', `/api/subsidies/claims/${feb.json().id}/confirm`, {});
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe('subsidy_fiscal_year_closed');
    t.clock.set(new Date('2026-11-26T10:00:00+09:00'));
    await relogin();
    kaiConsultation = await login(t, 'consultation@kai.demo.example', DEMO_PASSWORD);
  });

  it('gives the payments module the confirmed claims with bank details, and marks them paid', async () => {
    const payable = await inTransaction(t.db, { tenant: KOFU }, (tx) =>
      listPayableClaims(tx, { config: t.config }, KOFU, { fiscalYear: 2026 }),
    );
    const mine = payable.filter((p) => p.applicationId === id);
    expect(mine.map((p) => [p.tripMonth, p.fiscalYear, p.amountYen])).toEqual([
      ['2026-11', 2026, 3400],
      ['2027-03', 2026, 2700],
    ]);
    expect(mine[0]!.bank).toMatchObject({
      bankCode: '0142',
      branchCode: '101',
      accountNumber: '1234567',
      holderKana: 'ｼｹﾝ ﾊﾅｺ',
      bankKana: expect.any(String),
    });
    // Tenant isolation: 甲斐市 sees none of 甲府市's claims.
    const kai = await inTransaction(t.db, { tenant: KAI }, (tx) =>
      listPayableClaims(tx, { config: t.config }, KAI),
    );
    expect(kai.some((p) => p.applicationId === id)).toBe(false);
    const paid = await inTransaction(t.db, { tenant: KOFU }, (tx) =>
      markClaimsPaid(
        tx,
        KOFU,
        mine.map((p) => p.claimId),
        { paidOn: '2027-06-10', reference: 'batch-test' },
        new Date(),
      ),
    );
    expect(paid).toBe(2);
    await expect(
      inTransaction(t.db, { tenant: KOFU }, (tx) =>
        markClaimsPaid(
          tx,
          KOFU,
          [mine[0]!.claimId],
          { paidOn: '2027-06-10', reference: 'again' },
          new Date(),
        ),
      ),
    ).rejects.toMatchObject({ status: 409 });
  });
});

describe('staff entry at the counter', () => {
  it('takes an application with the person, in the staff member’s tenant', async () => {
    const { municipalityCode: _m, ...body } = baseApplication({ relation: 'self', person: undefined });
    const { payload, contentType } = multipart(body, [gpsReceipt()]);
    const res = await t.request({
      method: 'POST',
      url: '/api/subsidies/applications',
      payload,
      headers: { ...kaiConsultation.headers(), 'content-type': contentType },
    });
    // 甲斐市 staff cannot send someone to a 甲府市 place.
    expect(res.statusCode).toBe(422);
    const { payload: p2, contentType: c2 } = multipart(
      { ...body, destination: { kind: 'place', id: DEMO_PLACE_IDS.kaiIbasho } },
      [gpsReceipt()],
    );
    const ok = await t.request({
      method: 'POST',
      url: '/api/subsidies/applications',
      payload: p2,
      headers: { ...kaiConsultation.headers(), 'content-type': c2 },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const detail = (await as(kaiConsultation, 'GET', `/api/subsidies/applications/${ok.json().id}`)).json();
    expect(detail).toMatchObject({ enteredAtCounter: true, fiscalYear: 2026 });
    // Four eyes: who typed the application in at the counter does not decide it.
    const appId = ok.json().id;
    const checked = await as(kaiConsultation, 'POST', `/api/subsidies/applications/${appId}/check`, {
      version: 1,
      identityDocument: 'my_number_card',
      residencyMethod: 'resident_register',
    });
    expect(checked.statusCode).toBe(200);
    const own = await as(kaiConsultation, 'POST', `/api/subsidies/applications/${appId}/decision`, {
      version: 2,
      decision: 'approve',
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('subsidy_four_eyes');
    const kaiAdmin = await login(t, 'municipal_admin@kai.demo.example', DEMO_PASSWORD);
    const other = await as(kaiAdmin, 'POST', `/api/subsidies/applications/${appId}/decision`, {
      version: 2,
      decision: 'approve',
    });
    expect(other.statusCode, other.body).toBe(200);
    // Four eyes on money: the administrator enters a claim and cannot confirm it; finance can.
    const claim = await as(kaiAdmin, 'POST', `/api/subsidies/applications/${appId}/claims`, {
      tripMonth: '2026-11',
      tripCount: 1,
      claimedYen: 900,
    });
    expect(claim.statusCode, claim.body).toBe(201);
    const self = await as(kaiAdmin, 'POST', `/api/subsidies/claims/${claim.json().id}/confirm`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('subsidy_four_eyes');
    const kaiFinance = await login(t, 'finance@kai.demo.example', DEMO_PASSWORD);
    expect(
      (await as(kaiFinance, 'POST', `/api/subsidies/claims/${claim.json().id}/confirm`, {})).statusCode,
    ).toBe(200);
  });
});

describe('payment of confirmed claims (issue 9: the subsidy is a payable source)', () => {
  it('lists confirmed claims to finance, pays each once, and a returned transfer makes it payable again', async () => {
    const finance2 = await login(t, 'finance2@kofu.demo.example', DEMO_PASSWORD);
    const claimIds = (
      await rows<{ id: string }>(
        t.db.orm,
        sql`select id from subsidy_claims where municipality_code = ${KOFU} and status = 'confirmed' order by id`,
      )
    ).map((r) => r.id);
    expect(claimIds.length).toBeGreaterThanOrEqual(2);
    type Payable = { sourceKind: string; sourceId: string; description: string; amount: number };
    const payable = (await as(finance, 'GET', '/api/payments/payable')).json().items as Payable[];
    const subsidy = payable.filter((i) => i.sourceKind === 'subsidy_claim');
    expect(subsidy.map((i) => i.sourceId).sort()).toEqual(claimIds);
    // Programme and month only: no names in what finance and the accounting CSV see.
    expect(subsidy.every((i) => /^交通費補助 \d{4}年\d{1,2}月分$/u.test(i.description))).toBe(true);

    const built = await as(finance, 'POST', '/api/payments/batches', {
      transferDate: '2026-12-10',
      items: claimIds.map((sourceId) => ({ sourceKind: 'subsidy_claim', sourceId })),
    });
    expect(built.statusCode, built.body).toBe(201);
    const batchId = built.json().id as string;
    expect((await as(finance, 'POST', `/api/payments/batches/${batchId}/approve`)).statusCode).toBe(200);
    expect((await as(finance2, 'POST', `/api/payments/batches/${batchId}/export`)).statusCode).toBe(200);
    const lines = (await as(finance, 'GET', `/api/payments/batches/${batchId}`)).json().lines as Array<{
      id: string;
      sourceId: string;
    }>;
    const [first, second] = [claimIds[0]!, claimIds[1]!].map((id) => lines.find((l) => l.sourceId === id)!);
    expect(
      (
        await as(finance2, 'POST', `/api/payments/batches/${batchId}/lines/${first!.id}/result`, {
          status: 'paid',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await as(finance2, 'POST', `/api/payments/batches/${batchId}/lines/${second!.id}/result`, {
          status: 'returned',
          reason: '口座なし',
        })
      ).statusCode,
    ).toBe(200);

    const status = async (id: string) =>
      (await rows<{ status: string }>(t.db.orm, sql`select status from subsidy_claims where id = ${id}`))[0]!
        .status;
    expect(await status(claimIds[0]!)).toBe('paid');
    expect(await status(claimIds[1]!)).toBe('confirmed');
    const again = (await as(finance, 'GET', '/api/payments/payable')).json().items as Payable[];
    expect(again.filter((i) => i.sourceKind === 'subsidy_claim').map((i) => i.sourceId)).toEqual([
      claimIds[1],
    ]);

    // The ledger line of the programme: confirmed and paid are the sums of the claims' steps.
    const [ledger] = await rows<{ confirmed: number; paid: number }>(
      t.db.orm,
      sql`select coalesce(sum(amount) filter (where stage = 'confirmed'), 0)::int as confirmed,
                 coalesce(sum(amount) filter (where stage = 'paid'), 0)::int as paid
          from ledger_entries where source_kind = 'subsidy_claim' and source_id in ${claimIds}`,
    );
    const [amounts] = await rows<{ paid: number; unpaid: number }>(
      t.db.orm,
      sql`select coalesce(sum(confirmed_yen) filter (where status = 'paid'), 0)::int as paid,
                 coalesce(sum(confirmed_yen) filter (where status = 'confirmed'), 0)::int as unpaid
          from subsidy_claims where id in ${claimIds}`,
    );
    expect(ledger).toEqual({ confirmed: amounts!.unpaid, paid: amounts!.paid });
  });
});

describe('the application queue and the 額の確定 queue filter and sort on the server (issue 22)', () => {
  type Summary = { id: string; destinationName: string; receiptNumber: string; submittedAt: string };
  const pages = async <T>(session: LoggedIn, path: string, query: string): Promise<T[]> => {
    const seen: T[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(
        session,
        'GET',
        `${path}?${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    return seen;
  };
  const applications = (query: string, session = consultation) =>
    pages<Summary>(session, '/api/subsidies/applications', query);

  it('finds applications by part of the destination in either kana script or by receipt number, each once across pages', async () => {
    const all = await applications('sort=newest');
    expect(all.length).toBeGreaterThan(3);
    for (const q of ['ひだまり', 'ヒダマリ', 'ﾋﾀﾞﾏﾘ']) {
      const found = await applications(`q=${encodeURIComponent(q)}`);
      expect(found.length, q).toBeGreaterThan(0);
      expect(found.length, q).toBeLessThan(all.length);
      expect(
        found.every((a) => a.destinationName.includes('ひだまり')),
        q,
      ).toBe(true);
      expect(found.map((a) => a.id)).toEqual(
        all.filter((a) => a.destinationName.includes('ひだまり')).map((a) => a.id),
      );
    }
    const byNumber = await applications(`q=${encodeURIComponent('kf00-0003')}`);
    expect(byNumber.map((a) => a.id)).toEqual([DEMO_SUBSIDY_APPLICATIONS.kofuApproved]);
    // Two words: both must match.
    expect(await applications(`q=${encodeURIComponent('ひだまり ゆるり')}`)).toEqual([]);
    // The status filter still applies together with the words.
    const approved = await applications(`status=approved&q=${encodeURIComponent('ゆるり')}`);
    expect(approved.map((a) => a.id)).toEqual([DEMO_SUBSIDY_APPLICATIONS.kofuApproved]);
  });

  it('orders the applications the longest waiting first, by destination or by amount, each once across pages', async () => {
    const newest = await applications('sort=newest');
    const times = newest.map((a) => Date.parse(a.submittedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const oldest = await applications('sort=oldest');
    expect(oldest.map((a) => a.id)).toEqual([...newest].reverse().map((a) => a.id));
    const byDestination = await applications('sort=destination');
    expect(new Set(byDestination.map((a) => a.id))).toEqual(new Set(newest.map((a) => a.id)));
    const names = byDestination.map((a) => a.destinationName);
    expect(names).toEqual([...names].sort(new Intl.Collator('ja').compare));
    const byAmount = await pages<{ requestedMonthlyYen: number }>(
      consultation,
      '/api/subsidies/applications',
      'sort=requested',
    );
    expect(byAmount).toHaveLength(newest.length);
    const amounts = byAmount.map((a) => a.requestedMonthlyYen);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  });

  it('refuses an unknown order with a 400 problem in Japanese or English', async () => {
    const ja = await as(consultation, 'GET', '/api/subsidies/applications?sort=popular');
    expect(ja.statusCode).toBe(400);
    expect(ja.headers['content-type']).toContain('application/problem+json');
    expect(ja.json().errors[0].pointer).toContain('sort');
    const en = await t.request({
      method: 'GET',
      url: '/api/subsidies/applications?sort=popular',
      headers: { ...consultation.headers(), 'accept-language': 'en' },
    });
    expect(en.statusCode).toBe(400);
    expect(en.headers['content-type']).toContain('application/problem+json');
    expect(en.json().title).not.toBe(ja.json().title);
    const claims = await as(finance, 'GET', '/api/subsidies/claims/waiting?sort=popular');
    expect(claims.statusCode).toBe(400);
    expect(claims.headers['content-type']).toContain('application/problem+json');
  });

  it('keeps each town to its own applications whatever the words', async () => {
    const kai = await applications(`q=${encodeURIComponent('居場所')}`, kaiConsultation);
    expect(kai.length).toBeGreaterThan(0);
    expect(kai.every((a) => !a.receiptNumber.startsWith('DEM0-KF'))).toBe(true);
    expect(await applications(`q=${encodeURIComponent('ひだまり')}`, kaiConsultation)).toEqual([]);
  });

  it('finds the claims waiting for 額の確定 by applicant or programme and orders them by month, name or amount', async () => {
    for (const [applicationId, tripCount, claimedYen] of [
      [DEMO_SUBSIDY_APPLICATIONS.kofuApproved, 2, 900],
      [DEMO_SUBSIDY_APPLICATIONS.kofuReduced, 4, 1800],
    ] as const) {
      const res = await as(consultation, 'POST', `/api/subsidies/applications/${applicationId}/claims`, {
        tripMonth: '2026-11',
        tripCount,
        claimedYen,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    type Waiting = {
      id: string;
      applicationId: string;
      applicantName: string;
      tripMonth: string;
      claimedYen: number;
      enteredAt: string;
    };
    const waiting = (query: string) => pages<Waiting>(finance, '/api/subsidies/claims/waiting', query);
    const entered = await waiting('sort=entered');
    expect(entered.length).toBeGreaterThanOrEqual(2);
    const times = entered.map((c) => Date.parse(c.enteredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const fuefuki = await waiting(`q=${encodeURIComponent('笛吹')}`);
    expect(fuefuki.length).toBeGreaterThan(0);
    expect(fuefuki.length).toBeLessThan(entered.length);
    expect(fuefuki.every((c) => c.applicantName.includes('笛吹'))).toBe(true);
    expect(fuefuki.some((c) => c.applicationId === DEMO_SUBSIDY_APPLICATIONS.kofuApproved)).toBe(true);
    expect(await waiting(`q=${encodeURIComponent('該当しない名前')}`)).toEqual([]);

    const byAmount = await waiting('sort=amount');
    expect(byAmount).toHaveLength(entered.length);
    const amounts = byAmount.map((c) => c.claimedYen);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const byName = await waiting('sort=applicant');
    const names = byName.map((c) => c.applicantName);
    expect(names).toEqual([...names].sort(new Intl.Collator('ja').compare));
    const byMonth = await waiting('sort=month');
    const months = byMonth.map((c) => c.tripMonth);
    expect(months).toEqual([...months].sort());
    expect(new Set(byMonth.map((c) => c.id))).toEqual(new Set(entered.map((c) => c.id)));

    // Another town's finance sees none of these, whatever the words or order.
    const kaiFinance = await login(t, 'finance@kai.demo.example', DEMO_PASSWORD);
    const kofuIds = new Set(entered.map((c) => c.id));
    for (const query of [`q=${encodeURIComponent('笛吹')}`, 'sort=amount', 'sort=entered']) {
      const kai = await pages<Waiting>(kaiFinance, '/api/subsidies/claims/waiting', query);
      expect(
        kai.some((c) => kofuIds.has(c.id)),
        query,
      ).toBe(false);
    }
    expect(
      await pages<Waiting>(kaiFinance, '/api/subsidies/claims/waiting', `q=${encodeURIComponent('笛吹')}`),
    ).toEqual([]);
  });
});
