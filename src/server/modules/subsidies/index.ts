/** What other modules may use of the transport subsidy. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { registerSubsidyApplyRoutes } from './subsidies.apply.routes.ts';
import { subsidiesDemoSeed } from './subsidies.demo.ts';
import { SUBSIDIES_ERRORS } from './subsidies.errors.ts';
import { subsidiesApplicationReceivedAlert } from './subsidies.notify.ts';
import { subsidyClaimsPayable } from './subsidies.payable.ts';
import { registerSubsidyRoutes } from './subsidies.routes.ts';
import { subsidiesEncryptedColumns } from './subsidies.tables.ts';

export { countSubsidies } from './subsidies.figures.ts';
export { subsidiesToday } from './subsidies.today.ts';

/** What subsidies brings to the app (installed by modules/index.ts). */
export const subsidiesModule: ModuleManifest = {
  name: 'subsidies',
  routes: [registerSubsidyApplyRoutes, registerSubsidyRoutes],
  demoSeeds: [subsidiesDemoSeed],
  // Confirmed claims (額の確定) are paid through payment batches.
  payableSources: [subsidyClaimsPayable],
  staffAlertTemplates: [subsidiesApplicationReceivedAlert],
  errorMessages: SUBSIDIES_ERRORS,
  encryptedColumns: subsidiesEncryptedColumns,
};
