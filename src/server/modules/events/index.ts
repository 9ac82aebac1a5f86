/** What other modules may use of events. */

export { eventsCalendar } from './events.calendar.ts';
export { eventsToday } from './events.today.ts';
