/** What other modules may use of payments. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { registerPaymentRoutes } from './payments.routes.ts';

export { paymentsToday } from './payments.today.ts';

/** What payments brings to the app (installed by modules/index.ts). */
export const paymentsModule: ModuleManifest = {
  name: 'payments',
  writesPublicData: false,
  routes: [registerPaymentRoutes],
};

// offered to subsidies (issue 20 item 1)
export { type LedgerWho, ledgerMove, ledgerPost, setBudget } from './payments.ledger.ts';
export { type BankAccount, registerPayableSource } from './payments.sources.ts';
