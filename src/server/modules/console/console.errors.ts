import type { Bilingual } from '../../../shared/text/field-message.ts';

/** The console's texts beside a platform problem code. */
export const CONSOLE_TEXT = {
  calendarRangeTooLong: (maxDays: number): Bilingual => ({
    ja: `期間は始めの日から ${maxDays} 日以内で指定してください。`,
    en: `Give a range of at most ${maxDays} days, starting with "from".`,
  }),
} as const;
