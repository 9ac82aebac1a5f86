/** What other modules may use of the transport subsidy. */
export { subsidiesToday } from './subsidies.today.ts';
