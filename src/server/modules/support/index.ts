/** What other modules may use of support records. */
export { supportToday } from './support.today.ts';
