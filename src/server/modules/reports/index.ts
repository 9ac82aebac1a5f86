/** What other modules may use of harmful-business reports. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { reportsDemoSeed } from './reports.demo.ts';
import { reportsProtectionFollowUpJob } from './reports.jobs.ts';
import { registerReportRoutes } from './reports.routes.ts';

/** The reports a town received in a fiscal year, for insights' return prefill. */
export { countReportsReceived } from './reports.figures.ts';
export { reportsToday } from './reports.today.ts';

/** What reports brings to the app (installed by modules/index.ts). */
export const reportsModule: ModuleManifest = {
  name: 'reports',
  routes: [registerReportRoutes],
  dueJobs: [reportsProtectionFollowUpJob],
  demoSeeds: [reportsDemoSeed],
};
