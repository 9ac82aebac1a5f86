import { sql } from 'drizzle-orm';
import { countOf, type TodayCounter, tenantRowCounter } from '../../platform/access/today.ts';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Claims of peer supporters waiting for approval; a supporter's own shifts in the coming week. */
export const peersToday: TodayCounter[] = [
  tenantRowCounter({
    kind: 'peers.claims-to-approve',
    permission: 'peers.manage',
    href: '/console/peers/claims',
    table: 'peer_claims',
    where: "status = 'submitted'",
  }),
  {
    kind: 'peers.my-shifts-this-week',
    permission: 'peers.self',
    href: '/console/peers/me',
    needsTenant: true,
    count: (tx, { tenant, actor, clock }) => {
      const now = clock.now();
      return countOf(
        tx,
        sql`select count(*)::int as n from peer_shifts s
            join peer_supporters p on p.id = s.supporter_id and p.municipality_code = s.municipality_code
            where s.municipality_code = ${tenant} and p.account_id = ${actor.accountId} and s.status = 'scheduled'
              and s.starts_at >= ${now.toISOString()}::timestamptz
              and s.starts_at < ${new Date(now.getTime() + WEEK_MS).toISOString()}::timestamptz`,
      );
    },
  },
];
