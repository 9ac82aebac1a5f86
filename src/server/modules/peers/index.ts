/** What other modules may use of peer supporters. */
export { peersToday } from './peers.today.ts';
