/**
 * What other modules may use of payments: the payable-source registry and the budget ledger that a
 * module paying people through batches needs (peers, subsidies), and the small bank helpers their
 * views share (subsidies takes the ledger posts, BankAccount and registerPayableSource; peers also
 * linesOfSources, maskAccount and validateBank). Nothing else of payments is for other modules.
 */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { registerPaymentRoutes } from './payments.routes.ts';

export {
  type ItemStage,
  type LedgerItem,
  type LedgerWho,
  ledgerMove,
  ledgerPost,
  setBudget,
} from './payments.ledger.ts';
export { linesOfSources } from './payments.payable.ts';
export { maskAccount, validateBank } from './payments.records.ts';
export {
  type BankAccount,
  type PayableItem,
  type PayableSource,
  registerPayableSource,
  type SourceContext,
} from './payments.sources.ts';
export { paymentsToday } from './payments.today.ts';

/** What payments brings to the app (installed by modules/index.ts). */
export const paymentsModule: ModuleManifest = {
  name: 'payments',
  writesPublicData: false,
  routes: [registerPaymentRoutes],
};
