/** What other modules may use of accounts. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { accountsDemoSeed } from './accounts.demo.ts';
import { ACCOUNTS_ERRORS } from './accounts.errors.ts';
import { accountsRotationDueJob } from './accounts.jobs.ts';
import { registerAccountRoutes } from './accounts.routes.ts';
import { registerAdministrationRoutes } from './administration.routes.ts';
import { registerAuthRoutes } from './auth.routes.ts';

/** What accounts brings to the app (installed by modules/index.ts). */
export const accountsModule: ModuleManifest = {
  name: 'accounts',
  routes: [registerAuthRoutes, registerAccountRoutes, registerAdministrationRoutes],
  dueJobs: [accountsRotationDueJob],
  demoSeeds: [accountsDemoSeed],
  errorMessages: ACCOUNTS_ERRORS,
};

// offered to events (issue 20 item 1): accountIdByEmail, isActiveAccountOfTenant
// offered to subsidies (issue 20 item 1): getAccount, listAccounts
// offered to reports (issue 20 item 1): getAccount, listAccounts
// offered to agencies (issue 20 item 1): getAccount
// offered to consultations (issue 20 item 1): listAccounts
// offered to peers (issue 20 item 1): accountIdByEmail, isActiveAccountOfTenant
// offered to places and knowledge (issue 20 item 1): listAccounts
// offered to support (issue 20 item 1): displayNames, getAccount
export {
  accountIdByEmail,
  displayNames,
  getAccount,
  isActiveAccountOfTenant,
  listAccounts,
} from './accounts.service.ts';
