/**
 * npm run db:restore -- <file>
 * Restores into an EMPTY database: a new DATA_DIR for PGlite, or an empty DATABASE_URL database.
 * Afterwards every table's row count is compared with the backup's manifest.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../platform/config.ts';
import { wrongKeyMessage } from '../platform/crypto/key-check.ts';
import {
  type BackupManifest,
  compareCounts,
  countRows,
  manifestPath,
  restorePglite,
  restorePostgres,
} from '../platform/db/backup.ts';
import { openPglite, openPostgres } from '../platform/db/client.ts';
import { acquireDirLock } from '../platform/db/lock.ts';

const fileArg = process.argv[2];
if (!fileArg) {
  console.error('Usage: npm run db:restore -- <backup file>');
  process.exit(2);
}
const file = path.resolve(fileArg);
if (!existsSync(file)) {
  console.error(`No such backup file: ${file}`);
  process.exit(2);
}
const config = loadConfig();
const manifest: BackupManifest | undefined = existsSync(manifestPath(file))
  ? JSON.parse(readFileSync(manifestPath(file), 'utf8'))
  : undefined;

// Refuse before writing anything: restored data under another key would start and then fail every
// encrypted read as if tampered with (issue 19).
const wrongKey = manifest?.keys ? wrongKeyMessage(manifest.keys, config.dataKeys) : undefined;
if (wrongKey) {
  console.error(
    `Restore refused / 復元を中止しました。\n${wrongKey.replace('このデータ', 'このバックアップ').replace('This data', 'This backup')}`,
  );
  process.exit(1);
}

try {
  let counts: Record<string, number>;
  if (config.databaseUrl) {
    const db = await openPostgres(config.databaseUrl, { max: 1 });
    try {
      await restorePostgres(db, config.databaseUrl, file);
      counts = await countRows(db);
    } finally {
      await db.close();
    }
  } else {
    const lock = acquireDirLock(path.join(config.dataDir, 'pglite.lock'));
    try {
      await restorePglite(file, path.join(config.dataDir, 'pglite'));
    } finally {
      lock.release();
    }
    const db = await openPglite({ dataDir: config.dataDir });
    try {
      counts = await countRows(db);
    } finally {
      await db.close();
    }
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.info(`Restored ${file}: ${Object.keys(counts).length} tables, ${total} rows.`);
  if (manifest) {
    const problems = compareCounts(manifest.rowCounts, counts);
    if (problems.length > 0) {
      console.error(`Row counts differ from the backup:\n  ${problems.join('\n  ')}`);
      process.exit(1);
    }
    console.info('Row counts match the backup manifest in every table.');
  } else {
    console.warn('No manifest beside the backup: row counts could not be compared.');
  }
} catch (error) {
  console.error(`Restore failed: ${(error as Error).message}`);
  process.exit(1);
}
