import { describe, expect, it } from 'vitest';
import { formatTimeRange } from './datetime.ts';

describe('formatTimeRange (shifts: start and end, no seconds)', () => {
  it('shows 13:00〜16:00 on one day in Japan time', () => {
    const text = formatTimeRange('2026-11-26T04:00:00Z', '2026-11-26T07:00:00Z', 'ja');
    expect(text).toBe('令和8年11月26日 13:00〜16:00');
    expect(text).not.toContain(':00:00');
  });
  it('repeats the date when the slot runs past midnight', () => {
    expect(formatTimeRange('2026-11-26T13:00:00Z', '2026-11-26T16:00:00Z', 'ja')).toBe(
      '令和8年11月26日 22:00〜令和8年11月27日 01:00',
    );
  });
});
