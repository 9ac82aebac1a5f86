/**
 * npm run keys:rotate [-- --batch-size <n>]
 *
 * Re-encrypts every registered encrypted column under the first key of DATA_KEY. Set DATA_KEY to
 * `new:…,old:…` (new first) on every app process BEFORE running this: reads accept both keys, so the
 * app keeps running on PostgreSQL while this works in small batches. PGlite allows one process only:
 * stop the server first. Safe to interrupt and run again. Exit 0 when every value is under the new
 * key, 1 otherwise. Only afterwards remove the old key — and keep it as long as you may need to
 * restore a backup taken before the rotation.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installModules } from '../modules/index.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { encryptedColumns } from '../platform/crypto/registry.ts';
import { type RotationProgress, rotateKeys } from '../platform/crypto/rotate.ts';
import { type Database, openPglite, openPostgres } from '../platform/db/client.ts';
import { DataDirLockedError } from '../platform/db/lock.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let batchSize = 200;
try {
  const { values } = parseArgs({ options: { 'batch-size': { type: 'string' } } });
  if (values['batch-size'] !== undefined) {
    batchSize = Number(values['batch-size']);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
      throw new Error('--batch-size must be 1–10000');
  }
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm run keys:rotate [-- --batch-size <n>]`);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : `Configuration failed: ${(error as Error).message}`);
}

const [active, ...older] = config.dataKeys;
console.info(
  `Active key: ${active!.id}; older keys accepted for reading: ${older.map((k) => k.id).join(', ') || 'none'}`,
);
// Every module names its encrypted columns in its manifest; installing the modules registers them.
installModules();
const columns = encryptedColumns();
if (columns.length === 0) {
  console.info('No encrypted columns are registered: nothing to rotate.');
  process.exit(0);
}
console.info(`Columns: ${columns.map((c) => `${c.table}.${c.column}`).join(', ')}`);

let last = '';
function progress(p: RotationProgress) {
  const line = `  ${p.table}.${p.column}: pass ${p.pass}, re-encrypted ${p.reencrypted}, failed ${p.failed}`;
  if (line !== last) console.info(line);
  last = line;
}

let db: Database | undefined;
let exitCode = 1;
try {
  db = config.databaseUrl
    ? await openPostgres(config.databaseUrl, { max: 2 })
    : await openPglite({ dataDir: config.dataDir });
  console.info(
    `Database: ${db.kind === 'pglite' ? `PGlite ${path.join(config.dataDir, 'pglite')}` : 'PostgreSQL (DATABASE_URL)'}`,
  );
  const summary = await rotateKeys(db, config.dataKeys, { batchSize, onProgress: progress });
  console.info('\nSummary:');
  for (const c of summary.columns) {
    const name = `${c.table}.${c.column}`;
    if (c.error) {
      console.error(`  ${name}: ERROR ${c.error}`);
      continue;
    }
    const state = c.remaining === 0 ? 'done' : `${c.remaining} not yet under ${summary.activeKeyId}`;
    console.info(`  ${name}: re-encrypted ${c.reencrypted}, failed ${c.failed}, ${state}`);
    if (c.failed > 0) {
      console.error(
        `    could not decrypt (unknown key or altered) ids: ${c.failedIds.join(', ')}${c.failed > c.failedIds.length ? ', …' : ''}`,
      );
    }
  }
  if (summary.ok) {
    exitCode = 0;
    console.info(
      `\nEvery value is under key ${summary.activeKeyId} / すべての値を新しい鍵で再暗号化しました`,
    );
  } else {
    console.error(
      '\nRotation incomplete: rows still locked by the app are picked up by running again; failed values need the key they were written with.',
    );
  }
} catch (error) {
  if (error instanceof DataDirLockedError) {
    console.error(
      `${error.message}\nKey rotation on PGlite needs the server stopped (サーバーを停止してから実行してください).`,
    );
  } else {
    console.error(`Key rotation failed: ${(error as Error).message}`);
  }
} finally {
  await db?.close();
}
process.exit(exitCode);
