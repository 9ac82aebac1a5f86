import type { Role } from '../../../shared/roles.ts';

/**
 * Per-record rules of events (pure; called first in each use case, unit-tested in
 * events.policy.unit.test.ts). Who manages which event, when a session takes registrations, who gets
 * a seat and which seats and sessions may still change. The use cases read the rows, ask here, then
 * write; a refusal's reason names the module's problem code (events.errors.ts).
 */
export type Decision<R extends string> = { allowed: true } | { allowed: false; reason: R };

const ALLOWED = { allowed: true } as const;
const refuse = <R extends string>(reason: R) => ({ allowed: false, reason }) as const;

/** Roles that manage every event of their tenant; others (family associations) only their organisers'. */
const TENANT_WIDE_ROLES: readonly Role[] = ['municipal_admin', 'consultation'];

export const managesEveryEvent = (roles: readonly Role[]) => roles.some((r) => TENANT_WIDE_ROLES.includes(r));

/** `scope`: 'all' for tenant-wide roles, else the organisers the account is a member of. */
export const mayManage = (scope: 'all' | readonly string[], organiserId: string) =>
  scope === 'all' || scope.includes(organiserId);

type EventLike = {
  status: 'draft' | 'published' | 'cancelled';
  registrationOpen: boolean;
  registrationClosesHoursBefore: number;
  capacity: number | null;
};
type SessionLike = { status: 'scheduled' | 'cancelled'; startsAt: Date; confirmedPeople: number };

/** A session takes registrations while its event is published and open and its closing hour has not come. */
export function isRegistrationOpen(event: EventLike, s: Omit<SessionLike, 'confirmedPeople'>, now: Date) {
  return (
    event.status === 'published' &&
    event.registrationOpen &&
    s.status === 'scheduled' &&
    now.getTime() < s.startsAt.getTime() - event.registrationClosesHoursBefore * 3_600_000
  );
}

/** Whether `people` more fit the seats left (no capacity: always). */
export const seatsFit = (capacity: number | null, confirmedPeople: number, people: number) =>
  capacity === null || confirmedPeople + people <= capacity;

/** Seats left in people; null = no limit. */
export const seatsLeft = (capacity: number | null, confirmedPeople: number) =>
  capacity === null ? null : Math.max(0, capacity - confirmedPeople);

/**
 * The sessions a registration takes: every open one, or the chosen ones, each of which must be open.
 * Nothing open at all is "closed"; a chosen session that is not open refuses the whole registration.
 */
export function chooseSessions<S extends { id: string }>(
  open: readonly S[],
  wanted: readonly string[] | undefined,
): { allowed: true; sessions: S[] } | { allowed: false; reason: 'session_not_open' | 'registration_closed' } {
  let chosen = [...open];
  if (wanted) {
    const set = new Set(wanted);
    chosen = open.filter((s) => set.has(s.id));
    if (chosen.length !== set.size || chosen.length === 0) return refuse('session_not_open');
  }
  if (chosen.length === 0) return refuse('registration_closed');
  return { allowed: true, sessions: chosen };
}

/** A session somebody signed up for (a seat or a place in line) is cancelled, never removed. */
export function mayRemoveSession(s: { confirmedPeople: number; waitlistedPeople: number }) {
  return s.confirmedPeople > 0 || s.waitlistedPeople > 0 ? refuse('session_removed') : ALLOWED;
}

/** Free seats go to the waiting list only for a scheduled session of a published event still to come. */
export const mayPromote = (
  event: Pick<EventLike, 'status'>,
  s: Pick<SessionLike, 'status' | 'startsAt'>,
  now: Date,
) => s.status === 'scheduled' && event.status === 'published' && s.startsAt > now;

/** A person cancels a seat (or a place in line) once, and only before the session starts. */
export function mayCancelSeat(
  seat: { status: 'confirmed' | 'waitlisted' | 'cancelled' },
  s: Pick<SessionLike, 'startsAt'>,
  now: Date,
): Decision<'already_cancelled' | 'session_started'> {
  if (seat.status === 'cancelled') return refuse('already_cancelled');
  if (s.startsAt <= now) return refuse('session_started');
  return ALLOWED;
}

/** What the person's page offers: a seat still held, in a session to come, of an event not cancelled. */
export const isSeatCancellable = (
  seat: { status: 'confirmed' | 'waitlisted' | 'cancelled' },
  s: Pick<SessionLike, 'startsAt'>,
  event: Pick<EventLike, 'status'>,
  now: Date,
) => seat.status !== 'cancelled' && s.startsAt > now && event.status !== 'cancelled';

/** An edit must start from the version stored; an older one is a conflict (someone saved in between). */
export const isCurrentVersion = (stored: number, given: number) => stored === given;
