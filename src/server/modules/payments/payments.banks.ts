import { toBankKana } from '../../../shared/bank-kana.ts';
import { findBranch as findReferenceBranch } from '../banks/index.ts';

/** A transfer line's bank and branch with the names the transfer file carries (bank kana). */
export type BranchInfo = { bankCode: string; bankName: string; branchCode: string; branchName: string };

/** The bank and branch from the bank reference (`modules/banks`), names in bank kana, or undefined. */
export function findBranch(bankCode: string, branchCode: string): BranchInfo | undefined {
  const found = findReferenceBranch(bankCode, branchCode);
  if (!found) return undefined;
  const kana = (text: string) => toBankKana(text).value;
  return { bankCode, bankName: kana(found.bankKana), branchCode, branchName: kana(found.kana) };
}
