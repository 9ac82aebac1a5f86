import { createRequire } from 'node:module';
import { normalizeText, toHiragana } from '../../platform/text/normalize.ts';

/**
 * Banks and branches (全銀協 codes) from the `zengin-code` package: reference data shipped in the
 * package, nothing fetched at run time. Loaded once, lazily (5 MB of JSON, ~29,000 branches), and
 * searched in memory. Other modules (subsidies now, payments later) call `findBank` / `findBranch`
 * to check a code pair and to get the names and kana a transfer file needs.
 *
 * Search is kana-insensitive like the municipality search: a query is folded (NFKC, katakana →
 * hiragana, small kana → full size, long-vowel marks and hyphens dropped) and compared with the
 * folded name and reading; a query of digits matches the code's prefix.
 */

type ZenginBranch = { code: string; name: string; kana: string; hira: string; roma: string };
type ZenginBank = ZenginBranch & { branches: Record<string, ZenginBranch> };

export type Bank = { code: string; name: string; kana: string };
export type Branch = { bankCode: string; code: string; name: string; kana: string };

type Indexed<T> = { item: T; name: string; reading: string };
type Index = {
  banks: Indexed<Bank>[];
  byCode: Map<string, ZenginBank>;
  branches: Map<string, Indexed<Branch>[]>;
};

let index: Index | null = null;

const SMALL_TO_LARGE: Record<string, string> = {
  ぁ: 'あ',
  ぃ: 'い',
  ぅ: 'う',
  ぇ: 'え',
  ぉ: 'お',
  っ: 'つ',
  ゃ: 'や',
  ゅ: 'ゆ',
  ょ: 'よ',
  ゎ: 'わ',
  ゕ: 'か',
  ゖ: 'け',
};

/** One comparable form: NFKC, lower case, hiragana, small kana full size, no spaces, dashes or long marks. */
export function foldBankText(input: string): string {
  return toHiragana(normalizeText(input))
    .replace(/[ぁぃぅぇぉっゃゅょゎゕゖ]/g, (ch) => SMALL_TO_LARGE[ch] ?? ch)
    .replace(/[\s\-‐‑–—ー－−・.()（）]/g, '');
}

function load(): Index {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const data = require('zengin-code') as Record<string, ZenginBank>;
  const banks: Indexed<Bank>[] = [];
  const byCode = new Map<string, ZenginBank>();
  const branches = new Map<string, Indexed<Branch>[]>();
  for (const bank of Object.values(data)) {
    byCode.set(bank.code, bank);
    banks.push({
      item: { code: bank.code, name: bank.name, kana: bank.kana },
      name: foldBankText(bank.name),
      reading: foldBankText(bank.hira || bank.kana),
    });
  }
  banks.sort((a, b) => a.item.code.localeCompare(b.item.code));
  index = { banks, byCode, branches };
  return index;
}

function branchesOf(bankCode: string): Indexed<Branch>[] | null {
  const idx = load();
  const cached = idx.branches.get(bankCode);
  if (cached) return cached;
  const bank = idx.byCode.get(bankCode);
  if (!bank) return null;
  const list = Object.values(bank.branches)
    .map((b) => ({
      item: { bankCode, code: b.code, name: b.name, kana: b.kana },
      name: foldBankText(b.name),
      reading: foldBankText(b.hira || b.kana),
    }))
    .sort((a, b) => a.item.code.localeCompare(b.item.code));
  idx.branches.set(bankCode, list);
  return list;
}

function match<T extends { code: string }>(list: Indexed<T>[], query: string, limit: number) {
  const q = foldBankText(query);
  if (!q) return { items: list.slice(0, limit).map((e) => e.item), total: list.length };
  const digits = /^\d+$/.test(q);
  const hits = list.filter((e) =>
    digits ? e.item.code.startsWith(q) : e.name.includes(q) || e.reading.includes(q),
  );
  // Names that start with the query first (みず → みずほ before あおみずき).
  const starts = (e: Indexed<T>) => (e.name.startsWith(q) || e.reading.startsWith(q) ? 0 : 1);
  hits.sort((a, b) => starts(a) - starts(b) || a.item.code.localeCompare(b.item.code));
  return { items: hits.slice(0, limit).map((e) => e.item), total: hits.length };
}

export function searchBanks(query: string, limit = 20): { items: Bank[]; total: number } {
  return match(load().banks, query, limit);
}

/** Null when the bank code is unknown. */
export function searchBranches(
  bankCode: string,
  query: string,
  limit = 20,
): { items: Branch[]; total: number } | null {
  const list = branchesOf(bankCode);
  return list ? match(list, query, limit) : null;
}

export function findBank(bankCode: string): Bank | null {
  const bank = load().byCode.get(bankCode);
  return bank ? { code: bank.code, name: bank.name, kana: bank.kana } : null;
}

/** The branch of a bank by its codes (4 and 3 digits), with both names; null when either is unknown. */
export function findBranch(
  bankCode: string,
  branchCode: string,
): (Branch & { bankName: string; bankKana: string }) | null {
  const bank = load().byCode.get(bankCode);
  const branch = bank?.branches[branchCode];
  if (!bank || !branch) return null;
  return {
    bankCode,
    code: branch.code,
    name: branch.name,
    kana: branch.kana,
    bankName: bank.name,
    bankKana: bank.kana,
  };
}
