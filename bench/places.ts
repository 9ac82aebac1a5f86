/**
 * `npm run bench:places` — public search of the directory at national scale, on PostgreSQL.
 *
 * 1. Creates the databases `tsunagari_bench_<size>` (dropped again at the end), migrates them and loads
 *    the municipality reference data.
 * 2. One database per size (5,000 and 50,000 published listings spread over all 1,741 operating
 *    municipalities), each served by its own app instance in this process.
 * 3. Keyword + area searches over HTTP against the real server with wrk (autocannon where wrk is not
 *    installed) from a second process, then the very same SQL statements the server issues (publicSearchStatement) sent
 *    straight through `pg` with the same concurrency. Sizes and HTTP/pg alternate within each of
 *    BENCH_ROUNDS rounds, and the median of each figure is reported, so load from other work falls on
 *    both sizes alike.
 * 4. Prints the figures and writes them into docs/benchmarks.md (between the places markers) and
 *    bench/out/places.json.
 *
 * Environment: BENCH_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_SECONDS (10), BENCH_CONNECTIONS (10), BENCH_SIZES (5000,50000), BENCH_ROUNDS (5).
 * Timing belongs here, never in a test's assertions.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { PublicSearchQuery } from '../src/server/modules/places/places.schema.ts';
import { publicSearchStatement } from '../src/server/modules/places/places.search.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { openPostgres, rows } from '../src/server/platform/db/client.ts';
import { asSystem, beginMessage } from '../src/server/platform/db/tenant.ts';
import { prepareDatabase } from '../src/server/startup.ts';
import { directoryOverPg, type Measure, type Municipality, searchPaths, seedPlaces } from './directory.ts';
import { ADMIN_URL, admin, freePort, writeMarkdown } from './lib.ts';
import { runWrk, WRK } from './wrk.ts';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const DB_NAME = 'tsunagari_bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SIZES = (process.env.BENCH_SIZES ?? '5000,50000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/**
 * The median of each figure over the rounds, taken separately (rate, p50, p95, p99): a burst of other
 * work during one round moves that round's figures, not the reported ones.
 */
function median(rounds: Measure[]): Measure {
  const mid = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
  };
  return {
    requests: rounds.reduce((sum, r) => sum + r.requests, 0),
    requestsPerSecond: mid(rounds.map((r) => r.requestsPerSecond)),
    p50: mid(rounds.map((r) => r.p50)),
    p95: mid(rounds.map((r) => r.p95)),
    p99: mid(rounds.map((r) => r.p99)),
    non2xx: rounds.reduce((sum, r) => sum + (r.non2xx ?? 0), 0),
    errors: rounds.reduce((sum, r) => sum + (r.errors ?? 0), 0),
  };
}

async function loadOverHttp(url: string, paths: string[], seconds: number): Promise<Measure> {
  if (WRK) return runWrk({ url, paths, connections: CONNECTIONS, seconds });
  const job = JSON.stringify({ url, paths, connections: CONNECTIONS, seconds });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench/places-load.ts'), job], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out) as Measure) : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

async function loadOverPg(
  pool: pg.Pool,
  statements: Array<{ sql: string; params: unknown[] }>,
  seconds: number,
): Promise<Measure> {
  return directoryOverPg(pool, CONNECTIONS, statements, seconds);
}

// ── run ─────────────────────────────────────────────────────────────────────────────────────────

/** BENCH_PROFILE: each statement alone, ten times; BENCH_EXPLAIN: plans of the first two, as the app role. */
async function explainOrProfile(
  s: SizeUnderTest,
  statements: Array<{ sql: string; params: unknown[] }>,
  paths: string[],
) {
  if (process.env.BENCH_PROFILE) {
    // Shared buffers touched do not depend on what else the machine is doing; times do.
    for (const [i, statement] of statements.entries()) {
      const plan = await s.direct.query(
        `explain (analyze, buffers, format json) ${statement.sql}`,
        statement.params,
      );
      const top = plan.rows[0]['QUERY PLAN'][0];
      const buffers = top.Plan['Shared Hit Blocks'] + top.Plan['Shared Read Blocks'];
      console.info(
        `${s.size}\t${buffers}\t${top['Execution Time'].toFixed(2)}\t${top['Planning Time'].toFixed(2)}\t${decodeURIComponent(paths[i]!)}`,
      );
    }
    return;
  }
  for (const statement of statements.slice(0, 2)) {
    // The same statement as the server runs it: in a transaction, as the app role (RLS applies).
    const client = await s.direct.connect();
    try {
      await client.query(beginMessage({ tenant: null }));
      const plan = await client.query(`explain (analyze, buffers) ${statement.sql}`, statement.params);
      console.info(
        `-- ${s.size} places, as the app role:\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`,
      );
      await client.query('rollback');
    } finally {
      client.release();
    }
  }
}

type SizeUnderTest = {
  size: number;
  name: string;
  db: Awaited<ReturnType<typeof openPostgres>>;
  direct: pg.Pool;
  app: Awaited<ReturnType<typeof buildApp>>;
  base: string;
  dataDir: string;
};

/** One database per size, migrated, seeded and served by its own app instance on a free port. */
async function prepareSize(size: number): Promise<SizeUnderTest> {
  const name = `${DB_NAME}_${size}`;
  await admin(async (client) => {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(
      `create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`,
    );
  });
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tsunagari-bench-'));
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    DATA_KEY: `bench:${randomBytes(32).toString('base64')}`,
    TRUST_PROXY: '127.0.0.1',
    TSUNAGARI_DEMO: 'off',
    LOG_LEVEL: 'silent',
  });
  const db = await openPostgres(url, { max: CONNECTIONS });
  const direct = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  // Dropping the database at the end terminates what is still connected: not an error of the run.
  direct.on('error', () => {});
  console.info(`${name}: migrations and municipalities…`);
  await prepareDatabase(db, config, systemClock, { demo: false });
  const app = await buildApp({ config, db, clock: systemClock }, { logger: false, serveWeb: false });
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  return { size, name, db, direct, app, base: `http://127.0.0.1:${port}`, dataDir };
}

