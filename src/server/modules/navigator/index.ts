/**
 * What other modules may use of the navigator (issue 18). The plan itself is a shared pure function
 * (`src/shared/navigator/plan.ts`), run in the browser.
 */
export { publicLocal } from './navigator.local.ts';
export { registerNavigatorRoutes } from './navigator.routes.ts';
export { loadStartingRuleSet, ruleSetInForce } from './navigator.rules.ts';
