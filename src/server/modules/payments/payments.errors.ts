import type { Bilingual } from '../../../shared/text/field-message.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The payments module's problem+json codes (batches and the ledger), each in Japanese and English.
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const PAYMENTS_ERRORS = {
  payments_four_eyes: {
    title: { ja: '承認した人は出力できません', en: 'The approver cannot export the batch' },
    detail: {
      ja: '支払バッチの出力は、承認者とは別の会計担当者が行ってください。',
      en: 'Another finance user than the approver must export the batch.',
    },
  },
  payments_batch_state: {
    title: { ja: 'この支払バッチではその操作はできません', en: 'Not possible in this batch state' },
  },
  payments_already_in_batch: {
    title: { ja: 'すでに支払バッチに含まれています', en: 'Already in a payment batch' },
    detail: {
      ja: '同じ請求を二重に支払うことはできません。',
      en: 'The same claim cannot be paid twice.',
    },
  },
  payments_not_payable: {
    title: { ja: '支払対象ではありません', en: 'Not payable' },
    detail: {
      ja: '選んだ項目は、確定済みで未払いの支払対象ではありません。',
      en: 'The selected item is not a confirmed, unpaid item.',
    },
  },
  payments_bank_invalid: {
    title: { ja: '振込先の口座情報に誤りがあります', en: 'The bank details are invalid' },
  },
  payments_zengin_not_configured: {
    title: { ja: '振込元口座が設定されていません', en: 'The paying account is not configured' },
    detail: {
      ja: 'ZENGIN_CONSIGNOR_CODE などの設定を管理者に依頼してください。',
      en: 'Ask the operator to set ZENGIN_CONSIGNOR_CODE and the other ZENGIN_* settings.',
    },
  },
  ledger_insufficient_stage: {
    title: { ja: '台帳の金額が足りません', en: 'The ledger does not hold that amount' },
    detail: {
      ja: 'この項目は、移そうとした段階にその金額を持っていません。',
      en: 'The item does not hold that amount in the stage it is moved from.',
    },
  },
} as const;

export type PaymentsErrorCode = keyof typeof PAYMENTS_ERRORS;

/** Field-level texts: the bank check, the request schemas and the refusals that name a field. */
export const PAYMENTS_FIELD = {
  bankAndBranchCode: {
    ja: '金融機関コード（4桁）・支店コード（3桁）',
    en: 'Bank code (4 digits) and branch code (3 digits)',
  },
  noSuchBranch: { ja: 'この金融機関・支店は見つかりません', en: 'No such bank or branch' },
  accountNumber: { ja: '口座番号は7桁の数字です', en: 'The account number is 7 digits' },
  accountType: { ja: '預金種目が正しくありません', en: 'Invalid account type' },
  holderName: {
    ja: '口座名義は半角カナ・英大文字・数字で入力してください',
    en: 'The holder name must be in bank kana',
  },
  notPayable: { ja: '支払対象ではありません', en: 'Not payable' },
  configChanged: {
    ja: '出力時と設定が変わったため、同じファイルを再作成できません。',
    en: 'The configuration changed since export; the same file cannot be rebuilt.',
  },
  date: { ja: '日付は YYYY-MM-DD', en: 'Date as YYYY-MM-DD' },
  id: { ja: 'ID が正しくありません', en: 'Invalid id' },
  kind: { ja: '区分が正しくありません', en: 'Invalid kind' },
  chooseOne: { ja: '1件以上選んでください', en: 'Choose at least one item' },
  result: { ja: '結果は paid か returned', en: 'paid or returned' },
  reason200: { ja: '200文字以内', en: 'At most 200 characters' },
  programmeKey: { ja: '事業キーが正しくありません', en: 'Invalid programme key' },
} as const satisfies Record<string, Bilingual>;

/**
 * A payments refusal; with a pointer, the field error repeats the code's title (as the answers always
 * did), or names its own text.
 */
export function paymentsError(
  status: 400 | 403 | 404 | 409,
  code: PaymentsErrorCode,
  pointer?: string,
  message: Bilingual = PAYMENTS_ERRORS[code].title,
) {
  return new AppError(status, code, pointer ? { errors: [{ pointer, message }] } : undefined);
}
