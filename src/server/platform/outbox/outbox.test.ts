import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../../../test/helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/database.ts';
import { settableClock } from '../clock.ts';
import { rows } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { asSystem, inTransaction } from '../db/tenant.ts';
import { requestOutboxDelivery } from './outbox.jobs.ts';
import { OutboxListResponse } from './outbox.schema.ts';
import {
  deliverOutbox,
  type EnqueueInput,
  enqueueMessage,
  eraseHeldOutbox,
  listOutbox,
  type MailTransport,
  OUTBOX_MAX_ATTEMPTS,
  OutboxInputError,
  purgeOutbox,
} from './outbox.service.ts';
import type { MailMessage } from './smtp.ts';
import { SmtpError } from './smtp.ts';
import { parseReceivedMail, startTestSmtpServer } from './smtp-test-server.ts';

const KOFU = '192015';
const KAI = '192104';
const DAY = 24 * 60 * 60 * 1000;

let testDb: TestDatabase;
const config = testConfig({ publicUrl: 'https://tsunagari.city.example.jp' });
const clock = settableClock(new Date('2026-11-26T10:00:00+09:00'));
const ctx = () => ({ db: testDb.db, config, clock });

beforeAll(async () => {
  testDb = await createTestDatabase();
  await migrateDatabase(testDb.db);
});
afterAll(async () => {
  await testDb?.drop();
});
beforeEach(async () => {
  await asSystem(testDb.db, (tx) => tx.execute(sql`delete from outbox_messages`));
  clock.set(new Date('2026-11-26T10:00:00+09:00'));
});

const staffAlert = (
  overrides: Partial<Extract<EnqueueInput, { kind: 'staff_alert' }>> = {},
): EnqueueInput => ({
  kind: 'staff_alert',
  municipalityCode: KOFU,
  recipient: 'oncall@kofu.example.jp',
  templateKey: 'consultation.received',
  linkPath: '/console/support/consultations/3f1c2b9e-0d7a-4c1e-9a43-5a8f0c7d2e11',
  idempotencyKey: 'consultation.received:3f1c2b9e',
  ...overrides,
});

const notice = (overrides: Partial<Extract<EnqueueInput, { kind: 'notice' }>> = {}): EnqueueInput => ({
  kind: 'notice',
  municipalityCode: KOFU,
  recipient: 'person@example.jp',
  templateKey: 'events.reminder',
  subject: '【つながり】明日の催しのお知らせ',
  body: '明日 10:00 から 居場所カフェ が開かれます。',
  idempotencyKey: 'events.reminder:e1:r1',
  ...overrides,
});

const enqueue = (tenant: string | null, input: EnqueueInput) =>
  inTransaction(testDb.db, { tenant }, (tx) => enqueueMessage(tx, { clock, config }, input));

const list = (tenant: string | null, limit = 50, cursor?: string) =>
  inTransaction(testDb.db, { tenant }, (tx) => listOutbox(tx, { config }, { limit, cursor }));

describe('staff alerts carry no case content', () => {
  it('builds the text itself from the template and a console link', async () => {
    await enqueue(KOFU, staffAlert());
    const { items } = await list(KOFU);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'staff_alert',
      subject: '【つながり】新しい相談が届きました',
      status: 'pending',
      recipient: 'oncall@kofu.example.jp',
    });
    expect(items[0]!.body).toContain(
      '新しい相談が届きました。内容はシステムで確認してください: https://tsunagari.city.example.jp/console/support/consultations/3f1c2b9e-0d7a-4c1e-9a43-5a8f0c7d2e11',
    );
  });

  it('refuses a subject, a body or any other extra field', async () => {
    for (const extra of [
      { body: '息子が部屋から出てきません' },
      { subject: '相談: 山田' },
      { note: '詳細' },
    ]) {
      const input = { ...staffAlert(), ...extra } as unknown as EnqueueInput;
      const error = await enqueue(KOFU, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutboxInputError);
      // The refusal names the field, never the value.
      expect((error as Error).message).toContain(Object.keys(extra)[0]!);
      expect((error as Error).message).not.toContain(Object.values(extra)[0]!);
    }
    expect((await list(KOFU)).total).toBe(0);
  });

  it('refuses links that could carry text, and unknown templates', async () => {
    for (const linkPath of [
      '/console/cases/1?note=部屋から出ない',
      '/console/cases/%E7%9B%B8%E8%AB%87',
      '/console/相談',
      'https://evil.example/console/x',
      '/console/cases/1#x',
    ]) {
      await expect(enqueue(KOFU, staffAlert({ linkPath }))).rejects.toBeInstanceOf(OutboxInputError);
    }
    await expect(enqueue(KOFU, staffAlert({ templateKey: 'no.such.alert' }))).rejects.toBeInstanceOf(
      OutboxInputError,
    );
  });
});

