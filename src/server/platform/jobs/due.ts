import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { type Database, rows } from '../db/client.ts';
import { asSystem } from '../db/tenant.ts';

/**
 * Due jobs: work the business clock makes due (a reminder the day before an event, a review date,
 * a six-month verification, a purge after retention, the periodic audit-head export).
 *
 * A due job finds its own due items by `ctx.clock` every time it runs and must be idempotent:
 * running it twice in a row does nothing more the second time (it marks the rows it has handled,
 * or records what it did in its own table, or relies on an outbox idempotency key). That is what
 * makes the scheduler, `npm run jobs:run-due` and a restart safe to combine.
 */
export type DueJobContext = { db: Database; config: Config; clock: Clock };

export type DueJob = {
  /** Unique and stable (it names the job's rows in `job_runs`), e.g. `events.reminder-day-before`. */
  name: string;
  /**
   * A run still marked as running after this long is taken to have died with its process and is
   * recorded as `abandoned`, so the next run may start. Default 30 minutes.
   */
  maxRunMinutes?: number;
  run(ctx: DueJobContext): Promise<{ processed: number }>;
};

export type DueJobTrigger = 'scheduler' | 'cli' | 'control' | 'test';

export type DueJobResult = {
  name: string;
  /** `skipped`: another process is running this job right now (not a failure). */
  status: 'ok' | 'failed' | 'skipped';
  processed: number;
  /** Only when failed: a code, never a message (messages may carry personal data). */
  errorCode?: string;
  durationMs: number;
};

export type DueRunSummary = {
  /** False when any job failed. */
  ok: boolean;
  /** The business "now" the jobs decided due-ness by. */
  businessNow: string;
  results: DueJobResult[];
};

const JOB_NAME = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
const DEFAULT_MAX_RUN_MINUTES = 30;

export class DueJobRegistry {
  #jobs = new Map<string, DueJob>();

  register(job: DueJob): void {
    if (!JOB_NAME.test(job.name))
      throw new Error(`Due job name "${job.name}" must be lower-case words joined by . or -.`);
    if (this.#jobs.has(job.name)) throw new Error(`Due job "${job.name}" registered twice.`);
    this.#jobs.set(job.name, job);
  }

  /** In name order, so every run (and every test) sees the same sequence. */
  list(): DueJob[] {
    return [...this.#jobs.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** The process-wide registry, filled by `installModules()` from the platform's jobs and the manifests. */
export const dueJobs = new DueJobRegistry();

export function registerDueJob(job: DueJob): void {
  dueJobs.register(job);
}

/**
 * A short, log-safe code for a failure: an AppError or driver code (`23505`, `ECONNREFUSED`,
 * `smtp_timeout`) or the error's class name, looked up through `cause` since the ORM wraps driver errors.
 */
export function errorCodeOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  const name = error && typeof error === 'object' ? (error as { name?: unknown }).name : undefined;
  return typeof name === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(name) ? name : 'error';
}

/**
 * Runs every registered due job once, in name order. Each run is recorded in `job_runs`; a failing
 * job is recorded and reported and the others still run. A job already running in another process
 * (another server on the same PostgreSQL, or the scheduler while the CLI runs) is skipped.
 */
export async function runDueJobs(
  ctx: DueJobContext,
  options: { registry?: DueJobRegistry; trigger?: DueJobTrigger; only?: string[] } = {},
): Promise<DueRunSummary> {
  const registry = options.registry ?? dueJobs;
  const trigger = options.trigger ?? 'scheduler';
  const businessNow = ctx.clock.now();
  const results: DueJobResult[] = [];
  for (const job of registry.list()) {
    if (options.only && !options.only.includes(job.name)) continue;
    results.push(await runOne(ctx, job, trigger, businessNow));
  }
  return { ok: results.every((r) => r.status !== 'failed'), businessNow: businessNow.toISOString(), results };
}

async function runOne(
  ctx: DueJobContext,
  job: DueJob,
  trigger: DueJobTrigger,
  businessNow: Date,
): Promise<DueJobResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const runId = await claimRun(ctx.db, job, trigger, businessNow);
  if (!runId) return { name: job.name, status: 'skipped', processed: 0, durationMs: elapsed() };

  let processed = 0;
  let errorCode: string | undefined;
  try {
    const outcome = await job.run(ctx);
    processed = Number.isInteger(outcome?.processed) && outcome.processed >= 0 ? outcome.processed : 0;
  } catch (error) {
    errorCode = errorCodeOf(error);
  }
  await asSystem(ctx.db, (tx) =>
    tx.execute(sql`
      update job_runs set finished_at = now(), processed = ${processed}, ok = ${errorCode === undefined},
        error_code = ${errorCode ?? null}
      where id = ${runId}`),
  );
  return errorCode === undefined
    ? { name: job.name, status: 'ok', processed, durationMs: elapsed() }
    : { name: job.name, status: 'failed', processed, errorCode, durationMs: elapsed() };
}

/** Inserts the "running" row; none when another process holds a live run of the same job. */
async function claimRun(
  db: Database,
  job: DueJob,
  trigger: DueJobTrigger,
  businessNow: Date,
): Promise<string | null> {
  const minutes = job.maxRunMinutes ?? DEFAULT_MAX_RUN_MINUTES;
  return asSystem(db, async (tx) => {
    await tx.execute(sql`
      update job_runs set finished_at = now(), ok = false, error_code = 'abandoned'
      where name = ${job.name} and finished_at is null
        and started_at < now() - make_interval(mins => ${minutes})`);
    const [claimed] = await rows<{ id: string }>(
      tx,
      sql`
        insert into job_runs (name, business_now, trigger)
        values (${job.name}, ${businessNow.toISOString()}, ${trigger})
        on conflict (name) where finished_at is null do nothing
        returning id`,
    );
    return claimed?.id ?? null;
  });
}

/** The latest runs, newest first, for operators. */
export async function recentJobRuns(
  db: Database,
  options: { name?: string; limit?: number } = {},
): Promise<
  Array<{
    name: string;
    startedAt: string;
    finishedAt: string | null;
    businessNow: string;
    trigger: string;
    processed: number;
    ok: boolean | null;
    errorCode: string | null;
  }>
> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const found = await asSystem(db, (tx) =>
    rows<{
      name: string;
      started_at: Date | string;
      finished_at: Date | string | null;
      business_now: Date | string;
      trigger: string;
      processed: number;
      ok: boolean | null;
      error_code: string | null;
    }>(
      tx,
      sql`
        select name, started_at, finished_at, business_now, trigger, processed, ok, error_code
        from job_runs
        where ${options.name ?? null}::text is null or name = ${options.name ?? null}
        order by started_at desc, id desc
        limit ${limit}`,
    ),
  );
  const iso = (value: Date | string) => new Date(value).toISOString();
  return found.map((r) => ({
    name: r.name,
    startedAt: iso(r.started_at),
    finishedAt: r.finished_at === null ? null : iso(r.finished_at),
    businessNow: iso(r.business_now),
    trigger: r.trigger,
    processed: r.processed,
    ok: r.ok,
    errorCode: r.error_code,
  }));
}
