/** What other modules may use of rights requests. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { RIGHTS_ERRORS } from './rights.errors.ts';
import { rightsRetentionPurgeJob } from './rights.jobs.ts';
import { registerRightsRoutes } from './rights.routes.ts';
import { rightsEncryptedColumns } from './rights.tables.ts';

/** What rights brings to the app (installed by modules/index.ts). */
export const rightsModule: ModuleManifest = {
  name: 'rights',
  writesPublicData: false,
  routes: [registerRightsRoutes],
  dueJobs: [rightsRetentionPurgeJob],
  errorMessages: RIGHTS_ERRORS,
  encryptedColumns: rightsEncryptedColumns,
};
