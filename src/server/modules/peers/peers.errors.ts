import type { Bilingual } from '../../../shared/text/field-message.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The peers module's problem+json codes, each in Japanese and English.
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const PEERS_ERRORS = {
  peers_not_a_supporter: {
    title: { ja: 'ピアサポーターとして登録されていません', en: 'Not registered as a peer supporter' },
    detail: {
      ja: '担当の職員に、ピアサポーター名簿への登録を依頼してください。',
      en: 'Ask your coordinator to add you to the peer-supporter registry.',
    },
  },
  peers_place_not_published: {
    title: { ja: '公開中の居場所を選んでください', en: 'Choose a published place' },
  },
  peers_nothing_to_claim: {
    title: { ja: '請求できる活動記録がありません', en: 'No activity records to claim' },
    detail: {
      ja: 'この月・事業の未請求の活動記録がありません。',
      en: 'There are no unclaimed activity records for this month and programme.',
    },
  },
  peers_own_claim: {
    title: { ja: '自分が提出した請求は承認できません', en: 'You cannot approve a claim you submitted' },
  },
  peers_claim_state: {
    title: { ja: 'この請求ではその操作はできません', en: 'Not possible for this claim' },
  },
  peers_swap_state: {
    title: { ja: 'この交代依頼ではその操作はできません', en: 'Not possible for this swap request' },
  },
} as const;

export type PeersErrorCode = keyof typeof PEERS_ERRORS;

/** A peers refusal; with a pointer, the field error repeats the code's title. */
export const peersError = (status: 400 | 403 | 404 | 409, code: PeersErrorCode, pointer?: string) =>
  new AppError(
    status,
    code,
    pointer ? { errors: [{ pointer, message: PEERS_ERRORS[code].title }] } : undefined,
  );

/** Texts of the refusals that name a field (400 validation_failed) and of the request schemas. */
export const PEERS_FIELD = {
  programmeExists: { ja: '同じ名前の事業があります', en: 'A programme of this name exists' },
  noSuchProgramme: { ja: '事業が見つかりません', en: 'No such programme' },
  activeAccount: {
    ja: 'この自治体の有効なアカウントを選んでください',
    en: 'Choose an active account of this municipality',
  },
  accountRegistered: { ja: 'このアカウントは登録済みです', en: 'This account is already registered' },
  experienceCoordinatorOnly: {
    ja: '経験の記録は担当コーディネーターだけが変更できます',
    en: 'Only the coordinator changes lived experience',
  },
  noSuchSupporter: { ja: 'ピアサポーターが見つかりません', en: 'No such peer supporter' },
  activeSupporter: { ja: '活動中のピアサポーターを選んでください', en: 'Choose an active peer supporter' },
  endAfterStart: { ja: '終了は開始より後にしてください', en: 'The end must be after the start' },
  anotherColleague: { ja: '交代先を選び直してください', en: 'Choose another colleague' },
  noSuchShift: { ja: 'このシフトは見つかりません', en: 'No such shift of this supporter' },
  claimExists: {
    ja: 'この月・事業の請求はすでにあります。',
    en: 'A claim for this month and programme exists.',
  },
  id: { ja: 'ID が正しくありません', en: 'Invalid id' },
  month: { ja: '月は YYYY-MM', en: 'Month as YYYY-MM' },
  programmeName: { ja: '名前を入力してください', en: 'Enter a name' },
  displayName: { ja: '活動名を入力してください', en: 'Enter a name' },
  bankCode: { ja: '金融機関コードは4桁', en: 'Bank code is 4 digits' },
  branchCode: { ja: '支店コードは3桁', en: 'Branch code is 3 digits' },
  accountNumber: { ja: '口座番号は7桁', en: 'Account number is 7 digits' },
  holderName: { ja: '口座名義を入力してください', en: 'Enter the holder name' },
  dateTime: { ja: '日時が正しくありません', en: 'Invalid date-time' },
  minutes: { ja: '1分以上', en: 'At least 1 minute' },
  reason: { ja: '理由を入力してください', en: 'Give a reason' },
} as const satisfies Record<string, Bilingual>;

/** The holder name has characters with no bank form (the list is part of the message). */
export const holderNameCharacters = (invalid: readonly string[]): Bilingual => ({
  ja: `口座名義に使えない文字があります: ${invalid.join(' ')}`,
  en: `The holder name has characters with no bank form: ${invalid.join(' ')}`,
});

/** A 400 naming one field (validation_failed), its text from PEERS_FIELD. */
export const peersFieldError = (pointer: string, message: Bilingual) =>
  new AppError(400, 'validation_failed', { errors: [{ pointer, message }] });
