/**
 * What other modules may use of payments: the budget ledger that a module paying people through
 * batches needs (peers, subsidies), and the small bank helpers their views share (subsidies takes the
 * ledger posts; peers also linesOfSources, maskAccount and validateBank). Nothing else of payments is
 * for other modules. The payable-source contract (PayableSource, BankAccount…) is in
 * platform/modules/payable-sources.ts: a source module names its sources in its manifest.
 */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { PAYMENTS_ERRORS } from './payments.errors.ts';
import { registerPaymentRoutes } from './payments.routes.ts';
import { paymentsAppendOnlyTables, paymentsEncryptedColumns } from './payments.tables.ts';

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
export { paymentsToday } from './payments.today.ts';

/** What payments brings to the app (installed by modules/index.ts). */
export const paymentsModule: ModuleManifest = {
  name: 'payments',
  writesPublicData: false,
  routes: [registerPaymentRoutes],
  errorMessages: PAYMENTS_ERRORS,
  encryptedColumns: paymentsEncryptedColumns,
  appendOnlyTables: paymentsAppendOnlyTables,
};
