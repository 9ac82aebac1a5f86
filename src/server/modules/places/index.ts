/** What other modules may use of the directory. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { placesDemoSeed } from './places.demo.ts';
import { placesVerificationReminderJob } from './places.jobs.ts';
import { registerPlaceRoutes } from './places.routes.ts';
import { refreshPublicJson } from './places.service.ts';

export { placesToday } from './places.today.ts';

/** What places brings to the app (installed by modules/index.ts). */
export const placesModule: ModuleManifest = {
  name: 'places',
  routes: [registerPlaceRoutes],
  dueJobs: [placesVerificationReminderJob],
  demoSeeds: [placesDemoSeed],
  derivedData: [{ name: 'public renderings of listed places', refresh: refreshPublicJson }],
};

// offered to events (issue 20 item 1): DEMO_PLACE_IDS, isPlaceOfTenant
// offered to subsidies (issue 20 item 1): DEMO_PLACE_IDS, getPublicPlace
// offered to insights (issue 20 item 1): countPublishedPlaces
export { DEMO_PLACE_IDS } from './places.demo.ts';
export { countPublishedPlaces } from './places.figures.ts';
export { getPublicPlace, isPlaceOfTenant } from './places.service.ts';
