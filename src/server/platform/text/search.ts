import { normalizeReading, normalizeText, toHiragana } from './normalize.ts';

/**
 * Search keys for Japanese text (ARCHITECTURE "Database"). Both the stored index and every query go
 * through the same folding, so what a person types meets what staff wrote however either was written:
 *
 * - NFKC: ｲﾊﾞｼｮ → イバショ, ＰＥＥＲ → peer, full-width digits → ASCII;
 * - 異体字 (normalizeText): 髙 → 高, 澤 → 沢, 﨑 → 崎 …;
 * - katakana → hiragana: イバショ and いばしょ are one key (so kana in names and descriptions match kana
 *   queries even without a reading);
 * - okurigana and spelling variants of a few words the directory lives on (引きこもり / ひきこもり,
 *   子ども / 子供), so 引きこもり finds ひきこもり and the other way round.
 *
 * A kana-only query also matches the reading (いばしょ → 居場所, whose reading staff keep); a query with
 * kanji matches the text. Readings are stored folded with `normalizeReading`.
 */
const WORD_VARIANTS: Array<[RegExp, string]> = [
  [/引き?[こ籠]も?り/g, 'ひきこもり'],
  [/ひき[籠]り/g, 'ひきこもり'],
  [/子供|子ども/g, 'こども'],
  [/お?問い?合わ?せ/g, 'といあわせ'],
  [/ボランティア|ぼらんてぃあ/g, 'ぼらんてぃあ'],
];

export function foldForSearch(input: string): string {
  let text = toHiragana(normalizeText(input));
  for (const [pattern, replacement] of WORD_VARIANTS) text = text.replace(pattern, replacement);
  return text;
}

/** Kana (and the long-vowel mark) only, after NFKC: such a query is compared with readings too. */
export function isKanaQuery(token: string): boolean {
  return /^[\u3041-\u3096\u30fc]+$/.test(normalizeReading(token));
}

export type SearchToken = { text: string; reading: string | null };

/**
 * A query split on spaces (half- and full-width) into at most `max` tokens; every token must match.
 * Each token carries its folded text and, when it is kana only, its reading form.
 */
export function searchTokens(query: string, max = 5): SearchToken[] {
  return normalizeText(query)
    .split(' ')
    .filter(Boolean)
    .slice(0, max)
    .map((token) => ({
      text: foldForSearch(token),
      reading: isKanaQuery(token) ? normalizeReading(token) : null,
    }))
    .filter((token) => token.text.length > 0);
}

/** `%`, `_` and `\` are literal in a LIKE pattern after this. */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export { normalizeReading };
