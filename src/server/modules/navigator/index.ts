/**
 * What other modules may use of the navigator (issue 18). The plan itself is a shared pure function
 * (`src/shared/navigator/plan.ts`), run in the browser.
 */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { navigatorDemoSeed } from './navigator.demo.ts';
import { NAVIGATOR_ERRORS } from './navigator.errors.ts';

export { publicLocal } from './navigator.local.ts';

import { registerNavigatorRoutes } from './navigator.routes.ts';
import { loadStartingRuleSet } from './navigator.rules.ts';

export { ruleSetInForce } from './navigator.rules.ts';

/** What navigator brings to the app (installed by modules/index.ts). */
export const navigatorModule: ModuleManifest = {
  name: 'navigator',
  routes: [registerNavigatorRoutes],
  demoSeeds: [navigatorDemoSeed],
  referenceData: [{ name: 'navigator starting rules', load: loadStartingRuleSet }],
  errorMessages: NAVIGATOR_ERRORS,
};
