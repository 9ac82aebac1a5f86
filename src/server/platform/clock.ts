/**
 * "Now" for every business rule. TSUNAGARI_CLOCK fixes it for tests and demos (refused in production),
 * so deadlines, fiscal years and reminders can be exercised without waiting.
 */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

/** A clock that can be moved by tests (e.g. past a retention period). */
export function settableClock(at: Date): Clock & { set(at: Date): void; advance(ms: number): void } {
  let current = at.getTime();
  return {
    now: () => new Date(current),
    set: (next) => {
      current = next.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
