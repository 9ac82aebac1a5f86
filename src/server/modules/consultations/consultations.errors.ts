import { AppError } from '../../platform/errors.ts';

/**
 * The problem codes of anonymous consultations, each in Japanese and English.
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const CONSULTATIONS_ERRORS = {
  consultation_not_found: {
    title: { ja: '相談が見つかりません', en: 'Consultation not found' },
    detail: {
      ja: '返信コードをもう一度確かめてください。コードは、大文字・小文字やハイフンの有無を区別しません。',
      en: 'Check the reply code again. Case and hyphens do not matter.',
    },
  },
  consultation_linked: {
    title: {
      ja: 'この相談には、すでに支援記録があります',
      en: 'A support record is already open for this consultation',
    },
  },
} as const;

export type ConsultationsErrorCode = keyof typeof CONSULTATIONS_ERRORS;

export const consultationsError = (status: 404 | 409, code: ConsultationsErrorCode) =>
  new AppError(status, code);

/** The schemas' field texts (written with fieldMessage in consultations.schema.ts). */
export const CONSULTATIONS_FIELD = {
  messageRequired: { ja: '相談したいことを書いてください', en: 'write something' },
  closeReason: { ja: '終了する理由を入力してください', en: 'Give the reason' },
} as const;

export const messageTooLong = (max: number) => ({ ja: `${max} 文字までです`, en: `up to ${max} characters` });
