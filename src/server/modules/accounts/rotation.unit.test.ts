import { describe, expect, it } from 'vitest';
import { nextAprilFirst } from './rotation.ts';

describe('the date a rotation form proposes', () => {
  it('is the next 4月1日 on or after today (Asia/Tokyo business date)', () => {
    expect(nextAprilFirst('2026-11-26')).toBe('2027-04-01');
    expect(nextAprilFirst('2027-03-31')).toBe('2027-04-01');
    expect(nextAprilFirst('2027-04-01')).toBe('2027-04-01');
    expect(nextAprilFirst('2027-04-02')).toBe('2028-04-01');
    expect(nextAprilFirst('2027-01-01')).toBe('2027-04-01');
  });
});
