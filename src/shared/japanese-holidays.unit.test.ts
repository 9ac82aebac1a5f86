import { describe, expect, it } from 'vitest';
import { isJapaneseHoliday } from './japanese-holidays.ts';

describe('isJapaneseHoliday', () => {
  // Dates from the Cabinet Office list (内閣府「国民の祝日について」) for 2026 and 2027.
  it.each([
    '2026-01-01', // 元日
    '2026-01-12', // 成人の日 (2nd Monday)
    '2026-02-11',
    '2026-02-23',
    '2026-03-20', // 春分の日
    '2026-04-29',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05',
    '2026-05-06', // 振替休日 (5/3 was a Sunday)
    '2026-07-20', // 海の日
    '2026-08-11',
    '2026-09-21', // 敬老の日
    '2026-09-22', // 国民の休日 (between 敬老の日 and 秋分の日)
    '2026-09-23', // 秋分の日
    '2026-10-12', // スポーツの日
    '2026-11-03',
    '2026-11-23',
    '2027-03-21', // 春分の日 (Sunday)
    '2027-03-22', // 振替休日
  ])('%s is a holiday', (date) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    expect(isJapaneseHoliday(y, m, d)).toBe(true);
  });

  it.each(['2026-01-02', '2026-05-07', '2026-09-24', '2026-12-07', '2026-11-24', '2026-03-19'])(
    '%s is not a holiday',
    (date) => {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      expect(isJapaneseHoliday(y, m, d)).toBe(false);
    },
  );
});
