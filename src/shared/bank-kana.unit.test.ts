import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBankKana, toBankKana } from './bank-kana.ts';

describe('toBankKana', () => {
  it.each([
    ['やまだ たろう', 'ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['ヤマダ　ハナコ', 'ﾔﾏﾀﾞ ﾊﾅｺ'],
    ['ｷｯﾄﾞ ｼｮｳ', 'ｷﾂﾄﾞ ｼﾖｳ'],
    ['きっしゃ', 'ｷﾂｼﾔ'],
    ['ヴァイオリン', 'ｳﾞｱｲｵﾘﾝ'],
    ['パーク', 'ﾊﾟ-ｸ'],
    ['ｽﾐｽ･ｼﾞｮﾝ', 'ｽﾐｽ.ｼﾞﾖﾝ'],
    ['ＳＭＩＴＨ　ｊｏｈｎ', 'SMITH JOHN'],
    ['カ）ツナガリ', 'ｶ)ﾂﾅｶﾞﾘ'],
    ['  おの　  けい  ', 'ｵﾉ ｹｲ'],
    ['ヰヱヵヶ', 'ｲｴｶｹ'],
    ['オ—ノ', 'ｵ-ﾉ'],
  ])('%s → %s', (input, expected) => {
    expect(toBankKana(input)).toEqual({ ok: true, value: expected });
  });

  it('refuses kanji and symbols, naming each character once', () => {
    const result = toBankKana('山田 たろう★山');
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ value: 'ﾀﾛｳ', invalidCharacters: ['山', '田', '★'] });
  });

  it('refuses characters outside the set even when they look harmless', () => {
    expect(toBankKana('ﾀﾛｳ/ﾊﾅｺ')).toMatchObject({ ok: false, invalidCharacters: ['/'] });
    expect(toBankKana('ﾀﾛｳ,ﾊﾅｺ')).toMatchObject({ ok: false, invalidCharacters: [','] });
  });

  it('always yields bank characters only, and converting twice changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (input) => {
        const first = toBankKana(input);
        expect(isBankKana(first.value)).toBe(true);
        expect(toBankKana(first.value)).toEqual({ ok: true, value: first.value });
      }),
    );
  });

  it('converts every kana string without refusing anything', () => {
    const kana = fc.constantFrom(
      ...'あいうえおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶー'.split(
        '',
      ),
    );
    fc.assert(
      fc.property(fc.array(kana, { minLength: 1, maxLength: 30 }), (chars) => {
        const result = toBankKana(chars.join(''));
        expect(result.ok).toBe(true);
        expect(isBankKana(result.value)).toBe(true);
      }),
    );
  });
});

describe('isBankKana', () => {
  it('accepts the bank set and rejects small kana, lower case and full-width text', () => {
    expect(isBankKana('ﾔﾏﾀﾞ ﾀﾛｳ (ﾃﾞﾓ)-1.')).toBe(true);
    expect(isBankKana('ｷｯﾄﾞ')).toBe(false);
    expect(isBankKana('yamada')).toBe(false);
    expect(isBankKana('ヤマダ')).toBe(false);
  });
});
