/**
 * Behind PgBouncer in transaction mode (issue 23, ADR 0022) one server connection serves many
 * clients in turn. The app role and the tenant are set per transaction (`set_config(…, true)`, i.e.
 * SET LOCAL), so nothing a tenant's transaction set is left for the next client on that connection.
 * This file starts its own PgBouncer with a pool of ONE server connection and interleaves two tenants
 * over it. PostgreSQL only (skipped, loudly, on PGlite).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Service, startPgBouncer } from '../../scripts/test-services.ts';
import { systemClock } from '../../src/server/platform/clock.ts';
import { type Database, openPostgres, type Queryable, rows } from '../../src/server/platform/db/client.ts';
import { APP_ROLE } from '../../src/server/platform/db/roles.ts';
import { inTransaction } from '../../src/server/platform/db/tenant.ts';
import { prepareDatabase } from '../../src/server/startup.ts';
import { testConfig } from '../helpers/app.ts';
import {
  createTestDatabase,
  TEST_DATABASE,
  TEST_PG_ADMIN_URL,
  type TestDatabase,
} from '../helpers/database.ts';

const onPostgres = TEST_DATABASE === 'postgres';
if (!onPostgres) console.warn('!! pooler.test.ts: SKIPPED on PGlite — PgBouncer sits in front of PostgreSQL');

const KOFU = '192015';
const KAI = '192104';

let database: TestDatabase;
let bouncer: Service;
let a: Database;
let b: Database;

type Seen = { tenant: string | null; role: string; pid: number; consultations: string[] };

const look = (tx: Queryable) =>
  rows<{ tenant: string | null; role: string; pid: number }>(
    tx,
    sql`select current_setting('app.tenant', true) as tenant, current_user as role, pg_backend_pid() as pid`,
  );

describe.runIf(onPostgres)(
  'two tenants over one pooled server connection (PgBouncer, transaction mode)',
  () => {
    beforeAll(async () => {
      database = await createTestDatabase();
      await prepareDatabase(database.db, testConfig(), systemClock, { demo: true });
      const admin = new URL(TEST_PG_ADMIN_URL);
      bouncer = await startPgBouncer(admin, { poolSize: 1 });
      const url = new URL(bouncer.url);
      url.pathname = new URL(database.url!).pathname;
      // Two app pools (two "processes"), both funnelled into the one server connection.
      a = await openPostgres(url.toString(), { max: 2 });
      b = await openPostgres(url.toString(), { max: 2 });
    }, 180_000);

    afterAll(async () => {
      await a?.close();
      await b?.close();
      bouncer?.stop();
      await database?.drop();
    });

    it('each transaction sees its own tenant and role; none is left behind for the next client', async () => {
      const seen: Array<Seen & { who: string }> = [];
      const inTenant = (db: Database, who: string, tenant: string) =>
        inTransaction(db, { tenant }, async (tx) => {
          const [state] = await look(tx);
          const found = await rows<{ code: string }>(
            tx,
            sql`select distinct municipality_code as code from consultations`,
          );
          seen.push({ who, ...state!, consultations: found.map((r) => r.code) });
        });
      const outside = async (db: Database, who: string) => {
        const [state] = await look(db.orm);
        seen.push({ who: `${who} (no transaction)`, ...state!, consultations: [] });
      };
      // Interleaved, some concurrently: with one server connection PgBouncer serialises them.
      for (let round = 0; round < 5; round++) {
        await Promise.all([inTenant(a, 'a', KOFU), inTenant(b, 'b', KAI)]);
        await outside(b, 'b');
        await inTenant(b, 'b', KAI);
        await outside(a, 'a');
        await inTenant(a, 'a', KOFU);
      }
      // One server connection served everything.
      expect(new Set(seen.map((s) => s.pid)).size).toBe(1);
      for (const s of seen) {
        if (s.who.includes('no transaction')) {
          expect(s.tenant ?? '').toBe('');
          expect(s.role).not.toBe(APP_ROLE);
        } else {
          expect(s.role).toBe(APP_ROLE);
          expect(s.tenant).toBe(s.who === 'a' ? KOFU : KAI);
          // Row-level security by the transaction's own tenant: never the other's rows.
          for (const code of s.consultations) expect(code).toBe(s.tenant);
        }
      }
    });

    it('control: a session-level setting WOULD leak across clients here (why every setting is local)', async () => {
      await a.orm.execute(sql`select set_config('app.tenant', ${KOFU}, false)`);
      const [leaked] = await look(b.orm);
      expect(leaked!.tenant).toBe(KOFU);
      await b.orm.execute(sql`reset all`);
      const [clean] = await look(a.orm);
      expect(clean!.tenant ?? '').toBe('');
    });
  },
);
