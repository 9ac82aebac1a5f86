import type { Bilingual } from '../../../shared/text/field-message.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The directory's own error messages (problem+json `code`s), each in Japanese and English.
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const PLACES_ERRORS = {
  places_review_second_person: {
    title: { ja: '公開の確認は別の職員が行います', en: 'Another person must review this entry' },
    detail: {
      ja: '自分で作成・変更・提出した内容は、自分では公開できません。別の職員に確認を依頼してください。',
      en: 'You cannot publish an entry you changed or submitted yourself. Ask a colleague to review it.',
    },
  },
  places_wrong_state: {
    title: { ja: 'いまの状態ではこの操作はできません', en: 'Not possible in the entry’s current state' },
    detail: {
      ja: '画面を再読み込みして、掲載の状態を確認してください。',
      en: 'Reload the page and check the entry’s state.',
    },
  },
  places_external_id_taken: {
    title: { ja: 'この外部IDはすでに使われています', en: 'This external ID is already used' },
  },
  places_import_has_errors: {
    title: { ja: '誤りのある行があります', en: 'Some rows have errors' },
    detail: {
      ja: '誤りを直して読み込み直すか、誤りのある行を除いて取り込むことを選んでください。',
      en: 'Fix the rows and upload again, or choose to import without the rows that have errors.',
    },
  },
  places_import_state: {
    title: { ja: 'この取り込みはすでに処理されています', en: 'This import has already been processed' },
  },
} as const;

export type PlacesErrorCode = keyof typeof PLACES_ERRORS;

/** One of the codes above; `field` adds a field error (pointer and message) when the form shows it by the field. */
export const placesError = (
  status: 400 | 404 | 409,
  code: PlacesErrorCode,
  field?: { pointer: string; message: Bilingual },
) => new AppError(status, code, field ? { errors: [field] } : undefined);

/** Messages shown beside one field (of a form, a search, or a row of an imported file). */
export const PLACES_FIELD = {
  externalIdUsed: { ja: '別の掲載で使われています', en: 'used by another entry' },
  postalCodeUnknown: { ja: 'この郵便番号は見つかりませんでした', en: 'Unknown postal code' },
  corporateNumber: {
    ja: '法人番号は 13 桁で、先頭の検査数字が合っている必要があります',
    en: 'a 13-digit corporate number with a valid check digit',
  },
  postalCode: {
    ja: '郵便番号は 7 桁の数字で入力してください（例 400-0031）',
    en: 'a 7-digit postal code (e.g. 400-0031)',
  },
  phone: { ja: '電話番号は数字と - ( ) # + で入力してください', en: 'use digits and - ( ) # + only' },
  reading: { ja: 'よみは ひらがな・カタカナで入力してください', en: 'the reading must be kana' },
  repeated: { ja: '同じ値が重複しています', en: 'values repeat' },
  externalIdAscii: { ja: '外部IDは半角英数字と記号で入力してください', en: 'printable ASCII only' },
  opportunityNeedsDetails: {
    ja: '社会参加の選択肢には、時間や謝礼などの項目が必要です',
    en: 'opportunities need their details',
  },
  onlyForOpportunities: { ja: 'この項目は社会参加の選択肢だけに使います', en: 'only for opportunities' },
  hoursMaxBelowMin: { ja: '週あたりの時間の上限は下限以上にしてください', en: 'max must not be below min' },
  addressNeeded: {
    ja: '来所できる場所には住所を入力してください',
    en: 'places people visit need an address',
  },
  near: { ja: 'near は「緯度,経度」で指定します', en: 'near is "lat,lng"' },
  // opening hours (places.hours.ts)
  startTime: { ja: '開始時刻は HH:MM です', en: 'start must be HH:MM' },
  endTime: { ja: '終了時刻は HH:MM です', en: 'end must be HH:MM' },
  endAfterStart: { ja: '終了時刻は開始時刻より後にしてください', en: 'end must be after start' },
  hoursUnreadable: (item: string): Bilingual => ({
    ja: `「${item}」を読み取れません（例: 月水 10:00-16:00、第2土 13:30-16:00）`,
    en: `cannot read "${item}" (e.g. MO,WE 10:00-16:00)`,
  }),
  weekdaysUnreadable: (days: string): Bilingual => ({
    ja: `曜日「${days}」を読み取れません`,
    en: `cannot read weekdays "${days}"`,
  }),
  // rows of an imported file (places.import.ts)
  required: { ja: '必須です', en: 'required' },
  bothCoordinates: { ja: '緯度と経度は両方入力してください', en: 'give both latitude and longitude' },
  sameExternalIdAs: (row: number): Bilingual => ({
    ja: `${row} 行目と同じ外部IDです`,
    en: `same external ID as row ${row}`,
  }),
  unknownValue: (what: Bilingual, value: string, known?: string): Bilingual => ({
    ja: `${what.ja}「${value}」は使えません${known === undefined ? '' : `（${known}）`}`,
    en: `unknown ${what.en} "${value}"`,
  }),
  notANumber: (what: Bilingual): Bilingual => ({
    ja: `${what.ja}は数値で入力してください`,
    en: `${what.en} must be a number`,
  }),
  hoursPerWeek: { ja: '週あたり時間は「4」や「4-10」の形で入力してください', en: 'use "4" or "4-10"' },
} as const;

/** Why a whole imported file is refused (shown with the shared `csv_unreadable`). */
export const PLACES_IMPORT_FILE = {
  empty: { ja: 'ファイルが空です。', en: 'The file is empty.' },
  tooManyRows: (max: number): Bilingual => ({
    ja: `1 回に取り込めるのは ${max.toLocaleString('ja-JP')} 行までです。`,
    en: `At most ${max} rows per file.`,
  }),
  columns: (missing: string[], unknown: string[]): Bilingual => ({
    ja: [
      missing.length ? `必須の列がありません: ${missing.join('、')}。` : '',
      unknown.length ? `知らない列があります: ${unknown.join('、')}。` : '',
    ].join(''),
    en: [
      missing.length ? `Missing required columns: ${missing.join(', ')}. ` : '',
      unknown.length ? `Unknown columns: ${unknown.join(', ')}.` : '',
    ].join(''),
  }),
} as const;

/** The detail of the staff postal-code lookup's 404. */
export const POSTAL_CODE_NOT_FOUND: Bilingual = {
  ja: 'この郵便番号は見つかりませんでした。番号を確かめてください。',
  en: 'This postal code was not found. Please check the number.',
};
