/** What other modules may use of events. */
export { eventsToday } from './events.today.ts';
