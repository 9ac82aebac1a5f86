/** What other modules may use of supporter training. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { trainingDemoSeed } from './training.demo.ts';
import { TRAINING_ERRORS } from './training.errors.ts';
import { registerTrainingRoutes } from './training.routes.ts';
import { assertTrainingForRoles } from './training.service.ts';

/** What training brings to the app (installed by modules/index.ts). */
export const trainingModule: ModuleManifest = {
  name: 'training',
  writesPublicData: false,
  routes: [registerTrainingRoutes],
  demoSeeds: [trainingDemoSeed],
  // A tenant may require a course before a role is granted (issue 9); accounts asks this gate
  // through platform/auth without importing training, which reads accounts.
  roleGrantGates: [{ name: 'training', check: assertTrainingForRoles }],
  errorMessages: TRAINING_ERRORS,
};

// What other modules call (issue 20 item 1): the return figures insights prefills.
export { countTraining } from './training.figures.ts';
