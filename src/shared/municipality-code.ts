import { z } from 'zod';
import { fieldMessage } from './text/field-message.ts';

/**
 * 全国地方公共団体コード (JIS X 0402 + check digit, 総務省).
 * Weights 6,5,4,3,2 over the first five digits; r = sum mod 11; check = last digit of (11 − r).
 * Examples: 131016 千代田区, 011002 札幌市, 130001 東京都.
 */
export function municipalityCheckDigit(fiveDigits: string): number {
  if (!/^\d{5}$/.test(fiveDigits)) throw new RangeError('five digits expected');
  const weights = [6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(fiveDigits[i]), 0);
  return (11 - (sum % 11)) % 10;
}

export function isValidMunicipalityCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return municipalityCheckDigit(code.slice(0, 5)) === Number(code[5]);
}

/** Prefecture code (01–47) of any municipality or prefecture code. */
export const prefectureOf = (code: string): string => code.slice(0, 2);

/** The tenant code of a prefecture: `NN000` + check digit (e.g. 東京都 → 130001). */
export const prefectureTenantCode = (prefecture: string): string =>
  `${prefecture}000${municipalityCheckDigit(`${prefecture}000`)}`;

/** Accepts full-width digits (e.g. typed on a phone) and validates the check digit. */
export const MunicipalityCode = z
  .string()
  .transform((s) => s.normalize('NFKC').trim())
  .refine(isValidMunicipalityCode, {
    message: fieldMessage({
      ja: '6 桁の全国地方公共団体コード（検査数字を含む）を指定してください',
      en: 'a 6-digit code with a valid check digit',
    }),
  });

export const PrefectureCode = z
  .string()
  .transform((s) => s.normalize('NFKC').trim().padStart(2, '0'))
  .refine((s) => /^\d{2}$/.test(s) && Number(s) >= 1 && Number(s) <= 47, {
    message: fieldMessage({ ja: '都道府県コードは 01〜47 です', en: 'prefecture code must be 01–47' }),
  });
