import type { CalendarEntry, CalendarKind } from '../../../shared/contracts/console.ts';
import type { Permission } from '../../../shared/permissions.ts';
import type { Config } from '../config.ts';
import type { Tx } from '../db/client.ts';
import type { Actor } from './actor.ts';

/**
 * One kind of dated work on the console calendar (issue 22 item 3): a module lists the caller's
 * entries between two days from its own tables, inside the caller's transaction (row-level security
 * as everywhere), as today's counters do for counts.
 */
export type CalendarSource = {
  kind: CalendarKind;
  permission: Permission;
  needsTenant: boolean;
  entries(
    tx: Tx,
    caller: {
      actor: Actor;
      tenant: string;
      /** Inclusive days in Asia/Tokyo (YYYY-MM-DD). */
      from: string;
      to: string;
      config: Pick<Config, 'dataKeys' | 'publicUrl'>;
    },
  ): Promise<CalendarEntry[]>;
};

/** HH:MM and YYYY-MM-DD of an instant in Asia/Tokyo. */
export function tokyoParts(at: Date): { date: string; time: string } {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  const [date = '', time = ''] = text.split(' ');
  return { date, time };
}

/** The instant a Tokyo day starts, for comparing with timestamps. */
export const tokyoDayStart = (day: string): string => `${day}T00:00:00+09:00`;
