/** The console's cross-module pages (issue 22): today's work on each role's home page, and the calendar. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';

import { registerCalendarRoutes } from './calendar.routes.ts';
import { registerTodayRoutes } from './today.routes.ts';

/** What console brings to the app (installed by modules/index.ts). */
export const consoleModule: ModuleManifest = {
  name: 'console',
  writesPublicData: false,
  routes: [registerTodayRoutes, registerCalendarRoutes],
};
