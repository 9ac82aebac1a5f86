import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { type Clock, settableClock } from '../../src/server/platform/clock.ts';
import { type Config, loadConfig } from '../../src/server/platform/config.ts';
import type { Database } from '../../src/server/platform/db/client.ts';
import { prepareDatabase } from '../../src/server/startup.ts';
import { createTestDatabase, waitForReplica } from './database.ts';

export type TestApp = {
  app: FastifyInstance;
  db: Database;
  config: Config;
  clock: ReturnType<typeof settableClock>;
  close(): Promise<void>;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
};

/** A fixed test key: tests must not depend on or create ./data. */
const TEST_DATA_KEY = `test1:${Buffer.alloc(32, 7).toString('base64')}`;

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: '/nonexistent-tsunagari-test',
    DATA_KEY: TEST_DATA_KEY,
    AUDIT_SIGNING_KEY: Buffer.alloc(32, 9).toString('base64'),
    LOG_LEVEL: 'silent',
    TSUNAGARI_DEMO: 'off',
    // Tests run offline: no tile layer unless a test asks for one (config.mapTiles).
    MAP_TILE_URL: 'off',
    AUDIT_HEAD_DIR: path.join(
      tmpdir(),
      `tsunagari-test-audit-${process.pid}-${randomBytes(4).toString('hex')}`,
    ),
  });
  return { ...base, ...overrides };
}

export const DEFAULT_TEST_NOW = '2026-11-26T10:00:00+09:00';

/** What a test app's database is prepared for (test/helpers/prepared-database.ts). */
export function testPreparation(options: { demo?: boolean; now?: string; config?: Partial<Config> } = {}) {
  const demo = options.demo ?? false;
  return {
    config: testConfig({ demo, ...options.config }),
    clock: settableClock(new Date(options.now ?? DEFAULT_TEST_NOW)),
    demo,
  };
}

/**
 * The real app on a database of its own. `demo: true` loads the demo tenants' data (as `npm start` does).
 */
export async function createTestApp(
  options: {
    demo?: boolean;
    now?: string;
    config?: Partial<Config>;
    /** Serve this built web tree as `npm start` serves dist/web (off when not given). */
    webRoot?: string;
  } = {},
): Promise<TestApp> {
  const { config, clock, demo } = testPreparation(options);
  // The default time and settings start from the copy prepared before the workers started
  // (api-global-setup.ts); any other is prepared in place, once, as its file is the only one to use it.
  const usual = options.now === undefined && options.config === undefined;
  const { db, drop } = await createTestDatabase(
    usual ? { prepared: { config, clock: clock as Clock, demo } } : {},
  );
  // Finds the prepared copy current (and checks the data keys), as a restart of `npm start` does.
  await prepareDatabase(db, config, clock as Clock, { demo });
  const app = await buildApp(
    { config, db, clock },
    { logger: false, serveWeb: options.webRoot !== undefined, webRoot: options.webRoot },
  );
  await app.ready();
  return {
    app,
    db,
    config,
    clock,
    // With a replica (public API files in the PostgreSQL tier): what a test just wrote is readable there.
    // Only public GETs read there; everything else reads the primary and need not wait.
    request: async (o) => {
      const method = (o.method ?? 'GET').toUpperCase();
      const url = typeof o.url === 'string' ? o.url : (o.path ?? '');
      if ((method === 'GET' || method === 'HEAD') && String(url).startsWith('/api/public/'))
        await waitForReplica(db);
      return app.inject(o);
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}
