import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE, type TestDatabase } from '../../../../test/helpers/database.ts';
import { rows } from './client.ts';
import { APP_ROLE, ensureAppRole } from './roles.ts';
import { inTransaction } from './tenant.ts';

/**
 * Request transactions (decision 0031): on a server `begin`, the role and the tenant go in one
 * message; on PGlite through drizzle's transaction. Either way the work runs as the app role in its
 * tenant, a failure leaves nothing behind, and nothing of one transaction reaches the next.
 */
describe('request transactions', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await ensureAppRole(database.db.orm);
    await database.db.orm.execute(sql.raw('create table tenant_probe (tenant text, note text)'));
    await database.db.orm.execute(sql.raw(`grant select, insert on tenant_probe to ${APP_ROLE}`));
  });
  afterAll(() => database.drop());

  const whoAmI = (tenant: string | null) =>
    inTransaction(database.db, { tenant }, async (tx) => {
      const [row] = await rows<{ role: string; tenant: string | null }>(
        tx,
        sql`select current_user as role, current_setting('app.tenant', true) as tenant`,
      );
      return row!;
    });

  it('runs the work as the app role in its tenant, and the next transaction starts afresh', async () => {
    expect(await whoAmI('192015')).toEqual({ role: APP_ROLE, tenant: '192015' });
    expect(await whoAmI(null)).toEqual({ role: APP_ROLE, tenant: '' });
    // Outside a request transaction the connection is its own user again, with no tenant.
    const [outside] = await rows<{ role: string; tenant: string | null }>(
      database.db.orm,
      sql`select current_user as role, coalesce(current_setting('app.tenant', true), '') as tenant`,
    );
    expect(outside!.role).not.toBe(APP_ROLE);
    expect(outside!.tenant).toBe('');
  });

  it('quotes a tenant it is given, whatever it holds', async () => {
    expect(await whoAmI("19'; drop table tenant_probe; --")).toEqual({
      role: APP_ROLE,
      tenant: "19'; drop table tenant_probe; --",
    });
    const [table] = await rows<{ exists: boolean }>(
      database.db.orm,
      sql`select to_regclass('tenant_probe') is not null as exists`,
    );
    expect(table!.exists).toBe(true);
  });

  it('rolls back the work that failed, and the connection goes on serving', async () => {
    await expect(
      inTransaction(database.db, { tenant: '192015' }, async (tx) => {
        await tx.execute(sql`insert into tenant_probe values ('192015', 'lost')`);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    await expect(
      inTransaction(database.db, { tenant: '192015' }, async (tx) => {
        await tx.execute(sql`select 1 / 0`);
      }),
    ).rejects.toThrow();
    await inTransaction(database.db, { tenant: '192015' }, (tx) =>
      tx.execute(sql`insert into tenant_probe values (current_setting('app.tenant', true), 'kept')`),
    );
    const kept = await rows<{ tenant: string; note: string }>(
      database.db.orm,
      sql`select tenant, note from tenant_probe order by note`,
    );
    expect(kept).toEqual([{ tenant: '192015', note: 'kept' }]);
  });

  it.runIf(TEST_DATABASE === 'postgres')(
    'a connection lost in the middle of the work is not handed to the next request',
    async () => {
      const pool = database.db.pool!;
      const killer = new pg.Client({ connectionString: database.url });
      await killer.connect();
      try {
        await expect(
          inTransaction(database.db, { tenant: '192015' }, async (tx) => {
            const [me] = await rows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
            await killer.query('select pg_terminate_backend($1)', [me!.pid]);
            await tx.execute(sql`select 1`);
          }),
        ).rejects.toThrow();
      } finally {
        await killer.end();
      }
      // Every connection the pool hands out from now on answers (the lost one was destroyed).
      const answers = await Promise.all(
        Array.from({ length: pool.options.max ?? 5 }, () => whoAmI('192015')),
      );
      expect(answers.every((a) => a.tenant === '192015')).toBe(true);
    },
  );
});
