import { type DueJobContext, type DueJobRegistry, type DueRunSummary, runDueJobs } from './due.ts';

export type Scheduler = {
  /** Runs the due jobs now unless a run is already in progress (then waits for that one). */
  runNow(): Promise<DueRunSummary>;
  /** No further runs; resolves when a run in progress has finished. */
  stop(): Promise<void>;
};

export type SchedulerOptions = {
  /** Between the end of one run and the start of the next. Default one minute. */
  intervalMs?: number;
  /** Before the first run, so start-up is not slowed down. Default 5 seconds. */
  initialDelayMs?: number;
  registry?: DueJobRegistry;
  /** Called after every run; the default logs failures and work done (names and counts only). */
  onSummary?: (summary: DueRunSummary) => void;
  /** Called when a run could not happen at all (e.g. the database is unreachable). */
  onError?: (error: unknown) => void;
};

export function logSummary(summary: DueRunSummary): void {
  for (const result of summary.results) {
    if (result.status === 'failed') {
      console.error(`[tsunagari] due job ${result.name} failed (${result.errorCode})`);
    } else if (result.processed > 0) {
      console.info(`[tsunagari] due job ${result.name}: processed ${result.processed}`);
    }
  }
}

/**
 * Runs every due job once a minute inside the server process. Runs never overlap: the next one is
 * timed from the end of the previous. Several servers on one PostgreSQL may each run a scheduler;
 * `job_runs` lets only one of them work a given job at a time.
 */
export function startScheduler(ctx: DueJobContext, options: SchedulerOptions = {}): Scheduler {
  const intervalMs = options.intervalMs ?? 60_000;
  const onSummary = options.onSummary ?? logSummary;
  const onError =
    options.onError ??
    ((error: unknown) =>
      console.error(`[tsunagari] due jobs could not run (${(error as Error)?.name ?? 'error'})`));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<DueRunSummary> | undefined;

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runNow()
        .catch(onError)
        .finally(() => schedule(intervalMs));
    }, delay);
    // A pending tick must not keep a process alive that is otherwise done (tests, shutdown).
    timer.unref();
  };

  const runNow = (): Promise<DueRunSummary> => {
    if (running) return running;
    running = runDueJobs(ctx, { registry: options.registry, trigger: 'scheduler' })
      .then((summary) => {
        onSummary(summary);
        return summary;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  schedule(options.initialDelayMs ?? 5_000);

  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
