/**
 * `npm run bench:uploads` — the outside probe of issue 19, scripted: three concurrent public subsidy
 * applications, each with three 10 MiB files, against the real server (its own process, as
 * `npm start` runs it) on PGlite and then on PostgreSQL, while a GET of `/healthz` (which asks the
 * database `select 1`) is sent every 100 ms. Reports the GETs' p50/p99/max and each upload's time and
 * status, and the server's peak RSS.
 *
 * Two kinds of file, one run each per database:
 * - `probe`: what the probe sent — a JPEG start marker, zero padding and an end marker (10 MiB).
 * - `photo`: a real 10 MiB JPEG (noise, so it does not compress), which is decoded and re-encoded.
 *
 * Environment: BENCH_PG_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_PORT (3101),
 * BENCH_DATABASES (pglite,postgres). Timing belongs here, never in a test's assertions. Sends traffic
 * only to 127.0.0.1; bounded: 3 × 2 uploads per database, GETs only while they run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { DEMO_PLACE_IDS } from '../src/server/modules/places/places.demo.ts';
import { ADMIN_URL, admin, writeMarkdown } from './lib.ts';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const PORT = Number(process.env.BENCH_PORT ?? 3101);
const DATABASES = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',') as Array<
  'pglite' | 'postgres'
>;
const DB_NAME = 'tsunagari_bench_uploads';
const MIB = 1024 * 1024;
const FILE_BYTES = 10 * MIB - 64 * 1024; // 10 MiB with the multipart framing, under the per-file limit
const log = (message: string) => console.info(`[bench:uploads] ${message}`);

type Kind = 'probe' | 'photo';
type Upload = { status: number; ms: number };
type Run = {
  database: 'pglite' | 'postgres';
  kind: Kind;
  uploads: Upload[];
  uploadsWallMs: number;
  gets: { n: number; p50: number; p99: number; max: number; failed: number };
  idle: { p50: number; p99: number };
  peakRssMiB: number;
};

function probeJpeg(): Buffer {
  const out = Buffer.alloc(FILE_BYTES, 0);
  out.set([0xff, 0xd8], 0);
  out.set([0xff, 0xd9], FILE_BYTES - 2);
  return out;
}

/** A real JPEG of about 10 MiB: random pixels at quality 100 do not compress. */
async function photoJpeg(): Promise<Buffer> {
  let side = 2600;
  for (;;) {
    const pixels = randomBytes(side * side * 3);
    const jpeg = await sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
      .jpeg({ quality: 100, chromaSubsampling: '4:4:4' })
      .toBuffer();
    if (jpeg.length <= FILE_BYTES) {
      if (jpeg.length > FILE_BYTES * 0.9) return jpeg;
      side = Math.floor(side * Math.sqrt((FILE_BYTES * 0.95) / jpeg.length));
    } else side = Math.floor(side * Math.sqrt((FILE_BYTES * 0.95) / jpeg.length));
  }
}

const application = () => ({
  municipalityCode: '192015',
  relation: 'family',
  applicant: { name: '試験 花子', nameKana: 'しけん はなこ' },
  person: { name: '試験 太郎', nameKana: 'しけん たろう' },
  contact: { phone: '000-0000-9999', email: 'hanako@example.jp' },
  destination: { kind: 'place', id: DEMO_PLACE_IDS.hidamari },
  route: '自宅近くのバス停からバスで甲府駅、徒歩（往復）',
  legs: [{ mode: 'public_transport', fareYen: 900 }],
  tripsPerMonth: 6,
  bank: {
    bankCode: '0142',
    branchCode: '101',
    accountType: 'ordinary',
    accountNumber: '1234567',
    holderName: 'しけん　はなこ',
  },
  language: 'ja',
  consent: true,
});

const base = `http://127.0.0.1:${PORT}`;

async function upload(file: Blob): Promise<Upload> {
  const form = new FormData();
  form.set('application', JSON.stringify(application()));
  for (let i = 0; i < 3; i++) form.append('receipts', file, `IMG_${i}.jpg`);
  const started = performance.now();
  const res = await fetch(`${base}/api/public/subsidy-applications`, { method: 'POST', body: form });
  await res.arrayBuffer();
  return { status: res.status, ms: Math.round(performance.now() - started) };
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0;

/** A GET of /healthz every 100 ms while `during` runs (and `tailMs` after); latencies in ms. */
async function pollWhile<T>(during: () => Promise<T>, tailMs = 500) {
  const latencies: number[] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  const timer = setInterval(() => {
    const started = performance.now();
    pending.push(
      fetch(`${base}/healthz`)
        .then(async (r) => {
          await r.arrayBuffer();
          if (r.status !== 200) failed++;
          latencies.push(performance.now() - started);
        })
        .catch(() => {
          failed++;
        }),
    );
  }, 100);
  const result = await during();
  await new Promise((r) => setTimeout(r, tailMs));
  clearInterval(timer);
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    result,
    gets: {
      n: latencies.length,
      p50: round(quantile(latencies, 0.5)),
      p99: round(quantile(latencies, 0.99)),
      max: round(latencies.at(-1) ?? 0),
      failed,
    },
  };
}

function peakRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

async function startServer(database: 'pglite' | 'postgres', dataDir: string): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATA_KEY: `bench1:${randomBytes(32).toString('base64')}`,
    AUDIT_HEAD_DIR: path.join(dataDir, 'audit-heads'),
    LOG_LEVEL: 'warn',
    TSUNAGARI_DEMO: 'on',
  };
  if (database === 'postgres') env.DATABASE_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(ROOT, 'src/server/main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 300_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('[tsunagari] ready')) {
        clearTimeout(timeout);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`server exited (${code}):\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return child;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function measure(database: 'pglite' | 'postgres', files: Record<Kind, Blob>): Promise<Run[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tsunagari-bench-uploads-'));
  if (database === 'postgres')
    await admin(async (c) => {
      await c.query(`drop database if exists ${DB_NAME} with (force)`);
      await c.query(
        `create database ${DB_NAME} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`,
      );
    });
  log(`${database}: starting the server (demo data)`);
  const server = await startServer(database, dataDir);
  const runs: Run[] = [];
  try {
    // Warm-up: one small request of each kind, so the first measurement does not pay for JIT.
    await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
    for (const kind of ['probe', 'photo'] as const) {
      const idle = await pollWhile(() => new Promise((r) => setTimeout(r, 2_000)), 0);
      const started = performance.now();
      const { result: uploads, gets } = await pollWhile(() =>
        Promise.all([upload(files[kind]), upload(files[kind]), upload(files[kind])]),
      );
      const run: Run = {
        database,
        kind,
        uploads,
        uploadsWallMs: Math.round(performance.now() - started),
        gets,
        idle: { p50: idle.gets.p50, p99: idle.gets.p99 },
        peakRssMiB: peakRss(server.pid!),
      };
      runs.push(run);
      log(
        `${database} ${kind}: uploads ${uploads.map((u) => `${u.status} in ${u.ms} ms`).join(', ')}; GET /healthz every 100 ms: n=${gets.n} p50 ${gets.p50} ms p99 ${gets.p99} ms max ${gets.max} ms (idle p99 ${idle.gets.p99} ms); peak RSS ${run.peakRssMiB} MiB`,
      );
    }
  } finally {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
    if (database === 'postgres')
      await admin((c) => c.query(`drop database if exists ${DB_NAME} with (force)`)).catch(() => {});
  }
  return runs;
}

function report(runs: Run[], loadBefore: string) {
  const cpus = os.cpus();
  const machine = `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB memory, Node ${process.version}`;
  const lines = [
    '<!-- uploads:begin (written by `npm run bench:uploads`) -->',
    '## Uploads while the server keeps answering (`npm run bench:uploads`)',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; load average when the measurements began: ${loadBefore} (the machine is shared: other work on its two cores raises every figure).`,
    'The outside probe of issue 19: three concurrent public subsidy applications, each with three files of 10 MiB, sent to the real server',
    '(`src/server/main.ts` in its own process, demo data) while a GET of `/healthz` (which asks the database `select 1`) is sent every 100 ms.',
    '`probe`: the probe’s files (a JPEG start marker, zero padding, an end marker), refused by their bytes as not a JPEG, PNG or PDF (415).',
    '`photo`: real 10 MiB JPEGs (random pixels), decoded and re-encoded (201). Target: p99 of the GET ≤ 500 ms on PGlite.',
    '',
    '| database | files | uploads (status, time) | GETs | GET p50 (ms) | GET p99 (ms) | GET max (ms) | idle p99 (ms) | peak RSS (MiB) |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${r.database} | ${r.kind} | ${r.uploads.map((u) => `${u.status} ${(u.ms / 1000).toFixed(1)} s`).join(', ')} | ${r.gets.n} | ${r.gets.p50} | ${r.gets.p99} | ${r.gets.max} | ${r.idle.p99} | ${r.peakRssMiB} |`,
    ),
    '<!-- uploads:end -->',
  ];
  const section = lines.join('\n');
  console.info(`\n${section}\n`);
  const file = path.join(ROOT, 'docs/benchmarks.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const next = /<!-- uploads:begin[\s\S]*?<!-- uploads:end -->/.test(current)
    ? current.replace(/<!-- uploads:begin[\s\S]*?<!-- uploads:end -->/, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeMarkdown(file, next);
  mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench/out/uploads.json'), JSON.stringify({ machine, runs }, null, 2));
}

async function main() {
  log('making the files');
  const photo = await photoJpeg();
  log(`photo: ${(photo.length / MIB).toFixed(1)} MiB`);
  const blob = (b: Buffer) => new Blob([new Uint8Array(b)], { type: 'image/jpeg' });
  const files = { probe: blob(probeJpeg()), photo: blob(photo) };
  const loadBefore = os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' / ');
  const runs: Run[] = [];
  for (const database of DATABASES) runs.push(...(await measure(database, files)));
  report(runs, loadBefore);
}

await main();
