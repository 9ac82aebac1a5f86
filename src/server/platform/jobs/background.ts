import type { AppContext } from '../http/context.ts';
// Importing outbox.jobs.ts also registers the platform's own due job (outbox.purge).
import { registerOutboxDelivery } from '../outbox/outbox.jobs.ts';
import { parseSmtpUrl } from '../outbox/smtp.ts';
import { startQueue, stopQueue } from './queue.ts';
import { startScheduler } from './scheduler.ts';

export type BackgroundWork = { stop(): Promise<void> };

/**
 * Everything the server runs besides requests: the pg-boss queue with its workers (outbox
 * delivery) and the minute scheduler of due jobs. Start after migrations; stop before the database
 * closes (pg-boss shares the PGlite instance).
 */
export async function startBackgroundWork(
  ctx: AppContext,
  options: { schedulerIntervalMs?: number } = {},
): Promise<BackgroundWork> {
  // A malformed SMTP_URL stops start-up here rather than failing every message later.
  if (ctx.config.smtpUrl) parseSmtpUrl(ctx.config.smtpUrl);
  else console.info('[tsunagari] SMTP_URL not set: messages are kept in the outbox as "held", not sent');
  await startQueue(ctx.db);
  await registerOutboxDelivery(ctx);
  const scheduler = startScheduler(ctx, { intervalMs: options.schedulerIntervalMs ?? 60_000 });
  return {
    async stop() {
      await scheduler.stop();
      await stopQueue();
    },
  };
}
