import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import pg from 'pg';
import type { Clock } from '../../src/server/platform/clock.ts';
import type { Config } from '../../src/server/platform/config.ts';
import { type Database, openPglite, openPostgres } from '../../src/server/platform/db/client.ts';
import { acquireDirLock, DataDirLockedError } from '../../src/server/platform/db/lock.ts';
import { prepareDatabase, startupFingerprint } from '../../src/server/startup.ts';

/**
 * Test databases start from a prepared copy instead of running migrations, reference data and the
 * demo seed again for every test file (issue 23 item 8: the suite's time). The copy is what
 * `prepareDatabase` would have made: keyed by the start-up fingerprint (migrations, server code,
 * packages, demo flag and day), the exact business time and the settings the seed can read, so a
 * change to any of them prepares a new one. `prepareDatabase` still runs on the copy and finds it
 * current (it checks the data keys), exactly as a restart of `npm start` does.
 *
 * - PGlite: a tarball of the prepared data directory (`dumpDataDir`) in the system's temp
 *   directory, shared by the test workers; each database is a new PGlite loaded from it.
 * - PostgreSQL: a template database `tsunagari_tpl_<key>`; each test database is
 *   `CREATE DATABASE … TEMPLATE` it, a file copy inside the server.
 */
export function preparedKey(config: Config, clock: Clock, demo: boolean): string {
  // Per-instance settings (where files go, the URL of a spawned server) do not change what is seeded.
  const settings = JSON.stringify(config, (name, value) =>
    ['auditHeadDir', 'dataDir', 'publicUrl', 'port', 'host'].includes(name) ? undefined : value,
  );
  return createHash('sha256')
    .update(startupFingerprint(config, clock, demo))
    .update(clock.now().toISOString())
    .update(settings)
    .digest('hex')
    .slice(0, 24);
}

const PGLITE_CACHE_DIR = path.join(tmpdir(), 'tsunagari-test-prepared');
const dumps = new Map<string, Promise<Blob>>();

/**
 * The prepared PGlite tarball for this key, made once per machine. Processes that need the same key
 * at once (the API tier's set-up and the browser tier's, which `npm test` starts together) take turns
 * under a lock file: the first prepares, the others then read its tarball instead of preparing the
 * same database again on the same two cores.
 */
export function preparedPgliteDump(key: string, prepare: (db: Database) => Promise<unknown>): Promise<Blob> {
  let dump = dumps.get(key);
  if (!dump) {
    dump = (async () => {
      const file = path.join(PGLITE_CACHE_DIR, `${key}.tar`);
      mkdirSync(PGLITE_CACHE_DIR, { recursive: true });
      for (;;) {
        if (existsSync(file)) return new Blob([readFileSync(file)]);
        let lock: { release(): void };
        try {
          lock = acquireDirLock(`${file}.lock`);
        } catch (error) {
          if (!(error instanceof DataDirLockedError)) throw error;
          await setTimeout(200); // another process is preparing it
          continue;
        }
        try {
          if (existsSync(file)) return new Blob([readFileSync(file)]);
          const db = await openPglite({});
          try {
            await prepare(db);
            const blob = await db.pglite!.dumpDataDir('none');
            removeOldDumps();
            // Written aside, then renamed: a reader never reads half a file.
            const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
            writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
            renameSync(partial, file);
            return blob;
          } finally {
            await db.close();
          }
        } finally {
          lock.release();
        }
      }
    })();
    dumps.set(key, dump);
    dump.catch(() => dumps.delete(key));
  }
  return dump;
}

/** Each code change makes new tarballs: those not written in the last day go. */
function removeOldDumps(): void {
  for (const entry of readdirSync(PGLITE_CACHE_DIR)) {
    const file = path.join(PGLITE_CACHE_DIR, entry);
    try {
      if (Date.now() - statSync(file).mtimeMs > 86_400_000) rmSync(file, { force: true });
    } catch {
      // another worker removed it first
    }
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Makes sure the template database for this key exists on the server (prepared once, under an
 * advisory lock so that racing workers wait for the first), and returns its name. Templates of other
 * keys older than a day are dropped on the way, so a developer's server does not fill up.
 */
export async function preparedPostgresTemplate(
  adminUrl: string,
  key: string,
  prepare: (url: string) => Promise<unknown>,
): Promise<string> {
  const name = `tsunagari_tpl_${key}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
    try {
      const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (rowCount) return name;
      const building = `${name}_building`;
      await admin.query(`drop database if exists ${quote(building)} with (force)`);
      await admin.query(
        `create database ${quote(building)} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`,
      );
      const url = new URL(adminUrl);
      url.pathname = `/${building}`;
      await prepare(url.toString());
      await admin.query(`alter database ${quote(building)} rename to ${quote(name)}`);
      await admin.query(`comment on database ${quote(name)} is '${new Date().toISOString()}'`);
      const old = await admin.query<{ datname: string }>(
        `select d.datname from pg_database d
          where d.datname like 'tsunagari\\_tpl\\_%' and d.datname <> $1
            and coalesce(shobj_description(d.oid, 'pg_database'), '') < $2`,
        [name, new Date(Date.now() - 86_400_000).toISOString()],
      );
      for (const { datname } of old.rows)
        await admin.query(`drop database if exists ${quote(datname)} with (force)`).catch(() => {});
      return name;
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [name]);
    }
  } finally {
    await admin.end();
  }
}

/** What `createTestApp` and the e2e server need: a database already prepared for this config. */
export type Preparation = { config: Config; clock: Clock; demo: boolean };

export const prepareFor =
  ({ config, clock, demo }: Preparation) =>
  (db: Database) =>
    prepareDatabase(db, config, clock, { demo });

export async function preparedPostgresTemplateFor(adminUrl: string, p: Preparation): Promise<string> {
  return preparedPostgresTemplate(adminUrl, preparedKey(p.config, p.clock, p.demo), async (url) => {
    const db = await openPostgres(url, { max: 4 });
    try {
      await prepareFor(p)(db);
    } finally {
      await db.close();
    }
  });
}
