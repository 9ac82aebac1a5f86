import { describe, expect, it } from 'vitest';
import { mayLinkToPerson, unansweredHours } from './consultations.policy.ts';

describe('mayLinkToPerson', () => {
  it('links an unlinked consultation, or again to the same person; never to another', () => {
    expect(mayLinkToPerson({ personId: null }, 'p1')).toBe(true);
    expect(mayLinkToPerson({ personId: 'p1' }, 'p1')).toBe(true);
    expect(mayLinkToPerson({ personId: 'p1' }, 'p2')).toBe(false);
  });
});

describe('unansweredHours', () => {
  const now = new Date('2026-12-06T12:00:00Z');
  it('is null when nothing waits', () => expect(unansweredHours(null, now)).toBeNull());
  it('counts whole hours', () => expect(unansweredHours(new Date('2026-12-06T09:30:00Z'), now)).toBe(2));
  it('is never negative (a clock a little ahead)', () =>
    expect(unansweredHours(new Date('2026-12-06T12:05:00Z'), now)).toBe(0));
});
