import { AppError } from '../../platform/errors.ts';
import type { PolicyResult } from './knowledge.policy.ts';

/**
 * Error messages of the model-case library, in both languages.
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const KNOWLEDGE_ERRORS = {
  'cases.state': {
    title: {
      ja: 'この事例はいまこの操作ができない段階です',
      en: 'The case is not at a stage that allows this',
    },
    detail: {
      ja: '最新の状態を確認してください（下書き・差し戻し中だけ編集でき、提出中だけ審査できます）。',
      en: 'Check its current state (only drafts and returned cases are edited; only submitted ones are reviewed).',
    },
  },
  'cases.four_eyes': {
    title: { ja: '自分で書いた事例は審査できません', en: 'You cannot review a case you wrote' },
    detail: { ja: '別の担当者に審査を依頼してください。', en: 'Ask another colleague to review it.' },
  },
  'cases.personal_data_warning': {
    title: {
      ja: '個人が特定できる情報が含まれている可能性があります',
      en: 'The text may contain personal data',
    },
    detail: {
      ja: '電話番号・氏名・住所などを確認してください。個人の情報でないことを確かめたうえで提出する場合は、確認のうえ提出を選んでください。',
      en: 'Check the phone numbers, names and addresses found. If they are not personal data, confirm and submit.',
    },
  },
  'cases.unknown_theme': {
    title: { ja: 'テーマが一覧にありません', en: 'Unknown theme' },
  },
  'cases.municipality_outside': {
    title: { ja: 'この市区町村の事例は登録できません', en: 'You cannot write a case for this municipality' },
    detail: {
      ja: '自分の市区町村、または都道府県の場合は県内の市区町村を指定してください。',
      en: 'Name your own municipality or, for a prefecture, one in the prefecture.',
    },
  },
  'cases.attachment_type': {
    title: { ja: 'このファイルは添付できません', en: 'This file cannot be attached' },
    detail: { ja: 'PDF・JPEG・PNG のファイルを選んでください。', en: 'Choose a PDF, JPEG or PNG file.' },
  },
  'cases.attachments_full': {
    title: { ja: '添付ファイルは 10 件までです', en: 'At most 10 attachments per case' },
  },
  'cases.already_answered': {
    title: { ja: 'この質問には回答済みです', en: 'This question has already been answered' },
  },
} as const;

/** Messages shown beside one field of a request. */
export const KNOWLEDGE_FIELD = {
  municipalityOutside: {
    ja: 'この市区町村の事例は登録できません',
    en: 'Not a municipality you may write for',
  },
  linkNotPublished: {
    ja: 'この市区町村で公開中の居場所・催しを選んでください',
    en: 'Choose a published place or event of this municipality',
  },
  returnComment: { ja: '差し戻す理由や直してほしい点を書いてください', en: 'Say what to change' },
  fileMissing: { ja: 'ファイルを選んでください', en: 'Choose a file' },
  unknownTheme: { ja: 'テーマが一覧にありません', en: 'Unknown theme' },
} as const;

/** The policy's refusal as the error the caller sees: 404 when the case is not theirs to see. */
export function refusal(result: Exclude<PolicyResult, { allowed: true }>): AppError {
  switch (result.reason) {
    case 'not_found':
      return new AppError(404, 'not_found');
    case 'permission':
      return new AppError(403, 'forbidden');
    case 'state':
      return new AppError(409, 'cases.state');
    case 'four_eyes':
      return new AppError(409, 'cases.four_eyes');
  }
}
