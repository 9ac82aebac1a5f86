/**
 * The model-case library (issue 17): what other modules and the app may call.
 * `lackedThenBuilt` is where the national layer (insights, issue 16) joins "towns like mine".
 */

export {
  MUNICIPALITY_TYPE_AS_OF,
  MUNICIPALITY_TYPE_SOURCE,
  municipalityType,
} from './knowledge.municipality-types.ts';
export { registerKnowledgeRoutes } from './knowledge.routes.ts';
export { lackedThenBuilt } from './knowledge.similarity.ts';
export { loadBuiltInThemes } from './knowledge.themes.ts';

import './knowledge.errors.ts';
