/**
 * Several app processes on one PostgreSQL (issue 23, ADR 0022): real server processes (`main.ts`),
 * started at the same moment on a fresh database. PostgreSQL only: PGlite lives inside one process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/server/platform/db/client.ts';
import {
  startTestSmtpServer,
  type TestSmtpServer,
} from '../../src/server/platform/outbox/smtp-test-server.ts';
import { createTestDatabase, TEST_DATABASE, type TestDatabase } from '../helpers/database.ts';
import { type ServerProcess, spawnServer, stopServer, untilHealthy } from '../helpers/server-process.ts';

const onPostgres = TEST_DATABASE === 'postgres';
if (!onPostgres)
  console.warn(
    '!! scale-out.test.ts: SKIPPED on PGlite — several app processes need PostgreSQL (TEST_DATABASE=postgres)',
  );

const KOFU = '192015';

/** This file's server: `npm start`'s entry from the sources, on the test's PostgreSQL. */
const startServer = (env: Record<string, string>) =>
  spawnServer('src/server/main.ts', { ...process.env, ...env });

let database: TestDatabase;
let smtp: TestSmtpServer;
let dir: string;
const servers: ServerProcess[] = [];

describe.runIf(onPostgres)('two app processes on one PostgreSQL', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startTestSmtpServer();
    dir = mkdtempSync(path.join(tmpdir(), 'tsunagari-scale-'));
    const env = (name: string) => ({
      NODE_ENV: 'test',
      DATABASE_URL: database.url!,
      DATA_DIR: path.join(dir, name),
      AUDIT_HEAD_DIR: path.join(dir, `${name}-heads`),
      DATA_KEY: `test1:${Buffer.alloc(32, 7).toString('base64')}`,
      AUDIT_SIGNING_KEY: Buffer.alloc(32, 9).toString('base64'),
      TSUNAGARI_DEMO: 'on',
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    });
    // Both at once on an empty database: the start-up race.
    servers.push(await startServer(env('a')), await startServer(env('b')));
    await Promise.all(servers.map(untilHealthy));
  }, 240_000);

  afterAll(async () => {
    await Promise.all(servers.map(stopServer));
    await smtp?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('racing at start-up, one process migrates and loads; the other finds the database current', async () => {
    const ran = servers.filter((s) => s.output.some((line) => line.includes('[tsunagari] migrations')));
    const skipped = servers.filter((s) => s.output.some((line) => line.includes('database current')));
    expect(ran).toHaveLength(1);
    expect(skipped).toHaveLength(1);
    // Each migration recorded once.
    const [applied] = await rows<{ n: number; distinct: number }>(
      database.db.orm,
      sql`select count(*)::int as n, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations`,
    );
    expect(applied!.n).toBeGreaterThan(20);
    expect(applied!.n).toBe(applied!.distinct);
    // Both answer, each from its own process.
    const pids = await Promise.all(
      servers.map(
        async (s) =>
          ((await (await fetch(`http://127.0.0.1:${s.port}/healthz`)).json()) as { pid: number }).pid,
      ),
    );
    expect(new Set(pids).size).toBe(2);
    expect(pids).toEqual(servers.map((s) => s.child.pid));
  });

  it('10 public form posts split across the two are limited exactly as one process would be', async () => {
    const post = (server: ServerProcess, i: number) =>
      fetch(`http://127.0.0.1:${server.port}/api/public/consultations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          municipalityCode: KOFU,
          writer: 'family',
          message: `二つのプロセスのテスト ${i}`,
        }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post(servers[i % 2]!, i)).status);
    expect(statuses).toEqual(Array(10).fill(201));
    // The 11th, on either process, is over the limit of 10 a minute.
    for (const server of servers) {
      const over = await post(server, 99);
      expect(over.status).toBe(429);
      expect(over.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('a queued job runs once: each staff alert of those posts is mailed exactly once', async () => {
    const count = async () => {
      const [row] = await rows<{ alerts: number; total: number; settled: number; sent: number }>(
        database.db.orm,
        sql`select count(*) filter (where template_key = 'consultation.received')::int as alerts,
                   count(*)::int as total,
                   count(*) filter (where status not in ('pending', 'sending'))::int as settled,
                   count(*) filter (where status = 'sent')::int as sent
            from outbox_messages`,
      );
      return row!;
    };
    // Both processes run pg-boss workers on the one queue; wait until every message is settled.
    await expect
      .poll(
        async () => {
          const c = await count();
          return c.alerts > 0 && c.settled === c.total;
        },
        // Delivery may wait for the queue's once-a-minute sweep: 35 s on a quiet machine, past 60 s
        // with the browser tier on the same cores. A wait, not a measure.
        { timeout: 150_000, interval: 250 },
      )
      .toBe(true);
    const { alerts, sent } = await count();
    // 10 consultations × the Kofu staff who answer them.
    expect(alerts % 10).toBe(0);
    expect(sent).toBeGreaterThanOrEqual(alerts);
    // One mail per message: no job delivered twice by the two processes.
    expect(smtp.received).toHaveLength(sent);
  }, 180_000);

  it('WORKERS=2 starts two app processes answering on one port', async () => {
    const cluster = await startServer({
      NODE_ENV: 'test',
      DATABASE_URL: database.url!,
      DATA_DIR: path.join(dir, 'c'),
      AUDIT_HEAD_DIR: path.join(dir, 'c-heads'),
      DATA_KEY: `test1:${Buffer.alloc(32, 7).toString('base64')}`,
      AUDIT_SIGNING_KEY: Buffer.alloc(32, 9).toString('base64'),
      TSUNAGARI_DEMO: 'on',
      LOG_LEVEL: 'warn',
      WORKERS: '2',
    });
    servers.push(cluster);
    await untilHealthy(cluster);
    // The first process may answer while the second is still loading the app: wait for both.
    await expect
      .poll(() => cluster.output.filter((line) => line.includes('[tsunagari] ready:')).length, {
        timeout: 180_000,
        interval: 250,
      })
      .toBe(2);
    const pids = new Set<number>();
    // node:cluster hands connections out in turn; a fresh connection per request.
    for (let i = 0; i < 40 && pids.size < 2; i++) {
      const res = await fetch(`http://127.0.0.1:${cluster.port}/healthz`, {
        headers: { connection: 'close' },
      });
      pids.add(((await res.json()) as { pid: number }).pid);
    }
    expect(pids.size).toBe(2);
    expect(pids.has(cluster.child.pid!)).toBe(false);
    await stopServer(cluster);
    expect(cluster.child.exitCode ?? 0).toBe(0);
  }, 240_000);
});
