/** What other modules may use of the bank reference (全銀 codes). */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { registerBankRoutes } from './banks.routes.ts';

/** What banks brings to the app (installed by modules/index.ts). */
export const banksModule: ModuleManifest = {
  name: 'banks',
  routes: [registerBankRoutes],
};

// offered to subsidies and payments (issue 20 item 1): findBranch
// What other modules call (issue 20 item 1): a branch of the 全銀 reference, to check a bank account.
export { type Bank, type Branch, findBranch } from './banks.service.ts';
