/**
 * `npm run bench:startup` — how long `npm start` takes to a first `200` of `GET /healthz` (issue 23:
 * ≤ 10 s on a fresh data directory, ≤ 2 s on an existing one), on the embedded PGlite with demo data
 * as a newcomer runs it. Each round: a fresh temporary DATA_DIR, then again on that directory. The
 * web build, the server bundle and the kept empty cluster (decision 0034) are made first, so none is
 * counted in the rounds; when the cluster had to be made, that first start is reported on its own.
 * Writes its table into docs/benchmarks.md between the `startup` markers.
 *
 * BENCH_QUICK=1: one round instead of three.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServerIfStale } from '../scripts/build-server-if-stale.ts';
import { buildWebIfStale } from '../scripts/build-web-if-stale.ts';
import { installedPgliteVersion, PGLITE_TEMPLATES } from '../src/server/platform/db/pglite-template.ts';
import { freePort, writeMarkdown } from './lib.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = process.env.BENCH_QUICK === '1' ? 1 : 3;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * `phases`: the server's own account of its start (its "ready" line), from its process start.
 * `peakBytes`: the server process's highest resident memory (the kernel's VmHWM) over the start and
 * the `SETTLE_MS` after it, when work the start set off in the background (V8 compiling) has run.
 */
type Start = { seconds: number; rssBytes: number; pid: number; phases: string; peakBytes: number };

const SETTLE_MS = 2000;

/** The kernel's high-water mark of a process's resident memory, in bytes. */
function peakResidentBytes(pid: number): number {
  const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) * 1024;
}

async function waitHealthy(
  url: string,
  child: ChildProcess,
  started: number,
): Promise<Omit<Start, 'phases' | 'peakBytes'>> {
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (!exited && performance.now() - started < 180_000) {
    try {
      const response = await fetch(url);
      if (response.status === 200) {
        const seconds = (performance.now() - started) / 1000;
        const body = (await response.json()) as { rssBytes: number; pid: number };
        return { seconds, rssBytes: body.rssBytes, pid: body.pid };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(exited ? 'the server exited before it was healthy' : 'no healthy /healthz in 180 s');
}

async function startOnce(dataDir: string): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(NPM, ['start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  let server: number | undefined;
  try {
    const healthy = await waitHealthy(`http://127.0.0.1:${port}/healthz`, child, started);
    server = healthy.pid;
    // The ready line is written before listen answers, but may reach this pipe after the answer.
    const readyLine = () => /ready: \S+ \((.*)\)/.exec(output)?.[1];
    for (let waited = 0; !readyLine() && waited < 2000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return { ...healthy, phases: readyLine() ?? 'no ready line', peakBytes: peakResidentBytes(server) };
  } finally {
    // npm → node: signal the whole group, then wait for the server itself (npm may end first) to
    // close PGlite and write its audit heads before the directory is reused or removed.
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    while (server !== undefined && alive(server)) await new Promise((r) => setTimeout(r, 50));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const loadAtStart = os.loadavg()[0]!.toFixed(1);
await buildWebIfStale({ log: (m) => console.info(`[bench] ${m}`) });
await buildServerIfStale({ log: (m) => console.info(`[bench] ${m}`) });

// The first new data directory after an install makes the kept empty cluster (initdb): a build, like
// the two above, made here once and reported apart from the rounds.
let makingCluster: Start | undefined;
if (!existsSync(path.join(PGLITE_TEMPLATES, installedPgliteVersion()))) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tsunagari-startup-'));
  try {
    makingCluster = await startOnce(dataDir);
    console.info(
      `[bench] first fresh start, making the kept empty cluster: ${makingCluster.seconds.toFixed(2)} s`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const fresh: Start[] = [];
const existing: Start[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tsunagari-startup-'));
  try {
    fresh.push(await startOnce(dataDir));
    existing.push(await startOnce(dataDir));
    console.info(`[bench]   fresh: ${fresh.at(-1)!.phases}\n[bench]   existing: ${existing.at(-1)!.phases}`);
    console.info(
      `[bench] round ${round}: fresh ${fresh.at(-1)!.seconds.toFixed(2)} s (${mb(fresh.at(-1)!.rssBytes)}, peak ${mb(fresh.at(-1)!.peakBytes)}), existing ${existing.at(-1)!.seconds.toFixed(2)} s (${mb(existing.at(-1)!.rssBytes)}, peak ${mb(existing.at(-1)!.peakBytes)})`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const seconds = (starts: Start[]) => starts.map((s) => `${s.seconds.toFixed(2)} s`).join(', ');
const highest = (starts: Start[], of: (s: Start) => number) => mb(Math.max(...starts.map(of)));
const section = [
  '<!-- startup:begin (written by `npm run bench:startup`) -->',
  '',
  `Run ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}; load average ${loadAtStart} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end), Node ${process.version}, ${ROUNDS} round(s)${ROUNDS === 1 ? ' (BENCH_QUICK)' : ''}. \`npm start\` on PGlite with demo data, from the command to the first \`200\` of \`GET /healthz\` (25 ms polling); web build, server bundle and kept empty cluster (decision 0034) already current${makingCluster ? `. The first fresh start after the install, which made the kept cluster (initdb), took ${makingCluster.seconds.toFixed(2)} s` : ' (made by an earlier start)'}.`,
  '',
  `| start                   | target | measured | \`rssBytes\` at the first 200 (highest) | peak resident memory to ${SETTLE_MS / 1000} s after it (highest) |`,
  '| ----------------------- | -----: | -------- | ------------------------------------: | ---: |',
  `| fresh data directory    |   10 s | ${seconds(fresh)} | ${highest(fresh, (s) => s.rssBytes)} | ${highest(fresh, (s) => s.peakBytes)} |`,
  `| existing data directory |    2 s | ${seconds(existing)} | ${highest(existing, (s) => s.rssBytes)} | ${highest(existing, (s) => s.peakBytes)} |`,
  '',
  "The server's own account of each start (its `ready` line; times from its process start, so without `npm` and the launcher before it):",
  '',
  ...fresh.map((s, i) => `- round ${i + 1}, fresh: ${s.phases}`),
  ...existing.map((s, i) => `- round ${i + 1}, existing: ${s.phases}`),
  '',
  '<!-- startup:end -->',
].join('\n');
const file = path.join(ROOT, 'docs/benchmarks.md');
const current = readFileSync(file, 'utf8');
const markers = /<!-- startup:begin[\s\S]*?<!-- startup:end -->/;
writeMarkdown(
  file,
  markers.test(current) ? current.replace(markers, section) : `${current.trimEnd()}\n\n${section}\n`,
);
console.info(`[bench] written to ${path.relative(ROOT, file)}`);
