/** What other modules may use of consultations. */
export { consultationsToday } from './consultations.today.ts';
