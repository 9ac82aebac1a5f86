import type { CalendarEntry } from '../../../shared/contracts/console.ts';
import { hasPermission } from '../../../shared/permissions.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { CalendarSource } from '../../platform/access/calendar.ts';
import type { Config } from '../../platform/config.ts';
import type { Tx } from '../../platform/db/client.ts';
import { eventsCalendar } from '../events/index.ts';
import { peersCalendar } from '../peers/index.ts';
import { supportCalendar } from '../support/index.ts';

export const CALENDAR_SOURCES: readonly CalendarSource[] = [
  ...supportCalendar,
  ...peersCalendar,
  ...eventsCalendar,
];

/** The caller's entries between two days, from every source its roles may see, ordered by time. */
export async function calendarFor(
  tx: Tx,
  actor: Actor,
  range: { from: string; to: string },
  config: Pick<Config, 'dataKeys' | 'publicUrl'>,
): Promise<CalendarEntry[]> {
  if (!actor.tenant) return [];
  const items: CalendarEntry[] = [];
  for (const source of CALENDAR_SOURCES) {
    if (!hasPermission(actor.roles, source.permission)) continue;
    items.push(...(await source.entries(tx, { actor, tenant: actor.tenant, ...range, config })));
  }
  // Whole-day items (contacts, reviews) first on their day, then by start time.
  return items.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (a.start ?? '').localeCompare(b.start ?? '') ||
      a.title.localeCompare(b.title),
  );
}
