import type { PersonalDataWarning } from '../../../shared/contracts/cases.ts';

/**
 * The check on submit (issue 17 §4): a model case describes what a town did, never the people it
 * supported. Before a case leaves its author, its text is searched for what looks like personal data
 * — phone numbers, full names (a common surname followed by a given name, or a kanji name followed
 * by さん・様・氏・くん・ちゃん), street addresses (a town name followed by a lot number, 〇丁目〇番)
 * and e-mail addresses — and the author is warned, field by field. It is a warning, not a filter: the
 * author removes what is personal, or confirms that what was found is not (a public window's number).
 *
 * Pure and deterministic, so it is unit-tested; false positives cost one confirmation, a miss may
 * cost someone their privacy, so the patterns lean towards warning.
 */

const DASH = '[-‐‑‒–—―ー−－]';
const PHONE = new RegExp(`(?<![\\d])0\\d{1,4}${DASH}?\\(?\\d{1,4}\\)?${DASH}?\\d{3,4}(?![\\d])`, 'g');
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** The hundred-odd most common surnames (plus a few common in 山梨県), enough to catch 姓+名 as written. */
const SURNAMES =
  '佐藤 鈴木 高橋 田中 伊藤 渡辺 渡邊 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 斉藤 清水 山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 原 内田 柴田 酒井 宮崎 横山 高木 安藤 宮本 大野 小島 谷口 今井 工藤 高田 増田 丸山 杉山 村田 大塚 新井 小山 平野 藤本 河野 上野 野口 武田 松井 千葉 岩崎 菅原 木下 久保 佐野 野村 松尾 望月 雨宮 小澤 小沢 深沢 深澤 志村 保坂 功刀 天野 河西 渡井 矢崎 堀内 笠井'.split(
    ' ',
  );
/** Kanji that begin words such as 地域, 市役所, 駅前: a surname followed by these is a place, not a person. */
const NOT_GIVEN_NAME =
  '町村市区県都府地駅病院課係店社園館屋寺川山台通橋商会学校局部組室協所線道内外側周辺方面沿口谷原田野';
const KANJI = '[\\u4e00-\\u9fff々]';
const FULL_NAME = new RegExp(
  `(?:${SURNAMES.join('|')})[ 　]?(?![${NOT_GIVEN_NAME}])(?:${KANJI}{1,2}|[ぁ-ゖ]{2,3})(?![\\u4e00-\\u9fff々])`,
  'g',
);
/** Words that take さん but are not names (皆さん, 職員さん, 店長さん …). */
const HONORIFIC_NOUNS = new Set(
  '職員 担当 担当者 家族 ご家族 本人 ご本人 利用者 支援員 相談員 先生 保護者 店長 社長 事業主 参加者 講師 当事者 母親 父親 親御 会員 住民 市民 町民 村民 区民 皆 皆様 関係者 農家 大家 隣人 仲間 同僚 上司'.split(
    ' ',
  ),
);
const HONORIFIC = new RegExp(`(${KANJI}{2,4})(?:さん|様|氏|くん|君|ちゃん)`, 'g');
const KATAKANA_HONORIFIC = /([ァ-ヺー]{2,6})(?:さん|様|くん|ちゃん)/g;
const ADDRESS = [
  new RegExp(`[市区町村]${'[\\u4e00-\\u9fff々ぁ-ゖァ-ヺ]'}{1,8}\\d{1,5}(?:${DASH}\\d{1,5}){1,2}`, 'g'),
  /\d{1,3}丁目\d{1,5}(?:番地?\d{0,5}号?)?/g,
  /\d{1,5}番地(?:\d{1,5})?/g,
];

function matches(pattern: RegExp, text: string): string[] {
  return [...text.matchAll(pattern)].map((m) => m[0]);
}

/** Warnings for one text; `pointer` names the field (e.g. `/content/whatWasDone`). */
export function checkText(pointer: string, raw: string): PersonalDataWarning[] {
  const text = raw.normalize('NFKC');
  const found: PersonalDataWarning[] = [];
  const add = (kind: PersonalDataWarning['kind'], excerpt: string) => {
    if (!found.some((w) => w.kind === kind && w.excerpt === excerpt)) found.push({ pointer, kind, excerpt });
  };
  for (const phone of matches(PHONE, text)) {
    const digits = phone.replace(/\D/g, '');
    if (digits.length >= 10 && digits.length <= 11) add('phone', phone);
  }
  for (const email of matches(EMAIL, text)) add('email', email);
  for (const name of matches(FULL_NAME, text)) add('full_name', name);
  for (const m of text.matchAll(HONORIFIC)) {
    const noun = m[1] ?? '';
    // 「支援員の山田さん」: the name is the tail after a known noun; 「職員さん」 alone is not a name.
    if (HONORIFIC_NOUNS.has(noun) || [...HONORIFIC_NOUNS].some((n) => noun.endsWith(n))) continue;
    add('full_name', m[0]);
  }
  for (const m of text.matchAll(KATAKANA_HONORIFIC)) add('full_name', m[0]);
  for (const pattern of ADDRESS) for (const address of matches(pattern, text)) add('address', address);
  return found;
}

/** Every text field of a case, checked. */
export function checkCaseText(fields: Record<string, string>): PersonalDataWarning[] {
  return Object.entries(fields).flatMap(([pointer, text]) => checkText(pointer, text));
}
