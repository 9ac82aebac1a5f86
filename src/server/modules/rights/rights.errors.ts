import { AppError } from '../../platform/errors.ts';

/**
 * The problem codes of rights requests (開示・訂正), each in Japanese and English.
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const RIGHTS_ERRORS = {
  disclosure_not_approved: {
    title: { ja: 'まだ承認されていません', en: 'Not approved yet' },
    detail: {
      ja: '開示の内容は、職員が確認して承認してから渡せます。',
      en: 'The disclosure can be released only after staff have reviewed and approved it.',
    },
  },
  disclosure_approved: {
    title: { ja: '承認済みです', en: 'Already approved' },
    detail: { ja: '承認済みの開示は変更できません。', en: 'An approved disclosure cannot be changed.' },
  },
  correction_decided: { title: { ja: '結果を記録済みです', en: 'Already decided' } },
} as const;

export type RightsErrorCode = keyof typeof RIGHTS_ERRORS;

export const rightsError = (status: 409, code: RightsErrorCode) => new AppError(status, code);

/** Field texts of rights: the schema's (via fieldMessage) and those the use cases raise themselves. */
export const RIGHTS_FIELD = {
  notAnItem: { ja: 'この開示にない項目です', en: 'Not an item of this disclosure' },
  withholdReason: { ja: '開示しない理由を選んでください', en: 'choose the reason for withholding' },
  retentionMin: { ja: '12 か月以上にしてください', en: 'at least 12 months' },
} as const;

export const notAnItemOfDisclosure = (n: number) =>
  new AppError(400, 'validation_failed', {
    errors: [{ pointer: `/body/items/${n}/key`, message: RIGHTS_FIELD.notAnItem }],
  });
