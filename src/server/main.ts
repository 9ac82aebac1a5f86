import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildApp } from './app.ts';
import { anchorAuditHeads } from './platform/audit/anchor.ts';
import { fixedClock, systemClock } from './platform/clock.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { type Database, openPglite, openPostgres } from './platform/db/client.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { type BackgroundWork, startBackgroundWork } from './platform/jobs/background.ts';
import { removeControlFile, writeControlFile } from './platform/jobs/control.ts';
import { prepareDatabase } from './startup.ts';

/**
 * WORKERS > 1 (PostgreSQL only, refused by loadConfig otherwise): this process prepares the database
 * once, then forks that many app processes sharing the port (node:cluster hands connections out in
 * turn). Each is a whole server: requests, its pg-boss worker and due-job scheduler (claims in the
 * database keep jobs from running twice). A process that dies is replaced.
 */
async function supervise(config: ReturnType<typeof loadConfig>): Promise<void> {
  const clock = config.clock ? fixedClock(config.clock) : systemClock;
  // Three at once during start-up: the start-up lock, the migration lock and the migrator itself.
  const db = await openPostgres(config.databaseUrl!, { max: 4 });
  try {
    await prepareDatabase(db, config, clock, { onProgress: (m) => console.info(`[tsunagari] ${m}`) });
  } finally {
    await db.close();
  }
  let closing = false;
  const fork = () => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (closing) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(
      `[tsunagari] app process ${worker.process.pid} ended (${signal ?? code}); starting another`,
    );
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.info(`[tsunagari] ${signal}: closing ${config.workers} app processes`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  console.info(`[tsunagari] starting ${config.workers} app processes (WORKERS)`);
  for (let i = 0; i < config.workers; i++) fork();
}

/** config → database → migrations → app.listen */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.workers > 1 && cluster.isPrimary) return supervise(config);
  const clock = config.clock ? fixedClock(config.clock) : systemClock;
  const phases = startupPhases();
  const db: Database = config.databaseUrl
    ? await openPostgres(config.databaseUrl, {
        readUrl: config.readDatabaseUrl,
        maxLagSeconds: config.readReplicaMaxLagSeconds,
        sessionUrl: config.databaseSessionUrl,
      })
    : await openPglite({ dataDir: config.dataDir, log: (m) => console.info(`[tsunagari] ${m}`) });
  phases.done('database opened');
  const where = db.kind === 'pglite' ? path.join(config.dataDir, 'pglite') : 'PostgreSQL (DATABASE_URL)';
  console.info(`[tsunagari] database: ${db.kind} — ${where}`);
  await prepareDatabase(db, config, clock, { onProgress: (m) => console.info(`[tsunagari] ${m}`) });
  phases.done('database prepared');
  if (config.demo)
    console.info('[tsunagari] DEMO MODE: fictional demo data and demo accounts are enabled (デモ)');
  if (config.clock)
    console.info(`[tsunagari] clock fixed at ${config.clock.toISOString()} (TSUNAGARI_CLOCK)`);

  const app = await buildApp({ config, db, clock });
  phases.done('app built');
  // Requests do not need the queue (a message waits in the outbox until a sender runs), so it starts
  // after listen, and a moment after: its own start-up (loading pg-boss, its schema checks and
  // workers) holds this process's one thread for ~0.3 s on PGlite, and begun at once it kept the
  // first requests after a (re)start waiting, a supervisor's health check among them (issue 23).
  let background: Promise<BackgroundWork> | undefined;
  let backgroundStart: NodeJS.Timeout | undefined;
  let closing = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (closing) return;
    closing = true;
    console.info(`[tsunagari] ${signal}: closing`);
    clearTimeout(backgroundStart);
    try {
      removeControlFile(config);
      await app.close();
      // The queue shares the PGlite instance: stop it before the database closes.
      await (await background?.catch(() => undefined))?.stop();
      // Anchor the rows written since the last minute's export (ADR 0014).
      const anchored = await anchorAuditHeads(db, config).catch((error: unknown) => {
        console.error(`[tsunagari] audit heads NOT exported at shutdown: ${(error as Error).message}`);
        return undefined;
      });
      if (anchored)
        console.info(`[tsunagari] audit heads exported at shutdown (${anchored.written} changed)`);
    } finally {
      await db.close();
      process.exit(exitCode);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  // The port bound, which PORT=0 leaves to the system: the ready line is how a supervisor learns it.
  const { port } = app.server.address() as AddressInfo;
  writeControlFile(config, port);
  const shown = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  phases.done('listening');
  console.info(`[tsunagari] ready: http://${shown}:${port} (${phases.summary()})`);
  backgroundStart = setTimeout(() => {
    background = startBackgroundWork({ config, db, clock });
    background.catch((error: unknown) => {
      console.error('[tsunagari] background work (job queue) failed to start:', error);
      void shutdown('start-up failure', 1);
    });
  }, BACKGROUND_START_DELAY_MS);
}

/** How long after listen the job queue starts (see above). */
const BACKGROUND_START_DELAY_MS = 1000;

/**
 * Where a start-up's time went, printed with "ready": an operator whose start is slow sees whether
 * it is loading the program, opening the database, the start-up checks or building the app (issue 23
 * item 5 sets ≤ 2 s on an existing data directory). Times are from this process's start.
 */
function startupPhases() {
  const marks: Array<[string, number]> = [['program loaded', performance.now()]];
  return {
    done(phase: string) {
      marks.push([phase, performance.now()]);
    },
    summary(): string {
      const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      const steps = marks.map(([name, at], i) => `${name} ${seconds(at - (i === 0 ? 0 : marks[i - 1]![1]))}`);
      return `${seconds(marks.at(-1)![1])} from process start: ${steps.join(', ')}`;
    },
  };
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(`[tsunagari] ${error.message}`);
  } else {
    console.error('[tsunagari] start-up failed:', error);
  }
  process.exit(1);
});
