import type { Bilingual } from '../../../shared/text/field-message.ts';
import { fieldError } from '../../platform/errors.ts';

/**
 * Supporter training's own error messages (problem+json `code`s), each in Japanese and English.
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const TRAINING_ERRORS = {
  training_required: {
    title: { ja: '必要な研修が修了していません', en: 'Required training not completed' },
    detail: {
      ja: 'この役割を付与する前に、自治体が定めた研修の修了が必要です。',
      en: 'The tenant requires these courses to be completed before the role is granted.',
    },
  },
} as const;

/** A field's own words: schema rules (via `fieldMessage`) and the service's refusals. */
export const TRAINING_FIELD = {
  invalidId: { ja: 'ID が正しくありません', en: 'Invalid id' },
  moduleTitle: { ja: 'モジュール名', en: 'Module title' },
  sessionTitle: { ja: 'セッション名', en: 'Session title' },
  materialTitle: { ja: '教材名', en: 'Material title' },
  materialUrl: { ja: 'URL は http(s)', en: 'http(s) URL' },
  atLeastOneSession: { ja: 'セッションを1つ以上', en: 'At least one session' },
  atLeastOneModule: { ja: 'モジュールを1つ以上', en: 'At least one module' },
  courseTitle: { ja: '研修名を入力してください', en: 'Enter a title' },
  titleTaken: { ja: '同じ名前の研修があります', en: 'A course of this title exists' },
  activeAccountOfTown: {
    ja: 'この自治体の有効なアカウントを選んでください',
    en: 'Choose an active account of this municipality',
  },
  noSuchCourse: { ja: '研修が見つかりません', en: 'No such course' },
  courseRequired: (role: string, courseTitle: string): Bilingual => ({
    ja: `${role}: 「${courseTitle}」の修了が必要です`,
    en: `${role}: complete "${courseTitle}" first`,
  }),
} as const;

/** 400 `validation_failed` on one field with its words from TRAINING_FIELD. */
export const trainingFieldError = (pointer: string, text: Bilingual) => fieldError(pointer, text.ja, text.en);
