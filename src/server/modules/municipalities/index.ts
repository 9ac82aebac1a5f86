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
// offered to rights (issue 20 item 1): getMunicipality
// offered to consultations (issue 20 item 1): getTenantProfile
// offered to places, navigator and knowledge (issue 20 item 1): searchMunicipalities
// offered to support (issue 20 item 1): getMunicipality, getTenantProfile
// What other modules call (issue 20 item 1): a town's identity and profiles, prefectures, the reference.
export { buildReferenceEntries, type ReferenceEntry } from './municipalities.reference.ts';
export {
  getMunicipality,
  getPublicProfile,
  getTenantProfile,
  listPrefectures,
  searchMunicipalities,
} from './municipalities.service.ts';
// Demo seeds of other modules find the demo town by name; offered until they go through the manifest.
export { municipalities } from './municipalities.tables.ts';
