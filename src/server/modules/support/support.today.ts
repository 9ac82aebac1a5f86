import { sql } from 'drizzle-orm';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import { countOf, type TodayCounter } from '../../platform/access/today.ts';

/** The caller's active persons whose date in `column` has come (today or earlier). */
const dueToday =
  (column: 'next_review_on' | 'next_contact_on'): TodayCounter['count'] =>
  (tx, { tenant, actor, clock }) =>
    countOf(
      tx,
      sql`select count(*)::int as n from support_persons
          where municipality_code = ${tenant} and status = 'active' and lead_worker_id = ${actor.accountId}
            and ${sql.raw(column)} <= ${isoDateInTokyo(clock.now())}::date`,
    );

/**
 * The caller's own caseload: reviews and planned contacts due today or earlier, and persons whose
 * intake asks to keep watch.
 */
export const supportToday: TodayCounter[] = [
  {
    kind: 'support.reviews-due',
    permission: 'support.read',
    href: '/console/support',
    needsTenant: true,
    count: dueToday('next_review_on'),
  },
  {
    kind: 'support.contacts-due',
    permission: 'support.read',
    href: '/console/support',
    needsTenant: true,
    count: dueToday('next_contact_on'),
  },
  {
    kind: 'support.watch',
    permission: 'support.read',
    href: '/console/support',
    needsTenant: true,
    count: (tx, { tenant, actor }) =>
      countOf(
        tx,
        sql`select count(*)::int as n from support_persons
            where municipality_code = ${tenant} and status = 'active' and lead_worker_id = ${actor.accountId}
              and urgency in ('watch', 'urgent', 'emergency')`,
      ),
  },
];
