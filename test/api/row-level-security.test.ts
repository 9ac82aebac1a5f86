import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/server/platform/db/client.ts';
import { inTransaction } from '../../src/server/platform/db/tenant.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * Row-level security is the backstop behind the app's tenant scoping: these queries deliberately
 * omit every `where municipality_code = …` (the app's scoping bypassed) and must still see only the
 * transaction's tenant — or nothing at all without one.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(async () => {
  await t?.close();
});

const TENANT_TABLES: Array<{ table: string; column: string }> = [
  { table: 'tenant_profiles', column: 'municipality_code' },
  { table: 'accounts', column: 'tenant_code' },
  { table: 'account_roles', column: 'tenant_code' },
  // The national layer's aggregate table (issue 16): seen by its tenant, its prefecture and national
  // staff (app.scope), never by another municipality or a transaction without a tenant.
  { table: 'insight_aggregates', column: 'municipality_code' },
];

/**
 * Public projections (decision 0005): published content that anyone may read, so no RLS (which would
 * also cost the planner its statistics); the app role's writes are held to its tenant by a
 * `<table>_tenant_guard` trigger instead. Adding a table here is a security decision: review it as one.
 */
const PUBLIC_PROJECTIONS = ['place_listings', 'place_search'];

describe('row-level security', () => {
  it('public projections carry the tenant write guard instead', async () => {
    const guarded = await rows<{ table_name: string }>(
      t.db.orm,
      sql`select c.relname as table_name from pg_trigger g join pg_class c on c.oid = g.tgrelid
          where g.tgname = c.relname || '_tenant_guard' and not g.tgisinternal`,
    );
    expect(guarded.map((r) => r.table_name).sort()).toEqual([...PUBLIC_PROJECTIONS].sort());
  });

  it('every table with a tenant column has RLS enabled (a new table cannot forget it)', async () => {
    const unprotected = await rows<{ table_name: string }>(
      t.db.orm,
      sql`select c.table_name from information_schema.columns c
          join pg_class k on k.relname = c.table_name
          where c.table_schema = 'public' and c.column_name in ('municipality_code', 'tenant_code', 'chain')
            and not k.relrowsecurity
          group by c.table_name`,
    );
    expect(unprotected.map((r) => r.table_name).filter((name) => !PUBLIC_PROJECTIONS.includes(name))).toEqual(
      [],
    );
  });

  it.each(TENANT_TABLES)(
    '$table: a 甲斐市 transaction sees no 甲府市 row even when the query asks for all',
    async ({ table, column }) => {
      const seen = await inTransaction(t.db, { tenant: '192104' }, (tx) =>
        rows<{ code: string | null }>(tx, sql.raw(`select ${column} as code from ${table}`)),
      );
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((r) => r.code === '192104')).toBe(true);
      const targeted = await inTransaction(t.db, { tenant: '192104' }, (tx) =>
        rows(tx, sql.raw(`select * from ${table} where ${column} = '192015'`)),
      );
      expect(targeted).toEqual([]);
    },
  );

  it.each(TENANT_TABLES)(
    '$table: a transaction without a tenant sees no tenant row',
    async ({ table, column }) => {
      const seen = await inTransaction(t.db, { tenant: null }, (tx) =>
        rows<{ code: string | null }>(tx, sql.raw(`select ${column} as code from ${table}`)),
      );
      expect(seen.filter((r) => r.code !== null)).toEqual([]);
    },
  );

  it('refuses to write a row into another tenant', async () => {
    await expect(
      inTransaction(t.db, { tenant: '192104' }, (tx) =>
        tx.execute(
          sql`update tenant_profiles set document_name = 'x' where municipality_code = '192015' returning 1`,
        ),
      ).then((r) => (r as unknown as { rows: unknown[] }).rows.length),
    ).resolves.toBe(0);
    await expect(
      inTransaction(t.db, { tenant: '192104' }, (tx) =>
        tx.execute(
          sql`insert into accounts (email, display_name, scope, tenant_code) values ('x@example.jp', 'x', 'tenant', '192015')`,
        ),
      ),
    ).rejects.toThrow();
  });

  it('runs as a role that is neither superuser nor table owner', async () => {
    const [who] = await inTransaction(t.db, { tenant: '192015' }, (tx) =>
      rows<{ role: string; super: boolean; bypass: boolean }>(
        tx,
        sql`select current_user as role, r.rolsuper as super, r.rolbypassrls as bypass from pg_roles r where r.rolname = current_user`,
      ),
    );
    expect(who).toEqual({ role: 'tsunagari_app', super: false, bypass: false });
  });
});
