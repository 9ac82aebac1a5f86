import { type SQL, sql } from 'drizzle-orm';
import type { TodayKind } from '../../../shared/contracts/console.ts';
import type { Permission } from '../../../shared/permissions.ts';
import type { Clock } from '../clock.ts';
import { rows, type Tx } from '../db/client.ts';
import type { Actor } from './actor.ts';

/**
 * One kind of waiting work on a staff member's home page (issue 22, `GET /api/console/today`): a
 * module counts what is waiting for the caller in its own tables, inside the caller's transaction
 * (row-level security as everywhere), and names the console page where that work is done. Counts
 * only: the home page never lists a person.
 */
export type TodayCounter = {
  /** `<module>.<what>`, e.g. `consultations.waiting`; the web labels it from its catalogue. */
  kind: TodayKind;
  /** Shown only to callers holding this permission (the page at `href` needs it too). */
  permission: Permission;
  /** The console page where the work is done. */
  href: string;
  /** Counters of tenant data skip callers with no tenant (national staff). */
  needsTenant: boolean;
  count(tx: Tx, caller: { actor: Actor; tenant: string | null; clock: Clock }): Promise<number>;
};

/** The `n` of a `select count(*)::int as n …` query. */
export async function countOf(tx: Tx, query: SQL): Promise<number> {
  const [row] = await rows<{ n: number }>(tx, query);
  return row?.n ?? 0;
}

/**
 * The common counter: rows of one tenant table in a state (`where` is a fixed SQL condition written in
 * the module, never input). Counters that need the caller or the clock write their own `count`.
 */
export function tenantRowCounter(
  spec: Pick<TodayCounter, 'kind' | 'permission' | 'href'> & { table: string; where: string },
): TodayCounter {
  return {
    kind: spec.kind,
    permission: spec.permission,
    href: spec.href,
    needsTenant: true,
    count: (tx, { tenant }) =>
      countOf(
        tx,
        sql`select count(*)::int as n from ${sql.raw(spec.table)} where municipality_code = ${tenant} and ${sql.raw(spec.where)}`,
      ),
  };
}
