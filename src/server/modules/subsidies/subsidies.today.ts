import { sql } from 'drizzle-orm';
import { countOf, type TodayCounter } from '../../platform/access/today.ts';

/** Transport-subsidy applications to check and monthly claims waiting for 額の確定. */
export const subsidiesToday: TodayCounter[] = [
  {
    kind: 'subsidies.applications-to-check',
    permission: 'subsidies.review',
    href: '/console/subsidies',
    needsTenant: true,
    count: (tx, { tenant }) =>
      countOf(
        tx,
        sql`select count(*)::int as n from subsidy_applications where municipality_code = ${tenant} and status = 'submitted'`,
      ),
  },
  {
    kind: 'subsidies.claims-to-confirm',
    permission: 'subsidies.confirm',
    href: '/console/subsidies',
    needsTenant: true,
    count: (tx, { tenant }) =>
      countOf(
        tx,
        sql`select count(*)::int as n from subsidy_claims where municipality_code = ${tenant} and status = 'submitted'`,
      ),
  },
];
