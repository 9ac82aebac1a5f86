import { sql } from 'drizzle-orm';
import { countOf, type TodayCounter } from '../../platform/access/today.ts';

/** Anonymous consultations waiting for a reply (the oldest first on the queue page). */
export const consultationsToday: TodayCounter[] = [
  {
    kind: 'consultations.waiting',
    permission: 'consultations.respond',
    href: '/console/consultations',
    needsTenant: true,
    count: (tx, { tenant }) =>
      countOf(
        tx,
        sql`select count(*)::int as n from consultations
            where municipality_code = ${tenant} and status = 'open' and awaiting_reply_since is not null`,
      ),
  },
];
