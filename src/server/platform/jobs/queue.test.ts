import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../../../test/helpers/app.ts';
import { createTestDatabase, TEST_DATABASE, type TestDatabase } from '../../../../test/helpers/database.ts';
import { settableClock } from '../clock.ts';
import { rows } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { asSystem, inTransaction } from '../db/tenant.ts';
import { registerOutboxDelivery, requestOutboxDelivery } from '../outbox/outbox.jobs.ts';
import { type DeliveryReport, enqueueMessage } from '../outbox/outbox.service.ts';
import type { MailMessage } from '../outbox/smtp.ts';
import { enqueue, queueRunning, startQueue, stopQueue, work } from './queue.ts';

let testDb: TestDatabase;
const config = testConfig();
const clock = settableClock(new Date('2026-11-26T10:00:00+09:00'));

/** Resolves with the first value offered, or fails after `ms` (no fixed sleeps). */
function waitFor<T>(ms: number, what: string) {
  let offer: (value: T) => void = () => {};
  const promise = new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    offer = (value) => {
      clearTimeout(timer);
      resolve(value);
    };
  });
  return { promise, offer };
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  await migrateDatabase(testDb.db);
  await startQueue(testDb.db, { pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await stopQueue();
  await testDb?.drop();
});

describe(`job queue (pg-boss on ${TEST_DATABASE})`, () => {
  it('processes an enqueued job with its worker', async () => {
    expect(queueRunning()).toBe(true);
    const received = waitFor<{ payload: { n: number; text: string }; id: string }>(10_000, 'the test job');
    await work<{ n: number; text: string }>('test.echo', async (payload, job) => {
      received.offer({ payload, id: job.id });
    });
    const id = await enqueue('test.echo', { n: 42, text: '相談' });
    const got = await received.promise;
    expect(got).toEqual({ payload: { n: 42, text: '相談' }, id });
  });

  it('runs alongside request transactions without entering them', async () => {
    // A transaction held open while the queue polls: pg-boss must neither block it for good nor
    // run its statements inside it (they would run as the app role and fail on the pgboss schema).
    const queueErrors = vi.spyOn(console, 'error');
    const done = waitFor<void>(10_000, 'the job after the transaction');
    await work('test.after-tx', async () => done.offer());
    await inTransaction(testDb.db, { tenant: '192015' }, async (tx) => {
      await tx.execute(sql`select 1`);
      await new Promise((resolve) => setTimeout(resolve, 700)); // longer than one polling interval
      await tx.execute(sql`select 1`);
    });
    await enqueue('test.after-tx', {});
    await done.promise;
    expect(queueErrors.mock.calls.filter(([line]) => String(line).includes('job queue'))).toEqual([]);
    queueErrors.mockRestore();
  });

  it('delivers outbox messages with the outbox.deliver worker', async () => {
    const sent: MailMessage[] = [];
    const delivered = waitFor<DeliveryReport>(15_000, 'outbox delivery');
    await registerOutboxDelivery(
      { db: testDb.db, config },
      {
        transport: { send: async (message) => void sent.push(message) },
        onDelivered: (report) => {
          if (report.sent > 0) delivered.offer(report);
        },
      },
    );
    await inTransaction(testDb.db, { tenant: '192015' }, (tx) =>
      enqueueMessage(
        tx,
        { clock, config },
        {
          kind: 'staff_alert',
          municipalityCode: '192015',
          recipient: 'oncall@kofu.example.jp',
          templateKey: 'consultation.received',
          linkPath: '/console/support/consultations/c1',
          idempotencyKey: 'queue-test',
        },
      ),
    );
    await requestOutboxDelivery();
    expect(await delivered.promise).toMatchObject({ sent: 1 });
    expect(sent.map((m) => [m.to, m.subject])).toEqual([
      ['oncall@kofu.example.jp', '【つながり】新しい相談が届きました'],
    ]);
    const [row] = await asSystem(testDb.db, (tx) =>
      rows<{ status: string }>(tx, sql`select status from outbox_messages`),
    );
    expect(row?.status).toBe('sent');
  });
});
