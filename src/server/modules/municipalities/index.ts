/** What other modules may use of municipalities. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { tenantsDemoSeed } from './municipalities.demo.ts';
import { loadMunicipalityReference } from './municipalities.reference.ts';
import { registerMunicipalityRoutes } from './municipalities.routes.ts';

/** What municipalities brings to the app (installed by modules/index.ts). */
export const municipalitiesModule: ModuleManifest = {
  name: 'municipalities',
  routes: [registerMunicipalityRoutes],
  demoSeeds: [tenantsDemoSeed],
  referenceData: [{ name: 'municipalities', load: loadMunicipalityReference }],
};

// offered to events (issue 20 item 1): getMunicipality
// offered to subsidies (issue 20 item 1): getMunicipality, getPublicProfile
// offered to insights (issue 20 item 1): buildReferenceEntries, ReferenceEntry, getPublicProfile
// offered to reports (issue 20 item 1): getPublicProfile, listPrefectures
export { buildReferenceEntries, type ReferenceEntry } from './municipalities.reference.ts';
export { getMunicipality, getPublicProfile, listPrefectures } from './municipalities.service.ts';
