/**
 * npm run db:backup [-- <file>]
 * PGlite (no DATABASE_URL): stop the server first (it holds the data directory); writes a .tar.gz.
 * PostgreSQL: pg_dump in custom format; the server may keep running.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../platform/config.ts';
import { keyCheckValues } from '../platform/crypto/key-check.ts';
import { backupPglite, backupPostgres } from '../platform/db/backup.ts';
import { openPglite, openPostgres } from '../platform/db/client.ts';
import { DataDirLockedError } from '../platform/db/lock.ts';

const config = loadConfig();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const defaultFile = path.join(
  config.dataDir,
  'backups',
  `tsunagari-${stamp}.${config.databaseUrl ? 'pgdump' : 'tar.gz'}`,
);
const file = path.resolve(process.argv[2] ?? defaultFile);
mkdirSync(path.dirname(file), { recursive: true });

try {
  if (config.databaseUrl) {
    const db = await openPostgres(config.databaseUrl, { max: 1 });
    try {
      const manifest = await backupPostgres(db, config.databaseUrl, file, keyCheckValues(config.dataKeys));
      report(manifest.rowCounts);
    } finally {
      await db.close();
    }
  } else {
    const db = await openPglite({ dataDir: config.dataDir });
    try {
      const manifest = await backupPglite(db, file, keyCheckValues(config.dataKeys));
      report(manifest.rowCounts);
    } finally {
      await db.close();
    }
  }
} catch (error) {
  if (error instanceof DataDirLockedError) {
    console.error(
      `${error.message}\nA PGlite backup needs the server stopped (サーバーを停止してからバックアップしてください).`,
    );
  } else {
    console.error(`Backup failed: ${(error as Error).message}`);
  }
  process.exit(1);
}

function report(counts: Record<string, number>) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.info(`Backup written: ${file}`);
  console.info(`Manifest: ${file}.manifest.json (${Object.keys(counts).length} tables, ${total} rows)`);
}
