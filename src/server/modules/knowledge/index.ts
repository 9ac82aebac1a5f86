/**
 * The model-case library (issue 17): what other modules and the app may call.
 */

export {
  MUNICIPALITY_TYPE_AS_OF,
  MUNICIPALITY_TYPE_SOURCE,
  municipalityType,
} from './knowledge.municipality-types.ts';
export { registerKnowledgeRoutes } from './knowledge.routes.ts';
export { loadBuiltInThemes } from './knowledge.themes.ts';

import './knowledge.errors.ts';

export { casesToday } from './cases.today.ts';
