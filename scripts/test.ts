/**
 * `npm test`: the whole suite, in tiers (ARCHITECTURE "Tests"): typecheck, lint, unit, API on PGlite,
 * API on PostgreSQL, browser. With CI=true a missing PostgreSQL or browser fails the run loudly;
 * locally they are reported as NOT RUN in the summary, never silently passed.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { type Service, startPgBouncer, startReplica } from './test-services.ts';

const ci = process.env.CI === 'true';
const suiteStarted = Date.now();
/** Issue 23: the whole run within 20 minutes on a quiet CI machine; the summary says how it went. */
const SUITE_TARGET_MINUTES = 20;
const minutes = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
const resultsDir = path.resolve('.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

type StepResult = {
  name: string;
  ok: boolean;
  passed: number;
  failed: number;
  skipped: number;
  note?: string;
  seconds: number;
  /** The tests that failed, each as "file › test: first line of the error" (printed last). */
  failures?: string[];
};
const results: StepResult[] = [];

/** A step that ended with `code` (null: it could not be started, `error` says why); counts come from its report. */
function stepResult(name: string, code: number | null, started: number, error?: Error): StepResult {
  const result: StepResult = {
    name,
    ok: code === 0,
    passed: 0,
    failed: 0,
    skipped: 0,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  if (error) result.note = error.message;
  return result;
}

/**
 * Runs one step with its output on this terminal. Asynchronous on purpose: a tier running beside
 * (vitestInBackground) is read and timed by this process's event loop, which a synchronous spawn
 * would stop for the whole browser tier — its output then waited in the pipe, and its time was
 * reported as the browser tier's (stop 29 and before: "27:30" for a tier done in 12 minutes).
 */
function run(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<StepResult> {
  console.info(`\n━━ ${name} ━━ ${command} ${args.join(' ')}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    const finish = (code: number | null, error?: Error) => {
      const result = stepResult(name, code, started, error);
      console.info(`━━ ${name}: ${code === 0 ? 'ok' : 'FAILED'} in ${minutes(result.seconds)}`);
      resolve(result);
    };
    child.once('error', (error) => finish(null, error));
    child.once('close', (code) => finish(code));
  });
}

function vitestArgs(name: string, project: string): { args: string[]; output: string } {
  const output = path.join(resultsDir, `${name.replace(/\W+/g, '-')}.json`);
  return {
    output,
    args: ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${output}`],
  };
}

type VitestJsonReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  testResults: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults: Array<{ status: string; fullName: string; failureMessages?: string[] }>;
  }>;
};

