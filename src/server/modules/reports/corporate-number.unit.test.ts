import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CorporateNumber,
  corporateNumberCheckDigit,
  isValidCorporateNumber,
} from '../../../shared/corporate-number.ts';
import { readFieldMessage } from '../../../shared/text/field-message.ts';

/**
 * 法人番号 check digit (国税庁): digits counted from the right, weights 1, 2, 1, 2 …,
 * check = 9 − (sum mod 9). Real published numbers must pass; altered ones must fail.
 */
const PUBLISHED = [
  ['7000012050002', '国税庁'],
  ['1000012030001', '法務省'],
  ['1000012110001', '環境省'],
  ['2000012020001', '総務省'],
  ['6000012070001', '厚生労働省'],
  ['4000012090001', '経済産業省'],
  ['2000012100001', '国土交通省'],
  ['2000012010019', '内閣府'],
  ['1180301018771', 'トヨタ自動車株式会社'],
] as const;

describe('法人番号 check digit', () => {
  it.each(PUBLISHED)('%s (%s) is valid', (number) => {
    expect(isValidCorporateNumber(number)).toBe(true);
    expect(corporateNumberCheckDigit(number.slice(1))).toBe(Number(number[0]));
  });

  it('both national-ministry prefixes 1000012… and 7000012… pass', () => {
    expect(isValidCorporateNumber('1000012030001')).toBe(true);
    expect(isValidCorporateNumber('7000012050002')).toBe(true);
  });

  it.each([
    ['7000012050003', 'last digit changed'],
    ['6000012050002', 'check digit changed'],
    ['7000012050020', 'two digits swapped'],
    ['7000021050002', 'adjacent digits swapped'],
    ['1000012030002', 'last digit changed'],
    ['700001205000', '12 digits'],
    ['70000120500021', '14 digits'],
    ['700001205000A', 'a letter'],
    ['', 'empty'],
  ])('%s (%s) is refused', (number) => {
    expect(isValidCorporateNumber(number)).toBe(false);
  });

  it('changing any one digit makes a valid number invalid, except 0 ↔ 9 (a change of 9 is invisible mod 9)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{12}$/),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 9 }),
        (body, position, replacement) => {
          const valid = `${corporateNumberCheckDigit(body)}${body}`;
          expect(isValidCorporateNumber(valid)).toBe(true);
          const digits = valid.split('').map(Number);
          const before = digits[position]!;
          fc.pre(replacement !== before && Math.abs(replacement - before) !== 9);
          digits[position] = replacement;
          expect(isValidCorporateNumber(digits.join(''))).toBe(false);
        },
      ),
    );
  });

  it('the zod schema accepts full-width digits, spaces and hyphens, and explains a bad check digit', () => {
    expect(CorporateNumber.parse('７０００ ０１２０ ５０００２')).toBe('7000012050002');
    expect(CorporateNumber.parse('7-0000-1205-0002')).toBe('7000012050002');
    const bad = CorporateNumber.safeParse('7000012050003');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => readFieldMessage(i.message)?.ja).join()).toContain('検査数字');
    const short = CorporateNumber.safeParse('12345');
    // The rule's own message in both languages (decision 0029), read as problem.ts reads it.
    expect(short.error?.issues.map((i) => readFieldMessage(i.message))).toEqual([
      { ja: '法人番号は13桁の数字です', en: 'a corporate number has 13 digits' },
    ]);
  });
});
