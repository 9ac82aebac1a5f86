import { describe, expect, it } from 'vitest';
import { monthsBefore } from './rights.policy.ts';
import { DEFAULT_RETENTION_MONTHS } from './rights.retention.ts';

describe('retention cut-off', () => {
  it('counts calendar months back from the business time, clamping to the month’s last day', () => {
    expect(monthsBefore(new Date('2031-11-26T01:00:00Z'), 60).toISOString()).toBe('2026-11-26T01:00:00.000Z');
    expect(monthsBefore(new Date('2027-03-31T00:00:00Z'), 1).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(monthsBefore(new Date('2027-01-15T00:00:00Z'), 12).toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });

  it('keeps every record class for five years unless the tenant sets otherwise', () => {
    expect(DEFAULT_RETENTION_MONTHS).toEqual({ closed_case: 60, conference_minutes: 60 });
  });
});
