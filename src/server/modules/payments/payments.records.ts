import { and, asc, eq } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { sqlState } from '../../platform/db/errors.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { BankAccount } from '../../platform/modules/payable-sources.ts';
import { findBranch } from './payments.banks.ts';
import { paymentsError } from './payments.errors.ts';
import { bankProblems } from './payments.policy.ts';
import { PAYMENTS_CONTEXTS, paymentBatches, paymentLines } from './payments.tables.ts';

/** The rows and small helpers the batch and transfer use cases share (not offered to other modules). */
export type PaymentsContext = { config: Config; clock: Clock };

export type BatchRow = typeof paymentBatches.$inferSelect;
export type StoredLine = typeof paymentLines.$inferSelect;

/** Maps the database guards (payments_guards migration) to clear answers. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = sqlState(error);
    if (code === '23505') throw new AppError(409, 'payments_already_in_batch', { cause: error });
    if (code === '55000') throw new AppError(409, 'payments_batch_state', { cause: error });
    if (code === '23514') throw new AppError(409, 'payments_batch_state', { cause: error });
    throw error;
  }
}

export const last4 = (accountNumber: string) => accountNumber.slice(-4).padStart(4, '0');
export const maskAccount = (l4: string) => `***${l4}`;

/** Checks one payee's bank details; returns the bank and branch names for the file. */
export function validateBank(bank: BankAccount, pointer: string) {
  const problems = bankProblems(bank, (b, br) => findBranch(b, br) !== undefined);
  if (problems.length > 0)
    throw new AppError(400, 'payments_bank_invalid', {
      errors: problems.map((p) => ({ pointer: `${pointer}/${p.field}`, message: p.message })),
    });
  return findBranch(bank.bankCode, bank.branchCode) as NonNullable<ReturnType<typeof findBranch>>;
}

export async function batchRow(tx: Tx, tenant: string, id: string): Promise<BatchRow> {
  const [b] = await tx
    .select()
    .from(paymentBatches)
    .where(and(eq(paymentBatches.municipalityCode, tenant), eq(paymentBatches.id, id)));
  if (!b) throw notFound();
  return b;
}

export async function storedLines(tx: Tx, tenant: string, batchId: string): Promise<StoredLine[]> {
  return tx
    .select()
    .from(paymentLines)
    .where(and(eq(paymentLines.municipalityCode, tenant), eq(paymentLines.batchId, batchId)))
    .orderBy(asc(paymentLines.lineNo));
}

export const bankOf = (ctx: PaymentsContext, l: StoredLine) =>
  JSON.parse(decryptField(l.bankEncrypted, ctx.config.dataKeys, PAYMENTS_CONTEXTS.lineBank)) as BankAccount;

export const payeeOf = (ctx: PaymentsContext, l: StoredLine, bank: BankAccount) =>
  l.payeeEncrypted
    ? decryptField(l.payeeEncrypted, ctx.config.dataKeys, PAYMENTS_CONTEXTS.linePayee)
    : bank.holderName;

export const transferNoOf = (l: StoredLine) => l.transferNo ?? l.lineNo;

/** Refuses the action unless the batch policy allows it (`payments.policy.ts`). */
export function refuseUnless(
  decision: { allowed: true } | { allowed: false; reason: 'batch_state' | 'four_eyes' },
) {
  if (decision.allowed) return;
  throw decision.reason === 'four_eyes'
    ? paymentsError(403, 'payments_four_eyes')
    : paymentsError(409, 'payments_batch_state');
}
