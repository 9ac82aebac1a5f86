/** What other modules may use of peer supporters. */

export { peersCalendar } from './peers.calendar.ts';
export { peersToday } from './peers.today.ts';
