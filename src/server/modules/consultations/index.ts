/** What other modules may use of consultations. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { consultationsDemoSeed } from './consultations.demo.ts';
import { registerConsultationRoutes } from './consultations.routes.ts';

export { consultationsToday } from './consultations.today.ts';

/** What consultations brings to the app (installed by modules/index.ts). */
export const consultationsModule: ModuleManifest = {
  name: 'consultations',
  writesPublicData: false,
  routes: [registerConsultationRoutes],
  demoSeeds: [consultationsDemoSeed],
};

// What support and rights call (support still imports consultations.service.ts until its helper moves it here).
export {
  consultationHoldings,
  linkConsultationToPerson,
  purgeConsultationsOfPersons,
  unansweredSummary,
} from './consultations.service.ts';
