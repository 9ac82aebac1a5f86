import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../../src/server/platform/db/client.ts';
// Type only: prepared-database.ts loads the whole server (start-up, every module and its tables), which
// a test of one platform piece must not (the key-rotation test counts the registered encrypted columns).
import type { Preparation } from './prepared-database.ts';

/**
 * Each API test file gets a database of its own: an in-memory PGlite, or (TEST_DATABASE=postgres)
 * a fresh database on the PostgreSQL server, dropped afterwards. Tests never touch ./data.
 */
export const TEST_DATABASE = (process.env.TEST_DATABASE ?? 'pglite') as 'pglite' | 'postgres';
export const TEST_PG_ADMIN_URL =
  process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Set by scripts/test.ts for the PostgreSQL tier (issue 23): the app's connections go through
 * PgBouncer in transaction mode; for the public API files, public reads go to a streaming replica.
 */
export const TEST_PG_POOLER_URL = process.env.TEST_PG_POOLER_URL || undefined;
export const TEST_PG_REPLICA_URL = process.env.TEST_PG_REPLICA_URL || undefined;

export type TestDatabase = { db: Database; url: string | undefined; drop(): Promise<void> };

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** Until the replica has replayed everything the primary has written so far (read-your-writes in tests). */
export async function waitForReplica(db: Database): Promise<void> {
  if (!db.replica) return;
  const { rows } = await db.pool!.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
  for (;;) {
    const caughtUp = await db.replica.pool
      .query<{ ok: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok', [rows[0]!.lsn])
      .then((r) => r.rows[0]?.ok === true)
      .catch(() => false);
    if (caughtUp) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * `prepared`: start from a copy of a database already prepared for that config, clock and demo flag
 * (test/helpers/prepared-database.ts); without it, an empty database.
 */
export async function createTestDatabase(options: { prepared?: Preparation } = {}): Promise<TestDatabase> {
  const { prepared } = options;
  const copies = prepared ? await import('./prepared-database.ts') : undefined;
  if (TEST_DATABASE === 'pglite') {
    const loadDataDir =
      prepared && copies
        ? await copies.preparedPgliteDump(
            copies.preparedKey(prepared.config, prepared.clock, prepared.demo),
            copies.prepareFor(prepared),
          )
        : undefined;
    const db = await openPglite({ loadDataDir });
    return { db, url: undefined, drop: () => db.close() };
  }
  const name = `tsunagari_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template =
    prepared && copies ? await copies.preparedPostgresTemplateFor(TEST_PG_ADMIN_URL, prepared) : 'template0';
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(
      `create database ${name} template ${template} encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`,
    );
  } finally {
    await admin.end();
  }
  // `url` stays direct: tools (pg_dump/pg_restore, CLIs, spawned servers) get it. The in-process
  // pool goes through the pooler when there is one; the job queue keeps a direct session connection.
  const url = withDatabase(TEST_PG_ADMIN_URL, name);
  const poolUrl = TEST_PG_POOLER_URL ? withDatabase(TEST_PG_POOLER_URL, name) : url;
  let readUrl: string | undefined;
  if (TEST_PG_REPLICA_URL) {
    readUrl = withDatabase(TEST_PG_REPLICA_URL, name);
    // The new database reaches the replica by replay: wait until it can be connected to.
    for (let i = 0; ; i++) {
      const probe = new pg.Client({ connectionString: readUrl });
      const ok = await probe.connect().then(
        () => true,
        () => false,
      );
      await probe.end().catch(() => {});
      if (ok) break;
      if (i > 300) throw new Error(`database ${name} did not appear on the replica`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  // A generous lag bound: tests wait for replay themselves (waitForReplica) before each request.
  const db = await openPostgres(poolUrl, {
    max: 5,
    readUrl,
    maxLagSeconds: 60,
    sessionUrl: TEST_PG_POOLER_URL ? url : undefined,
  });
  return {
    db,
    url,
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