describe('enqueueMessage', () => {
  it('stores recipient, subject and body encrypted', async () => {
    const { id } = await enqueue(KOFU, notice());
    const [raw] = await asSystem(testDb.db, (tx) =>
      rows<{ recipient: string; subject: string; body: string }>(
        tx,
        sql`select recipient, subject, body from outbox_messages where id = ${id}`,
      ),
    );
    expect(raw!.recipient).toMatch(/^v1\./);
    expect(raw!.recipient).not.toContain('person@example.jp');
    expect(raw!.subject).not.toContain('お知らせ');
    expect(raw!.body).not.toContain('居場所');
  });

  it('is idempotent per tenant: the same key returns the same message', async () => {
    const first = await enqueue(KOFU, notice());
    const again = await enqueue(KOFU, notice({ body: '別の本文' }));
    expect(again).toEqual({ id: first.id, created: false });
    const otherTenant = await enqueue(KAI, notice({ municipalityCode: KAI }));
    expect(otherTenant.created).toBe(true);
    const national = await enqueue(null, notice({ municipalityCode: null }));
    const nationalAgain = await enqueue(null, notice({ municipalityCode: null }));
    expect(nationalAgain).toEqual({ id: national.id, created: false });
  });

  it('takes created_at from the business clock', async () => {
    clock.set(new Date('2027-03-31T23:59:00+09:00'));
    await enqueue(KOFU, notice());
    expect((await list(KOFU)).items[0]!.createdAt).toBe('2027-03-31T14:59:00.000Z');
  });

  it('sends nothing when the transaction rolls back', async () => {
    await inTransaction(testDb.db, { tenant: KOFU }, async (tx) => {
      await enqueueMessage(tx, { clock, config }, notice());
      tx.rollback();
    }).catch(() => {});
    expect((await list(KOFU)).total).toBe(0);
  });
});

describe('row-level security', () => {
  it('shows a tenant its own messages only, and national messages only without a tenant', async () => {
    await enqueue(KOFU, notice({ idempotencyKey: 'k1' }));
    await enqueue(KAI, notice({ municipalityCode: KAI, idempotencyKey: 'k2' }));
    await enqueue(null, notice({ municipalityCode: null, idempotencyKey: 'k3' }));
    expect((await list(KOFU)).items.map((i) => i.municipalityCode)).toEqual([KOFU]);
    expect((await list(KAI)).items.map((i) => i.municipalityCode)).toEqual([KAI]);
    expect((await list(null)).items.map((i) => i.municipalityCode)).toEqual([null]);
  });

  it('refuses writing a message for another tenant', async () => {
    await expect(enqueue(KOFU, notice({ municipalityCode: KAI }))).rejects.toThrow();
    await expect(enqueue(KOFU, notice({ municipalityCode: null }))).rejects.toThrow();
  });
});

