import { foldForSearch } from './search.ts';

/**
 * Related words of the support domain (a small, reviewed thesaurus). A search token that is one of a
 * group's words also matches the group's other words, so 農業 finds a farm-work opportunity that
 * says 農園 and 畑, and 話を聞いてほしい-style queries meet places that say 相談.
 *
 * Rules for editing (reviewed like code):
 * - A group is words a person looking for help would use for the same thing; every word finds the
 *   others (the relation is symmetric). Keep groups small and concrete — a broad word (支援, 場所)
 *   would make every search find everything.
 * - A token is expanded only when it *is* one of the words (after the same folding as the index:
 *   NFKC, 異体字, katakana → hiragana); a longer token that merely contains one is not expanded.
 * - Spelling variants of one word (引きこもり / ひきこもり) belong in WORD_VARIANTS (search.ts), not here.
 * - Each change adds a case to the places query table (places.test.ts).
 */
export const RELATED_WORD_GROUPS: readonly (readonly string[])[] = [
  ['農業', '農園', '畑', '農作業', '農家', '野菜づくり'],
  ['仕事', 'しごと', '就労', '働く', '就職', '就業'],
  ['相談', '話を聞いて', '話を聞く', '話をきいて', '悩み'],
  ['居場所', 'フリースペース', 'たまり場', '溜まり場', '集いの場'],
  ['家族会', '家族の会'],
  ['学習会', '勉強会'],
  ['不登校', '登校拒否'],
  ['訪問', 'アウトリーチ', '家庭訪問'],
  ['ピアサポート', 'ピアサポーター', '当事者会'],
  ['料理', '調理', 'クッキング'],
  ['手芸', '裁縫', '縫い物', 'ソーイング'],
  ['音楽', '楽器', '合唱'],
  ['ボードゲーム', 'ボドゲ', 'カードゲーム'],
  ['散歩', 'ウォーキング'],
  ['運動', 'スポーツ'],
  ['パソコン', 'pc', 'コンピューター'],
  ['オンライン', 'リモート', 'ウェブ'],
  ['若者', 'ユース', '青年'],
  ['中高年', 'ミドル世代'],
  ['精神科', '心療内科', 'メンタルクリニック'],
  ['無料', '費用なし', '0円'],
  ['送迎', '迎え'],
];

const related = new Map<string, string[]>();
for (const group of RELATED_WORD_GROUPS) {
  const folded = [...new Set(group.map(foldForSearch))];
  for (const word of folded) related.set(word, [...new Set([...(related.get(word) ?? []), ...folded])]);
}

/**
 * The folded words a folded token stands for: the token itself first, then its related words (none
 * when the token is not a word of the table). At most one group's worth, so a query stays small.
 */
export function relatedTerms(foldedToken: string): string[] {
  const words = related.get(foldedToken);
  return words ? [foldedToken, ...words.filter((w) => w !== foldedToken)] : [foldedToken];
}
