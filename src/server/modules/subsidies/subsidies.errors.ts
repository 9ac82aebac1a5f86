import type { Bilingual } from '../../../shared/text/field-message.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The transport subsidy's problem+json `code`s, each in Japanese and English.
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const SUBSIDIES_ERRORS = {
  subsidy_not_accepted: {
    title: {
      ja: 'この市区町村では、いま交通費補助の申請を受け付けていません',
      en: 'No subsidy programme is open here now',
    },
  },
  subsidy_destination_not_eligible: {
    title: { ja: 'この行き先は補助の対象ではありません', en: 'This destination is not eligible' },
    detail: {
      ja: 'この市区町村で公開されている居場所・相談窓口・イベントを選んでください。',
      en: 'Choose a place or event published by this municipality.',
    },
  },
  subsidy_receipt_type: {
    title: { ja: 'このファイルは受け付けられません', en: 'This file type is not accepted' },
    detail: {
      ja: '領収書は写真（JPEG・PNG）か PDF で送ってください。',
      en: 'Send receipts as a photo (JPEG or PNG) or a PDF.',
    },
  },
  subsidy_receipt_broken: {
    title: { ja: 'ファイルが壊れているようです', en: 'The file seems to be damaged' },
    detail: {
      ja: 'もう一度撮影するか、別のファイルを選んでください。',
      en: 'Take the photo again or choose another file.',
    },
  },
  subsidy_receipt_not_found: {
    title: { ja: '受付番号が見つかりません', en: 'Receipt number not found' },
    detail: {
      ja: '申請のときに表示された受付番号を、もう一度確かめてください。',
      en: 'Check the receipt number you were shown when you applied.',
    },
  },
  subsidy_status: {
    title: { ja: 'いまの状態では、この操作はできません', en: 'Not possible in the current status' },
  },
  subsidy_over_limit: {
    title: { ja: '上限を超えています', en: 'Over the limit' },
  },
  subsidy_fiscal_year_closed: {
    title: { ja: 'この年度の額の確定期間は終わっています', en: 'This fiscal year can no longer be settled' },
    detail: {
      ja: '出納整理期間（翌年度の 5 月 31 日）までに確定してください。',
      en: 'Claims must be confirmed by 31 May after the fiscal year (出納整理期間).',
    },
  },
  subsidy_four_eyes: {
    title: { ja: 'ほかの職員が行ってください', en: 'Another member of staff must do this' },
    detail: {
      ja: '自分で入力した申請の決定と、自分で入力した実績報告の額の確定はできません。',
      en: 'You cannot decide an application you entered, nor confirm a claim you entered.',
    },
  },
  subsidy_holder_name: {
    title: {
      ja: '口座名義に使えない文字があります',
      en: 'The holder name has characters the bank cannot take',
    },
  },
} as const;

type SubsidyErrorCode = keyof typeof SUBSIDIES_ERRORS;

/**
 * The texts the use cases and routes put next to a field or in a detail. Those that name a figure are
 * functions of it; the status labels keep both languages in one string because both texts quote them.
 */