async function closeSize(s: SizeUnderTest) {
  await s.app.close();
  await s.direct.end();
  await s.db.close();
  if (process.env.BENCH_KEEP) {
    console.info(`kept database ${s.name} (BENCH_KEEP)`);
    return;
  }
  await admin((client) => client.query(`drop database if exists ${s.name} with (force)`));
  rmSync(s.dataDir, { recursive: true, force: true });
}

async function main() {
  const pgVersion = await admin(
    async (client) => (await client.query('show server_version')).rows[0].server_version as string,
  );
  const results: Array<{
    size: number;
    http: Measure;
    pg: Measure;
    rounds?: { http: Measure[]; pg: Measure[] };
  }> = [];
  const sizes: SizeUnderTest[] = [];
  try {
    for (const size of SIZES) sizes.push(await prepareSize(size));
    const municipalities = await asSystem(sizes[0]!.db, (tx) =>
      rows<Municipality>(
        tx,
        sql`select m.code, m.name, m.name_kana, m.prefecture_code, p.name as prefecture_name
            from municipalities m join municipalities p on p.prefecture_code = m.prefecture_code and p.kind = 'prefecture'
            where m.kind = 'municipality' and m.operating order by m.sort_order`,
      ),
    );
    console.info(`${municipalities.length} operating municipalities`);
    const paths = searchPaths(municipalities);
    const statements = paths.map((p) => {
      const query = PublicSearchQuery.parse(Object.fromEntries(new URL(p, 'http://x').searchParams));
      return publicSearchStatement(query, null).page;
    });
    for (const s of sizes) {
      console.info(`seeding ${s.name} with ${s.size.toLocaleString('en')} places…`);
      await seedPlaces(s.direct, 0, s.size, municipalities);
      const check = await fetch(`${s.base}${paths[0]}`);
      if (!check.ok) throw new Error(`search answered ${check.status}: ${await check.text()}`);
    }

    if (process.env.BENCH_PROFILE || process.env.BENCH_EXPLAIN) {
      for (const s of sizes) await explainOrProfile(s, statements, paths);
      return;
    }

    loadBefore = os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ');
    for (const s of sizes) {
      await loadOverHttp(s.base, paths, 2); // warm-up, discarded
      await loadOverPg(s.direct, statements, 2);
    }
    // Every size, HTTP and pg alternate within each round, ROUNDS times, and the median round of each
    // is reported: the two cores are shared with other work, and a burst of it during one measurement
    // would otherwise decide the ratio (or the comparison between sizes) on its own.
    const rounds = new Map(sizes.map((s) => [s.size, { http: [] as Measure[], pg: [] as Measure[] }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of sizes) {
        const http = await loadOverHttp(s.base, paths, SECONDS);
        const viaPg = await loadOverPg(s.direct, statements, SECONDS);
        rounds.get(s.size)!.http.push(http);
        rounds.get(s.size)!.pg.push(viaPg);
        // Progress (a run takes minutes): this round's figures, before the medians at the end.
        console.info(
          `round ${round + 1}/${ROUNDS}, ${s.size.toLocaleString('en')} places: HTTP ${http.requestsPerSecond.toFixed(0)} req/s p95 ${http.p95} ms | pg ${viaPg.requestsPerSecond.toFixed(0)} q/s p95 ${viaPg.p95} ms`,
        );
      }
    }
    for (const s of sizes) {
      const http = median(rounds.get(s.size)!.http);
      const viaPg = median(rounds.get(s.size)!.pg);
      results.push({ size: s.size, http, pg: viaPg, rounds: rounds.get(s.size)! });
      console.info(
        `${s.size}: HTTP ${http.requestsPerSecond.toFixed(0)} req/s p95 ${http.p95} ms (non-2xx ${http.non2xx}, errors ${http.errors}) | pg ${viaPg.requestsPerSecond.toFixed(0)} q/s p95 ${viaPg.p95} ms | ratio ${(http.requestsPerSecond / viaPg.requestsPerSecond).toFixed(2)}`,
      );
    }
  } finally {
    for (const s of sizes) await closeSize(s);
  }
  if (!process.env.BENCH_EXPLAIN && !process.env.BENCH_PROFILE) report(results, pgVersion);
}

let loadBefore = '';

/**
 * The SQL's own growth and what it allows (the directory notes in docs/benchmarks.md): with P the cost
 * of a search sent straight and H what the HTTP server adds, HTTP / pg ≈ P₅₀ / (H + P₅₀) and the HTTP
 * throughput's growth ≈ (H + P₅₀) / (H + P₅). A ratio of 0.6 means H = (1 / 0.6 − 1) P₅₀, and then the
 * growth is (1 / 0.6) / (1 / 0.6 − 1 + 1 / k), where k is the SQL's own throughput growth.
 */
function sqlGrowthLine(small: { size: number; pg: Measure }, large: { size: number; pg: Measure }): string {
  const k = small.pg.requestsPerSecond / large.pg.requestsPerSecond;
  const atRatio = 0.6;
  const floor = 1 / atRatio / (1 / atRatio - 1 + 1 / k);
  return `The SQL alone: p95 ${(large.pg.p95 / small.pg.p95).toFixed(2)}×, throughput ${k.toFixed(2)}× from ${small.size.toLocaleString('en')} to ${large.size.toLocaleString('en')} places. With that growth, an HTTP / pg of ${atRatio} leaves the HTTP throughput growing at least ${floor.toFixed(2)}× (the p95 a little more)${floor >= 1.25 ? ': at the 1.3× target’s edge or past it, so the two targets can meet with a margin only where the SQL itself grows less (directory notes below)' : ''}.`;
}

function report(results: Array<{ size: number; http: Measure; pg: Measure }>, pgVersion: string) {
  const cpus = os.cpus();
  const machine = `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB memory, Node ${process.version}, PostgreSQL ${pgVersion}`;
  const small = results.find((r) => r.size === Math.min(...SIZES));
  const large = results.find((r) => r.size === Math.max(...SIZES));
  const lines = [
    '<!-- places:begin (written by `npm run bench:places`) -->',
    '## Public search of the directory (`npm run bench:places`)',
    '',
    `Run ${new Date().toISOString().slice(0, 10)} on ${machine}; load average when the measurements began: ${loadBefore}` +
      ' (other work on the machine shares the two cores and lowers every figure).',
    `Keyword + area searches (64 queries: いばしょ, 家族会, ひきこもり, ピア… with a prefecture or a municipality), ${CONNECTIONS} concurrent connections, ${SECONDS} s per measurement after a 2 s warm-up; one database per size; sizes and HTTP/pg alternate within each of ${ROUNDS} rounds, and each figure is its median over the rounds (every round is in bench/out/places.json).`,
    `HTTP: the real server (this process) with ${WRK ? '`wrk` (C, one thread) from a second process (the Node generator, autocannon, cost the two shared cores about as much per request as the server)' : 'autocannon from a second process (wrk is not installed: `apt-get install wrk`; the Node generator takes CPU from the server on two cores)'}; every request goes through routing, validation, the`,
    'transaction with the app role, the search and the response body (each listing’s stored public JSON, joined, decision 0005). pg: the same statements the server sends for a search (`begin` with the app role and the',
    'tenant in one message, the search statement built by `publicSearchStatement`, commit), straight through a `pg` pool of the same size:',
    'no HTTP, validation, mapping or JSON. p95 of HTTP is measured by the load generator per response.',
    '',
    '| places | HTTP req/s | HTTP p95 (ms) | pg q/s | pg p95 (ms) | HTTP / pg |',
    '|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.size.toLocaleString('en')} | ${r.http.requestsPerSecond.toFixed(0)} | ${r.http.p95} | ${r.pg.requestsPerSecond.toFixed(0)} | ${r.pg.p95} | ${(r.http.requestsPerSecond / r.pg.requestsPerSecond).toFixed(2)} |`,
    ),
    '',
    small && large
      ? `HTTP p95 at ${large.size.toLocaleString('en')} vs ${small.size.toLocaleString('en')} places: ${(large.http.p95 / small.http.p95).toFixed(2)}× (target ≤ 1.3×). Ratio HTTP / pg at ${large.size.toLocaleString('en')}: ${(large.http.requestsPerSecond / large.pg.requestsPerSecond).toFixed(2)} (target ≥ 0.6).`
      : '',
    small && large ? `\n${sqlGrowthLine(small, large)}` : '',
    '<!-- places:end -->',
  ];
  const section = lines.join('\n');
  console.info(`\n${section}\n`);
  const file = path.join(ROOT, 'docs/benchmarks.md');
  const current = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n\nMeasured with the scripts in `bench/`; numbers depend on the machine named with them.\n\n';
  const next = /<!-- places:begin[\s\S]*?<!-- places:end -->/.test(current)
    ? current.replace(/<!-- places:begin[\s\S]*?<!-- places:end -->/, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeMarkdown(file, next);
  mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench/out/places.json'), JSON.stringify({ machine, results }, null, 2));
}

await main();
