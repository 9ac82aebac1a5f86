import http from 'node:http';
import path from 'node:path';
import { installModules } from '../modules/index.ts';
import { fixedClock, systemClock } from '../platform/clock.ts';
import { type Config, ConfigError, loadConfig } from '../platform/config.ts';
import { type Database, openPglite, openPostgres } from '../platform/db/client.ts';
import { DataDirLockedError } from '../platform/db/lock.ts';
import { migrateDatabase } from '../platform/db/migrate.ts';
import { CONTROL_HEADER, readControlFile, readControlSecret } from '../platform/jobs/control.ts';
import { type DueRunSummary, errorCodeOf, runDueJobs } from '../platform/jobs/due.ts';
import { RunDueResponse } from '../platform/jobs/jobs.schema.ts';

/**
 * `npm run jobs:run-due`: runs every due job once and exits, non-zero if any failed.
 * With PostgreSQL it runs here (job_runs keeps it from overlapping a server's scheduler). With
 * PGlite a running server holds the data directory, so the jobs run inside that server, asked
 * through its local control endpoint; with no server running they run here.
 */
class CliError extends Error {
  override name = 'CliError';
}

function print(summary: DueRunSummary, where: string): void {
  console.info(`[jobs:run-due] business time ${summary.businessNow} — ${where}`);
  if (summary.results.length === 0) console.info('[jobs:run-due] no due jobs are registered');
  const width = Math.max(0, ...summary.results.map((r) => r.name.length));
  for (const result of summary.results) {
    const outcome =
      result.status === 'failed'
        ? `failed (${result.errorCode ?? 'error'})`
        : result.status === 'skipped'
          ? 'skipped (running in another process)'
          : 'ok';
    console.info(`${result.name.padEnd(width)}  processed=${result.processed}  ${outcome}`);
  }
}

async function runHere(db: Database, config: Config): Promise<DueRunSummary> {
  const clock = config.clock ? fixedClock(config.clock) : systemClock;
  try {
    await migrateDatabase(db);
    return await runDueJobs({ db, config, clock }, { trigger: 'cli' });
  } finally {
    await db.close();
  }
}

function post(control: { host: string; port: number; hostHeader?: string }, secret: string, body: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(
      {
        host: control.host,
        port: control.port,
        method: 'POST',
        path: '/api/internal/jobs/run-due',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          [CONTROL_HEADER]: secret,
          ...(control.hostHeader ? { host: control.hostHeader } : {}),
        },
        // Long purges may take a while; the server keeps running them even if we give up.
        timeout: 30 * 60_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new CliError('The server did not answer in time.')));
    request.on('error', reject);
    request.end(body);
  });
}

async function runThroughServer(config: Config, ownerPid: number): Promise<DueRunSummary> {
  const control = readControlFile(config.dataDir);
  const secret = readControlSecret(config.dataDir);
  if (!control || !secret || control.pid !== ownerPid) {
    throw new CliError(
      `The data directory is in use by process ${ownerPid}, which has not published its control endpoint ` +
        `(${path.join(config.dataDir, 'control.json')}). If the server is starting, try again in a moment.`,
    );
  }
  const body = JSON.stringify(config.clock ? { now: config.clock.toISOString() } : {});
  let response: { status: number; text: string };
  try {
    response = await post(control, secret, body);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Could not reach the running server (pid ${ownerPid}) on port ${control.port}.`);
  }
  if (response.status !== 200) {
    throw new CliError(`The running server refused to run the due jobs (HTTP ${response.status}).`);
  }
  return RunDueResponse.parse(JSON.parse(response.text));
}

async function main(): Promise<number> {
  installModules();
  const config = loadConfig();
  if (config.clock)
    console.info(`[jobs:run-due] clock fixed at ${config.clock.toISOString()} (TSUNAGARI_CLOCK)`);
  if (config.databaseUrl) {
    const summary = await runHere(await openPostgres(config.databaseUrl, { max: 2 }), config);
    print(summary, 'ran in this process (PostgreSQL)');
    return summary.ok ? 0 : 1;
  }
  let db: Database;
  try {
    db = await openPglite({ dataDir: config.dataDir });
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    const summary = await runThroughServer(config, error.ownerPid);
    print(summary, `ran inside the running server (pid ${error.ownerPid})`);
    return summary.ok ? 0 : 1;
  }
  const summary = await runHere(db, config);
  print(summary, 'ran in this process (PGlite)');
  return summary.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof CliError)
      console.error(`[jobs:run-due] ${error.message}`);
    // A code, not the error: driver errors quote query parameters, which may be personal data.
    else console.error(`[jobs:run-due] failed (${errorCodeOf(error)})`);
    process.exit(2);
  },
);
