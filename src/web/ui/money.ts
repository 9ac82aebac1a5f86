import { inLanguage } from '../i18n/language.ts';

/**
 * An amount of yen in the reader's language, like the dates in datetime.ts: one formatter for every
 * feature that shows money (payments, peers, training).
 */
export const yen = (amount: number, language: string) =>
  new Intl.NumberFormat(inLanguage({ ja: 'ja-JP', en: 'en-JP' }, language), {
    style: 'currency',
    currency: 'JPY',
  }).format(amount);
