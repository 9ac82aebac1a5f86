/** What other modules may use of agencies and referrals. */
export { agenciesToday } from './agencies.today.ts';
