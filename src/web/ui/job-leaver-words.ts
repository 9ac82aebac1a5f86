/**
 * Words a person who has just lost or left a job types into a search box (issue 18: searching for
 * 離職, 仕事をやめた, 失業, ハローワーク, サポステ or 生活困窮 found nothing). Matched after NFKC and
 * katakana → hiragana folding, so ﾊﾛｰﾜｰｸ, はろーわーく and ハローワーク all lead to the navigator.
 */
const WORDS = [
  'りしょく',
  '離職',
  '退職',
  'たいしょく',
  '失業',
  'しつぎょう',
  '失職',
  '解雇',
  'かいこ',
  'くび',
  '雇い止め',
  '雇止め',
  'やとめ',
  'やめた',
  '辞め',
  '止め',
  '仕事',
  'しごと',
  'はろーわーく',
  'さぽすて',
  '生活困窮',
  '困窮',
  'こんきゅう',
  '雇用保険',
  'こようほけん',
  '失業保険',
  '国民健康保険',
  '国民年金',
  'job',
  'unemploy',
  'hello work',
];

export function foldForKeywords(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/\s+/g, ' ');
}

export function mentionsLeavingWork(text: string | undefined | null): boolean {
  if (!text) return false;
  const folded = foldForKeywords(text);
  return WORDS.some((word) => folded.includes(foldForKeywords(word)));
}
