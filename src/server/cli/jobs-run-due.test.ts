import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/helpers/app.ts';
import { createTestDatabase, TEST_DATABASE } from '../../../test/helpers/database.ts';
import { buildApp } from '../app.ts';
import { fixedClock } from '../platform/clock.ts';
import { openPglite } from '../platform/db/client.ts';
import { migrateDatabase } from '../platform/db/migrate.ts';
import { registerControlRoutes } from '../platform/jobs/control.routes.ts';
import { removeControlFile, writeControlFile } from '../platform/jobs/control.ts';
import { type CliRun, runCli } from './cli-harness.ts';

const TEST_DATA_KEY = `test1:${Buffer.alloc(32, 7).toString('base64')}`;
/** Each CLI run starts Node, opens a database and migrates it: slow on a busy machine, so generous. */
const CLI_TEST_TIMEOUT_MS = 150_000;
const cleanups: Array<() => Promise<void> | void> = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tsunagari-cli-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs the CLI as operators do (`npm run jobs:run-due`) with a clean environment. */
const runJobsRunDue = (env: Record<string, string>): Promise<CliRun> =>
  runCli('jobs-run-due', [], {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_KEY: TEST_DATA_KEY,
    ...env,
  });

// A cap, not a measure: each CLI run is a new Node process loading the server (from its sources when
// the bundle is not current). The tests here took up to 18 s on a quiet 2-core machine and 42–47 s
// with two whole suites on it (ci36, ci37), near the API tier's 60 s. No test here asserts a time.
describe('npm run jobs:run-due', { timeout: 180_000 }, () => {
  it(
    `runs every due job once in its own process (${TEST_DATABASE}) and prints a line per job`,
    async () => {
      const env: Record<string, string> = {
        DATA_DIR: tempDir(),
        TSUNAGARI_CLOCK: '2026-12-01T09:00:00+09:00',
      };
      if (TEST_DATABASE === 'postgres') {
        const { url, drop } = await createTestDatabase();
        cleanups.push(drop);
        env.DATABASE_URL = url!;
      }
      const result = await runJobsRunDue(env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('business time 2026-12-01T00:00:00.000Z');
      expect(result.stdout).toContain(
        TEST_DATABASE === 'postgres' ? 'ran in this process (PostgreSQL)' : 'ran in this process (PGlite)',
      );
      expect(result.stdout).toMatch(/^outbox\.purge\s+processed=0\s+ok$/m);
      // Opening PGlite itself, the command runs in a child started with PostgreSQL's WebAssembly kept
      // in V8's baseline code (scripts/embedded-process.mjs): its optimizing recompile took the run's
      // peak memory from ~240 MB to ~810 MB. On PostgreSQL the launcher runs the command itself.
      expect(result.childCommandLines).toEqual(
        TEST_DATABASE === 'pglite' ? [expect.arrayContaining(['--liftoff-only', 'jobs-run-due'])] : [],
      );
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'asks the running server when a PGlite server holds the data directory',
    async () => {
      // This test process plays the server: it holds the PGlite lock and serves the control endpoint.
      const dataDir = tempDir();
      const db = await openPglite({ dataDir });
      cleanups.push(() => db.close());
      await migrateDatabase(db);
      const config = testConfig({ dataDir });
      const app = await buildApp(
        { config, db, clock: fixedClock(new Date('2026-11-26T10:00:00+09:00')) },
        { logger: false, serveWeb: false },
      );
      if (!app.hasRoute({ method: 'POST', url: '/api/internal/jobs/run-due' })) registerControlRoutes(app);
      cleanups.push(() => app.close());
      await app.listen({ host: '127.0.0.1', port: 0 });
      const port = (app.server.address() as { port: number }).port;
      writeControlFile(config, port);
      cleanups.push(() => removeControlFile(config));

      const result = await runJobsRunDue({ DATA_DIR: dataDir, TSUNAGARI_CLOCK: '2027-01-05T09:00:00+09:00' });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`ran inside the running server (pid ${process.pid})`);
      expect(result.stdout).toContain('business time 2027-01-05T00:00:00.000Z');
      expect(result.stdout).toMatch(/^outbox\.purge\s+processed=0\s+ok$/m);

      // A wrong secret is refused by the server and reported by the CLI.
      writeFileSync(path.join(dataDir, 'control.secret'), 'not-the-secret\n', { mode: 0o600 });
      const refused = await runJobsRunDue({ DATA_DIR: dataDir });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('refused to run the due jobs (HTTP 401)');
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
