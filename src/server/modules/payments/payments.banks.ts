import { createRequire } from 'node:module';
import { toBankKana } from '../../../shared/bank-kana.ts';

/**
 * Bank and branch lookup for transfer lines.
 *
 * REPLACE WITH `banks.findBranch` when the `modules/banks` branch lands: this is a deliberately
 * minimal direct read of the `zengin-code` package (2026-08 data) so payments can refuse an unknown
 * bank or branch today. Keep the signature; the integrator swaps the body.
 */
export type BranchInfo = { bankCode: string; bankName: string; branchCode: string; branchName: string };

type ZenginData = Record<
  string,
  {
    code: string;
    name: string;
    kana: string;
    branches: Record<string, { code: string; name: string; kana: string }>;
  }
>;

let data: ZenginData | undefined;
function zengin(): ZenginData {
  // 5 MB of JavaScript: loaded on first use, off start-up.
  data ??= createRequire(import.meta.url)('zengin-code') as ZenginData;
  return data;
}

/** The bank and branch with their names in bank kana (for the transfer file), or undefined. */
export function findBranch(bankCode: string, branchCode: string): BranchInfo | undefined {
  const bank = zengin()[bankCode];
  const branch = bank?.branches[branchCode];
  if (!bank || !branch) return undefined;
  const kana = (text: string) => toBankKana(text).value;
  return {
    bankCode,
    bankName: kana(bank.kana),
    branchCode,
    branchName: kana(branch.kana),
  };
}
