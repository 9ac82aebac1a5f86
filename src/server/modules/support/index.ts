/** What other modules may use of support records. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { supportDemoSeed } from './support.demo.ts';
import { supportReviewRemindersJob } from './support.jobs.ts';
import { registerSupportRoutes } from './support.routes.ts';

export { supportCalendar } from './support.calendar.ts';
export { supportToday } from './support.today.ts';

/** What support brings to the app (installed by modules/index.ts). */
export const supportModule: ModuleManifest = {
  name: 'support',
  writesPublicData: false,
  routes: [registerSupportRoutes],
  dueJobs: [supportReviewRemindersJob],
  demoSeeds: [supportDemoSeed],
};

// offered to insights (issue 20 item 1)
export {
  countSupportCases,
  measureSeriesForStatistics,
  tenantsWithSupportRecords,
} from './support.figures.ts';
