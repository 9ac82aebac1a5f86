/** What other modules may use of support records. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { supportDemoSeed } from './support.demo.ts';
import { SUPPORT_ERRORS } from './support.errors.ts';
import { supportCasesCaseload, supportReviewDueAlert, supportReviewRemindersJob } from './support.jobs.ts';
import { registerSupportMeasureRoutes } from './support.measures.routes.ts';
import { registerSupportRecordRoutes } from './support.records.routes.ts';
import { registerSupportRoutes } from './support.routes.ts';
import { supportAppendOnlyTables, supportEncryptedColumns } from './support.tables.ts';

export { loadPerson } from './support.access.ts';
export { supportCalendar } from './support.calendar.ts';
export { recordConsent } from './support.consents.ts';
export {
  agencyConsent,
  closedPersonsBefore,
  personBasics,
  personHoldings,
  purgePersonContent,
} from './support.holdings.ts';
export { supportToday } from './support.today.ts';

/** What support brings to the app (installed by modules/index.ts). */
export const supportModule: ModuleManifest = {
  name: 'support',
  writesPublicData: false,
  routes: [registerSupportRoutes, registerSupportRecordRoutes, registerSupportMeasureRoutes],
  dueJobs: [supportReviewRemindersJob],
  demoSeeds: [supportDemoSeed],
  caseloadCounts: [supportCasesCaseload],
  staffAlertTemplates: [supportReviewDueAlert],
  errorMessages: SUPPORT_ERRORS,
  encryptedColumns: supportEncryptedColumns,
  appendOnlyTables: supportAppendOnlyTables,
};

// offered to agencies (issue 20 item 1): DEMO_PERSON_IDS, ConsentInput, agencyConsent, loadPerson, personBasics, recordConsent
// offered to rights (issue 20 item 1): closedPersonsBefore, loadPerson, personBasics, personHoldings, purgePersonContent
export { DEMO_PERSON_IDS } from './support.demo.ts';
// offered to insights (issue 20 item 1)
export {
  countSupportCases,
  measureSeriesForStatistics,
  tenantsWithSupportRecords,
} from './support.figures.ts';
export { ConsentInput } from './support.schema.ts';
