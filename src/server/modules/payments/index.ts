/** What other modules may use of payments. */
export { paymentsToday } from './payments.today.ts';
