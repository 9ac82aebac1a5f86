import { isBankKana } from '../../../shared/bank-kana.ts';
import type { BankAccount } from '../../platform/modules/payable-sources.ts';
import { PAYMENTS_FIELD } from './payments.errors.ts';

/**
 * Per-record rules of payments (pure; called first in each use case, unit-tested).
 *
 * A batch moves draft → approved → exported and never back: only a draft is deleted or approved,
 * only an approved batch is exported (by someone other than its approver: two people for every
 * transfer), and bank results are recorded only once the file has left (exported).
 */
export type BatchAction = 'delete' | 'approve' | 'export' | 'download' | 'record_result';

export type Decision = { allowed: true } | { allowed: false; reason: 'batch_state' | 'four_eyes' };

const STATE_FOR: Record<BatchAction, 'draft' | 'approved' | 'exported'> = {
  delete: 'draft',
  approve: 'draft',
  export: 'approved',
  download: 'exported',
  record_result: 'exported',
};

export function mayActOnBatch(
  batch: { status: 'draft' | 'approved' | 'exported'; approvedBy: string | null },
  action: BatchAction,
  actorAccountId: string,
): Decision {
  if (batch.status !== STATE_FOR[action]) return { allowed: false, reason: 'batch_state' };
  if (action === 'export' && batch.approvedBy === actorAccountId)
    return { allowed: false, reason: 'four_eyes' };
  return { allowed: true };
}

/**
 * The ledger move a line's bank result makes: paid moves its amount confirmed → paid; returned after
 * paid moves it back (the item becomes payable again); the same result twice moves nothing.
 */
export function resultMove(
  current: 'pending' | 'paid' | 'returned',
  result: 'paid' | 'returned',
): { from: 'confirmed' | 'paid'; to: 'confirmed' | 'paid'; reason: string } | 'unchanged' | null {
  if (current === result) return 'unchanged';
  if (result === 'paid') return { from: 'confirmed', to: 'paid', reason: 'line.paid' };
  if (current === 'paid') return { from: 'paid', to: 'confirmed', reason: 'line.returned' };
  return null;
}

/**
 * What is wrong with one payee's bank details, field by field (empty when they can be transferred
 * to). `hasBranch` asks the bank reference whether the bank and branch exist.
 */
export function bankProblems(
  bank: BankAccount,
  hasBranch: (bankCode: string, branchCode: string) => boolean,
): Array<{ field: keyof BankAccount; message: (typeof PAYMENTS_FIELD)[keyof typeof PAYMENTS_FIELD] }> {
  const problems: ReturnType<typeof bankProblems> = [];
  const codesValid = /^\d{4}$/u.test(bank.bankCode) && /^\d{3}$/u.test(bank.branchCode);
  if (!codesValid) problems.push({ field: 'bankCode', message: PAYMENTS_FIELD.bankAndBranchCode });
  else if (!hasBranch(bank.bankCode, bank.branchCode))
    problems.push({ field: 'branchCode', message: PAYMENTS_FIELD.noSuchBranch });
  if (!/^\d{7}$/u.test(bank.accountNumber))
    problems.push({ field: 'accountNumber', message: PAYMENTS_FIELD.accountNumber });
  if (!['1', '2', '4', '9'].includes(bank.accountType))
    problems.push({ field: 'accountType', message: PAYMENTS_FIELD.accountType });
  if (!bank.holderName || !isBankKana(bank.holderName))
    problems.push({ field: 'holderName', message: PAYMENTS_FIELD.holderName });
  return problems;
}
