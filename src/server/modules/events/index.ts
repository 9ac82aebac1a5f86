/** What other modules may use of events. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { eventsDemoSeed } from './events.demo.ts';
import { EVENTS_ERRORS } from './events.errors.ts';
import { eventsReminderDayBeforeJob } from './events.jobs.ts';
import { registerPublicEventRoutes } from './events.public.routes.ts';
import { registerEventRegistrationRoutes } from './events.registration.routes.ts';
import { registerStaffEventRoutes } from './events.staff.routes.ts';
import { eventsEncryptedColumns } from './events.tables.ts';

export { eventsCalendar } from './events.calendar.ts';
export { eventsToday } from './events.today.ts';

/** What events brings to the app (installed by modules/index.ts). */
export const eventsModule: ModuleManifest = {
  name: 'events',
  routes: [registerPublicEventRoutes, registerEventRegistrationRoutes, registerStaffEventRoutes],
  dueJobs: [eventsReminderDayBeforeJob],
  demoSeeds: [eventsDemoSeed],
  errorMessages: EVENTS_ERRORS,
  encryptedColumns: eventsEncryptedColumns,
};

// offered to subsidies (issue 20 item 1)
// offered to knowledge (issue 20 item 1): publicEventRow
// offered to insights (issue 20 item 1): countFamilyClasses
export { countFamilyClasses } from './events.figures.ts';
export { publicEventRow } from './events.public.ts';
