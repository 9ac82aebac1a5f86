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
// offered to rights (issue 20 item 1): getMunicipality
// offered to consultations (issue 20 item 1): getTenantProfile
// offered to places, navigator and knowledge (issue 20 item 1): searchMunicipalities
// offered to support (issue 20 item 1): getMunicipality, getTenantProfile
export {
  getMunicipality,
  getPublicProfile,
  getTenantProfile,
  searchMunicipalities,
} from './municipalities.service.ts';
