import fastifyRateLimit from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../../../test/helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/database.ts';
import { prepareDatabase } from '../../startup.ts';
import { systemClock } from '../clock.ts';
import { rows } from '../db/client.ts';
import { BatchedReadCounts, databaseRateLimitStore } from './rate-limit-store.ts';

/**
 * Two app instances on one database, each with its own store, as two processes (WORKERS=2) have:
 * writes are limited exactly across both; reads are counted in each and shared through the table.
 */
let database: TestDatabase;
const config = testConfig();
const instances: FastifyInstance[] = [];

async function instance(readFlushMs?: number) {
  const app = Fastify({ trustProxy: true });
  const store = databaseRateLimitStore(database.db, config.dataKeys, readFlushMs ? { readFlushMs } : {});
  await app.register(fastifyRateLimit, { global: false, store });
  app.get('/read', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async () => ({
    ok: true,
  }));
  app.post('/write', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async () => ({
    ok: true,
  }));
  await app.ready();
  instances.push(app);
  return { app, store };
}

const from = (app: FastifyInstance, method: 'GET' | 'POST', url: string, address: string) =>
  app.inject({ method, url, headers: { 'x-forwarded-for': address } }).then((r) => r.statusCode);

const storedHits = async () =>
  (
    await rows<{ hits: number }>(
      database.db.orm,
      sql`select hits from rate_limit_counters order by hits desc`,
    )
  ).map((r) => Number(r.hits));

beforeAll(async () => {
  database = await createTestDatabase();
  await prepareDatabase(database.db, config, systemClock);
});
afterAll(async () => {
  for (const app of instances) await app.close();
  await database?.drop();
});

describe('rate limits counted in the database across processes', () => {
  it('a form (POST) limit of 10 holds exactly across two processes', async () => {
    const [{ app: a }, { app: b }] = [await instance(), await instance()];
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(await from(i % 2 === 0 ? a : b, 'POST', '/write', '203.0.113.7'));
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('reads are counted in the process, sent in one statement, and the shared count limits the other process', async () => {
    await database.db.orm.execute(sql`delete from rate_limit_counters`);
    // An interval longer than the test, so that each send happens where the test says.
    const [A, B] = [await instance(60_000), await instance(60_000)];
    // 15 reads on A: all served, and nothing written until A sends — then one row of 15.
    for (let i = 0; i < 15; i++) expect(await from(A.app, 'GET', '/read', '198.51.100.9')).toBe(200);
    expect(await storedHits()).toEqual([]);
    await A.store.flushReads();
    expect(await storedHits()).toEqual([15]);
    // 5 reads on B (its own count: 5) are served; B's send makes the shared count 20, the limit.
    for (let i = 0; i < 5; i++) expect(await from(B.app, 'GET', '/read', '198.51.100.9')).toBe(200);
    await B.store.flushReads();
    expect(await storedHits()).toEqual([20]);
    // B has heard the shared 20: its next read is refused at once.
    expect(await from(B.app, 'GET', '/read', '198.51.100.9')).toBe(429);
    // A last heard 15: it serves one more (the documented overshoot within one interval); its send
    // brings back the shared count, and from then on A refuses too.
    expect(await from(A.app, 'GET', '/read', '198.51.100.9')).toBe(200);
    await A.store.flushReads();
    expect(await from(A.app, 'GET', '/read', '198.51.100.9')).toBe(429);
    // Another address is not affected.
    expect(await from(A.app, 'GET', '/read', '198.51.100.10')).toBe(200);
  });

  it('a reader below a tenth of the limit costs the table nothing; from there on it is counted there', async () => {
    await database.db.orm.execute(sql`delete from rate_limit_counters`);
    const { app, store } = await instance(60_000);
    // Limit 20: a tenth is 2. One read stays in the process, even when a send happens.
    expect(await from(app, 'GET', '/read', '192.0.2.77')).toBe(200);
    await store.flushReads();
    expect(await storedHits()).toEqual([]);
    // The second read reaches the tenth: both go to the table at the next send.
    expect(await from(app, 'GET', '/read', '192.0.2.77')).toBe(200);
    await store.flushReads();
    expect(await storedHits()).toEqual([2]);
  });

  it('while a send is in flight, what it carries still counts: a reader served meanwhile is not under-counted', async () => {
    await database.db.orm.execute(sql`delete from rate_limit_counters`);
    const counts = new BatchedReadCounts(database.db, (reader) => `test.${reader}`, 60_000);
    const current = () =>
      new Promise<number>((resolve, reject) =>
        counts.incr('reader', 60_000, 2, (error, result) =>
          error ? reject(error) : resolve(result!.current),
        ),
      );
    for (let i = 1; i <= 12; i++) expect(await current()).toBe(i);
    const sent = counts.flush();
    // One turn of the microtask queue: the send has taken the 12 pending counts and awaits the table.
    await null;
    expect(await current()).toBe(13);
    await sent;
    expect(await storedHits()).toEqual([12]);
    expect(await current()).toBe(14);
  });

  it('with the default interval, read counts reach the table on their own within moments', async () => {
    await database.db.orm.execute(sql`delete from rate_limit_counters`);
    const { app } = await instance();
    for (let i = 0; i < 3; i++) expect(await from(app, 'GET', '/read', '192.0.2.44')).toBe(200);
    await vi.waitFor(async () => expect(await storedHits()).toEqual([3]), { timeout: 10_000, interval: 50 });
  });

  it('the stored key is an HMAC: no address is in the table', async () => {
    const keys = await rows<{ key: string }>(database.db.orm, sql`select key from rate_limit_counters`);
    expect(keys.length).toBeGreaterThan(0);
    for (const { key } of keys) expect(key).not.toMatch(/198\.51|203\.0/);
  });
});
