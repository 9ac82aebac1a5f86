/** What other modules may use of harmful-business reports. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { reportsDemoSeed } from './reports.demo.ts';
import { REPORTS_ERRORS } from './reports.errors.ts';
import {
  reportsAssignedCaseload,
  reportsProtectionFollowUpAlert,
  reportsProtectionFollowUpJob,
} from './reports.jobs.ts';
import { reportsUrgentAlert } from './reports.public.ts';
import { registerReportRoutes } from './reports.routes.ts';
import { reportsEncryptedColumns } from './reports.tables.ts';

/** The reports a town received in a fiscal year, for insights' return prefill. */
export { countReportsReceived } from './reports.figures.ts';
export { reportsToday } from './reports.today.ts';

/** What reports brings to the app (installed by modules/index.ts). */
export const reportsModule: ModuleManifest = {
  name: 'reports',
  routes: [registerReportRoutes],
  dueJobs: [reportsProtectionFollowUpJob],
  demoSeeds: [reportsDemoSeed],
  caseloadCounts: [reportsAssignedCaseload],
  staffAlertTemplates: [reportsUrgentAlert, reportsProtectionFollowUpAlert],
  errorMessages: REPORTS_ERRORS,
  encryptedColumns: reportsEncryptedColumns,
};
