/** What other modules may use of supporter training. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { trainingDemoSeed } from './training.demo.ts';
import { registerTrainingRoutes } from './training.routes.ts';

/** What training brings to the app (installed by modules/index.ts). */
export const trainingModule: ModuleManifest = {
  name: 'training',
  writesPublicData: false,
  routes: [registerTrainingRoutes],
  demoSeeds: [trainingDemoSeed],
};

// offered to insights (issue 20 item 1)
export { countTraining } from './training.figures.ts';
