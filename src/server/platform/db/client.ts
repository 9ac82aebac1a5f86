import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { lazyOnce } from '../lazy.ts';
import { acquireDirLock } from './lock.ts';
import { startFromTemplate } from './pglite-template.ts';

/** How drizzle names columns in SQL, on every driver (and on `tenant.ts`'s own transactions). */
export const ORM_CASING = 'snake_case';

export type Orm = PgDatabase<PgQueryResultHKT>;
// biome-ignore lint/suspicious/noExplicitAny: drizzle's transaction type is generic over schema types we do not use.
export type Tx = PgTransaction<PgQueryResultHKT, any, any>;
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Orm | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  kind: DatabaseKind;
  orm: Orm;
  /** The underlying PGlite instance (for dumps); undefined on PostgreSQL. */
  pglite: PGlite | undefined;
  /** The node-postgres pool; undefined on PGlite. */
  pool: pg.Pool | undefined;
  /**
   * A direct connection string for session work (the job queue's LISTEN and its locks) when the pool
   * goes through a transaction-mode pooler (DATABASE_SESSION_URL); undefined: the pool's own.
   */
  sessionUrl?: string;
  /** A streaming replica for public reads (READ_DATABASE_URL); see read-routing.ts. */
  replica?: ReadReplica;
  close(): Promise<void>;
};

export type ReadReplica = {
  orm: Orm;
  pool: pg.Pool;
  /** Reachable and no further behind the primary than the lag bound, by the last check. */
  usable(): boolean;
  /** Checks the lag now (also done every second in the background). */
  check(): Promise<boolean>;
  /** Transactions routed to the replica so far (operators and tests). */
  reads: number;
};

export async function rows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * One connection of the pool, held for a piece of work: a transaction, a lock kept while other work
 * runs, a snapshot kept while `pg_dump` reads it. node-postgres reports a connection lost while none
 * of its statements runs (a server restart, an administrator, a timeout) as an `'error'` event on the
 * client, and with no listener that ends the process. Here it is recorded instead: the work's next
 * statement fails, and the connection is destroyed rather than handed back to the pool. `lost` lets
 * the work say the same of a connection it found unusable (a rollback that failed).
 */
export async function withPoolConnection<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient, lost: (error: Error) => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const lost = (error: Error) => {
    broken ??= error;
  };
  client.on('error', lost);
  try {
    return await work(client, lost);
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}

/** A statement already written as text with numbered parameters (`$1`…) and their values. */
export type Statement = { sql: string; params: unknown[] };

/**
 * Runs a statement given as text and parameters, in the same session and with the same result
 * parsing as `rows`. For the hottest statements only (the public search, places.search.ts), where
 * building and rendering drizzle's `sql` objects cost more than the rest of the server's own work.
 */
