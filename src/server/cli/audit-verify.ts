/**
 * npm run audit:verify [-- --heads <file>] [--export] [--first-anchor] [--verbose]
 *
 * Recomputes every audit chain and compares it with the exported, signed chain heads
 * (`$AUDIT_HEAD_DIR/heads.jsonl`, default `$DATA_DIR/audit-heads/heads.jsonl` in development). Exit 0
 * when intact, 1 when anything is wrong or the check could not run — a missing heads file, an
 * unsigned head or one whose signature does not verify (AUDIT_SIGNING_KEY) is a failure, never a
 * warning. `--export` appends the current heads after a clean check (never after a failed one: that
 * would anchor a tampered state). `--first-anchor` starts a heads file where none exists (a new
 * installation, or after an investigation): the chains must be internally intact.
 *
 * PGlite (no DATABASE_URL): only one process may open the data directory, so stop the server first.
 * PostgreSQL: runs alongside the server.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { exportAuditHeads, HEADS_FILE_NAME } from '../platform/audit/heads.ts';
import { type AuditVerifyResult, verifyAudit } from '../platform/audit/verify.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { type Database, openPglite, openPostgres, rows } from '../platform/db/client.ts';
import { DataDirLockedError } from '../platform/db/lock.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args: { heads?: string; export?: boolean; 'first-anchor'?: boolean; verbose?: boolean };
try {
  args = parseArgs({
    options: {
      heads: { type: 'string' },
      export: { type: 'boolean', default: false },
      'first-anchor': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  fail(
    `${(error as Error).message}\nUsage: npm run audit:verify [-- --heads <file>] [--export] [--first-anchor] [--verbose]`,
  );
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : `Configuration failed: ${(error as Error).message}`);
}

const headsFile = path.resolve(args.heads ?? path.join(config.auditHeadDir, HEADS_FILE_NAME));

function printReport(result: AuditVerifyResult, where: string) {
  console.info(`Audit log verification / 監査ログの検証 — ${where}`);
  console.info(
    result.headsFileFound
      ? `Exported heads: ${result.exportedHeads} in ${headsFile} (signing key ${config.auditSigner().keyId})`
      : `No heads file at ${headsFile}.`,
  );
  console.info(`Chains: ${result.chains.length}, rows: ${result.rows}`);
  const troubled = new Set(result.problems.map((p) => p.chain));
  for (const chain of result.chains) {
    if (args.verbose || troubled.has(chain.chain)) {
      const flag = troubled.has(chain.chain) ? 'PROBLEMS' : 'ok';
      console.info(
        `  ${chain.chain.padEnd(8)} rows ${String(chain.rows).padStart(9)}  last seq ${chain.lastSeq}  ${flag}`,
      );
    }
  }
  if (result.problems.length > 0) {
    console.error(`\nProblems (${result.problems.length}):`);
    for (const problem of result.problems) {
      console.error(`  [${problem.chain ?? 'heads file'}] ${problem.kind}: ${problem.message}`);
    }
    console.error(
      `\nRESULT: the audit log has been altered (${result.problems.length} problems) / 監査ログの改ざん・欠落を検出しました`,
    );
  } else {
    console.info('\nRESULT: intact / 監査ログは完全です');
  }
}

let db: Database | undefined;
let exitCode = 1;
try {
  db = config.databaseUrl
    ? await openPostgres(config.databaseUrl, { max: 2 })
    : await openPglite({ dataDir: config.dataDir });
  const where =
    db.kind === 'pglite' ? `PGlite ${path.join(config.dataDir, 'pglite')}` : 'PostgreSQL (DATABASE_URL)';
  const [table] = await rows<{ t: string | null }>(
    db.orm,
    sql`select to_regclass('public.audit_events')::text as t`,
  );
  if (!table?.t)
    throw new Error('The database has no audit_events table: start the server once to apply migrations.');
  const signer = config.auditSigner();
  const result = await verifyAudit(db, headsFile, signer);
  const target = { dir: path.dirname(headsFile), signer };
  if (args['first-anchor']) {
    const onlyMissing = result.problems.every((p) => p.kind === 'heads_missing');
    if (result.headsFileFound) {
      printReport(result, where);
      console.error('Not anchored: a heads file exists already; --first-anchor only starts a new one.');
    } else if (!onlyMissing) {
      printReport(result, where);
      console.error('Heads NOT exported: a damaged chain must not be anchored.');
    } else {
      const exported = await exportAuditHeads(db, target, { firstAnchor: true });
      console.info(
        `First anchor: ${exported.written} heads of ${exported.chains} chains signed (key ${signer.keyId}) into ${exported.file}.\n` +
          'Rows before this point were checked for internal consistency only. / 最初のアンカーを作成しました。',
      );
      exitCode = 0;
    }
  } else {
    printReport(result, where);
    if (result.ok) {
      exitCode = 0;
      if (args.export) {
        const exported = await exportAuditHeads(db, target);
        console.info(
          `Exported ${exported.written} changed heads of ${exported.chains} chains to ${exported.file}`,
        );
      }
    } else if (args.export) {
      console.error('Heads NOT exported: a damaged chain must not be anchored.');
    }
  }
} catch (error) {
  if (error instanceof DataDirLockedError) {
    console.error(
      `${error.message}\nVerifying a PGlite database needs the server stopped (サーバーを停止してから実行してください).`,
    );
  } else {
    console.error(`Audit verification could not run: ${(error as Error).message}`);
  }
  exitCode = 1;
} finally {
  await db?.close();
}
process.exit(exitCode);
