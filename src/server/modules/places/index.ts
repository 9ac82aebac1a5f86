/** What other modules may use of the directory. */
export { placesToday } from './places.today.ts';
