/**
 * Kana → romaji (modified Hepburn) and the folded form used to search by romaji.
 *
 * People type a town's name the way they saw it on a sign, a passport or a map: Kofu, Koufu, Kōfu,
 * Kôfu, KOFU, Ohno, Shimbashi, Shinbashi… None of these is "the" spelling, so search does not compare
 * spellings: both the stored reading and the query are folded to one key where the variants meet
 * (long vowels written ou / oo / oh / ō / ô / uu / ū / ei collapse to one vowel, m before b/m/p is n,
 * tch/cch are one, apostrophes and hyphens vanish).
 */

// biome-ignore format: one gojūon row per line reads like the kana table it is.
const BASE: Record<string, string> = {
  あ: 'a', い: 'i', う: 'u', え: 'e', お: 'o',
  か: 'ka', き: 'ki', く: 'ku', け: 'ke', こ: 'ko',
  が: 'ga', ぎ: 'gi', ぐ: 'gu', げ: 'ge', ご: 'go',
  さ: 'sa', し: 'shi', す: 'su', せ: 'se', そ: 'so',
  ざ: 'za', じ: 'ji', ず: 'zu', ぜ: 'ze', ぞ: 'zo',
  た: 'ta', ち: 'chi', つ: 'tsu', て: 'te', と: 'to',
  だ: 'da', ぢ: 'ji', づ: 'zu', で: 'de', ど: 'do',
  な: 'na', に: 'ni', ぬ: 'nu', ね: 'ne', の: 'no',
  は: 'ha', ひ: 'hi', ふ: 'fu', へ: 'he', ほ: 'ho',
  ば: 'ba', び: 'bi', ぶ: 'bu', べ: 'be', ぼ: 'bo',
  ぱ: 'pa', ぴ: 'pi', ぷ: 'pu', ぺ: 'pe', ぽ: 'po',
  ま: 'ma', み: 'mi', む: 'mu', め: 'me', も: 'mo',
  や: 'ya', ゆ: 'yu', よ: 'yo', ら: 'ra', り: 'ri',
  る: 'ru', れ: 're', ろ: 'ro', わ: 'wa', ゐ: 'i',
  ゑ: 'e', を: 'o', ゔ: 'vu', ぁ: 'a', ぃ: 'i',
  ぅ: 'u', ぇ: 'e', ぉ: 'o', ゎ: 'wa',
};

/** Small ゃゅょ after an i-row kana: き+ゃ → kya, し+ゃ → sha, ち+ゃ → cha, じ+ゃ → ja. */
const YOON: Record<string, string> = { ゃ: 'a', ゅ: 'u', ょ: 'o' };

const VOWELS = 'aiueo';

/** Katakana → hiragana, NFKC first so half-width ｺｳﾌ works too. */
function hiragana(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/**
 * A kana reading in modified Hepburn, lower case, long vowels spelt as the kana are (こうふ → koufu,
 * おおさか → oosaka, ー repeats the vowel before it), ん before a vowel or y as n' (しんおんせん →
 * shin'onsen), ん before b/m/p as n (modified Hepburn), っ doubling the next consonant (っち → tchi).
 * Characters that are not kana pass through unchanged.
 */
export function kanaToHepburn(input: string): string {
  const chars = [...hiragana(input)];
  // First: each kana to its syllable, with ゃゅょ merged into the kana before them.
  const syllables: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const next = chars[i + 1];
    const base = BASE[ch];
    if (base && next && YOON[next] && base.endsWith('i') && base.length > 1) {
      const stem = base.slice(0, -1); // ki → k, shi → sh, chi → ch, ji → j
      const vowel = YOON[next];
      syllables.push(stem === 'sh' || stem === 'ch' || stem === 'j' ? stem + vowel : `${stem}y${vowel}`);
      i++;
      continue;
    }
    if (ch === 'ー') {
      const previous = syllables.at(-1) ?? '';
      const vowel = [...previous].reverse().find((c) => VOWELS.includes(c));
      syllables.push(vowel ?? '');
      continue;
    }
    syllables.push(base ?? ch);
  }
  // Then the two kana that depend on what follows them.
  let out = '';
  for (let i = 0; i < syllables.length; i++) {
    const syllable = syllables[i] as string;
    const following = syllables[i + 1] ?? '';
    if (syllable === 'ん') {
      out += following !== '' && /^[aiueoy]/.test(following) ? "n'" : 'n';
    } else if (syllable === 'っ') {
      // っ before ch is t (matcha); before another consonant it doubles it; at the end it is silent.
      if (following.startsWith('ch')) out += 't';
      else if (/^[bcdfghjkmnprstvwz]/.test(following)) out += following[0];
    } else {
      out += syllable;
    }
  }
  return out;
}

