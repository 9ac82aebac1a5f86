/**
 * Japanese text for search and comparison. NFKC folds full-width ASCII and half-width katakana;
 * katakana → hiragana gives one kana form for readings; common 異体字 fold to their usual form.
 */
const VARIANTS: Record<string, string> = {
  髙: '高',
  﨑: '崎',
  嵜: '崎',
  澤: '沢',
  邊: '辺',
  邉: '辺',
  齋: '斎',
  齊: '斉',
  濵: '浜',
  濱: '浜',
  廣: '広',
  國: '国',
  德: '徳',
  瀨: '瀬',
  櫻: '桜',
  實: '実',
  冨: '富',
  曻: '昇',
  槇: '槙',
  龍: '竜',
  // 檮原町 (the town's own spelling, Japan Post) and 梼原町 (the code table) are one town; 須惠町/須恵町 likewise.
  檮: '梼',
  惠: '恵',
};
const VARIANT_RE = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'gu');

export function normalizeText(input: string): string {
  return input
    .normalize('NFKC')
    .replace(VARIANT_RE, (ch) => VARIANTS[ch] ?? ch)
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Katakana (incl. ヴ) → hiragana; other characters unchanged. Input should be NFKC already. */
export function toHiragana(input: string): string {
  return input.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/** A reading in one kana form: NFKC, hiragana, no spaces or middle dots. */
export function normalizeReading(input: string): string {
  return toHiragana(input.normalize('NFKC'))
    .replace(/[\s\u3000・･]/g, '')
    .toLowerCase();
}

export const isKanaOnly = (input: string): boolean =>
  /^[\u3041-\u3096\u30fc]+$/.test(normalizeReading(input));
