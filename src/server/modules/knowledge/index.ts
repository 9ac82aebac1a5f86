/**
 * The model-case library (issue 17): what other modules and the app may call.
 */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { knowledgeDemoSeed } from './knowledge.demo.ts';
import { KNOWLEDGE_ERRORS } from './knowledge.errors.ts';
import { caseAnswerAlert, caseQuestionAlert } from './knowledge.questions.ts';

export {
  MUNICIPALITY_TYPE_AS_OF,
  MUNICIPALITY_TYPE_SOURCE,
  municipalityType,
} from './knowledge.municipality-types.ts';

import { registerKnowledgeRoutes } from './knowledge.routes.ts';
import { loadBuiltInThemes } from './knowledge.themes.ts';

export { casesToday } from './cases.today.ts';

/** What knowledge brings to the app (installed by modules/index.ts). */
export const knowledgeModule: ModuleManifest = {
  name: 'knowledge',
  routes: [registerKnowledgeRoutes],
  demoSeeds: [knowledgeDemoSeed],
  referenceData: [{ name: 'model-case themes', load: loadBuiltInThemes }],
  staffAlertTemplates: [caseQuestionAlert, caseAnswerAlert],
  errorMessages: KNOWLEDGE_ERRORS,
};
