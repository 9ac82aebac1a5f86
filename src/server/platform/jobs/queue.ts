import type { PgBoss } from 'pg-boss';
import type { Database } from '../db/client.ts';
import { errorCodeOf } from './due.ts';

/**
 * Queued work (send an outbox message, process a large import) on pg-boss 12, on PostgreSQL and on
 * PGlite alike. One queue per process: the server starts it after migrations and stops it before
 * closing the database.
 *
 * On PGlite we use pg-boss's own PGlite adapter (`fromPglite`, backend `pglite`), not the
 * node-postgres adapter (`createPgConfig`). That adapter writes to PGlite's single connection
 * without taking PGlite's transaction lock, which we verified goes wrong twice over: a statement
 * sent while a request transaction is open runs *inside* it (as the app role, seeing its
 * uncommitted rows, and a pg-boss `COMMIT` would commit the request's half-done work); and a second
 * client (pg-boss's LISTEN connection) interleaves protocol messages ("Received unexpected
 * commandComplete message from backend"). `fromPglite` goes through `PGlite.query/exec`, which wait
 * for an open transaction to end, and LISTEN/NOTIFY works in-process.
 * Consequence: never `await enqueue()` inside a transaction on PGlite (it would wait for its own
 * transaction); enqueue after commit, as the outbox does.
 */
export type QueueJob = { id: string };
export type QueueHandler<T> = (payload: T, job: QueueJob) => Promise<void>;

export type StartQueueOptions = {
  /** How often an idle worker polls when no notification arrives. Default 2 s. */
  pollingIntervalSeconds?: number;
};

let boss: PgBoss | undefined;
let pollingIntervalSeconds = 2;
const createdQueues = new Set<string>();

const QUEUE_NAME = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

export async function startQueue(db: Database, options: StartQueueOptions = {}): Promise<void> {
  if (boss) throw new Error('The job queue is already running in this process.');
  pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const common = {
    // Wakes a worker as soon as a job is sent instead of at its next poll; polling stays as a floor.
    useListenNotify: true,
    openTelemetry: { enabled: false },
    instanceName: `tsunagari-${process.pid}`,
  };
  // Loaded here, not at the top: the queue starts after the server listens, and pg-boss is one of
  // the larger packages a start-up would otherwise load before answering /healthz (issue 23 item 5).
  const { fromPglite, PgBoss } = await import('pg-boss');
  let instance: PgBoss;
  if (db.kind === 'pglite') {
    instance = new PgBoss({ ...common, db: fromPglite(db.pglite!), backend: 'pglite' });
  } else {
    // Behind a transaction-mode pooler LISTEN and pg-boss's session work need a direct connection.
    const connectionString = db.sessionUrl ?? db.pool?.options.connectionString;
    if (!connectionString)
      throw new Error('The job queue needs the PostgreSQL connection string of the database.');
    // A pool of its own: LISTEN holds a connection, and queue polling must not wait behind requests.
    instance = new PgBoss({ ...common, connectionString, max: 3, application_name: 'tsunagari-jobs' });
  }
  // pg-boss reports background failures as events; without a listener Node would crash the process.
  // Codes only: a failed statement's text may carry job payloads.
  instance.on('error', (error) => console.error(`[tsunagari] job queue error (${errorCodeOf(error)})`));
  // pg-boss's own wording only; `data` is left out since it may quote statements.
  instance.on('warning', (warning) =>
    console.warn(`[tsunagari] job queue warning: ${warning.message.slice(0, 200)}`),
  );
  await instance.start();
  boss = instance;
}

export function queueRunning(): boolean {
  return boss !== undefined;
}

function running(): PgBoss {
  if (!boss) throw new Error('The job queue is not running (startQueue was not called).');
  return boss;
}

async function ensureQueue(name: string): Promise<void> {
  if (createdQueues.has(name)) return;
  if (!QUEUE_NAME.test(name))
    throw new Error(`Queue name "${name}" must be lower-case words joined by . or -.`);
  // Retries with backoff belong to the queue; handlers that must not repeat side effects guard
  // themselves (the outbox deliverer claims rows), since a job may run again after a crash.
  await running().createQueue(name, { notify: true, retryLimit: 3, retryDelay: 10, retryBackoff: true });
  createdQueues.add(name);
}

/** Adds a job; resolves with its id. Call after the transaction that made the work has committed. */
export async function enqueue(
  name: string,
  payload: object,
  options: { startAfter?: Date; singletonKey?: string } = {},
): Promise<string | null> {
  await ensureQueue(name);
  return running().send(name, payload, options);
}

/** Registers the handler for a queue: one job at a time; a thrown error makes pg-boss retry the job. */
export async function work<T extends object>(name: string, handler: QueueHandler<T>): Promise<void> {
  await ensureQueue(name);
  await running().work<T>(name, { batchSize: 1, pollingIntervalSeconds }, async (jobs) => {
    for (const job of jobs) await handler(job.data, { id: job.id });
  });
}

/** A job sent on a cron schedule (e.g. a sweep every minute); one per schedule across all processes. */
export async function scheduleRecurring(name: string, cron: string, payload: object = {}): Promise<void> {
  await ensureQueue(name);
  await running().schedule(name, cron, payload, { tz: 'Asia/Tokyo' });
}

/** Stops workers (letting a running job finish for up to `timeoutMs`) and releases pg-boss's connections. */
export async function stopQueue(options: { timeoutMs?: number } = {}): Promise<void> {
  const instance = boss;
  if (!instance) return;
  boss = undefined;
  createdQueues.clear();
  await instance.stop({ graceful: true, timeout: options.timeoutMs ?? 10_000, close: true });
}
