import { describe, expect, it } from 'vitest';
import {
  chooseSessions,
  isCurrentVersion,
  isRegistrationOpen,
  isSeatCancellable,
  managesEveryEvent,
  mayCancelSeat,
  mayManage,
  mayPromote,
  mayRemoveSession,
  seatsFit,
  seatsLeft,
} from './events.policy.ts';

const now = new Date('2026-12-05T03:00:00Z');
const hoursFromNow = (h: number) => new Date(now.getTime() + h * 3_600_000);
const event = (over: Partial<Parameters<typeof isRegistrationOpen>[0]> = {}) => ({
  status: 'published' as const,
  registrationOpen: true,
  registrationClosesHoursBefore: 0,
  capacity: 10,
  ...over,
});
const session = (over: { status?: 'scheduled' | 'cancelled'; startsAt?: Date } = {}) => ({
  status: 'scheduled' as const,
  startsAt: hoursFromNow(48),
  ...over,
});

describe('who manages which events', () => {
  it('municipal administrators and consultation staff manage every event of their tenant', () => {
    expect(managesEveryEvent(['municipal_admin'])).toBe(true);
    expect(managesEveryEvent(['consultation'])).toBe(true);
  });
  it('a family-association account does not', () => {
    expect(managesEveryEvent(['family_association'])).toBe(false);
    expect(managesEveryEvent([])).toBe(false);
  });
  it('an association manages only its organisers', () => {
    expect(mayManage('all', 'o1')).toBe(true);
    expect(mayManage(['o1'], 'o1')).toBe(true);
    expect(mayManage(['o2'], 'o1')).toBe(false);
    expect(mayManage([], 'o1')).toBe(false);
  });
});

describe('a session takes registrations', () => {
  it('while the event is published and open and the session scheduled and to come', () => {
    expect(isRegistrationOpen(event(), session(), now)).toBe(true);
  });
  it('not for a draft or cancelled event, nor with registration switched off', () => {
    expect(isRegistrationOpen(event({ status: 'draft' }), session(), now)).toBe(false);
    expect(isRegistrationOpen(event({ status: 'cancelled' }), session(), now)).toBe(false);
    expect(isRegistrationOpen(event({ registrationOpen: false }), session(), now)).toBe(false);
  });
  it('not for a cancelled session', () => {
    expect(isRegistrationOpen(event(), session({ status: 'cancelled' }), now)).toBe(false);
  });
  it('closes the given hours before the start', () => {
    const s = session({ startsAt: hoursFromNow(24) });
    expect(isRegistrationOpen(event({ registrationClosesHoursBefore: 23 }), s, now)).toBe(true);
    expect(isRegistrationOpen(event({ registrationClosesHoursBefore: 24 }), s, now)).toBe(false);
    expect(isRegistrationOpen(event(), session({ startsAt: now }), now)).toBe(false);
  });
});

describe('seats', () => {
  it('people fit up to the capacity; no capacity means always', () => {
    expect(seatsFit(10, 8, 2)).toBe(true);
    expect(seatsFit(10, 8, 3)).toBe(false);
    expect(seatsFit(null, 1000, 10)).toBe(true);
  });
  it('seats left never go below zero; null without a limit', () => {
    expect(seatsLeft(10, 4)).toBe(6);
    expect(seatsLeft(10, 12)).toBe(0);
    expect(seatsLeft(null, 4)).toBeNull();
  });
});

describe('choosing sessions', () => {
  const open = [{ id: 'a' }, { id: 'b' }];
  it('takes every open session when none is chosen', () => {
    expect(chooseSessions(open, undefined)).toEqual({ allowed: true, sessions: open });
  });
  it('takes the chosen ones when each is open', () => {
    expect(chooseSessions(open, ['b'])).toEqual({ allowed: true, sessions: [{ id: 'b' }] });
  });
  it('refuses a chosen session that is not open, and an empty choice', () => {
    expect(chooseSessions(open, ['a', 'c'])).toEqual({ allowed: false, reason: 'session_not_open' });
    expect(chooseSessions(open, [])).toEqual({ allowed: false, reason: 'session_not_open' });
  });
  it('is closed when nothing is open', () => {
    expect(chooseSessions([], undefined)).toEqual({ allowed: false, reason: 'registration_closed' });
  });
});

describe('changing sessions and seats', () => {
  it('a session nobody signed up for may be removed; one with seats or a queue may not', () => {
    expect(mayRemoveSession({ confirmedPeople: 0, waitlistedPeople: 0 })).toEqual({ allowed: true });
    expect(mayRemoveSession({ confirmedPeople: 1, waitlistedPeople: 0 })).toEqual({
      allowed: false,
      reason: 'session_removed',
    });
    expect(mayRemoveSession({ confirmedPeople: 0, waitlistedPeople: 2 }).allowed).toBe(false);
  });
  it('the waiting list moves only for a scheduled session of a published event still to come', () => {
    expect(mayPromote({ status: 'published' }, session(), now)).toBe(true);
    expect(mayPromote({ status: 'draft' }, session(), now)).toBe(false);
    expect(mayPromote({ status: 'published' }, session({ status: 'cancelled' }), now)).toBe(false);
    expect(mayPromote({ status: 'published' }, session({ startsAt: now }), now)).toBe(false);
  });
  it('a seat is cancelled once, before the session starts', () => {
    expect(mayCancelSeat({ status: 'confirmed' }, session(), now)).toEqual({ allowed: true });
    expect(mayCancelSeat({ status: 'waitlisted' }, session(), now)).toEqual({ allowed: true });
    expect(mayCancelSeat({ status: 'cancelled' }, session(), now)).toEqual({
      allowed: false,
      reason: 'already_cancelled',
    });
    expect(mayCancelSeat({ status: 'confirmed' }, session({ startsAt: now }), now)).toEqual({
      allowed: false,
      reason: 'session_started',
    });
  });
  it("the person's page offers cancelling a held seat in a session to come of an event not cancelled", () => {
    expect(isSeatCancellable({ status: 'confirmed' }, session(), { status: 'published' }, now)).toBe(true);
    expect(isSeatCancellable({ status: 'cancelled' }, session(), { status: 'published' }, now)).toBe(false);
    expect(
      isSeatCancellable({ status: 'confirmed' }, session({ startsAt: now }), { status: 'published' }, now),
    ).toBe(false);
    expect(isSeatCancellable({ status: 'waitlisted' }, session(), { status: 'cancelled' }, now)).toBe(false);
  });
  it('an edit must start from the stored version', () => {
    expect(isCurrentVersion(3, 3)).toBe(true);
    expect(isCurrentVersion(3, 2)).toBe(false);
  });
});
