import { describe, expect, it } from 'vitest';
import { formatStaffInstant, formatTimeRange } from './datetime.ts';

describe('formatTimeRange (shifts: start and end, no seconds, the staff date)', () => {
  it('shows 13:00〜16:00 on one day in Japan time', () => {
    const text = formatTimeRange('2026-11-26T04:00:00Z', '2026-11-26T07:00:00Z', 'ja');
    expect(text).toBe('令和8年11月26日（2026年） 13:00〜16:00');
    expect(text).not.toContain(':00:00');
  });
  it('repeats the date when the slot runs past midnight', () => {
    expect(formatTimeRange('2026-11-26T13:00:00Z', '2026-11-26T16:00:00Z', 'ja')).toBe(
      '令和8年11月26日（2026年） 22:00〜令和8年11月27日（2026年） 01:00',
    );
  });
});

describe('formatStaffInstant (an instant on a staff screen)', () => {
  it('is the one staff format in Japanese, to the minute, or to the second for the audit log', () => {
    expect(formatStaffInstant('2026-11-26T01:00:05Z', 'ja')).toBe('令和8年11月26日（2026年） 10:00');
    expect(formatStaffInstant('2026-11-26T01:00:05Z', 'ja', { seconds: true })).toBe(
      '令和8年11月26日（2026年） 10:00:05',
    );
  });
  it('reads in English on an English screen, and leaves a bare day without a time', () => {
    expect(formatStaffInstant('2026-11-26T01:00:05Z', 'en')).toBe('26 November 2026 at 10:00');
    expect(formatStaffInstant('2026-11-26', 'en')).toBe('26 November 2026');
    expect(formatStaffInstant('2026-11-26', 'ja')).toBe('令和8年11月26日（2026年）');
  });
});
