/**
 * How staff screens and printed documents address a person by the name they gave (issue 22: no
 * "そらさんさん"). A nickname is often given with its honorific already (はるさん, 山田様, かいくん), or
 * with a note after it (はるさん（デモ）); then nothing is added. Otherwise さん follows the name.
 */
const HONORIFIC_AT_END = /(さん|様|さま|サマ|サン|くん|君|ちゃん|氏|殿)$/u;
/** A note in brackets at the end (（デモ）, (仮), 【家族のみ】) is not part of the name. */
const TRAILING_NOTE = /\s*[（(【［[][^（()）【】［］[\]]*[）)】］\]]\s*$/u;

export function withHonorific(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '';
  const bare = trimmed.replace(TRAILING_NOTE, '').trim();
  if (HONORIFIC_AT_END.test(bare) || HONORIFIC_AT_END.test(trimmed)) return trimmed;
  return `${bare}さん${trimmed.slice(bare.length)}`;
}

/** The name as a page in `language` addresses the person: with さん in Japanese, as given in English. */
export function addressedName(name: string, language: string): string {
  return language.startsWith('en') ? name.trim() : withHonorific(name);
}