/** English words a person may add to a place name; the kana reading carries 市/町/村/区/県 itself. */
const ENGLISH_SUFFIXES = /\b(city|town|village|ward|prefecture|pref)\b\.?/g;

/**
 * The search key of a romaji text: lower case a–z only, long vowels and spelling variants folded.
 * Used on both sides, so `foldRomaji(kanaToHepburn('こうふし'))` contains `foldRomaji('Kōfu')`.
 */
export function foldRomaji(input: string): string {
  let s = input
    .normalize('NFKD') // ō → o + combining macron, ô → o + circumflex
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFKC') // full-width Ｋｏｆｕ → Kofu
    .toLowerCase()
    .replace(ENGLISH_SUFFIXES, ' ')
    .replace(/[^a-z]/g, '');
  s = s
    .replace(/m(?=[bmp])/g, 'n') // Shimbashi = Shinbashi
    .replace(/cch/g, 'tch') // matcha written maccha
    .replace(/oh(?![aiueoy])/g, 'o') // passport style: Ohno = Ono, Ohtsu = Otsu
    .replace(/([aiueo])\1+/g, '$1') // oo, uu, aa, ii, ee
    .replace(/ou/g, 'o')
    .replace(/ei/g, 'e')
    .replace(/([aiueo])\1+/g, '$1');
  return s;
}

/** True when the query is written in Latin letters (with or without macrons), not in kana or kanji. */
export function isRomajiQuery(input: string): boolean {
  const s = input.normalize('NFKC').trim();
  return s !== '' && /^[\p{Script=Latin}\s'’.-]+$/u.test(s) && /[\p{Script=Latin}]/u.test(s);
}

/**
 * A readable English form of a reading for display: long vowels simplified the way English maps and
 * signs write them (こうふ → Kofu, とうきょう → Tokyo), first letter capitalised.
 */
export function displayRomaji(kana: string): string {
  const plain = kanaToHepburn(kana)
    .replace(/ou/g, 'o')
    .replace(/oo(?!$)/g, 'o')
    .replace(/uu/g, 'u');
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

/** Suffix kanji of a name and the readings it takes, with the romaji shown after a hyphen. */
const NAME_SUFFIXES: { kanji: string; readings: [string, string][] }[] = [
  { kanji: '市', readings: [['し', 'shi']] },
  { kanji: '区', readings: [['く', 'ku']] },
  {
    kanji: '町',
    readings: [
      ['ちょう', 'cho'],
      ['まち', 'machi'],
    ],
  },
  {
    kanji: '村',
    readings: [
      ['むら', 'mura'],
      ['そん', 'son'],
    ],
  },
];

/**
 * The romaji name of a prefecture, municipality or ward as English pages show it: prefectures without
 * their suffix (山梨県 → Yamanashi, 東京都 → Tokyo, 大阪府 → Osaka, 北海道 → Hokkaido), municipalities
 * with it after a hyphen (甲府市 → Kofu-shi, 早川町 → Hayakawa-cho). Derived from the stored reading.
 */
export function romajiName(name: string, kana: string, kind: 'prefecture' | 'municipality' | 'ward'): string {
  if (kind === 'prefecture') {
    const suffix = name.endsWith('県')
      ? 'けん'
      : name.endsWith('府')
        ? 'ふ'
        : name.endsWith('都')
          ? 'と'
          : '';
    const stem = suffix && kana.endsWith(suffix) ? kana.slice(0, -suffix.length) : kana;
    return displayRomaji(stem);
  }
  for (const { kanji, readings } of NAME_SUFFIXES) {
    if (!name.endsWith(kanji)) continue;
    for (const [reading, shown] of readings) {
      if (kana.endsWith(reading) && kana.length > reading.length) {
        return `${displayRomaji(kana.slice(0, -reading.length))}-${shown}`;
      }
    }
  }
  return displayRomaji(kana);
}
