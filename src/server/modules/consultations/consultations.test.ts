import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';
import { deliverOutbox } from '../../platform/outbox/outbox.service.ts';
import type { MailMessage } from '../../platform/outbox/smtp.ts';
import { DEMO_CONSULTATION_IDS, DEMO_REPLY_CODES } from './consultations.demo.ts';

const KOFU = '192015';
const KAI = '192104';
let t: TestApp;
let staff: LoggedIn;
let kaiStaff: LoggedIn;
let address = 0;
/** Each public request from its own address, except where the rate limit itself is tested. */
const nextAddress = () => `127.60.${Math.floor(++address / 250) % 250}.${(address % 250) + 1}`;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [staff, kaiStaff] = await loginDemoStaff(t, ['consultation@kofu', 'consultation@kai']);
});
afterAll(async () => {
  await t?.close();
});

const submit = (payload: unknown, headers: Record<string, string> = {}, remoteAddress = nextAddress()) =>
  t.request({
    method: 'POST',
    url: '/api/public/consultations',
    payload: payload as object,
    headers,
    remoteAddress,
  });
const read = (municipalityCode: string, replyCode: string, remoteAddress = nextAddress()) =>
  t.request({
    method: 'POST',
    url: '/api/public/consultations/read',
    payload: { municipalityCode, replyCode },
    remoteAddress,
  });

describe('anonymous consultation (public)', () => {
  it('takes a message with no account and returns a reply code once, with no-store', async () => {
    const res = await submit({
      municipalityCode: KOFU,
      writer: 'family',
      message: '息子のことで相談したいです。',
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.replyCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(body).toEqual({
      replyCode: body.replyCode,
      municipalityCode: KOFU,
      receivedAt: expect.any(String),
      codeEmailed: false,
    });
    // Reading back with the code, in any case and spacing.
    const view = await read(KOFU, body.replyCode.toLowerCase().replaceAll('-', ' '));
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      waitingForReply: true,
      messages: [{ from: 'you', text: '息子のことで相談したいです。' }],
    });
  });

  it('stores only a hash of the code and the message encrypted', async () => {
    const res = await submit({ municipalityCode: KOFU, message: '誰にも言えない秘密の相談です' });
    const code: string = res.json().replyCode;
    const dump = await asSystem(t.db, (tx) =>
      rows<{ row: string }>(
        tx,
        sql`select row_to_json(c)::text as row from consultations c
            union all select row_to_json(m)::text from consultation_messages m`,
      ),
    );
    const all = dump.map((r) => r.row).join('\n');
    expect(all).not.toContain('秘密の相談');
    expect(all).not.toContain(code);
    expect(all).not.toContain(code.replaceAll('-', ''));
  });

  it('answers every miss the same way: wrong code, another municipality, nonsense', async () => {
    const res = await submit({ municipalityCode: KOFU, message: 'テスト' });
    const code: string = res.json().replyCode;
    const misses = [
      await read(KOFU, '0000-0000-0000-0009'),
      await read(KAI, code),
      await read(KOFU, 'nonsense'),
    ];
    for (const miss of misses) {
      expect(miss.statusCode).toBe(404);
      expect(miss.json()).toMatchObject({ code: 'consultation_not_found', title: '相談が見つかりません' });
    }
    expect(new Set(misses.map((m) => m.json().detail)).size).toBe(1);
  });

  it('is idempotent: the same Idempotency-Key returns the same reply code and makes one record', async () => {
    const before = await countConsultations();
    const payload = { municipalityCode: KOFU, message: '二重送信のテスト' };
    const headers = { 'idempotency-key': 'consult-retry-0001' };
    const first = await submit(payload, headers);
    const again = await submit(payload, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().replyCode).toBe(first.json().replyCode);
    expect(await countConsultations()).toBe(before + 1);
    const other = await submit({ ...payload, message: '別の内容' }, headers);
    expect(other.statusCode).toBe(422);
  });

  it('rate-limits reading by code (10 a minute per address)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await read(KOFU, '0000-0000-0000-0009', '127.61.0.1')).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('refuses empty messages, unknown fields and municipalities that do not use the system', async () => {
    expect((await submit({ municipalityCode: KOFU, message: '   ' })).statusCode).toBe(400);
    expect((await submit({ municipalityCode: KOFU, message: 'a', name: '山田' })).statusCode).toBe(400);
    expect((await submit({ municipalityCode: '131016', message: 'a' })).statusCode).toBe(404);
  });

  it('alerts staff without content: a console link only', async () => {
    const res = await submit({ municipalityCode: KOFU, message: 'アラートに出てはいけない本文' });
    expect(res.statusCode).toBe(201);
    const admin = await login(t, 'municipal_admin@kofu.demo.example', DEMO_PASSWORD);
    const outbox = await t.request({
      method: 'GET',
      url: '/api/admin/outbox?limit=200',
      headers: admin.headers(),
    });
    const messages = (
      outbox.json().items as { subject: string; body: string; recipient: string; templateKey: string }[]
    ).filter((m) => m.templateKey === 'consultation.received');
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) {
      expect(`${m.subject}${m.body}`).not.toContain('アラートに出てはいけない本文');
      expect(m.body).toMatch(/\/console\/consultations\/[0-9a-f-]{36}/);
    }
    expect(messages.some((m) => m.recipient === 'consultation@kofu.demo.example')).toBe(true);
  });
});

