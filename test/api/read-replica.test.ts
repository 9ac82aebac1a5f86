/**
 * READ_DATABASE_URL (issue 23, ADR 0022): anonymous public GETs read from a streaming replica, all
 * else from the primary, and a replica further behind than the lag bound is not used. Runs in the
 * "api (replica)" step of `npm test`, which starts a real replica (scripts/test-services.ts); elsewhere
 * it is skipped, loudly.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPostgres, rows } from '../../src/server/platform/db/client.ts';
import { asReplicaRead } from '../../src/server/platform/db/read-routing.ts';
import { inTransaction } from '../../src/server/platform/db/tenant.ts';
import { DEMO_PASSWORD } from '../../src/server/platform/demo/registry.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { login } from '../helpers/auth.ts';
import { TEST_PG_REPLICA_URL } from '../helpers/database.ts';

if (!TEST_PG_REPLICA_URL)
  console.warn('!! read-replica.test.ts: SKIPPED — no replica (TEST_PG_REPLICA_URL; `npm test` starts one)');

let t: TestApp;

describe.runIf(TEST_PG_REPLICA_URL)('public reads from a streaming replica', () => {
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an anonymous public GET reads from the replica; a staff GET and any POST use the primary', async () => {
    const replica = t.db.replica!;
    expect(replica).toBeDefined();
    const before = replica.reads;
    const res = await t.request({ method: 'GET', url: '/api/public/municipalities/192015' });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('甲府市');
    expect(replica.reads).toBeGreaterThan(before);

    const afterPublic = replica.reads;
    const staff = await login(t, 'consultation@kofu.demo.example', DEMO_PASSWORD);
    const queue = await t.request({
      method: 'GET',
      url: '/api/consultations',
      headers: { cookie: staff.cookie },
    });
    expect(queue.statusCode).toBe(200);
    const post = await t.request({
      method: 'POST',
      url: '/api/public/consultations',
      payload: { municipalityCode: '192015', writer: 'family', message: 'レプリカのテスト' },
    });
    expect(post.statusCode).toBe(201);
    expect(replica.reads).toBe(afterPublic);
  });

  it('a replica behind the lag bound is not used: public reads go to the primary until it catches up', async () => {
    const primaryUrl = t.db.pool!.options.connectionString!;
    const replicaUrl = t.db.replica!.pool.options.connectionString!;
    let strict: Database | undefined;
    try {
      // A bound of one second: other work on the server writes all the time, so "no lag at all" is
      // rarely true, but a replica replaying normally is well within a second.
      strict = await openPostgres(primaryUrl, { max: 2, readUrl: replicaUrl, maxLagSeconds: 1 });
      const replica = strict.replica!;
      await expect.poll(() => replica.check(), { timeout: 30_000, interval: 100 }).toBe(true);
      await replica.pool.query('select pg_wal_replay_pause()');
      await strict.orm.execute(
        sql`insert into platform_state (key, value) values ('replica-lag-test', 'written') on conflict (key) do update set value = 'written'`,
      );
      // Replay stopped: once its last replayed transaction is older than the bound, it is not used.
      await expect.poll(() => replica.check(), { timeout: 30_000, interval: 100 }).toBe(false);
      const before = replica.reads;
      const seen = await asReplicaRead(() =>
        inTransaction(strict!, { tenant: null }, (tx) =>
          rows<{ n: number }>(tx, sql`select count(*)::int as n from municipalities where code = '192015'`),
        ),
      );
      expect(seen[0]!.n).toBe(1);
      expect(replica.reads).toBe(before);
      // Replay resumes: the replica catches up and is used again.
      await replica.pool.query('select pg_wal_replay_resume()');
      await expect.poll(() => replica.check(), { timeout: 30_000, interval: 100 }).toBe(true);
      await asReplicaRead(() => inTransaction(strict!, { tenant: null }, (tx) => tx.execute(sql`select 1`)));
      expect(replica.reads).toBe(before + 1);
    } finally {
      await strict?.replica?.pool.query('select pg_wal_replay_resume()').catch(() => {});
      await strict?.close();
    }
  });

  it('a public GET that writes after all is done on the primary, not refused', async () => {
    const replica = t.db.replica!;
    const before = replica.reads;
    // A hot standby refuses any write (SQLSTATE 25006); inTransaction reruns the work on the primary.
    const done = await asReplicaRead(() =>
      inTransaction(t.db, { tenant: null }, async (tx) => {
        await tx.execute(sql`create temporary table replica_write_probe (x int) on commit drop`);
        return 'written';
      }),
    );
    expect(done).toBe('written');
    expect(replica.reads).toBe(before + 1);
    expect(replica.usable()).toBe(true);
  });
});
