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
 * Whole requests a person types instead of a word ("話を聞いてほしい", "誰かと話したい", "相談したい"):
 * each stands for one word of the table. Matched on the whole folded token (kana already hiragana),
 * so a place whose text merely contains such a phrase is not what makes it match — the word is.
 */
const REQUEST_PHRASES: ReadonlyArray<[RegExp, string]> = [
  [
    /^(だれか|誰か)?[にと]?(話|はなし)を?(聞|き)いて(ほしい|欲しい|もらいたい|ください|下さい|くれる(ところ|場所)?|もらえる(ところ|場所)?)?$/u,
    '相談',
  ],
  [/^(だれか|誰か)?[にと]?(話|はな)し(たい|を(したい|聞いてほしい))$/u, '相談'],
  [/^(相談|そうだん)(したい|できる(ところ|場所)?|先|さき)$/u, '相談'],
  [/^(悩|なや)み(を|が)?(聞|き)いて(ほしい|欲しい|もらいたい)$/u, '相談'],
  [/^(居場所|いばしょ)が?(ほしい|欲しい)$/u, '居場所'],
  [/^(働|はたら)きたい$/u, '仕事'],
];

/** The table's word a request phrase stands for (相談 for 話を聞いてほしい), or the token itself. */
function asTableWord(foldedToken: string): string {
  for (const [pattern, word] of REQUEST_PHRASES) if (pattern.test(foldedToken)) return foldForSearch(word);
  return foldedToken;
}

/**
 * The folded words a folded token stands for: the token itself first, then its related words (none
 * when the token is not a word of the table, or a request phrase for one). At most one group's worth,
 * so a query stays small.
 */
export function relatedTerms(foldedToken: string): string[] {
  const words = related.get(asTableWord(foldedToken));
  return words ? [foldedToken, ...words.filter((w) => w !== foldedToken)] : [foldedToken];
}
