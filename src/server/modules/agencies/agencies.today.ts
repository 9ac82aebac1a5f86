import { sql } from 'drizzle-orm';
import { countOf, type TodayCounter } from '../../platform/access/today.ts';

/** Referrals sent to the caller's agency and not yet answered. */
export const agenciesToday: TodayCounter[] = [
  {
    kind: 'agencies.referrals-received',
    permission: 'referrals.receive',
    href: '/console/agency/referrals',
    needsTenant: true,
    count: (tx, { tenant, actor }) =>
      countOf(
        tx,
        sql`select count(*)::int as n from referrals r
            where r.municipality_code = ${tenant} and r.status = 'requested'
              and r.agency_id in (select m.agency_id from agency_members m
                                  where m.municipality_code = ${tenant} and m.account_id = ${actor.accountId})`,
      ),
  },
];