/** The first line of an error that says something, without colour codes. */
function firstLine(message: string | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing the terminal's colour codes is the point
  const plain = (message ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  const line = plain.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.trim().slice(0, 240);
}

/** ":line" of the test file in the error's stack, where it says. */
function lineIn(file: string, message: string | undefined): string {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+)`).exec(message ?? '');
  return match ? `:${match[1]}` : '';
}

/**
 * What failed, by name: CI keeps only the tail of the run's output, so the summary must say which test
 * failed and why, not only how many (stop 30's record showed "browser 1 failed" and nothing else).
 */
function failuresOf(report: VitestJsonReport): string[] {
  const failures: string[] = [];
  for (const file of report.testResults) {
    const where = path.relative(process.cwd(), file.name);
    for (const test of file.assertionResults)
      if (test.status === 'failed')
        failures.push(
          `${where}${lineIn(where, test.failureMessages?.[0])} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`,
        );
    // A file that failed outside its tests (a hook, an import) has no failed test to name it.
    if (file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'))
      failures.push(
        `${where}: ${firstLine(file.message) || 'failed outside its tests (a hook or an import; its error is in the output above)'}`,
      );
  }
  return failures;
}

function readReport(result: StepResult, output: string): StepResult {
  if (existsSync(output)) {
    const report = JSON.parse(readFileSync(output, 'utf8')) as VitestJsonReport;
    result.failures = failuresOf(report);
    result.passed = report.numPassedTests;
    result.failed = report.numFailedTests;
    result.skipped = report.numPendingTests + report.numTodoTests;
    if (report.numTotalTests === 0) {
      result.ok = false;
      result.note = 'no tests ran';
    }
  }
  return result;
}

async function vitest(name: string, project: string, env: Record<string, string> = {}): Promise<StepResult> {
  const { args, output } = vitestArgs(name, project);
  return readReport(await run(name, 'vitest', args, env), output);
}

/**
 * A tier run beside another (the API tiers beside the browser tier, which alone leaves a third of the
 * machine idle). Its output goes to a log file, printed whole when the browser tier has ended, so the
 * two never interleave.
 */
function vitestInBackground(
  name: string,
  project: string,
  env: Record<string, string> = {},
): Promise<StepResult> {
  const { args, output } = vitestArgs(name, project);
  const log = path.join(resultsDir, `${name.replace(/\W+/g, '-')}.log`);
  console.info(`\n━━ ${name} ━━ vitest ${args.join(' ')} (beside the next tier; output in ${log})`);
  const started = Date.now();
  return new Promise((resolve) => {
    const file = createWriteStream(log);
    const child = spawn('vitest', args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(file, { end: false });
    child.stderr.pipe(file, { end: false });
    const finish = (code: number | null, error?: Error) => {
      file.end(() => {
        const result = stepResult(name, code, started, error);
        console.info(`\n━━ ${name} (beside): ${code === 0 ? 'ok' : 'FAILED'} in ${minutes(result.seconds)}`);
        resolve(readReport(result, output));
      });
    };
    child.once('error', (error) => finish(null, error));
    child.once('close', (code) => finish(code));
  });
}

function printLog(name: string): void {
  const log = path.join(resultsDir, `${name.replace(/\W+/g, '-')}.log`);
  console.info(`\n━━ ${name} (output of a tier that ran beside the browser tier) ━━`);
  if (existsSync(log)) process.stdout.write(readFileSync(log));
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

// PgBouncer and the replica are torn down however the run ends (a failing tier, Ctrl-C, CI timeout).
const services: Service[] = [];
const stopServices = () => {
  for (const service of services.splice(0)) service.stop();
};
process.on('exit', stopServices);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    stopServices();
    process.exit(130);
  });

/** The public API files (issue 23): their reads are served by the replica in the "api (replica)" step. */
const REPLICA_FILES = [
  'test/api/read-replica.test.ts',
  'src/server/modules/municipalities/municipalities.test.ts',
  'src/server/modules/places/places.test.ts',
];

const only = process.argv.slice(2);
const wanted = (step: string) => only.length === 0 || only.includes(step);

if (wanted('typecheck')) results.push(await run('typecheck', 'tsc', ['--noEmit', '-p', 'tsconfig.json']));
if (wanted('lint')) results.push(await run('lint', 'biome', ['check', '.']));
if (wanted('deps')) results.push(await run('dependency audit', process.execPath, ['scripts/deps-audit.ts']));
if (wanted('unit')) results.push(await vitest('unit', 'unit'));
// TEST_SERIAL=1 runs every tier one after another (e.g. to read one tier's output as it comes).
const serial = process.env.TEST_SERIAL === '1';
/**
 * The API tiers run one after another beside the browser tier (decision 0030): the browser tier alone
 * kept about two thirds of the two cores busy (Chromium waits on the server, the server on Chromium),
 * and the API tiers fill the rest. Serial, or without the browser tier, each runs in turn here.
 */
const besideBrowser = !serial && wanted('browser');
const apiTiers: { name: string; env: Record<string, string> }[] = [];
if (wanted('api')) apiTiers.push({ name: 'api (PGlite)', env: { TEST_DATABASE: 'pglite' } });
if (wanted('api') || wanted('api-postgres')) {
  const adminUrl = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const { hostname, port } = new URL(adminUrl);
  const env: Record<string, string> = { TEST_DATABASE: 'postgres', TEST_PG_ADMIN_URL: adminUrl };
  if (await reachable(hostname, Number(port || 5432))) {
    // The tier's app connections go through PgBouncer in transaction mode (databases are still
    // created and dropped directly): what passes here passes behind a pooler in production.
    try {
      const bouncer = await startPgBouncer(new URL(adminUrl));
      services.push(bouncer);
      env.TEST_PG_POOLER_URL = bouncer.url;
      console.info(`\n━━ PgBouncer (transaction mode) for the PostgreSQL API tier: ${bouncer.url}`);
    } catch (error) {
      const note = `PgBouncer did not start (${(error as Error).message})`;
      console.error(`\n!!!!!!!!!! ${note}: the PostgreSQL API tier runs WITHOUT the pooler !!!!!!!!!!`);
      if (ci)
        results.push({ name: 'pgbouncer', ok: false, passed: 0, failed: 0, skipped: 0, note, seconds: 0 });
    }
    apiTiers.push({ name: 'api (PostgreSQL)', env });
  } else {
    const note = `PostgreSQL is not reachable at ${hostname}:${port || 5432}`;
    console.error(`\n!!!!!!!!!! ${note}: the PostgreSQL API tier did NOT run !!!!!!!!!!`);
    results.push({
      name: 'api (PostgreSQL)',
      ok: !ci,
      passed: 0,
      failed: 0,
      skipped: 0,
      note: `NOT RUN: ${note}`,
      seconds: 0,
    });
  }
}
let apiBesideBrowser: Promise<StepResult[]> | null = null;
if (besideBrowser && apiTiers.length > 0) {
  // Both sides start the built web app and server bundle (the browser tier's set-up, the API tier's
  // server-bundle test), and the builders write their trees in place: build once, before either starts.
  const build = await run('build (web app, server bundle)', process.execPath, ['scripts/build-if-stale.ts']);
  if (!build.ok) results.push(build);
  apiBesideBrowser = (async () => {
    const done: StepResult[] = [];
    for (const tier of apiTiers) done.push(await vitestInBackground(tier.name, 'api', tier.env));
    return done;
  })();
} else {
  for (const tier of apiTiers) results.push(await vitest(tier.name, 'api', tier.env));
}
if (wanted('browser')) results.push(await vitest('browser', 'browser'));
if (apiBesideBrowser) {
  const done = await apiBesideBrowser;
  for (const result of done) printLog(result.name);
  results.splice(results.length - 1, 0, ...done);
}
if (wanted('api') || wanted('api-postgres') || wanted('api-replica')) {
  const adminUrl = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const { hostname, port } = new URL(adminUrl);
  if (await reachable(hostname, Number(port || 5432))) {
    const started = Date.now();
    try {
      console.info('\n━━ streaming replica (pg_basebackup of the PostgreSQL server, a second port) ━━');
      const replica = await startReplica(new URL(adminUrl));
      services.push(replica);
      const { args, output } = vitestArgs('api (replica)', 'api');
      const result = readReport(
        await run('api (replica)', 'vitest', [...args, ...REPLICA_FILES], {
          TEST_DATABASE: 'postgres',
          TEST_PG_ADMIN_URL: adminUrl,
          TEST_PG_REPLICA_URL: replica.url,
        }),
        output,
      );
      result.seconds = Math.round((Date.now() - started) / 1000);
      results.push(result);
    } catch (error) {
      const note = `NOT RUN: the replica did not start (${(error as Error).message.slice(0, 300)})`;
      console.error(`\n!!!!!!!!!! ${note} !!!!!!!!!!`);
      results.push({ name: 'api (replica)', ok: !ci, passed: 0, failed: 0, skipped: 0, note, seconds: 0 });
    } finally {
      stopServices();
    }
  }
}

console.info('\n━━ summary ━━');
const table = [
  ['', 'tier', 'passed', 'failed', 'skipped', 'time'],
  ...results.map((r) => [
    r.ok ? 'ok' : 'FAIL',
    r.name,
    String(r.passed),
    String(r.failed),
    String(r.skipped),
    minutes(r.seconds),
  ]),
];
const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
table.forEach((row, i) => {
  const cells = row.map((cell, column) =>
    column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
  );
  const note = i > 0 ? results[i - 1]!.note : undefined;
  console.info(`${cells.join('  ')}${note ? ` — ${note}` : ''}`);
});
const wall = Math.round((Date.now() - suiteStarted) / 1000);
// Tiers that run beside each other overlap, so the wall time is less than the sum of the column.
console.info(
  `\nwhole run ${minutes(wall)} (target ≤ ${SUITE_TARGET_MINUTES}:00 on a quiet CI machine${wall > SUITE_TARGET_MINUTES * 60 ? '; over it — a loaded machine, or the suite needs splitting' : ''})`,
);
const failures = results.flatMap((r) => (r.failures ?? []).map((failure) => `${r.name}: ${failure}`));
if (failures.length > 0) {
  const shown = 20;
  console.info(
    `\nfailed:\n${failures
      .slice(0, shown)
      .map((f) => `  ✗ ${f}`)
      .join('\n')}`,
  );
  if (failures.length > shown)
    console.info(`  … and ${failures.length - shown} more (see the tiers' output above)`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed =
  results.reduce((n, r) => n + r.failed, 0) + results.filter((r) => !r.ok && r.failed === 0).length;
const skipped = results.reduce((n, r) => n + r.skipped, 0);
console.info(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
