/** The bank reference's field texts (schema rules, written with `fieldMessage`). */
export const BANKS_FIELD = {
  queryTooLong: { ja: '50 文字以内で入力してください', en: 'At most 50 characters' },
  bankCode: { ja: '金融機関コードは 4 桁の数字です', en: 'A bank code is 4 digits' },
} as const;
