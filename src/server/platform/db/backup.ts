import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { type Database, pgliteExtensions, rows, withPoolConnection } from './client.ts';

/**
 * Backups of either database. PGlite: a compressed copy of its data directory (`dumpDataDir`),
 * restored by opening a new directory from it. PostgreSQL: `pg_dump --format=custom`, restored with
 * `pg_restore` into an empty database. A manifest of row counts goes beside every backup so a
 * restore can prove it is complete.
 */
export type RowCounts = Record<string, number>;
export type BackupManifest = {
  kind: 'pglite' | 'postgres';
  createdAt: string;
  rowCounts: RowCounts;
  /** Check value of each DATA_KEY id the data needs (crypto/key-check.ts); never the keys. */
  keys?: Record<string, string>;
};

const TABLES_SQL = `select quote_ident(schemaname) || '.' || quote_ident(tablename) as name from pg_tables
  where schemaname not in ('pg_catalog', 'information_schema') order by 1`;

/** Counts every table through `query` (one connection or transaction, so one snapshot if it holds one). */
async function countRowsWith(
  query: (text: string) => Promise<Record<string, unknown>[]>,
): Promise<RowCounts> {
  const counts: RowCounts = {};
  for (const { name } of (await query(TABLES_SQL)) as { name: string }[]) {
    const [row] = await query(`select count(*)::text as n from ${name}`);
    counts[name] = Number(row?.n ?? 0);
  }
  return counts;
}

export async function countRows(db: Database): Promise<RowCounts> {
  return countRowsWith(async (text) => rows<Record<string, unknown>>(db.orm, sql.raw(text)));
}

export const manifestPath = (backupFile: string) => `${backupFile}.manifest.json`;

export async function backupPglite(
  db: Database,
  file: string,
  keys: Record<string, string> = {},
): Promise<BackupManifest> {
  if (!db.pglite) throw new Error('not a PGlite database');
  // Online: the dump is taken from the running instance, and the counts are read back from the dump
  // itself (opened in memory), so writes while it runs cannot make them disagree (issue 19).
  const dump = await db.pglite.dumpDataDir('gzip');
  const bytes = Buffer.from(await dump.arrayBuffer());
  const copy = await PGlite.create({ loadDataDir: new Blob([bytes]), extensions: pgliteExtensions });
  let rowCounts: RowCounts;
  try {
    rowCounts = await countRowsWith(async (text) => (await copy.query<Record<string, unknown>>(text)).rows);
  } finally {
    await copy.close();
  }
  writeFileSync(file, bytes, { mode: 0o600 });
  const manifest: BackupManifest = { kind: 'pglite', createdAt: new Date().toISOString(), rowCounts, keys };
  writeFileSync(manifestPath(file), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Restores into a data directory that must be empty or absent; returns the restored PGlite closed. */
export async function restorePglite(file: string, pgliteDir: string): Promise<void> {
  if (existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0) {
    throw new Error(`Refusing to restore into ${pgliteDir}: it is not empty. Use a new DATA_DIR.`);
  }
  mkdirSync(path.dirname(pgliteDir), { recursive: true });
  const blob = new Blob([readFileSync(file)]);
  const restored = await PGlite.create({
    dataDir: pgliteDir,
    loadDataDir: blob,
    extensions: pgliteExtensions,
  });
  await restored.close();
}

function runTool(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) =>
      reject(
        new Error(
          `${command} could not be started (${error.message}). Install the PostgreSQL client tools of the server's major version.`,
        ),
      ),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${stderr.trim()}`)),
    );
  });
}

/**
 * Counts and dump come from ONE snapshot (issue 19: counts taken before pg_dump's own snapshot made
 * "audit_events backup 11492, restored 11537" under writes): a repeatable-read transaction exports
 * its snapshot, counts in it, and stays open while `pg_dump --snapshot` reads the same state.
 */
export async function backupPostgres(
  db: Database,
  url: string,
  file: string,
  keys: Record<string, string> = {},
): Promise<BackupManifest> {
  if (!db.pool) throw new Error('not a PostgreSQL database');
  // The snapshot's connection stays held while pg_dump runs: if it is lost meanwhile, the process
  // goes on and the backup fails (withPoolConnection).
  const rowCounts = await withPoolConnection(db.pool, async (client, lost): Promise<RowCounts> => {
    try {
      await client.query('begin isolation level repeatable read read only');
      const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]!.s;
      const counts = await countRowsWith(async (text) => (await client.query(text)).rows);
      await runTool('pg_dump', [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--snapshot=${snapshot}`,
        '--file',
        file,
        '--dbname',
        url,
      ]);
      await client.query('commit');
      return counts;
    } catch (error) {
      await client.query('rollback').catch(lost);
      throw error;
    }
  });
  const manifest: BackupManifest = { kind: 'postgres', createdAt: new Date().toISOString(), rowCounts, keys };
  writeFileSync(manifestPath(file), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export async function restorePostgres(db: Database, url: string, file: string): Promise<void> {
  const [existing] = await rows<{ n: number }>(
    db.orm,
    sql`select count(*)::int as n from pg_tables where schemaname = 'public'`,
  );
  if ((existing?.n ?? 0) > 0) throw new Error('Refusing to restore: the target database is not empty.');
  await runTool('pg_restore', [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    '--single-transaction',
    '--dbname',
    url,
    file,
  ]);
}

export function compareCounts(expected: RowCounts, actual: RowCounts): string[] {
  const problems: string[] = [];
  for (const table of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if (expected[table] !== actual[table]) {
      problems.push(`${table}: backup ${expected[table] ?? 'absent'}, restored ${actual[table] ?? 'absent'}`);
    }
  }
  return problems;
}
