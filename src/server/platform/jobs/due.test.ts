import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../../../test/helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/database.ts';
import { installModules } from '../../modules/index.ts';
import { settableClock } from '../clock.ts';
import { rows } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { asSystem } from '../db/tenant.ts';
import {
  type DueJob,
  type DueJobContext,
  DueJobRegistry,
  type DueRunSummary,
  dueJobs,
  errorCodeOf,
  recentJobRuns,
  runDueJobs,
} from './due.ts';
import { startScheduler } from './scheduler.ts';

let testDb: TestDatabase;
const clock = settableClock(new Date('2026-11-26T10:00:00+09:00'));
let ctx: DueJobContext;

/**
 * A due job of the kind modules write: reminders whose `due_at` has come are marked as sent, so a
 * second run finds nothing more (idempotent by marking rows).
 */
const reminderJob: DueJob = {
  name: 'test.reminders',
  run: async ({ db, clock }) => {
    const marked = await asSystem(db, (tx) =>
      rows<{ id: number }>(
        tx,
        sql`update test_reminders set done_at = ${clock.now().toISOString()}
            where done_at is null and due_at <= ${clock.now().toISOString()} returning id`,
      ),
    );
    return { processed: marked.length };
  },
};

const failingJob: DueJob = {
  name: 'test.broken',
  run: async ({ db }) => {
    // A driver error (undefined table): its code is reported, not its message.
    await db.orm.execute(sql`select * from no_such_table_for_jobs`);
    return { processed: 1 };
  },
};

const runs = () =>
  asSystem(ctx.db, (tx) =>
    rows<{
      name: string;
      processed: number;
      ok: boolean | null;
      error_code: string | null;
      trigger: string;
      business_now: Date;
    }>(
      tx,
      sql`select name, processed, ok, error_code, trigger, business_now from job_runs order by started_at, name`,
    ),
  );

beforeAll(async () => {
  testDb = await createTestDatabase();
  await migrateDatabase(testDb.db);
  ctx = { db: testDb.db, config: testConfig(), clock };
  await asSystem(testDb.db, (tx) =>
    tx.execute(
      sql`create table test_reminders (id int primary key, due_at timestamptz not null, done_at timestamptz)`,
    ),
  );
});
afterAll(async () => {
  await testDb?.drop();
});
beforeEach(async () => {
  clock.set(new Date('2026-11-26T10:00:00+09:00'));
  await asSystem(testDb.db, async (tx) => {
    await tx.execute(sql`delete from job_runs`);
    await tx.execute(sql`delete from test_reminders`);
    await tx.execute(sql`insert into test_reminders (id, due_at) values
      (1, '2026-11-25T09:00:00+09:00'), (2, '2026-11-26T09:00:00+09:00'), (3, '2026-11-27T09:00:00+09:00')`);
  });
});

describe('DueJobRegistry', () => {
  it('lists jobs in name order and refuses duplicates and odd names', () => {
    const registry = new DueJobRegistry();
    registry.register({ ...reminderJob, name: 'b.second' });
    registry.register({ ...reminderJob, name: 'a.first' });
    expect(registry.list().map((j) => j.name)).toEqual(['a.first', 'b.second']);
    expect(() => registry.register({ ...reminderJob, name: 'a.first' })).toThrow(/twice/);
    expect(() => registry.register({ ...reminderJob, name: 'Has Spaces' })).toThrow(/lower-case/);
  });

  it('holds the platform’s own due jobs once the modules are installed', () => {
    installModules();
    expect(dueJobs.list().map((j) => j.name)).toContain('outbox.purge');
  });
});

