import { sql } from 'drizzle-orm';
import { countOf, type TodayCounter } from '../../platform/access/today.ts';

/** Directory entries a registrant or colleague sent for review. */
export const placesToday: TodayCounter[] = [
  {
    kind: 'places.in-review',
    permission: 'places.review',
    href: '/console/places',
    needsTenant: true,
    count: (tx, { tenant }) =>
      countOf(
        tx,
        sql`select count(*)::int as n from places where municipality_code = ${tenant} and publication = 'in_review'`,
      ),
  },
];
