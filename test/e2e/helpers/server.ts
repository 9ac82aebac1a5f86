import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../../src/server/app.ts';
import { settableClock } from '../../../src/server/platform/clock.ts';
import type { Config } from '../../../src/server/platform/config.ts';
import { type Database, openPglite } from '../../../src/server/platform/db/client.ts';
import { type DueRunSummary, runDueJobs } from '../../../src/server/platform/jobs/due.ts';
import { prepareDatabase } from '../../../src/server/startup.ts';
import { DEFAULT_TEST_NOW, testConfig } from '../../helpers/app.ts';
import { preparedKey, preparedPgliteDump, prepareFor } from '../../helpers/prepared-database.ts';

export type RunningServer = {
  url: string;
  /**
   * The server's database, for a journey that needs a fact no screen can create in time (e.g. status
   * returns of earlier fiscal years). Seed through it only what the journey cannot do in the browser.
   */
  db: Database;
  /** The server's "now" (fixed unless a test moves it): TOTP codes must be computed for it. */
  clock: ReturnType<typeof settableClock>;
  /** What `npm run jobs:run-due` does against a running server: every due job once, by the server's clock. */
  runDueJobs(): Promise<DueRunSummary>;
  close(): Promise<void>;
};

/** A free port on the loopback interface (asked of the OS, then released). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The real server, in-process, on a random port: PGlite in a fresh temporary directory with
 * reference and demo data (as `npm start` has), serving the built web app from dist/web.
 *
 * PUBLIC_URL is the address the browser uses (http://localhost:PORT), so links the server writes
 * (password set-up links in the outbox) open as they are, and the WebAuthn relying party matches.
 */
export async function startServer(
  options: { now?: string; config?: Partial<Config> } = {},
): Promise<RunningServer> {
  // The port is chosen before the seconds of start-up that need it (PUBLIC_URL), and released
  // meanwhile: another process on the machine (the API tiers run beside this one) may take it.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === 3) throw error;
    }
  }
}

async function startServerOnce(options: { now?: string; config?: Partial<Config> }): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tsunagari-e2e-'));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const config = testConfig({ demo: true, dataDir, publicUrl: url, ...options.config });
  const clock = settableClock(new Date(options.now ?? DEFAULT_TEST_NOW));
  // The default time and settings start from the demo database prepared in the tier's global set-up
  // (test/helpers/prepared-database.ts); prepareDatabase then finds it current, as a restart of
  // `npm start` does. Any other is prepared in place.
  const usual = options.now === undefined && options.config === undefined;
  const prepared = usual
    ? await preparedPgliteDump(preparedKey(config, clock, true), prepareFor({ config, clock, demo: true }))
    : undefined;
  const db = await openPglite({ dataDir, loadDataDir: prepared });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await prepareDatabase(db, config, clock, { demo: true });
    app = await buildApp({ config, db, clock }, { logger: false, serveWeb: true });
    await app.listen({ port, host: '127.0.0.1' });
    const started = app;
    return {
      url,
      db,
      clock,
      runDueJobs: () => runDueJobs({ db, config, clock }, { trigger: 'test' }),
      async close() {
        await started.close();
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app?.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
