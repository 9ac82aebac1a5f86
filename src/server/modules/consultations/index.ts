/** What other modules may use of consultations. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { consultationsDemoSeed } from './consultations.demo.ts';
import { CONSULTATIONS_ERRORS } from './consultations.errors.ts';
import { registerConsultationRoutes } from './consultations.routes.ts';
import { consultationsAppendOnlyTables, consultationsEncryptedColumns } from './consultations.tables.ts';

export { consultationsToday } from './consultations.today.ts';

/** What consultations brings to the app (installed by modules/index.ts). */
export const consultationsModule: ModuleManifest = {
  name: 'consultations',
  writesPublicData: false,
  routes: [registerConsultationRoutes],
  demoSeeds: [consultationsDemoSeed],
  errorMessages: CONSULTATIONS_ERRORS,
  encryptedColumns: consultationsEncryptedColumns,
  appendOnlyTables: consultationsAppendOnlyTables,
};

// offered to support and rights (issue 20 item 1)
export {
  consultationHoldings,
  linkConsultationToPerson,
  purgeConsultationsOfPersons,
  unansweredSummary,
} from './consultations.service.ts';