describe('listOutbox', () => {
  it('pages newest first with the Contract list shape', async () => {
    for (let i = 0; i < 3; i++) {
      clock.advance(60_000);
      await enqueue(KOFU, notice({ idempotencyKey: `k${i}`, subject: `件名 ${i}` }));
    }
    const first = OutboxListResponse.parse(await list(KOFU, 2));
    expect(first.total).toBe(3);
    expect(first.items.map((i) => i.subject)).toEqual(['件名 2', '件名 1']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(KOFU, 2, first.nextCursor!);
    expect(second.items.map((i) => i.subject)).toEqual(['件名 0']);
    expect(second.nextCursor).toBeNull();
    await expect(list(KOFU, 2, 'not-a-cursor')).rejects.toMatchObject({ status: 400 });
  });
});

describe('deliverOutbox', () => {
  const status = async () =>
    asSystem(testDb.db, (tx) =>
      rows<{ status: string; attempts: number; last_error: string | null; next_attempt_at: Date | null }>(
        tx,
        sql`select status, attempts, last_error, next_attempt_at from outbox_messages order by created_at`,
      ),
    );

  it('holds messages when no SMTP server is configured', async () => {
    await enqueue(KOFU, staffAlert());
    const report = await deliverOutbox(ctx(), { transport: null });
    expect(report).toMatchObject({ held: 1, sent: 0 });
    expect((await list(KOFU)).items[0]!.status).toBe('held');
    // Held is final: another sweep does not send or count it again.
    expect((await deliverOutbox(ctx(), { transport: null })).held).toBe(0);
  });

  it('sends through SMTP_URL to the in-test SMTP server, with the Japanese text intact', async () => {
    const server = await startTestSmtpServer();
    try {
      const smtpConfig = {
        ...config,
        smtpUrl: `smtp://127.0.0.1:${server.port}?from=noreply%40kofu.example.jp`,
      };
      await enqueue(KOFU, staffAlert());
      const report = await deliverOutbox({ db: testDb.db, config: smtpConfig });
      expect(report).toMatchObject({ sent: 1, failed: 0, retrying: 0 });
      expect(server.received).toHaveLength(1);
      expect(server.received[0]).toMatchObject({
        from: 'noreply@kofu.example.jp',
        to: ['oncall@kofu.example.jp'],
      });
      const mail = parseReceivedMail(server.received[0]!.data);
      expect(mail.subject).toBe('【つながり】新しい相談が届きました');
      expect(mail.text).toContain('新しい相談が届きました。内容はシステムで確認してください: https://');
      const [item] = (await list(KOFU)).items;
      expect(item).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
      expect(item!.sentAt).toEqual(expect.any(String));
      // Sent once: a second sweep finds nothing to do.
      expect((await deliverOutbox({ db: testDb.db, config: smtpConfig })).sent).toBe(0);
      expect(server.received).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('retries temporary failures later and gives up after the last attempt', async () => {
    const failing: MailTransport = {
      send: async () => {
        throw new SmtpError('smtp_mail_451', false);
      },
    };
    await enqueue(KOFU, notice());
    expect(await deliverOutbox(ctx(), { transport: failing })).toMatchObject({ retrying: 1 });
    let [row] = await status();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'smtp_mail_451' });
    expect(row!.next_attempt_at).not.toBeNull();
    // Not due again until the backoff has passed.
    expect(await deliverOutbox(ctx(), { transport: failing })).toMatchObject({ retrying: 0, failed: 0 });
    for (let attempt = 2; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
      await asSystem(testDb.db, (tx) =>
        tx.execute(sql`update outbox_messages set next_attempt_at = now() - interval '1 second'`),
      );
      await deliverOutbox(ctx(), { transport: failing });
    }
    [row] = await status();
    expect(row).toMatchObject({ status: 'failed', attempts: OUTBOX_MAX_ATTEMPTS });
  });

  it('fails a refused recipient at once, recording a code only', async () => {
    const refusing: MailTransport = {
      send: async () => {
        throw new SmtpError('smtp_rcpt_550', true);
      },
    };
    await enqueue(KOFU, notice());
    expect(await deliverOutbox(ctx(), { transport: refusing })).toMatchObject({ failed: 1 });
    expect((await status())[0]).toMatchObject({ status: 'failed', attempts: 1, last_error: 'smtp_rcpt_550' });
  });

  it('takes over a claim left by a deliverer that died', async () => {
    const sent: MailMessage[] = [];
    await enqueue(KOFU, notice());
    await asSystem(testDb.db, (tx) =>
      tx.execute(
        sql`update outbox_messages set status = 'sending', attempts = 1, locked_until = now() - interval '1 minute'`,
      ),
    );
    await deliverOutbox(ctx(), { transport: { send: async (m) => void sent.push(m) } });
    expect(sent.map((m) => m.to)).toEqual(['person@example.jp']);
    expect((await status())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('requestOutboxDelivery does nothing where no queue runs', async () => {
    await expect(requestOutboxDelivery()).resolves.toBeUndefined();
  });
});

describe('erase after sending (decision 0025)', () => {
  const codeNotice = (overrides: Partial<Extract<EnqueueInput, { kind: 'notice' }>> = {}) =>
    notice({
      recipient: 'once-only@example.jp',
      templateKey: 'consultations.receipt-code',
      subject: '【つながり】相談の受付番号',
      body: '受付番号: ABCD-EFGH-JKMN-PQRS',
      idempotencyKey: 'consultations.receipt-code:c1',
      eraseAfterSending: true,
      ...overrides,
    });
  const raw = async (id: string) => {
    const [row] = await asSystem(testDb.db, (tx) =>
      rows<{
        status: string;
        recipient: string | null;
        subject: string | null;
        body: string | null;
        erase_after_sending: boolean;
        erase_due_at: string | null;
        erased_at: string | null;
        template_key: string;
      }>(tx, sql`select * from outbox_messages where id = ${id}`),
    );
    return row!;
  };

  it('delivers through SMTP, then keeps only the status row: recipient, subject and body are gone', async () => {
    const server = await startTestSmtpServer();
    try {
      const smtpConfig = { ...config, smtpUrl: `smtp://127.0.0.1:${server.port}` };
      const { id } = await enqueue(KOFU, codeNotice());
      const kept = await enqueue(KOFU, notice());
      expect((await raw(id)).erase_after_sending).toBe(true);
      expect(await deliverOutbox({ db: testDb.db, config: smtpConfig })).toMatchObject({ sent: 2 });
      // The mail went out with the code…
      const mail = server.received.find((m) => m.to.includes('once-only@example.jp'));
      expect(parseReceivedMail(mail!.data).text).toContain('ABCD-EFGH-JKMN-PQRS');
      // …and the stored message no longer holds the address, the subject or the code.
      const row = await raw(id);
      expect(row).toMatchObject({
        status: 'sent',
        recipient: null,
        subject: null,
        body: null,
        template_key: 'consultations.receipt-code',
      });
      expect(row.erased_at).not.toBeNull();
      const dump = JSON.stringify(
        await asSystem(testDb.db, (tx) => rows(tx, sql`select * from outbox_messages`)),
      );
      expect(dump).not.toContain('once-only');
      // The listing says so; a message not marked keeps its text as before.
      const { items } = await list(KOFU);
      expect(items.find((i) => i.id === id)).toMatchObject({
        status: 'sent',
        recipient: null,
        subject: null,
        body: null,
        eraseAfterSending: true,
        erasedAt: expect.any(String),
      });
      expect(items.find((i) => i.id === kept.id)).toMatchObject({
        status: 'sent',
        recipient: 'person@example.jp',
        eraseAfterSending: false,
        erasedAt: null,
      });
      // Nothing is sent again.
      expect((await deliverOutbox({ db: testDb.db, config: smtpConfig })).sent).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('erases a message refused for good, and keeps one that will be retried', async () => {
    const refused = await enqueue(KOFU, codeNotice({ recipient: 'nobody@example.jp', idempotencyKey: 'r' }));
    await deliverOutbox(ctx(), {
      transport: {
        send: async () => {
          throw new SmtpError('smtp_rcpt_550', true);
        },
      },
    });
    expect(await raw(refused.id)).toMatchObject({ status: 'failed', recipient: null, body: null });

    const later = await enqueue(KOFU, codeNotice({ idempotencyKey: 't' }));
    await deliverOutbox(ctx(), {
      transport: {
        send: async () => {
          throw new SmtpError('smtp_mail_451', false);
        },
      },
    });
    const retrying = await raw(later.id);
    expect(retrying.status).toBe('pending');
    expect(retrying.recipient).toMatch(/^v1\./);
    expect(retrying.erased_at).toBeNull();
  });

  it('erases a held message (no SMTP server) once its short bound has passed', async () => {
    const marked = await enqueue(KOFU, codeNotice());
    const plain = await enqueue(KOFU, notice());
    expect(await deliverOutbox(ctx(), { transport: null })).toMatchObject({ held: 2 });
    const held = await raw(marked.id);
    expect(held).toMatchObject({ status: 'held', erased_at: null });
    expect(held.recipient).toMatch(/^v1\./);
    // Due one hour (a wall-clock bound) after it was held; before that nothing is erased.
    const dueInMinutes = (new Date(held.erase_due_at!).getTime() - Date.now()) / 60_000;
    expect(dueInMinutes).toBeGreaterThan(55);
    expect(dueInMinutes).toBeLessThanOrEqual(60);
    expect((await raw(plain.id)).erase_due_at).toBeNull();
    expect(await eraseHeldOutbox(ctx())).toBe(0);

    await asSystem(testDb.db, (tx) =>
      tx.execute(
        sql`update outbox_messages set erase_due_at = now() - interval '1 second' where id = ${marked.id}`,
      ),
    );
    expect(await eraseHeldOutbox(ctx())).toBe(1);
    expect(await raw(marked.id)).toMatchObject({
      status: 'held',
      recipient: null,
      subject: null,
      body: null,
    });
    expect((await raw(marked.id)).erased_at).not.toBeNull();
    // The unmarked held message keeps its text; a second run has nothing to do.
    expect((await raw(plain.id)).recipient).toMatch(/^v1\./);
    expect(await eraseHeldOutbox(ctx())).toBe(0);
  });

  it('refuses the flag on a staff alert (an alert goes to a staff address, which is kept)', async () => {
    const input = { ...staffAlert(), eraseAfterSending: true } as unknown as EnqueueInput;
    await expect(enqueue(KOFU, input)).rejects.toBeInstanceOf(OutboxInputError);
  });
});

describe('purgeOutbox', () => {
  it('deletes finished messages once their retention has passed on the business clock', async () => {
    await enqueue(KOFU, notice({ idempotencyKey: 'done' }));
    await deliverOutbox(ctx(), { transport: null }); // → held (final)
    await enqueue(KOFU, notice({ idempotencyKey: 'still-pending' }));
    clock.advance(89 * DAY);
    expect(await purgeOutbox(ctx())).toBe(0);
    clock.advance(2 * DAY);
    expect(await purgeOutbox(ctx())).toBe(1);
    expect(await purgeOutbox(ctx())).toBe(0);
    const { items } = await list(KOFU);
    expect(items.map((i) => i.status)).toEqual(['pending']);
  });
});
