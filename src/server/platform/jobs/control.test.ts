import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../../test/helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/database.ts';
import { buildApp } from '../../app.ts';
import { settableClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { registerControlRoutes } from './control.routes.ts';
import { readControlFile, readControlSecret, removeControlFile, writeControlFile } from './control.ts';
import { RunDueResponse } from './jobs.schema.ts';

const URL_PATH = '/api/internal/jobs/run-due';

let testDb: TestDatabase;
let dataDir: string;
let config: Config;
let app: FastifyInstance;
let secret: string;

async function appWith(overrides: Partial<Config>): Promise<FastifyInstance> {
  const built = await buildApp(
    {
      config: { ...config, ...overrides },
      db: testDb.db,
      clock: settableClock(new Date('2026-11-26T10:00:00+09:00')),
    },
    { logger: false, serveWeb: false },
  );
  // Until app.ts registers these routes itself.
  if (!built.hasRoute({ method: 'POST', url: URL_PATH })) registerControlRoutes(built);
  await built.ready();
  return built;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  await migrateDatabase(testDb.db);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tsunagari-control-'));
  config = testConfig({ dataDir });
  app = await appWith({});
  expect(writeControlFile(config, 43_210)).toBe(true);
  secret = readControlSecret(dataDir)!;
});
afterAll(async () => {
  await app?.close();
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const run = (headers: Record<string, string>, options: { remoteAddress?: string; body?: object } = {}) =>
  app.inject({
    method: 'POST',
    url: URL_PATH,
    headers,
    payload: options.body ?? {},
    remoteAddress: options.remoteAddress,
  });

describe('control files', () => {
  it('writes the secret readable by the owner only, and where to connect', () => {
    const mode = statSync(path.join(dataDir, 'control.secret')).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readControlFile(dataDir)).toEqual({ pid: process.pid, port: 43_210, host: '127.0.0.1' });
    expect(readFileSync(path.join(dataDir, 'control.json'), 'utf8')).not.toContain(secret);
  });

  it('writes nothing on PostgreSQL deployments', () => {
    expect(writeControlFile({ ...config, databaseUrl: 'postgres://db/tsunagari' }, 1)).toBe(false);
  });
});

describe('POST /api/internal/jobs/run-due', () => {
  it('refuses a missing or wrong secret with 401', async () => {
    expect((await run({})).statusCode).toBe(401);
    const wrong = await run({ 'x-tsunagari-control': `${secret.slice(0, -1)}x` });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('runs every due job once with the right secret and lists what ran', async () => {
    const response = await run({ 'x-tsunagari-control': secret });
    expect(response.statusCode).toBe(200);
    const body = RunDueResponse.parse(response.json());
    expect(body.ok).toBe(true);
    expect(body.businessNow).toBe('2026-11-26T01:00:00.000Z');
    expect(body.results.map((r) => r.name)).toContain('outbox.purge');
  });

  it('uses the CLI’s TSUNAGARI_CLOCK when given', async () => {
    const response = await run(
      { 'x-tsunagari-control': secret },
      { body: { now: '2027-04-01T09:00:00+09:00' } },
    );
    expect(response.json().businessNow).toBe('2027-04-01T00:00:00.000Z');
  });

  it('refuses callers that are not on this machine, even with the secret', async () => {
    expect((await run({ 'x-tsunagari-control': secret }, { remoteAddress: '203.0.113.9' })).statusCode).toBe(
      403,
    );
    // A reverse proxy on the same host connects from loopback: proxied requests are refused too.
    expect((await run({ 'x-tsunagari-control': secret, 'x-forwarded-for': '203.0.113.9' })).statusCode).toBe(
      403,
    );
  });

  it('stops accepting the secret once the control files are removed (shutdown)', async () => {
    removeControlFile(config);
    expect(readControlFile(dataDir)).toBeUndefined();
    expect((await run({ 'x-tsunagari-control': secret })).statusCode).toBe(401);
    expect(writeControlFile(config, 43_210)).toBe(true);
    secret = readControlSecret(dataDir)!;
  });

  it('refuses a clock override in production', async () => {
    const production = await appWith({ isProduction: true, env: 'production' });
    try {
      const response = await production.inject({
        method: 'POST',
        url: URL_PATH,
        headers: { 'x-tsunagari-control': secret },
        payload: { now: '2027-04-01T09:00:00+09:00' },
      });
      expect(response.statusCode).toBe(400);
    } finally {
      await production.close();
    }
  });
});
