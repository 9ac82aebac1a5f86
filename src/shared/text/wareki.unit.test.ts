import { describe, expect, it } from 'vitest';
import {
  fiscalYearOf,
  formatFiscalYear,
  formatStaffDate,
  formatStaffDateTime,
  formatWareki,
  isoDateInTokyo,
} from './wareki.ts';

describe('formatStaffDate: 和暦 with the Western year, one style for every staff screen', () => {
  it('writes a calendar day as 令和8年12月6日（2026年）', () => {
    expect(formatStaffDate('2026-12-06')).toBe('令和8年12月6日（2026年）');
    expect(formatStaffDate('2027-03-31')).toBe('令和9年3月31日（2027年）');
  });

  it('writes an instant as its day in Japan, whatever the zone it was written in', () => {
    // 15:30 UTC on 5 December is 00:30 on 6 December in Japan.
    expect(formatStaffDate('2026-12-05T15:30:00Z')).toBe('令和8年12月6日（2026年）');
    expect(formatStaffDate(new Date('2026-12-05T14:59:59Z'))).toBe('令和8年12月5日（2026年）');
  });

  it('changes era between 30 April and 1 May 2019, with 元年 for the first year', () => {
    expect(formatStaffDate('2019-04-30')).toBe('平成31年4月30日（2019年）');
    expect(formatStaffDate('2019-05-01')).toBe('令和元年5月1日（2019年）');
    expect(formatStaffDate('2019-12-31')).toBe('令和元年12月31日（2019年）');
    expect(formatStaffDate('2020-01-01')).toBe('令和2年1月1日（2020年）');
    // The era before: 昭和64年1月7日 → 平成元年1月8日.
    expect(formatStaffDate('1989-01-07')).toBe('昭和64年1月7日（1989年）');
    expect(formatStaffDate('1989-01-08')).toBe('平成元年1月8日（1989年）');
  });

  it('keeps 11年, 21年 … as they are (only the first year is 元年)', () => {
    expect(formatWareki(new Date('1999-06-01T12:00:00+09:00'))).toBe('平成11年6月1日');
    expect(formatWareki(new Date('2009-06-01T12:00:00+09:00'))).toBe('平成21年6月1日');
  });

  it('returns what is not a date as given', () => {
    expect(formatStaffDate('not a date')).toBe('not a date');
  });
});

describe('formatStaffDateTime: the staff date with the time of day in Japan', () => {
  it('writes an instant as 令和8年12月6日（2026年） 09:30, in Japan time, 24-hour, no seconds', () => {
    expect(formatStaffDateTime('2026-12-06T00:30:05Z')).toBe('令和8年12月6日（2026年） 09:30');
    expect(formatStaffDateTime(new Date('2026-12-06T13:05:00+09:00'))).toBe('令和8年12月6日（2026年） 13:05');
    expect(formatStaffDateTime('2026-12-06T00:30:05Z', { seconds: true })).toBe(
      '令和8年12月6日（2026年） 09:30:05',
    );
  });

  it('moves to the next day in Japan across midnight UTC+9, and the era with it', () => {
    expect(formatStaffDateTime('2026-12-05T15:30:00Z')).toBe('令和8年12月6日（2026年） 00:30');
    expect(formatStaffDateTime('2019-04-30T15:00:00Z')).toBe('令和元年5月1日（2019年） 00:00');
  });

  it('writes a bare calendar day without a time, and returns what is not a date as given', () => {
    expect(formatStaffDateTime('2026-12-06')).toBe('令和8年12月6日（2026年）');
    expect(formatStaffDateTime('soon')).toBe('soon');
  });
});

describe('formatFiscalYear: 年度 as 令和n年度', () => {
  it('names fiscal years by era, with 元年度', () => {
    expect(formatFiscalYear(2026)).toBe('令和8年度');
    expect(formatFiscalYear(2020)).toBe('令和2年度');
    // FY2019 began on 1 April 2019 (平成31年) but is 令和元年度 since the era changed in May.
    expect(formatFiscalYear(2019)).toBe('令和元年度');
    expect(formatFiscalYear(2018)).toBe('平成30年度');
    expect(formatFiscalYear(1989)).toBe('平成元年度');
  });

  it('agrees with the fiscal year of a date (April starts the year)', () => {
    expect(formatFiscalYear(fiscalYearOf(new Date('2027-03-31T12:00:00+09:00')))).toBe('令和8年度');
    expect(formatFiscalYear(fiscalYearOf(new Date('2027-04-01T12:00:00+09:00')))).toBe('令和9年度');
    expect(isoDateInTokyo(new Date('2026-12-05T15:30:00Z'))).toBe('2026-12-06');
  });
});
