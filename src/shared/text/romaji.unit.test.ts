import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayRomaji, foldRomaji, isRomajiQuery, kanaToHepburn, romajiName } from './romaji.ts';

describe('kanaToHepburn', () => {
  it.each([
    ['こうふし', 'koufushi'],
    ['やまなしけん', 'yamanashiken'],
    ['とうきょうと', 'toukyouto'],
    ['おおさかふ', 'oosakafu'],
    ['ほっかいどう', 'hokkaidou'],
    ['しんおんせんちょう', "shin'onsenchou"],
    ['しんばし', 'shinbashi'],
    ['はんよう', "han'you"],
    ['まっちゃ', 'matcha'],
    ['きゃ しゅ ちょ じゃ にゅ', 'kya shu cho ja nyu'],
    ['ぢゃ づ を', 'ja zu o'],
    ['コーヒー', 'koohii'],
    ['ｺｳﾌ', 'koufu'],
    ['ふくしまけん', 'fukushimaken'],
    ['つるがし', 'tsurugashi'],
    ['なっ', 'na'],
  ])('%s → %s', (kana, romaji) => {
    expect(kanaToHepburn(kana)).toBe(romaji);
  });
});

describe('foldRomaji', () => {
  const kofu = foldRomaji(kanaToHepburn('こうふし'));
  it.each(['Kofu', 'koufu', 'Kōfu', 'Kôfu', 'KOFU', 'Koofu', 'Kohfu', 'Ｋｏｆｕ', 'Kofu City', 'kofu-shi'])(
    '%s is found in こうふし',
    (query) => {
      expect(kofu).toContain(foldRomaji(query));
      expect(foldRomaji(query).length).toBeGreaterThan(0);
    },
  );

  it('folds n/m before b, m, p both ways', () => {
    expect(foldRomaji('Shimbashi')).toBe(foldRomaji(kanaToHepburn('しんばし')));
    expect(foldRomaji('Gumma')).toBe(foldRomaji(kanaToHepburn('ぐんま')));
    expect(foldRomaji('Sampo')).toBe(foldRomaji('sanpo'));
  });

  it('folds ū/uu, ei/ē and ō/oo', () => {
    expect(foldRomaji('Jūmonji')).toBe(foldRomaji(kanaToHepburn('じゅうもんじ')));
    expect(foldRomaji('Meiji')).toBe(foldRomaji('Mēji'));
    expect(foldRomaji('Ōsaka')).toBe(foldRomaji(kanaToHepburn('おおさか')));
    expect(foldRomaji('Ohtsu')).toBe(foldRomaji(kanaToHepburn('おおつ')));
  });

  it("ignores the apostrophe of n' and the small-tsu spelling cch", () => {
    expect(foldRomaji('Shinonsen')).toBe(foldRomaji(kanaToHepburn('しんおんせん')));
    expect(foldRomaji('maccha')).toBe(foldRomaji(kanaToHepburn('まっちゃ')));
  });

  it('does not confuse different towns', () => {
    expect(foldRomaji(kanaToHepburn('こうふし'))).not.toContain(foldRomaji('Kobe'));
    expect(foldRomaji(kanaToHepburn('かいし'))).not.toContain(foldRomaji('Kofu'));
  });

  it('is idempotent and yields only a–z for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const folded = foldRomaji(text);
        expect(folded).toMatch(/^[a-z]*$/);
        expect(foldRomaji(folded)).toBe(folded);
      }),
    );
  });

  it('every kana reading folds to a–z only', () => {
    const kana = fc.array(
      fc.constantFrom(...'あいうえおかきくけこしじちっつにのはふまゃゅょんーを'.split('')),
    );
    fc.assert(
      fc.property(kana, (chars) => {
        expect(foldRomaji(kanaToHepburn(chars.join('')))).toMatch(/^[a-z]*$/);
      }),
    );
  });
});

describe('isRomajiQuery', () => {
  it.each([
    ['Kofu', true],
    ['Kōfu', true],
    ['ｋｏｆｕ', true],
    ['kofu-shi', true],
    ['こうふ', false],
    ['甲府', false],
    ['123', false],
    ['', false],
  ])('%s → %s', (query, expected) => {
    expect(isRomajiQuery(query)).toBe(expected);
  });
});

describe('displayRomaji', () => {
  it.each([
    ['こうふ', 'Kofu'],
    ['とうきょう', 'Tokyo'],
    ['やまなし', 'Yamanashi'],
    ['ほっかいどう', 'Hokkaido'],
  ])('%s → %s', (kana, shown) => {
    expect(displayRomaji(kana)).toBe(shown);
  });
});

describe('romajiName', () => {
  it.each([
    ['山梨県', 'やまなしけん', 'prefecture', 'Yamanashi'],
    ['東京都', 'とうきょうと', 'prefecture', 'Tokyo'],
    ['大阪府', 'おおさかふ', 'prefecture', 'Osaka'],
    ['京都府', 'きょうとふ', 'prefecture', 'Kyoto'],
    ['北海道', 'ほっかいどう', 'prefecture', 'Hokkaido'],
    ['甲府市', 'こうふし', 'municipality', 'Kofu-shi'],
    ['早川町', 'はやかわちょう', 'municipality', 'Hayakawa-cho'],
    ['小菅村', 'こすげむら', 'municipality', 'Kosuge-mura'],
    ['港北区', 'こうほくく', 'ward', 'Kohoku-ku'],
  ] as const)('%s (%s) → %s', (name, kana, kind, shown) => {
    expect(romajiName(name, kana, kind)).toBe(shown);
  });
});
