/**
 * `npm run bench:payments` — building and writing a payment batch of 100,000 lines on PostgreSQL,
 * against writing the same bytes from a precomputed array (the I/O floor), in one run.
 *
 * 1. Creates the database `tsunagari_bench_payments` (dropped at the end) and migrates it.
 * 2. Registers a payable source `bench_claim` (as the subsidies module will register its claims) whose
 *    items are held in memory, and posts each item's amount to the ledger's confirmed stage with one
 *    set-based INSERT (setup, not timed).
 * 3. Timed, per round: build the batch (`createBatch`: gather payable items, leave out live lines,
 *    check every bank and branch, encrypt bank details, insert the lines), approve it, export it
 *    (`exportBatch`: read and decrypt the lines, write the 全銀 records in Shift_JIS, hash, freeze the
 *    batch) and write the file to disk with fsync; then the floor: the same bytes, as a precomputed
 *    array of records, written to disk with fsync. Rounds alternate; medians are reported.
 * 4. Prints the figures and writes them into docs/benchmarks.md between the payments markers.
 *
 * Environment: BENCH_PG_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_LINES (100000),
 * BENCH_ROUNDS (3). Timing belongs here, never in a test's assertions.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { approveBatch, createBatch } from '../src/server/modules/payments/payments.batches.ts';
import { exportBatch } from '../src/server/modules/payments/payments.transfers.ts';
import type { Actor } from '../src/server/platform/access/actor.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { openPostgres, rows } from '../src/server/platform/db/client.ts';
import { asSystem, inTransaction } from '../src/server/platform/db/tenant.ts';
import { type PayableItem, registerPayableSource } from '../src/server/platform/modules/payable-sources.ts';
import { prepareDatabase } from '../src/server/startup.ts';
import { ADMIN_URL, admin, writeMarkdown } from './lib.ts';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const DB_NAME = 'tsunagari_bench_payments';
const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TENANT = '192015';
const PROGRAMME = 'bench:travel';
const log = (message: string) => console.info(`[bench:payments] ${message}`);

const KANA = ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ｽｽﾞｷ ﾊﾅｺ', 'ｻﾄｳ ｹﾝ', 'ﾀｶﾊｼ ﾐﾕｷ', 'ｲﾄｳ ｼﾖｳﾀ', 'ﾜﾀﾅﾍﾞ ｱｲ'];
const BRANCHES = [
  ['0001', '001'],
  ['0005', '001'],
  ['0009', '001'],
] as const;

let current: PayableItem[] = [];
registerPayableSource({
  kind: 'bench_claim',
  label: { ja: 'ベンチマーク', en: 'Benchmark' },
  listPayable: async () => current,
  programmeNames: async () => new Map([[PROGRAMME, 'ベンチマーク事業']]),
});

function items(round: number): PayableItem[] {
  return Array.from({ length: LINES }, (_, i) => {
    const [bankCode, branchCode] = BRANCHES[i % BRANCHES.length] as readonly [string, string];
    return {
      sourceId: `r${round}-${i}`,
      programmeKey: PROGRAMME,
      fiscalYear: 2026,
      amount: 1_000 + (i % 5_000),
      description: `ベンチ ${i}`,
      payeeName: `ベンチ支払先 ${i}`,
      bank: {
        bankCode,
        branchCode,
        accountType: '1',
        accountNumber: String(i % 10_000_000).padStart(7, '0'),
        holderName: KANA[i % KANA.length] as string,
      },
    };
  });
}

const actor = (id: string): Actor => ({
  accountId: id,
  sessionId: 'bench',
  email: 'bench@example.invalid',
  displayName: 'bench',
  scope: 'tenant',
  tenant: TENANT,
  roles: ['finance'],
  mfaSatisfied: true,
  mfaEnrolmentRequired: false,
});

function writeWithFsync(file: string, chunks: readonly Buffer[]): void {
  const fd = openSync(file, 'w');
  try {
    for (const chunk of chunks) writeSync(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main() {
  await admin(async (c) => {
    await c.query(`drop database if exists ${DB_NAME} with (force)`);
    await c.query(
      `create database ${DB_NAME} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`,
    );
  });
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
  const config = loadConfig({
    NODE_ENV: 'development',
    DATA_DIR: os.tmpdir(),
    DATA_KEY: `bench1:${randomBytes(32).toString('base64')}`,
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    TSUNAGARI_DEMO: 'off',
  });
  const db = await openPostgres(url, { max: 2 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tsunagari-bench-payments-'));
  const ctx = { config, clock: systemClock };
  const timings = {
    build: [] as number[],
    export: [] as number[],
    write: [] as number[],
    total: [] as number[],
    floor: [] as number[],
  };
  let bytes = 0;
  let version = '';
  try {
    log('migrating');
    await prepareDatabase(db, config, systemClock, { demo: false });
    const [v] = await asSystem(db, (tx) =>
      rows<{ v: string }>(tx, sql`select split_part(version(), ' on ', 1) as v`),
    );
    version = v?.v ?? '';
    for (let round = 1; round <= ROUNDS; round++) {
      current = items(round);
      // Setup: every item confirmed in the ledger (one set-based insert, not timed).
      await asSystem(db, (tx) =>
        tx.execute(sql`insert into ledger_entries (municipality_code, programme_key, fiscal_year, stage, amount, source_kind, source_id, reason, at)
          select ${TENANT}, ${PROGRAMME}, 2026, 'confirmed', 1000 + (i % 5000), 'bench_claim', ${`r${round}-`} || i, 'bench', now()
          from generate_series(0, ${LINES - 1}) as i`),
      );
      const approver = actor(randomUUID());
      const exporter = actor(randomUUID());
      const t0 = performance.now();
      const { id } = await inTransaction(db, { tenant: TENANT }, (tx) =>
        createBatch(tx, ctx, approver, TENANT, { transferDate: '2026-12-10', items: 'all' }),
      );
      await inTransaction(db, { tenant: TENANT }, (tx) => approveBatch(tx, ctx, approver, TENANT, id));
      const t1 = performance.now();
      const { file } = await inTransaction(db, { tenant: TENANT }, (tx) =>
        exportBatch(tx, ctx, exporter, TENANT, id),
      );
      const t2 = performance.now();
      writeWithFsync(path.join(dir, `batch-${round}.txt`), [file]);
      const t3 = performance.now();
      bytes = file.length;
      // The floor: the same bytes, precomputed as an array of records (+ CRLF), written and fsynced.
      // Joined before the clock starts: the floor is one write of bytes that already exist.
      const stride = config.zengin?.recordSeparator === 'none' ? 120 : 122;
      const records: Buffer[] = [];
      for (let o = 0; o < file.length; o += stride) records.push(Buffer.from(file.subarray(o, o + stride)));
      const precomputed = Buffer.concat(records);
      const f0 = performance.now();
      writeWithFsync(path.join(dir, `floor-${round}.txt`), [precomputed]);
      const f1 = performance.now();
      timings.build.push(t1 - t0);
      timings.export.push(t2 - t1);
      timings.write.push(t3 - t2);
      timings.total.push(t3 - t0);
      timings.floor.push(f1 - f0);
      log(
        `round ${round}: build ${(t1 - t0).toFixed(0)} ms, export ${(t2 - t1).toFixed(0)} ms, write ${(t3 - t2).toFixed(1)} ms; floor ${(f1 - f0).toFixed(1)} ms`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
    await admin((c) => c.query(`drop database if exists ${DB_NAME} with (force)`));
  }
  const m = (k: keyof typeof timings) => median(timings[k]);
  const cpus = os.cpus();
  const lines = [
    '<!-- payments:begin (written by `npm run bench:payments`) -->',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus.length} × ${cpus[0]?.model ?? 'CPU'} (shared with other work), ${version}, Node ${process.version}; ${LINES.toLocaleString('en')} lines, ${(bytes / 1e6).toFixed(1)} MB file, median of ${ROUNDS} rounds.`,
    '',
    '| step | median ms |',
    '|---|---:|',
    `| build batch (gather, check banks, encrypt, insert lines) + approve | ${m('build').toFixed(0)} |`,
    `| export (read, decrypt, 全銀 records in Shift_JIS, hash, freeze) | ${m('export').toFixed(0)} |`,
    `| write the file (fsync) | ${m('write').toFixed(1)} |`,
    `| **total** | **${m('total').toFixed(0)}** |`,
    `| floor: write the same bytes from a precomputed array (fsync) | ${m('floor').toFixed(1)} |`,
    '',
    `Ratio total / floor: **${(m('total') / m('floor')).toFixed(0)}×**.`,
    '<!-- payments:end -->',
  ];
  const section = lines.join('\n');
  console.info(`\n${section}\n`);
  const docFile = path.join(ROOT, 'docs/benchmarks.md');
  const doc = existsSync(docFile) ? readFileSync(docFile, 'utf8') : '# Benchmarks\n';
  const heading = '## Payment batch: build and write a 全銀 file (`npm run bench:payments`)';
  const next = /<!-- payments:begin[\s\S]*?<!-- payments:end -->/.test(doc)
    ? doc.replace(/<!-- payments:begin[\s\S]*?<!-- payments:end -->/, section)
    : `${doc.trimEnd()}\n\n${heading}\n\n${section}\n`;
  writeMarkdown(docFile, next);
}

await main();
