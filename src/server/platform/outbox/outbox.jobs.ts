import type { DueJob } from '../jobs/due.ts';
import { enqueue, queueRunning, scheduleRecurring, work } from '../jobs/queue.ts';
import {
  type DeliveryReport,
  deliverOutbox,
  eraseHeldOutbox,
  type MailTransport,
  purgeOutbox,
} from './outbox.service.ts';

export const OUTBOX_DELIVER_QUEUE = 'outbox.deliver';

/** Retention is business time (TSUNAGARI_CLOCK moves it), and deleting is naturally idempotent. */
export const outboxPurgeJob: DueJob = {
  name: 'outbox.purge',
  run: async (ctx) => ({ processed: await purgeOutbox(ctx) }),
};

/** Held messages marked erase-after-sending lose their address after a short bound (decision 0025). */
export const outboxEraseJob: DueJob = {
  name: 'outbox.erase',
  run: async (ctx) => ({ processed: await eraseHeldOutbox(ctx) }),
};

/**
 * The queued worker that sends outbox messages. Each job is a sweep of everything due (so one job
 * or many, a kick or the minute schedule, all end the same); the schedule catches messages whose
 * sender did not kick, retries after temporary failures, and claims left by a process that died.
 */
export async function registerOutboxDelivery(
  ctx: Parameters<typeof deliverOutbox>[0],
  options: { transport?: MailTransport | null; onDelivered?: (report: DeliveryReport) => void } = {},
): Promise<void> {
  await work(OUTBOX_DELIVER_QUEUE, async () => {
    const report = await deliverOutbox(ctx, { transport: options.transport });
    options.onDelivered?.(report);
    // Counts only: which messages and to whom stays in the outbox, not in logs.
    if (report.failed > 0) console.warn(`[tsunagari] outbox: ${report.failed} message(s) failed permanently`);
  });
  await scheduleRecurring(OUTBOX_DELIVER_QUEUE, '* * * * *');
}

/**
 * Asks for delivery now rather than at the next minute. Call after the transaction that enqueued
 * the message has committed (on PGlite, awaiting this inside the transaction would wait for itself).
 * A no-op where no queue runs (CLI, most tests): the schedule or the next start delivers instead.
 */
export async function requestOutboxDelivery(): Promise<void> {
  if (!queueRunning()) return;
  await enqueue(OUTBOX_DELIVER_QUEUE, {});
}
