/**
 * The old name of the events use cases, now split into events.organisers / public / manage /
 * registration / registrants / reminders.ts (issue 20 item 5). It stays only because the helpers
 * switching knowledge and subsidies to events/index.ts (issue 20 item 1) offer `publicEventRow` from
 * here in index.ts; once those lines are merged they can point at events.public.ts and this file goes.
 */
export { publicEventRow } from './events.public.ts';
