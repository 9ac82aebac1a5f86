import type { Bilingual } from '../../../shared/text/field-message.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The reports module's own error messages (problem+json `code`s), each in Japanese and English.
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const REPORTS_ERRORS = {
  reports_not_accepted: {
    title: {
      ja: 'この市区町村では、まだこの窓口を使えません',
      en: 'This municipality does not take reports here yet',
    },
    detail: {
      ja: '危険なときは 110、契約のことは消費者ホットライン 188 に電話してください。',
      en: 'In danger, call 110. About a contract, call the consumer hotline 188.',
    },
  },
  reply_code_not_found: {
    title: { ja: '返信コードが見つかりません', en: 'Reply code not found' },
    detail: {
      ja: '受付のときに表示されたコードを、もう一度確かめてください。',
      en: 'Check the code you were shown when the report was received.',
    },
  },
  status_transition: {
    title: { ja: 'この状態には変更できません', en: 'This status change is not allowed' },
  },
  assignee_not_allowed: {
    title: { ja: 'この職員は担当にできません', en: 'This account cannot be assigned' },
    detail: {
      ja: '通報の対応権限を持つ、有効なアカウントを選んでください。',
      en: 'Choose an active account that may triage reports.',
    },
  },
  operator_exists: {
    title: {
      ja: 'この法人番号の事業者は既に登録されています',
      en: 'An operator with this corporate number already exists',
    },
    detail: { ja: '登録済みの事業者に紐づけてください。', en: 'Link the report to the existing operator.' },
  },
  operator_mismatch: {
    title: {
      ja: '法人番号が一致しません',
      en: 'The corporate numbers do not match',
    },
    detail: {
      ja: '通報にある法人番号と、事業者の法人番号が異なります。別の事業者ではないか確認してください。',
      en: 'The report names another corporate number than the operator. Check it is the same business.',
    },
  },
} as const;

export type ReportsErrorCode = keyof typeof REPORTS_ERRORS;

/**
 * The texts a field of a report or of a staff entry is refused with: schema rules (written with
 * `fieldMessage`) and the checks a use case makes against today's date or the report's window.
 */
export const REPORTS_FIELD = {
  phone: { ja: '電話番号は数字と - ( ) # + で入力してください', en: 'use digits and - ( ) # + only' },
  website: { ja: 'http:// か https:// で始まる URL を入力してください', en: 'an http(s) URL' },
  duplicateCategories: { ja: '同じ項目が重なっています', en: 'duplicate categories' },
  yearOrder: { ja: '開始年度は終了年度以前にしてください', en: 'fromYear must not be after toYear' },
  yearSpan: { ja: '10年度までにしてください', en: 'at most 10 fiscal years' },
  dateInFuture: { ja: '今日より後の日付は入力できません', en: 'The date cannot be in the future' },
  protectedInFuture: {
    ja: '保護した日時が未来になっています',
    en: 'The time of protection is in the future',
  },
  followUpBeforeProtection: {
    ja: 'フォローアップ日は保護した日以降にしてください',
    en: 'The follow-up date must be on or after the day of protection',
  },
  prefectureNotAccepting: {
    ja: 'この都道府県では、まだこの窓口で通報を受け付けていません',
    en: 'This prefecture does not take reports here yet',
  },
  municipalityNotAccepting: REPORTS_ERRORS.reports_not_accepted.title,
  assigneeNotAllowed: REPORTS_ERRORS.assignee_not_allowed.title,
} as const satisfies Record<string, Bilingual>;

/** A problem of this module; with a pointer, the field named carries `message` (default: the title). */
export const reportsError = (
  status: 400 | 404 | 409,
  code: ReportsErrorCode,
  pointer?: string,
  message: Bilingual = REPORTS_ERRORS[code].title,
) => new AppError(status, code, pointer ? { errors: [{ pointer, message }] } : undefined);

/** A field refused by a use case's check (400 `validation_failed`, like a schema rule). */
export const reportsFieldError = (pointer: string, message: Bilingual) =>
  new AppError(400, 'validation_failed', { errors: [{ pointer, message }] });

/** A status change the transitions do not allow: the detail names both states, `current` says where it is. */
export const statusTransitionError = (current: string, wanted: string) =>
  new AppError(409, 'status_transition', {
    detail: {
      ja: `「${current}」から「${wanted}」には変更できません。`,
      en: `Cannot change from "${current}" to "${wanted}".`,
    },
    extra: { current },
  });

/** The registry has this corporate number already: the answer names that operator, to link to instead. */
export const operatorExistsError = (operatorId: string) =>
  new AppError(409, 'operator_exists', { extra: { operatorId } });
