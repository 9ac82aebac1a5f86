import { sql } from 'drizzle-orm';
import { fiscalYearOf } from '../../../shared/text/wareki.ts';
import { countOf, type TodayCounter } from '../../platform/access/today.ts';

/**
 * Status returns: for a prefecture, its municipalities' returns submitted and waiting for review
 * (row-level security lets a prefecture see exactly those); for a municipality, this fiscal year's own
 * return while it is not yet submitted (not started counts as waiting too).
 */
export const returnsToday: TodayCounter[] = [
  {
    kind: 'returns.to-review',
    permission: 'returns.review',
    href: '/console/returns',
    needsTenant: true,
    count: (tx, { clock }) =>
      countOf(
        tx,
        sql`select count(*)::int as n from status_returns
            where fiscal_year = ${fiscalYearOf(clock.now())} and state = 'submitted'`,
      ),
  },
  {
    kind: 'returns.own-to-submit',
    permission: 'returns.edit',
    href: '/console/returns',
    needsTenant: true,
    count: (tx, { tenant, clock }) =>
      countOf(
        tx,
        sql`select case when exists (select 1 from status_returns
                 where municipality_code = ${tenant} and fiscal_year = ${fiscalYearOf(clock.now())}
                   and state in ('submitted', 'accepted')) then 0 else 1 end as n`,
      ),
  },
];