export const SUBSIDY_TEXT = {
  programmeExists: { ja: 'この年度の制度はもうあります', en: 'This fiscal year already has a programme' },
  destinationNotPublished: {
    ja: '公開されている行き先を選んでください',
    en: 'Choose a published destination',
  },
  notAccepting: { ja: 'いま申請を受け付けていません', en: 'Not accepting applications now' },
  onlyPerson: { ja: 'この制度は、ご本人からの申請だけを受け付けます', en: 'Only the person may apply here' },
  onlyFamily: {
    ja: 'この制度は、ご家族からの申請だけを受け付けます',
    en: 'Only a family member may apply here',
  },
  branchNotFound: { ja: '金融機関・支店が見つかりません', en: 'Bank or branch not found' },
  holderInvalid: (chars: readonly string[]): Bilingual => ({
    ja: `口座名義に使えない文字があります: ${chars.join(' ')}`,
    en: `Characters the bank cannot take: ${chars.join(' ')}`,
  }),
  holderTooLong: { ja: '口座名義は 30 文字までのカナで入力してください', en: 'Up to 30 kana characters' },
  onlyInStatus: (expected: string): Bilingual => ({
    ja: `「${expected}」の申請だけに行えます`,
    en: `Only for applications that are ${expected}`,
  }),
  lessThanRequested: (requestedYen: number): Bilingual => ({
    ja: `申請額（月 ${yen(requestedYen)}）より少ない額にしてください`,
    en: `Must be less than the requested ${requestedYen} yen a month`,
  }),
  atLeastOneYen: { ja: '1 円以上にしてください', en: 'At least 1 yen' },
  monthOfFiscalYear: (label: string, fiscalYear: number): Bilingual => ({
    ja: `${label}の月を選んでください`,
    en: `Choose a month of FY${fiscalYear}`,
  }),
  grantPeriod: (
    labels: { from: string | null; to: string | null },
    months: { from: string; to: string },
  ): Bilingual => ({
    ja: `交付決定の期間（${labels.from}〜${labels.to}）の月を入力してください`,
    en: `Enter a month in the grant period (${months.from} to ${months.to})`,
  }),
  outsideGrant: { ja: '交付決定の期間外です', en: 'Outside the grant period' },
  futureMonth: { ja: 'まだ来ていない月です', en: 'That month has not come yet' },
  claimExists: { ja: 'この月の実績報告はもうあります', en: 'This month already has a claim' },
  overBudget: (remainingYen: number): Bilingual => ({
    ja: `予算の残り ${yen(remainingYen)}を超えています`,
    en: `More than the remaining budget of ${remainingYen} yen`,
  }),
  overClaimed: (claimedYen: number): Bilingual => ({
    ja: `補助の対象額 ${yen(claimedYen)}を超えて確定はできません`,
    en: `Cannot confirm more than the covered ${claimedYen} yen`,
  }),
  claimsNotConfirmed: { ja: '確定済みでない実績報告が含まれています', en: 'Some claims are not confirmed' },
  receiptType: { ja: 'JPEG・PNG・PDF のファイルを選んでください', en: 'Choose a JPEG, PNG or PDF file' },
  applicationMissing: { ja: '申請の内容がありません', en: 'The application is missing' },
  invalidJson: { ja: 'JSON が正しくありません', en: 'Invalid JSON' },
} as const;

/** The upload platform's refusals, told next to the receipt they are about. */
export const UPLOAD_FIELD_TEXT: Readonly<Record<string, Bilingual>> = {
  'upload.image_invalid': { ja: '画像を読み取れません', en: 'The picture could not be read' },
  'upload.image_too_large': {
    ja: '画像の画素数が大きすぎます（4,000 万画素まで）',
    en: 'The picture has too many pixels (40 megapixels at most)',
  },
  'upload.not_pdf': {
    ja: 'PDF として読み取れないか、スクリプトなどを含んでいます',
    en: 'The PDF is damaged or contains scripts or other active content',
  },
};

/** The status an operation needs, as the 409 detail quotes it (both languages in one label). */
const STATUS_LABEL = {
  submitted: '受付済み / submitted',
  checked: '本人確認済み / identity checked',
  decided: '決定済み / decided',
  approved: '交付決定済み / approved',
  waiting: '確定待ち / waiting for confirmation',
} as const;

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

/** A subsidy problem, with the field it is about when there is one. */
export const subsidyError = (
  status: 400 | 403 | 404 | 409 | 422,
  code: SubsidyErrorCode | 'validation_failed' | 'forbidden',
  field?: { pointer: string; message: Bilingual },
) => new AppError(status, code, field ? { errors: [field] } : undefined);

/** 409 for an operation the application's or claim's status does not allow. */
export const statusError = (expected: keyof typeof STATUS_LABEL) =>
  new AppError(409, 'subsidy_status', { detail: SUBSIDY_TEXT.onlyInStatus(STATUS_LABEL[expected]) });

/** 422 naming the limit an amount went over, and that limit in yen. */
export function limitError(pointer: string, limitYen: number, text: Bilingual, which: string): AppError {
  return new AppError(422, 'subsidy_over_limit', {
    detail: text,
    errors: [{ pointer, message: text }],
    extra: { limit: which, limitYen },
  });
}
