/** What other modules may use of harmful-business reports. */
export { reportsToday } from './reports.today.ts';
