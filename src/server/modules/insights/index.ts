/**
 * What other modules may use of `insights`: for the model-case library's "towns like mine",
 * which towns built what a town lacks (read as the public reads accepted returns).
 */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { registerIndicatorRoutes } from './indicators.routes.ts';
import { insightsDemoSeed } from './insights.demo.ts';
import { INSIGHTS_ERRORS } from './insights.errors.ts';
import { insightsRefreshAggregatesJob, insightsReturnRemindersJob } from './insights.jobs.ts';
import { registerReturnRoutes } from './returns.routes.ts';

export { townsThatBuiltWhatIsLacking } from './gaps.service.ts';
export type { BuiltTown } from './gaps.ts';
/** A municipality's published (suppressed) figures for the indicators a model case links. */
export { isIndicatorId, type LinkedFigure, linkedFigures } from './linked-figures.service.ts';
export { refreshAllAggregates } from './outcomes.service.ts';
export { returnsToday } from './returns.today.ts';

/** What insights brings to the app (installed by modules/index.ts). */
export const insightsModule: ModuleManifest = {
  name: 'insights',
  routes: [registerReturnRoutes, registerIndicatorRoutes],
  dueJobs: [insightsRefreshAggregatesJob, insightsReturnRemindersJob],
  demoSeeds: [insightsDemoSeed],
  errorMessages: INSIGHTS_ERRORS,
};
