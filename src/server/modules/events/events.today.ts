import { sql } from 'drizzle-orm';
import { countOf, type TodayCounter } from '../../platform/access/today.ts';
import { managedOrganiserIds } from './events.organisers.ts';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Sessions of published events in the coming week (salons, family classes): seats and rooms to
 * prepare. A family association counts only its own organisers' events, as its event list shows.
 */
export const eventsToday: TodayCounter[] = [
  {
    kind: 'events.sessions-this-week',
    permission: 'events.manage',
    href: '/console/events',
    needsTenant: true,
    count: async (tx, { tenant, actor, clock }) => {
      const organisers = await managedOrganiserIds(tx, actor);
      if (organisers !== 'all' && organisers.length === 0) return 0;
      const now = clock.now();
      return countOf(
        tx,
        sql`select count(*)::int as n from event_sessions s
            join events e on e.id = s.event_id and e.municipality_code = s.municipality_code
            where s.municipality_code = ${tenant} and e.status = 'published' and s.status = 'scheduled'
              and s.starts_at >= ${now.toISOString()}::timestamptz
              and s.starts_at < ${new Date(now.getTime() + WEEK_MS).toISOString()}::timestamptz
              ${
                organisers === 'all'
                  ? sql``
                  : sql`and e.organiser_id in (${sql.join(
                      organisers.map((id) => sql`${id}::uuid`),
                      sql`, `,
                    )})`
              }`,
      );
    },
  },
];
