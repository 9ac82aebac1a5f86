/** What other modules may use of support records. */

export { supportCalendar } from './support.calendar.ts';
export { supportToday } from './support.today.ts';
