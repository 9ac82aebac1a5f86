import { describe, expect, it } from 'vitest';
import { HELPLINES, isHelplineOpen } from './helplines.ts';

const openAt = (iso: string) =>
  HELPLINES.filter((line) => isHelplineOpen(line, new Date(iso))).map((line) => line.display);

describe('isHelplineOpen (Asia/Tokyo business clock)', () => {
  it('at 02:00 on a Saturday only the 24-hour lines answer', () => {
    expect(openAt('2026-12-05T02:00:00+09:00')).toEqual(['110', '119', '189', '0120-279-338']);
  });

  it('at 02:00 JST the answer does not depend on the server being in UTC (17:00 UTC the day before)', () => {
    expect(openAt('2026-12-06T17:00:00Z')).toEqual(['110', '119', '189', '0120-279-338']);
  });

  it('on a weekday morning every line answers', () => {
    expect(openAt('2026-12-07T11:00:00+09:00')).toEqual(HELPLINES.map((line) => line.display));
  });

  it('closes each window at its end: #9110 until 17:15, 188 until 16:00', () => {
    expect(openAt('2026-12-07T17:14:00+09:00')).toContain('#9110');
    expect(openAt('2026-12-07T17:15:00+09:00')).not.toContain('#9110');
    expect(openAt('2026-12-07T15:59:00+09:00')).toContain('188');
    expect(openAt('2026-12-07T16:00:00+09:00')).not.toContain('188');
  });

  it('the mental-health line has its weekday evening service', () => {
    expect(openAt('2026-12-07T17:30:00+09:00')).not.toContain('0570-064-556');
    expect(openAt('2026-12-07T19:00:00+09:00')).toContain('0570-064-556');
    expect(openAt('2026-12-07T22:00:00+09:00')).not.toContain('0570-064-556');
  });

  it('weekend and holiday: 188 answers 10–16, the weekday-only lines do not', () => {
    expect(openAt('2026-12-05T11:00:00+09:00')).toEqual(['110', '119', '188', '189', '0120-279-338']);
    // 2026-11-23 勤労感謝の日 is a Monday.
    expect(openAt('2026-11-23T11:00:00+09:00')).toEqual(['110', '119', '188', '189', '0120-279-338']);
  });

  it('年末年始 (12/29–1/3) only the 24-hour lines answer', () => {
    expect(openAt('2026-12-30T11:00:00+09:00')).toEqual(['110', '119', '189', '0120-279-338']);
    expect(openAt('2027-01-04T11:00:00+09:00')).toContain('188');
  });

  it('a line is either open all day and night or has windows, never neither', () => {
    for (const line of HELPLINES) expect(line.alwaysOpen || line.windows.length > 0).toBe(true);
  });

  it('says which calls are free: 0120, 110, 119 and 189; not #9110, 188 or the 0570 line', () => {
    expect(HELPLINES.filter((l) => l.free).map((l) => l.display)).toEqual([
      '110',
      '119',
      '189',
      '0120-279-338',
    ]);
  });
});
