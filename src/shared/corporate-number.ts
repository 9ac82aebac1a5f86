import { z } from 'zod';
import { fieldMessage } from './text/field-message.ts';

/**
 * 法人番号 (corporate number, 国税庁): 13 digits, the first of which is a check digit over the other 12.
 *
 * For the 12 digits P1…P12 counted from the RIGHT (n = 1…12), Q_n = 1 when n is odd and 2 when n is
 * even; check = 9 − ((Σ P_n × Q_n) mod 9). Examples of published numbers: 7000012050002 (国税庁),
 * 1000012030001 (法務省), 2000012010019 (内閣府).
 */
export function corporateNumberCheckDigit(twelveDigits: string): number {
  if (!/^\d{12}$/.test(twelveDigits)) throw new RangeError('twelve digits expected');
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(twelveDigits[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function isValidCorporateNumber(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  return corporateNumberCheckDigit(value.slice(1)) === Number(value[0]);
}

/**
 * As people type it: full-width digits (１２３…) and the spaces or hyphens of a printed number
 * (`7-0000-1205-0002`) are accepted and removed.
 */
export function normalizeCorporateNumber(input: string): string {
  return input.normalize('NFKC').replace(/[\s\-‐‑–—ー−]/g, '');
}

/** A 法人番号 with a valid check digit; full-width digits, spaces and hyphens accepted. */
export const CorporateNumber = /*#__PURE__*/ z
  .string()
  .max(40)
  .transform(normalizeCorporateNumber)
  .refine((s) => /^\d{13}$/.test(s), {
    message: fieldMessage({ ja: '法人番号は13桁の数字です', en: 'a corporate number has 13 digits' }),
    abort: true,
  })
  .refine(isValidCorporateNumber, {
    message: fieldMessage({
      ja: '法人番号の検査数字（先頭の1桁）が合いません。番号をもう一度確認してください',
      en: 'the check digit (first digit) does not match',
    }),
  });
