import { sql } from 'drizzle-orm';
import { countOf, type TodayCounter } from '../../platform/access/today.ts';

/** Model cases waiting for the prefecture's review, and accepted ones waiting for national publication. */
export const casesToday: TodayCounter[] = [
  {
    kind: 'cases.to-review',
    permission: 'cases.review',
    href: '/console/cases',
    needsTenant: true,
    count: (tx, { tenant }) =>
      countOf(
        tx,
        sql`select count(*)::int as n from cases where reviewer_code = ${tenant} and state = 'submitted'`,
      ),
  },
  {
    kind: 'cases.to-publish',
    permission: 'cases.publish',
    href: '/console/cases',
    needsTenant: false,
    count: (tx) => countOf(tx, sql`select count(*)::int as n from cases where state = 'accepted'`),
  },
];
