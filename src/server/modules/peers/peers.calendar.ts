import { sql } from 'drizzle-orm';
import { type CalendarSource, tokyoDayStart, tokyoParts } from '../../platform/access/calendar.ts';
import { rows } from '../../platform/db/client.ts';

/** A peer supporter's own scheduled shifts (the web names the kind; the place is on the shift page). */
export const peersCalendar: CalendarSource[] = [
  {
    kind: 'peers.shift',
    permission: 'peers.self',
    needsTenant: true,
    entries: async (tx, { actor, tenant, from, to }) => {
      const found = await rows<{ starts_at: Date; ends_at: Date }>(
        tx,
        sql`select s.starts_at, s.ends_at from peer_shifts s
            join peer_supporters p on p.id = s.supporter_id and p.municipality_code = s.municipality_code
            where s.municipality_code = ${tenant} and p.account_id = ${actor.accountId} and s.status = 'scheduled'
              and s.starts_at >= ${tokyoDayStart(from)}::timestamptz
              and s.starts_at < (${tokyoDayStart(to)}::timestamptz + interval '1 day')
            order by s.starts_at`,
      );
      return found.map((s) => {
        const start = tokyoParts(new Date(s.starts_at));
        return {
          kind: 'peers.shift' as const,
          date: start.date,
          start: start.time,
          end: tokyoParts(new Date(s.ends_at)).time,
          title: '',
          href: '/console/peers/me',
        };
      });
    },
  },
];
