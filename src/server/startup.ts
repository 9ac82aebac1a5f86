import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { derivedDataRefreshers, installModules, referenceDataLoaders } from './modules/index.ts';
import type { Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { checkDataKeys } from './platform/crypto/key-check.ts';
import { type Database, rows, withPoolConnection } from './platform/db/client.ts';
import { MIGRATIONS_FOLDER, migrateDatabase } from './platform/db/migrate.ts';
import { runDemoSeeds } from './platform/demo/registry.ts';
import { hashTree, serverSourcesDigest } from './platform/source-digest.ts';

/** Any fixed 64-bit number; the same in every Tsunagari process (the migrations use another). */
const STARTUP_LOCK_KEY = 7_306_204_512;
const FINGERPRINT_STATE_KEY = 'startup-fingerprint';
const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * The server sources' digest computed when the bundle was built (scripts/build-server-if-stale.ts
 * defines it); not defined when the server runs from its sources.
 */
declare const __TSUNAGARI_SERVER_SOURCES_DIGEST__: string | undefined;

/**
 * What start-up work depends on: the migrations, the server code (the reference data it ships and the
 * renderings it derives are in it), the installed packages, and for demo data the demo flag and the
 * business day (demo dates follow the clock). Equal to the value stored by the last complete start-up
 * → nothing to do (issue 23: a restart on an existing database is quick). A stale check would be
 * worse than a slow one, so no shortcut on mtimes: the migrations are read and hashed on every start
 * (the migrator reads them from disk, beside any bundle), and the code's digest is the one its bundle
 * was built with, or, run from the sources, computed now (platform/source-digest.ts).
 */
export function startupFingerprint(config: Config, clock: Clock, demo: boolean): string {
  const hash = createHash('sha256');
  hashTree(hash, ROOT, MIGRATIONS_FOLDER);
  hash.update(
    typeof __TSUNAGARI_SERVER_SOURCES_DIGEST__ === 'string'
      ? __TSUNAGARI_SERVER_SOURCES_DIGEST__
      : sourcesDigestOfThisProcess(),
  );
  hash.update(`demo=${demo}`);
  if (demo) hash.update(`day=${clock.now().toISOString().slice(0, 10)}`);
  void config;
  return hash.digest('hex');
}

/**
 * Run from its sources, the code a process runs is the code it loaded at its start: one digest per
 * process (a test worker builds dozens of apps, ~50 ms of reading and hashing each time).
 */
let sourcesDigest: string | undefined;
function sourcesDigestOfThisProcess(): string {
  sourcesDigest ??= serverSourcesDigest(ROOT);
  return sourcesDigest;
}

async function storedFingerprint(db: Database): Promise<string | undefined> {
  const [table] = await rows<{ t: string | null }>(
    db.orm,
    sql`select to_regclass('public.platform_state') as t`,
  );
  if (!table?.t) return undefined;
  const [row] = await rows<{ value: string }>(
    db.orm,
    sql`select value from platform_state where key = ${FINGERPRINT_STATE_KEY}`,
  );
  return row?.value;
}

/**
 * Brings a database to the state the app needs: schema, reference data shipped in packages
 * (municipality codes, …), derived data rebuilt where the code deriving it changed, and, when demo
 * mode is on, the demo tenants' data.
 *
 * Several app processes may start at once on one PostgreSQL (WORKERS, containers): the work runs
 * under an advisory lock, so the first does it and the others, once let in, find it current and
 * skip it. Returns whether the work ran or was already current.
 */
export async function prepareDatabase(
  db: Database,
  config: Config,
  clock: Clock,
  options: { demo?: boolean; onProgress?: (message: string) => void } = {},
): Promise<{ ran: boolean }> {
  const progress = options.onProgress ?? (() => {});
  installModules();
  const demo = options.demo ?? config.demo;
  const fingerprint = startupFingerprint(config, clock, demo);
  // PGlite has one process and no lock; PostgreSQL's is held on a connection of its own.
  const prepare = async (lock: pg.PoolClient | undefined): Promise<{ ran: boolean }> => {
    // A transaction-level lock in a transaction held open on its own connection: through a pooler in
    // transaction mode (PgBouncer) a session lock could be taken and released on different servers.
    await lock?.query('begin');
    await lock?.query('select pg_advisory_xact_lock($1)', [STARTUP_LOCK_KEY]);
    try {
      if ((await storedFingerprint(db)) === fingerprint) {
        // A wrong DATA_KEY is said to be wrong here, not later as "tampered" on every encrypted read.
        await checkDataKeys(db, config.dataKeys);
        progress('database current: migrations, reference, derived and demo data skipped');
        return { ran: false };
      }
      progress('migrations');
      await migrateDatabase(db);
      await checkDataKeys(db, config.dataKeys);
      for (const loader of referenceDataLoaders) {
        progress(`reference data: ${loader.name}`);
        await loader.load(db);
      }
      for (const refresher of derivedDataRefreshers) {
        progress(`derived data: ${refresher.name}`);
        const rebuilt = await refresher.refresh(db);
        if (rebuilt > 0) progress(`${refresher.name}: ${rebuilt} rebuilt`);
      }
      if (demo) {
        const ran = await runDemoSeeds({ db, config, clock });
        progress(`demo data: ${ran.join(', ') || 'none'}`);
      }
      await db.orm.execute(
        sql`insert into platform_state (key, value) values (${FINGERPRINT_STATE_KEY}, ${fingerprint})
            on conflict (key) do update set value = excluded.value, updated_at = now()`,
      );
      return { ran: true };
    } finally {
      await lock?.query('commit');
    }
  };
  return db.kind === 'postgres' ? withPoolConnection(db.pool!, prepare) : prepare(undefined);
}
