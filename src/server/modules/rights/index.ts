/** What other modules may use of rights requests. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { rightsRetentionPurgeJob } from './rights.jobs.ts';
import { registerRightsRoutes } from './rights.routes.ts';

/** What rights brings to the app (installed by modules/index.ts). */
export const rightsModule: ModuleManifest = {
  name: 'rights',
  writesPublicData: false,
  routes: [registerRightsRoutes],
  dueJobs: [rightsRetentionPurgeJob],
};
