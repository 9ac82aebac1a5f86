/** What other modules may use of the directory. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { placesDemoSeed } from './places.demo.ts';
import { PLACES_ERRORS } from './places.errors.ts';
import { registerPlaceImportRoutes } from './places.import.routes.ts';
import { placesVerificationDueAlert, placesVerificationReminderJob } from './places.jobs.ts';
import { refreshPublicJson } from './places.listing.ts';
import { registerPublicPlaceRoutes } from './places.public.routes.ts';
import { registerPlaceRoutes } from './places.routes.ts';

export { countPublishedPlaces } from './places.figures.ts';
/** A published entry as the public sees it, and a municipality's listings (for the navigator, cases…). */
export { getPublicPlace, listingsOf } from './places.listing.ts';
/** The public search, for callers inside the server (support's matching). */
export { searchPublic } from './places.search.ts';
/** Whether a place another module was given belongs to the tenant (events, organisers). */
export { isPlaceOfTenant } from './places.staff.ts';
export { placesToday } from './places.today.ts';

/** What places brings to the app (installed by modules/index.ts). */
export const placesModule: ModuleManifest = {
  name: 'places',
  // The order routes register in (and the routes table lists them): public, staff, import.
  routes: [registerPublicPlaceRoutes, registerPlaceRoutes, registerPlaceImportRoutes],
  dueJobs: [placesVerificationReminderJob],
  demoSeeds: [placesDemoSeed],
  derivedData: [{ name: 'public renderings of listed places', refresh: refreshPublicJson }],
  staffAlertTemplates: [placesVerificationDueAlert],
  errorMessages: PLACES_ERRORS,
};

// offered to events (issue 20 item 1): DEMO_PLACE_IDS, isPlaceOfTenant
// offered to subsidies (issue 20 item 1): DEMO_PLACE_IDS, getPublicPlace
// offered to insights (issue 20 item 1): countPublishedPlaces
// offered to peers (issue 20 item 1): DEMO_PLACE_IDS, getPublicPlace
// offered to support (issue 20 item 1): searchPublic
export { DEMO_PLACE_IDS } from './places.demo.ts';
