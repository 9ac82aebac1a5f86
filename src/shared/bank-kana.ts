/**
 * Account-holder names as a bank transfer carries them (全銀 character set, BRIEF "Domain facts"):
 * half-width katakana, A–Z, 0–9, space and `( ) - .` only; small kana become full size.
 *
 * People type their name in whatever kana their phone gives them (hiragana, full-width katakana,
 * lower-case romaji); we convert what has one obvious bank form and refuse — naming each character —
 * what has none (kanji, emoji, other symbols), because a transfer with a wrong name is returned.
 */

const FULL_TO_HALF_KATAKANA: Record<string, string> = {
  ア: 'ｱ',
  イ: 'ｲ',
  ウ: 'ｳ',
  エ: 'ｴ',
  オ: 'ｵ',
  カ: 'ｶ',
  キ: 'ｷ',
  ク: 'ｸ',
  ケ: 'ｹ',
  コ: 'ｺ',
  サ: 'ｻ',
  シ: 'ｼ',
  ス: 'ｽ',
  セ: 'ｾ',
  ソ: 'ｿ',
  タ: 'ﾀ',
  チ: 'ﾁ',
  ツ: 'ﾂ',
  テ: 'ﾃ',
  ト: 'ﾄ',
  ナ: 'ﾅ',
  ニ: 'ﾆ',
  ヌ: 'ﾇ',
  ネ: 'ﾈ',
  ノ: 'ﾉ',
  ハ: 'ﾊ',
  ヒ: 'ﾋ',
  フ: 'ﾌ',
  ヘ: 'ﾍ',
  ホ: 'ﾎ',
  マ: 'ﾏ',
  ミ: 'ﾐ',
  ム: 'ﾑ',
  メ: 'ﾒ',
  モ: 'ﾓ',
  ヤ: 'ﾔ',
  ユ: 'ﾕ',
  ヨ: 'ﾖ',
  ラ: 'ﾗ',
  リ: 'ﾘ',
  ル: 'ﾙ',
  レ: 'ﾚ',
  ロ: 'ﾛ',
  ワ: 'ﾜ',
  ヲ: 'ｦ',
  ン: 'ﾝ',
  ガ: 'ｶﾞ',
  ギ: 'ｷﾞ',
  グ: 'ｸﾞ',
  ゲ: 'ｹﾞ',
  ゴ: 'ｺﾞ',
  ザ: 'ｻﾞ',
  ジ: 'ｼﾞ',
  ズ: 'ｽﾞ',
  ゼ: 'ｾﾞ',
  ゾ: 'ｿﾞ',
  ダ: 'ﾀﾞ',
  ヂ: 'ﾁﾞ',
  ヅ: 'ﾂﾞ',
  デ: 'ﾃﾞ',
  ド: 'ﾄﾞ',
  バ: 'ﾊﾞ',
  ビ: 'ﾋﾞ',
  ブ: 'ﾌﾞ',
  ベ: 'ﾍﾞ',
  ボ: 'ﾎﾞ',
  パ: 'ﾊﾟ',
  ピ: 'ﾋﾟ',
  プ: 'ﾌﾟ',
  ペ: 'ﾍﾟ',
  ポ: 'ﾎﾟ',
  ヴ: 'ｳﾞ',
  // Small kana become full size (BRIEF); archaic and rare forms take their modern bank spelling.
  ァ: 'ｱ',
  ィ: 'ｲ',
  ゥ: 'ｳ',
  ェ: 'ｴ',
  ォ: 'ｵ',
  ッ: 'ﾂ',
  ャ: 'ﾔ',
  ュ: 'ﾕ',
  ョ: 'ﾖ',
  ヮ: 'ﾜ',
  ヵ: 'ｶ',
  ヶ: 'ｹ',
  ヰ: 'ｲ',
  ヱ: 'ｴ',
  // The long-vowel mark and the name separators people use have a bank form.
  ー: '-',
  '・': '.',
};

/** Dashes that keyboards and IMEs produce for a hyphen in a name. */
const DASHES: Record<string, string> = { '‐': '-', '‑': '-', '–': '-', '—': '-', '−': '-', '―': '-' };

/** One character of the bank character set. */
const BANK_CHARACTER = /^[ｦｱ-ﾝﾞﾟA-Z0-9 ().-]$/u;
const BANK_TEXT = /^[ｦｱ-ﾝﾞﾟA-Z0-9 ().-]*$/u;

export type BankKanaResult =
  | { ok: true; value: string }
  | { ok: false; value: string; invalidCharacters: string[] };

function hiraganaToKatakana(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  // ぁ (U+3041) … ゖ (U+3096) sit exactly 0x60 below their katakana.
  return code >= 0x3041 && code <= 0x3096 ? String.fromCodePoint(code + 0x60) : char;
}

/**
 * Converts a typed name to the bank form. `value` is the best conversion even when some characters
 * are refused, so a form can show both; `invalidCharacters` lists each refused character once.
 */
export function toBankKana(input: string): BankKanaResult {
  // NFKC turns half-width kana into full-width (ｶﾞ → ガ, ｯ → ッ) and full-width letters, digits and
  // brackets into ASCII, so one table from full-width katakana covers every way of typing a name.
  const normalised = input
    .normalize('NFKC')
    .replace(/[\s\u3000]+/gu, ' ')
    .trim();
  let value = '';
  const invalid = new Set<string>();
  for (const raw of normalised) {
    const char = hiraganaToKatakana(raw);
    const converted =
      FULL_TO_HALF_KATAKANA[char] ?? DASHES[char] ?? (/^[a-z]$/u.test(char) ? char.toUpperCase() : char);
    for (const piece of converted) {
      if (BANK_CHARACTER.test(piece)) value += piece;
      else invalid.add(raw);
    }
  }
  // Refused characters leave gaps; the bank form never starts, ends or doubles a space.
  value = value.replace(/ {2,}/gu, ' ').trim();
  return invalid.size === 0 ? { ok: true, value } : { ok: false, value, invalidCharacters: [...invalid] };
}

/** True when the text consists only of the bank character set (already converted). */
export function isBankKana(text: string): boolean {
  return BANK_TEXT.test(text) && !/[ｧ-ｯ]/u.test(text);
}
