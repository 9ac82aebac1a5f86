import { createHash } from 'node:crypto';
import { groupCode as group, normalizeCode, randomCode } from '../../platform/text/codes.ts';

/**
 * Codes a reporter receives (pure functions, unit-tested):
 * - the receipt number (受付番号, not secret: said on the phone), 8 characters;
 * - the reply code (返信コード, a secret shown once): 16 characters, 80 random bits, stored only as its
 *   SHA-256, like a session id. With that much entropy a keyed hash adds nothing, and an unkeyed one
 *   keeps working across DATA_KEY rotations.
 *
 * Alphabet and forgiving input: platform/text/codes.ts.
 */
export { normalizeCode };

export function newReceiptNumber(): string {
  return group(randomCode(8));
}

export function newReplyCode(): string {
  return group(randomCode(16));
}

export const REPLY_CODE_LENGTH = 16;
export const RECEIPT_LENGTH = 8;

export function replyCodeHash(code: string): string | null {
  const normalized = normalizeCode(code, REPLY_CODE_LENGTH);
  if (!normalized) return null;
  return createHash('sha256').update(`tsunagari/reports.reply-code/${normalized}`).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Operator identifiers: the normalised forms matching compares.

/** Legal-form words dropped before names are compared: 株式会社ひだまり ≈ (株)ひだまり ≈ ひだまり. */
const LEGAL_FORMS = [
  '株式会社',
  '有限会社',
  '合同会社',
  '合資会社',
  '合名会社',
  '一般社団法人',
  '一般財団法人',
  '公益社団法人',
  '公益財団法人',
  '特定非営利活動法人',
  'npo法人',
  '社会福祉法人',
  '医療法人',
  '(株)',
  '(有)',
  '(同)',
  '(一社)',
  '(特非)',
  '㈱',
  '㈲',
];

export function normalizeOperatorName(input: string): string {
  let s = input.normalize('NFKC').toLowerCase();
  for (const form of LEGAL_FORMS) s = s.replaceAll(form.normalize('NFKC').toLowerCase(), '');
  // Spaces, punctuation and symbols carry nothing when names are compared.
  return s.replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Digits only, a leading +81 turned into 0: `+81 3-0000-0000` → `0300000000`. */
export function normalizePhone(input: string): string {
  const s = input.normalize('NFKC').replace(/[^\d+]/g, '');
  const national = s.startsWith('+81') ? `0${s.slice(3)}` : s.replace(/\+/g, '');
  return national.replace(/\D/g, '');
}

/** The host of a website without `www.`: `https://www.Example.jp/about` → `example.jp`. */
export function normalizeWebsite(input: string): string {
  const s = input.normalize('NFKC').trim().toLowerCase();
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(s) ? s : `https://${s}`);
    return url.hostname.replace(/^www\./, '');
  } catch {
    return s.replace(/^www\./, '').split('/')[0] ?? s;
  }
}

export function normalizeIdentifier(kind: 'name' | 'phone' | 'website', value: string): string {
  if (kind === 'name') return normalizeOperatorName(value);
  if (kind === 'phone') return normalizePhone(value);
  return normalizeWebsite(value);
}