describe('runDueJobs', () => {
  it('runs what the clock makes due, and running again does nothing more', async () => {
    const registry = new DueJobRegistry();
    registry.register(reminderJob);
    const first = await runDueJobs(ctx, { registry, trigger: 'test' });
    expect(first).toMatchObject({ ok: true, businessNow: '2026-11-26T01:00:00.000Z' });
    expect(first.results).toEqual([
      expect.objectContaining({ name: 'test.reminders', status: 'ok', processed: 2 }),
    ]);
    const second = await runDueJobs(ctx, { registry, trigger: 'test' });
    expect(second.results[0]).toMatchObject({ status: 'ok', processed: 0 });
  });

  it('sees more work due when the clock moves', async () => {
    const registry = new DueJobRegistry();
    registry.register(reminderJob);
    await runDueJobs(ctx, { registry, trigger: 'test' });
    clock.advance(24 * 60 * 60 * 1000);
    const later = await runDueJobs(ctx, { registry, trigger: 'test' });
    expect(later.results[0]).toMatchObject({ processed: 1 });
  });

  it('reports a failing job with a code and still runs the others', async () => {
    const registry = new DueJobRegistry();
    registry.register(reminderJob);
    registry.register(failingJob);
    registry.register({ name: 'test.after', run: async () => ({ processed: 7 }) });
    const summary = await runDueJobs(ctx, { registry, trigger: 'test' });
    expect(summary.ok).toBe(false);
    expect(summary.results.map((r) => [r.name, r.status, r.processed, r.errorCode])).toEqual([
      ['test.after', 'ok', 7, undefined],
      ['test.broken', 'failed', 0, '42P01'],
      ['test.reminders', 'ok', 2, undefined],
    ]);
  });

  it('records each run in job_runs for operators', async () => {
    const registry = new DueJobRegistry();
    registry.register(reminderJob);
    registry.register(failingJob);
    await runDueJobs(ctx, { registry, trigger: 'test' });
    const recorded = await runs();
    expect(recorded.map((r) => [r.name, r.processed, r.ok, r.error_code, r.trigger])).toEqual([
      ['test.broken', 0, false, '42P01', 'test'],
      ['test.reminders', 2, true, null, 'test'],
    ]);
    expect(new Date(recorded[0]!.business_now).toISOString()).toBe('2026-11-26T01:00:00.000Z');
    const recent = await recentJobRuns(ctx.db, { name: 'test.reminders' });
    expect(recent).toHaveLength(1);
    expect(recent[0]).toMatchObject({ ok: true, processed: 2, finishedAt: expect.any(String) });
  });

  it('skips a job another process is running, and takes over a run that was abandoned', async () => {
    const registry = new DueJobRegistry();
    registry.register(reminderJob);
    await asSystem(ctx.db, (tx) =>
      tx.execute(
        sql`insert into job_runs (name, business_now, trigger) values ('test.reminders', now(), 'cli')`,
      ),
    );
    const busy = await runDueJobs(ctx, { registry, trigger: 'test' });
    expect(busy).toMatchObject({
      ok: true,
      results: [{ name: 'test.reminders', status: 'skipped', processed: 0 }],
    });

    await asSystem(ctx.db, (tx) =>
      tx.execute(sql`update job_runs set started_at = now() - interval '31 minutes'`),
    );
    const resumed = await runDueJobs(ctx, { registry, trigger: 'test' });
    expect(resumed.results[0]).toMatchObject({ status: 'ok', processed: 2 });
    expect((await runs()).map((r) => r.error_code)).toEqual(['abandoned', null]);
  });

  it('runs the registered platform jobs (outbox.purge) by default', async () => {
    const summary = await runDueJobs(ctx, { trigger: 'test' });
    expect(summary.results.find((r) => r.name === 'outbox.purge')).toMatchObject({ status: 'ok' });
  });
});

describe('errorCodeOf', () => {
  it('finds a code through causes and never returns a message', () => {
    expect(errorCodeOf(new Error('person@example.jp not found', { cause: { code: '23505' } }))).toBe('23505');
    expect(errorCodeOf(new TypeError('山田 太郎'))).toBe('TypeError');
    expect(errorCodeOf('text')).toBe('error');
  });
});

describe('startScheduler', () => {
  it('runs the due jobs repeatedly without overlapping, and stops', async () => {
    const registry = new DueJobRegistry();
    let active = 0;
    let maxActive = 0;
    registry.register({
      name: 'test.tick',
      run: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setTimeout(resolve, 20));
        active--;
        return { processed: 1 };
      },
    });
    const summaries: DueRunSummary[] = [];
    let seenTwo: () => void = () => {};
    const twoRuns = new Promise<void>((resolve) => {
      seenTwo = resolve;
    });
    const scheduler = startScheduler(ctx, {
      registry,
      intervalMs: 10,
      initialDelayMs: 0,
      onSummary: (summary) => {
        summaries.push(summary);
        if (summaries.length === 2) seenTwo();
      },
    });
    await Promise.all([scheduler.runNow(), scheduler.runNow()]);
    await twoRuns;
    await scheduler.stop();
    const count = summaries.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(summaries.length).toBe(count);
    expect(maxActive).toBe(1);
    expect(summaries[0]!.results[0]).toMatchObject({ name: 'test.tick', status: 'ok' });
  });
});