export async function statementRows<T>(db: Queryable, statement: Statement): Promise<T[]> {
  const prepared = db._.session.prepareQuery(statement, undefined, undefined, false);
  const result = (await prepared.execute()) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * The extensions the schema creates (db/migrations/0004_pg_trgm.sql), and no other: PGlite unpacks
 * and links every one listed here on each start. pgcrypto was listed from the start and never created
 * or called (hashes are Node's); its 1.1 MB bundle (OpenSSL) cost every start of the embedded server.
 */
export const pgliteExtensions = { pg_trgm };

/**
 * PGlite's memory sized for a small town's machine (issue 23): PostgreSQL's default 128 MB of shared
 * buffers is most of an idle server's resident memory, and a town's whole database fits in far less.
 * Measured on the demo data: RSS 585 → 441 MB after the same queries (docs/benchmarks.md).
 */
export const PGLITE_MEMORY_SETTINGS = [
  'shared_buffers=32MB',
  'work_mem=4MB',
  'maintenance_work_mem=32MB',
  'temp_buffers=4MB',
];

function pgliteStartParams(): string[] {
  return [...PGlite.defaultStartParams, ...PGLITE_MEMORY_SETTINGS.flatMap((s) => ['-c', s])];
}

/**
 * PGlite's WebAssembly, compiled once per process. A server opens one database, but a test worker
 * opens dozens one after another, and PGlite compiles its 9 MB module for each: handing it the
 * compiled module made each open 0.5–0.7 s faster on the 2-core CI machine. The running database
 * keeps the module alive anyway, so holding it costs nothing more.
 */
const pgliteWasmModule = lazyOnce(async () =>
  WebAssembly.compile(
    await readFile(createRequire(import.meta.url).resolve('@electric-sql/pglite/pglite.wasm')),
  ),
);

export async function openPglite(options: {
  dataDir?: string;
  lock?: boolean;
  /** A tarball from `dumpDataDir()` to start from (tests start from a prepared database this way). */
  loadDataDir?: Blob;
  /** Told when a new data directory is made (from the kept empty cluster, or by initdb). */
  log?: (message: string) => void;
}): Promise<Database> {
  let lock: { release(): void } | undefined;
  let dir: string | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    dir = path.join(options.dataDir, 'pglite');
    if (options.lock !== false) lock = acquireDirLock(path.join(options.dataDir, 'pglite.lock'));
  }
  try {
    if (dir && !options.loadDataDir) await startFromTemplate(dir, makeEmptyCluster, { log: options.log });
    const client = await PGlite.create({
      pgliteWasmModule: await pgliteWasmModule(),
      dataDir: dir,
      loadDataDir: options.loadDataDir,
      extensions: pgliteExtensions,
      startParams: pgliteStartParams(),
    });
    const orm = drizzlePglite(client, { casing: ORM_CASING }) as unknown as Orm;
    return {
      kind: 'pglite',
      orm,
      pglite: client,
      pool: undefined,
      async close() {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** initdb's output and nothing more: what pglite-template.ts keeps for new data directories. */
async function makeEmptyCluster(dir: string): Promise<void> {
  const cluster = await PGlite.create({
    pgliteWasmModule: await pgliteWasmModule(),
    dataDir: dir,
    startParams: pgliteStartParams(),
  });
  await cluster.close();
}

export async function openPostgres(
  url: string,
  options: { max?: number; readUrl?: string; maxLagSeconds?: number; sessionUrl?: string } = {},
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: 'tsunagari',
  });
  // A pool error (e.g. server restart) must not crash the process; queries report it.
  pool.on('error', () => {});
  const orm = drizzleNodePg(pool, { casing: ORM_CASING }) as unknown as Orm;
  const [ctype] = await rows<{ lc_ctype: string }>(orm, sql`show lc_ctype`);
  const value = ctype?.lc_ctype ?? '';
  if (!/utf-?8/i.test(value)) {
    await pool.end();
    throw new Error(
      `The PostgreSQL database has LC_CTYPE "${value}". Japanese search needs a UTF-8 LC_CTYPE ` +
        `(for example: CREATE DATABASE tsunagari LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8' TEMPLATE template0).\n` +
        `データベースの LC_CTYPE が UTF-8 ではないため起動できません。`,
    );
  }
  const replica = options.readUrl
    ? await openReplica(options.readUrl, pool, {
        max: options.max,
        maxLagSeconds: options.maxLagSeconds ?? 5,
      })
    : undefined;
  return {
    kind: 'postgres',
    orm,
    pglite: undefined,
    pool,
    replica,
    sessionUrl: options.sessionUrl,
    async close() {
      await replica?.close();
      await pool.end();
    },
  };
}

/**
 * The replica's lag, checked every second: caught up when it has replayed the primary's current WAL
 * position, otherwise behind by the age of its last replayed transaction (an over-estimate when the
 * primary is idle, which errs towards the primary). Unreachable or too far behind → not usable, and
 * public reads go to the primary until a later check says otherwise.
 */
async function openReplica(
  url: string,
  primary: pg.Pool,
  options: { max?: number; maxLagSeconds: number },
): Promise<ReadReplica & { close(): Promise<void> }> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: 'tsunagari-read',
  });
  pool.on('error', () => {});
  const orm = drizzleNodePg(pool, { casing: ORM_CASING }) as unknown as Orm;
  let usable = false;
  let closed = false;
  const check = async (): Promise<boolean> => {
    try {
      const at = await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
      const lag = await pool.query<{ bytes: string | null; seconds: number | null }>(
        `select pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::text as bytes,
                extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as seconds`,
        [at.rows[0]!.lsn],
      );
      const row = lag.rows[0];
      // Not a standby (bytes null): e.g. a test pointing READ_DATABASE_URL at the primary itself.
      const caughtUp = row?.bytes === null || Number(row?.bytes) <= 0;
      usable = caughtUp || (row?.seconds ?? Number.POSITIVE_INFINITY) <= options.maxLagSeconds;
    } catch {
      usable = false;
    }
    return usable;
  };
  await check();
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => void check().finally(schedule), 1000);
    timer.unref();
  };
  schedule();
  const replica = {
    orm,
    pool,
    usable: () => usable,
    check,
    reads: 0,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await pool.end();
    },
  };
  return replica;
}