describe('the 受付番号 by e-mail, the address used once (issue 21 item 9, decision 0025)', () => {
  const CODE_TEMPLATE = 'consultations.receipt-code';
  type OutboxItem = {
    id: string;
    templateKey: string;
    recipient: string | null;
    subject: string | null;
    body: string | null;
    status: string;
    eraseAfterSending: boolean;
    erasedAt: string | null;
  };
  const outboxItems = async (): Promise<OutboxItem[]> => {
    const admin = await login(t, 'municipal_admin@kofu.demo.example', DEMO_PASSWORD);
    const res = await t.request({
      method: 'GET',
      url: '/api/admin/outbox?limit=200',
      headers: admin.headers(),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as OutboxItem[];
  };
  const codeNotices = async () => {
    const [row] = await asSystem(t.db, (tx) =>
      rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from outbox_messages where template_key = ${CODE_TEMPLATE}`,
      ),
    );
    return row!.n;
  };
  /** Every stored row of the consultation tables, the idempotency answers and the audit log, as text. */
  const dumpOfTables = async () => {
    const found = await asSystem(t.db, (tx) =>
      rows<{ row: string }>(
        tx,
        sql`select row_to_json(c)::text as row from consultations c
            union all select row_to_json(m)::text from consultation_messages m
            union all select row_to_json(k)::text from idempotency_keys k
            union all select row_to_json(a)::text from audit_events a`,
      ),
    );
    return found.map((r) => r.row).join('\n');
  };

  it('opt-in with an address: one outbox notice with the code and the reply page; the address is nowhere else', async () => {
    const before = await codeNotices();
    const res = await submit(
      {
        municipalityCode: KOFU,
        message: 'メールで番号を受け取りたいです',
        sendCodeByEmail: true,
        email: 'Kaeru.Once@Example.jp',
      },
      { 'idempotency-key': 'consult-mail-0001' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const { replyCode, codeEmailed } = res.json();
    expect(codeEmailed).toBe(true);
    expect(await codeNotices()).toBe(before + 1);
    const mine = (await outboxItems()).filter(
      (m) => m.templateKey === CODE_TEMPLATE && m.body?.includes(replyCode),
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      recipient: 'Kaeru.Once@Example.jp',
      subject: '【つながり】相談の受付番号',
      status: 'pending',
      eraseAfterSending: true,
      erasedAt: null,
    });
    expect(mine[0]!.body).toContain(`受付番号: ${replyCode}`);
    expect(mine[0]!.body).toContain(`${t.config.publicUrl}/m/${KOFU}/consultation/reply`);
    // The consultation, its messages, the stored idempotent answer and the audit log hold no trace of it.
    const dump = (await dumpOfTables()).toLowerCase();
    expect(dump).toContain('consultations.consultation.create'); // the audit rows are in the dump
    expect(dump).not.toContain('kaeru.once');
    expect(dump).not.toContain('example.jp');
    // A retry with the same key is answered from the stored answer; another address is another request.
    const again = await submit(
      {
        municipalityCode: KOFU,
        message: 'メールで番号を受け取りたいです',
        sendCodeByEmail: true,
        email: 'Kaeru.Once@Example.jp',
      },
      { 'idempotency-key': 'consult-mail-0001' },
    );
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toMatchObject({ replyCode, codeEmailed: true });
    const otherAddress = await submit(
      {
        municipalityCode: KOFU,
        message: 'メールで番号を受け取りたいです',
        sendCodeByEmail: true,
        email: 'someone.else@example.jp',
      },
      { 'idempotency-key': 'consult-mail-0001' },
    );
    expect(otherAddress.statusCode).toBe(422);
    expect(await codeNotices()).toBe(before + 1);
  });

  it('the idempotency record holds no plain hash of a body with the address (it could be matched to a guess)', async () => {
    const plainHash = (body: object) =>
      createHash('sha256')
        .update('POST /api/public/consultations\n')
        .update(JSON.stringify(body))
        .digest('hex');
    const body = (email?: string) => ({
      municipalityCode: KOFU,
      writer: 'unspecified',
      message: 'ハッシュの確認',
      easyJapanese: false,
      sendCodeByEmail: email !== undefined,
      ...(email ? { email } : {}),
    });
    const storedHash = async (key: string) => {
      const [row] = await asSystem(t.db, (tx) =>
        rows<{ request_hash: string }>(tx, sql`select request_hash from idempotency_keys where key = ${key}`),
      );
      return row!.request_hash;
    };
    // Without an address the hash is the plain one (so the computation above is the route's)…
    await submit(body(), { 'idempotency-key': 'consult-hash-plain' });
    expect(await storedHash('consult-hash-plain')).toBe(plainHash(body()));
    // …with one, it is not: the address is replaced by a keyed digest first.
    await submit(body('guess-me@example.jp'), { 'idempotency-key': 'consult-hash-mail' });
    expect(await storedHash('consult-hash-mail')).not.toBe(plainHash(body('guess-me@example.jp')));
  });

  it('once delivered, the stored notice keeps neither the address nor the code', async () => {
    const res = await submit({
      municipalityCode: KOFU,
      message: '届いたら消えることを確かめる',
      sendCodeByEmail: true,
      email: 'erase-me@example.jp',
      easyJapanese: true,
    });
    const { replyCode } = res.json();
    const [notice] = (await outboxItems()).filter((m) => m.recipient === 'erase-me@example.jp');
    // The person asked for やさしい日本語: the notice is written in it.
    expect(notice!.body).toContain('この 番号が ないと 返事を 読めません');
    const sent: MailMessage[] = [];
    await deliverOutbox(
      { db: t.db, config: t.config },
      { transport: { send: async (m) => void sent.push(m) }, limit: 1000 },
    );
    const mail = sent.find((m) => m.to === 'erase-me@example.jp');
    expect(mail?.text).toContain(replyCode);
    const after = (await outboxItems()).find((m) => m.id === notice!.id);
    expect(after).toMatchObject({
      status: 'sent',
      recipient: null,
      subject: null,
      body: null,
      erasedAt: expect.any(String),
    });
    const [stored] = await asSystem(t.db, (tx) =>
      rows<{ row: string }>(
        tx,
        sql`select row_to_json(o)::text as row from outbox_messages o where id = ${notice!.id}`,
      ),
    );
    expect(stored!.row).toContain('"recipient":null');
    expect(stored!.row).toContain('"body":null');
    expect(stored!.row).toContain('"status":"sent"');
  });

  it('no notice without the opt-in, or without an address', async () => {
    const before = await codeNotices();
    const notAsked = await submit({ municipalityCode: KOFU, message: 'a', email: 'quiet@example.jp' });
    expect(notAsked.statusCode).toBe(201);
    expect(notAsked.json().codeEmailed).toBe(false);
    for (const email of [undefined, '', '   ']) {
      const noAddress = await submit({ municipalityCode: KOFU, message: 'a', sendCodeByEmail: true, email });
      expect(noAddress.statusCode).toBe(201);
      expect(noAddress.json().codeEmailed).toBe(false);
    }
    expect(await codeNotices()).toBe(before);
    expect((await dumpOfTables()).toLowerCase()).not.toContain('quiet@');
  });

  it('takes an address typed in full-width characters', async () => {
    const res = await submit({
      municipalityCode: KOFU,
      message: 'a',
      sendCodeByEmail: true,
      email: 'ｚｅｎｋａｋｕ＠ｅｘａｍｐｌｅ．ｊｐ',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await outboxItems()).some((m) => m.recipient === 'zenkaku@example.jp')).toBe(true);
  });

  it('an invalid address: 400 naming the field in Japanese and English, and nothing written', async () => {
    const consultationsBefore = await countConsultations();
    const noticesBefore = await codeNotices();
    for (const email of ['kaeru', 'kaeru@', 'kaeru@example', 'ka eru@example.jp', 'a@b.jp\r\nBcc: x@y.jp']) {
      const payload = { municipalityCode: KOFU, message: '書いた内容', sendCodeByEmail: true, email };
      const ja = await submit(payload);
      expect(ja.statusCode, email).toBe(400);
      expect(ja.json().errors).toEqual([
        { pointer: '/body/email', message: 'メールアドレスの形式が正しくありません（例：name@example.jp）' },
      ]);
      const en = await submit(payload, { 'accept-language': 'en' });
      expect(en.json().errors).toEqual([
        { pointer: '/body/email', message: 'Not a valid e-mail address (e.g. name@example.jp)' },
      ]);
    }
    expect(await countConsultations()).toBe(consultationsBefore);
    expect(await codeNotices()).toBe(noticesBefore);
  });
});

describe('staff queue', () => {
  it('401 without a session, 403 for roles that do not answer consultations', async () => {
    expect((await t.request({ method: 'GET', url: '/api/consultations' })).statusCode).toBe(401);
    const labour = await login(t, 'labour@kofu.demo.example', DEMO_PASSWORD);
    expect(
      (await t.request({ method: 'GET', url: '/api/consultations', headers: labour.headers() })).statusCode,
    ).toBe(403);
    const admin = await login(t, 'municipal_admin@kofu.demo.example', DEMO_PASSWORD);
    expect(
      (await t.request({ method: 'GET', url: '/api/consultations', headers: admin.headers() })).statusCode,
    ).toBe(403);
  });

  it('lists the unanswered first with how long they have waited; no content in the list', async () => {
    const res = await t.request({ method: 'GET', url: '/api/consultations', headers: staff.headers() });
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.length).toBeGreaterThan(0);
    expect(items[0].awaitingReplySince <= items.at(-1).awaitingReplySince).toBe(true);
    expect(items.find((i: { id: string }) => i.id === DEMO_CONSULTATION_IDS.waiting)).toMatchObject({
      unansweredHours: 20,
    });
    expect(JSON.stringify(items)).not.toContain('こわい');
  });

  it('sorts either way round, with pages that follow the chosen order; an unknown sort is a field error', async () => {
    const queue = async (query: string) => {
      const seen: { id: string; awaitingReplySince: string; lastMessageAt: string }[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.request({
          method: 'GET',
          url: `/api/consultations?${query}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          headers: staff.headers(),
        });
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json();
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    const oldest = await queue('filter=awaiting');
    const newest = await queue('filter=awaiting&sort=newest');
    expect(oldest.length).toBeGreaterThan(1);
    expect(newest.map((i) => i.id)).toEqual([...oldest].reverse().map((i) => i.id));
    const allNewest = await queue('filter=all');
    const allOldest = await queue('filter=all&sort=oldest');
    expect(allOldest.map((i) => i.id)).toEqual([...allNewest].reverse().map((i) => i.id));
    const times = allOldest.map((i) => i.lastMessageAt);
    expect(times).toEqual([...times].sort());
    const bad = await t.request({
      method: 'GET',
      url: '/api/consultations?sort=employment',
      headers: staff.headers(),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('reply → the writer reads it with the code → writes again → it waits for a reply again', async () => {
    const reply = await t.request({
      method: 'POST',
      url: `/api/consultations/${DEMO_CONSULTATION_IDS.waiting}/replies`,
      headers: staff.headers(),
      payload: { message: '書いてくれて、ありがとうございます。' },
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().consultation.awaitingReplySince).toBeNull();
    const view = (await read(KOFU, DEMO_REPLY_CODES.waiting)).json();
    expect(view.waitingForReply).toBe(false);
    expect(view.messages.at(-1)).toMatchObject({
      from: 'staff',
      text: '書いてくれて、ありがとうございます。',
    });
    const again = await t.request({
      method: 'POST',
      url: '/api/public/consultations/messages',
      payload: { municipalityCode: KOFU, replyCode: DEMO_REPLY_CODES.waiting, message: 'また書きます' },
      remoteAddress: nextAddress(),
    });
    expect(again.statusCode).toBe(201);
    const detail = await t.request({
      method: 'GET',
      url: `/api/consultations/${DEMO_CONSULTATION_IDS.waiting}`,
      headers: staff.headers(),
    });
    expect(detail.json().messages.map((m: { author: string }) => m.author)).toEqual([
      'writer',
      'staff',
      'writer',
    ]);
    expect(detail.json().awaitingReplySince).not.toBeNull();
  });

  it('closes with the version; a stale version answers 409 with both', async () => {
    const detail = (
      await t.request({
        method: 'GET',
        url: `/api/consultations/${DEMO_CONSULTATION_IDS.answered}`,
        headers: staff.headers(),
      })
    ).json();
    const stale = await t.request({
      method: 'POST',
      url: `/api/consultations/${DEMO_CONSULTATION_IDS.answered}/close`,
      headers: staff.headers(),
      payload: { version: detail.version + 5, reason: '連絡が途絶えたため' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      current: { version: detail.version },
      yours: { version: detail.version + 5 },
    });
    // A reason is required (400 naming it), and nothing changes without one.
    const noReason = await t.request({
      method: 'POST',
      url: `/api/consultations/${DEMO_CONSULTATION_IDS.answered}/close`,
      headers: staff.headers(),
      payload: { version: detail.version, reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].pointer).toBe('/body/reason');
    const ok = await t.request({
      method: 'POST',
      url: `/api/consultations/${DEMO_CONSULTATION_IDS.answered}/close`,
      headers: staff.headers(),
      payload: { version: detail.version, reason: '支援記録に移行したため' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'closed', version: detail.version + 1 });
    // Staff read the reason; the closing is in the audit log.
    const after = await t.request({
      method: 'GET',
      url: `/api/consultations/${DEMO_CONSULTATION_IDS.answered}`,
      headers: staff.headers(),
    });
    expect(after.json()).toMatchObject({ status: 'closed', closeReason: '支援記録に移行したため' });
    // The writer sees it closed on the public side, without the staff's reason.
    const publicView = await read(KOFU, DEMO_REPLY_CODES.answered);
    expect(publicView.statusCode).toBe(200);
    expect(publicView.json().closed).toBe(true);
    expect(publicView.body).not.toContain('支援記録に移行したため');
    const admin = await login(t, 'municipal_admin@kofu.demo.example', DEMO_PASSWORD);
    const audit = await t.request({
      method: 'GET',
      url: `/api/admin/audit?action=consultations.consultation.close&recordId=${DEMO_CONSULTATION_IDS.answered}`,
      headers: admin.headers(),
    });
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items.length).toBeGreaterThan(0);
  });

  it('another municipality’s staff get 404 for 甲府市 consultations; every staff read is audited', async () => {
    for (const url of [`/api/consultations/${DEMO_CONSULTATION_IDS.answered}`]) {
      expect((await t.request({ method: 'GET', url, headers: kaiStaff.headers() })).statusCode).toBe(404);
    }
    const replies = await t.request({
      method: 'POST',
      url: `/api/consultations/${DEMO_CONSULTATION_IDS.answered}/replies`,
      headers: kaiStaff.headers(),
      payload: { message: 'x' },
    });
    expect(replies.statusCode).toBe(404);
    const audit = await asSystem(t.db, (tx) =>
      rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_events where action = 'consultations.consultation.read'
            and record_id = ${DEMO_CONSULTATION_IDS.answered}`,
      ),
    );
    expect(audit[0]!.n).toBeGreaterThan(0);
  });
});

async function countConsultations(): Promise<number> {
  const [row] = await asSystem(t.db, (tx) =>
    rows<{ n: number }>(tx, sql`select count(*)::int as n from consultations`),
  );
  return row!.n;
}
