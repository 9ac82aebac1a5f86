import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per run of a due job, for operators ("did last night's purge run?"). Not tenant data:
 * it holds job names, counts and error codes only, never personal content.
 *
 * A row with `finished_at` null is a run in progress. The partial unique index lets only one run
 * of a job be in progress across every app process, so two servers on one PostgreSQL (or the
 * scheduler and `npm run jobs:run-due`) never work the same due items at the same time.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    /** Wall-clock time: when the run really happened. */
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    /** The business clock's "now" the job decided due-ness by (differs under TSUNAGARI_CLOCK). */
    businessNow: timestamp({ withTimezone: true }).notNull(),
    /** What started it: the in-process scheduler, the CLI, or the CLI through a running server. */
    trigger: text({ enum: ['scheduler', 'cli', 'control', 'test'] }).notNull(),
    processed: integer().notNull().default(0),
    /** Null while running. */
    ok: boolean(),
    /** A code (e.g. `abandoned`, `42P01`, `smtp_timeout`), never a message that could carry personal data. */
    errorCode: text(),
  },
  (t) => [
    index('job_runs_name_started_idx').on(t.name, t.startedAt.desc()),
    uniqueIndex('job_runs_one_running_idx').on(t.name).where(sql`${t.finishedAt} is null`),
  ],
);
