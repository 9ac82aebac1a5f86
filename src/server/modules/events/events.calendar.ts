import { sql } from 'drizzle-orm';
import { type CalendarSource, tokyoDayStart, tokyoParts } from '../../platform/access/calendar.ts';
import { rows } from '../../platform/db/client.ts';
import { managedOrganiserIds } from './events.organisers.ts';

/**
 * Sessions of the tenant's published events; a family association sees its own organisers' events
 * only, as its event list and home page do.
 */
export const eventsCalendar: CalendarSource[] = [
  {
    kind: 'events.session',
    permission: 'events.manage',
    needsTenant: true,
    entries: async (tx, { actor, tenant, from, to }) => {
      const organisers = await managedOrganiserIds(tx, actor);
      if (organisers !== 'all' && organisers.length === 0) return [];
      const found = await rows<{
        event_id: string;
        title: string;
        topic: string;
        starts_at: Date;
        ends_at: Date;
      }>(
        tx,
        sql`select e.id as event_id, e.title, s.topic, s.starts_at, s.ends_at from event_sessions s
            join events e on e.id = s.event_id and e.municipality_code = s.municipality_code
            where s.municipality_code = ${tenant} and e.status = 'published' and s.status = 'scheduled'
              and s.starts_at >= ${tokyoDayStart(from)}::timestamptz
              and s.starts_at < (${tokyoDayStart(to)}::timestamptz + interval '1 day')
              ${
                organisers === 'all'
                  ? sql``
                  : sql`and e.organiser_id in (${sql.join(
                      organisers.map((id) => sql`${id}::uuid`),
                      sql`, `,
                    )})`
              }
            order by s.starts_at`,
      );
      return found.map((s) => {
        const start = tokyoParts(new Date(s.starts_at));
        return {
          kind: 'events.session' as const,
          date: start.date,
          start: start.time,
          end: tokyoParts(new Date(s.ends_at)).time,
          title: s.topic ? `${s.title}（${s.topic}）` : s.title,
          href: `/console/events/${s.event_id}`,
        };
      });
    },
  },
];
