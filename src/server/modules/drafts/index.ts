/** What other modules and the app may use of drafts (issue 22): its routes. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { draftsPurgeStaleJob } from './drafts.jobs.ts';
import { registerDraftRoutes } from './drafts.routes.ts';
import { draftsEncryptedColumns } from './drafts.tables.ts';

/** What drafts brings to the app (installed by modules/index.ts). */
export const draftsModule: ModuleManifest = {
  name: 'drafts',
  writesPublicData: false,
  routes: [registerDraftRoutes],
  dueJobs: [draftsPurgeStaleJob],
  encryptedColumns: draftsEncryptedColumns,
};
