import { sql } from 'drizzle-orm';
import type { DataKey } from '../config.ts';
import { blindIndex } from '../crypto/fields.ts';
import { type Database, rows, type Tx } from '../db/client.ts';
import { asSystem } from '../db/tenant.ts';

/**
 * Failed-attempt limits for guessing secrets (passwords, second-factor codes): 5 failures within
 * 15 minutes lock the subject for 15 minutes, by the business clock.
 *
 * Attempts are counted *before* the secret is checked and forgiven on success, so a burst of parallel
 * guesses cannot slip past the limit while the first ones are still being verified.
 */
export const THROTTLE_MAX_FAILURES = 5;
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_LOCK_MS = 15 * 60_000;

export type AttemptGate = { allowed: true } | { allowed: false; lockedUntil: Date };

/**
 * Login attempts are throttled per e-mail address whether or not an account has it (otherwise the lock
 * itself would reveal which addresses exist). The key is an HMAC, so the table names nobody.
 */
export function loginThrottleSubject(email: string, keys: readonly DataKey[]): string {
  return `login:${blindIndex(email, keys[0]!, 'auth_throttles.login')}`;
}

export function mfaThrottleSubject(accountId: string): string {
  return `mfa:${accountId}`;
}

type Row = { failures: number; locked_until: string | Date | null };

const asDate = (value: string | Date | null): Date | null => (value === null ? null : new Date(value));

/** Counts an attempt; refuses it while the subject is locked. */
export async function beginAttempt(db: Database, subject: string, now: Date): Promise<AttemptGate> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  return asSystem(db, async (tx) => {
    const [row] = await rows<Row>(
      tx,
      sql`insert into auth_throttles as t (subject, failures, window_started_at, locked_until)
          values (${subject}, 1, ${at}::timestamptz, null)
          on conflict (subject) do update set
            failures = case when (t.locked_until is not null and t.locked_until <= ${at}::timestamptz)
                              or (t.locked_until is null and t.window_started_at <= ${windowStart}::timestamptz)
                            then 1 else t.failures + 1 end,
            window_started_at = case when (t.locked_until is not null and t.locked_until <= ${at}::timestamptz)
                              or (t.locked_until is null and t.window_started_at <= ${windowStart}::timestamptz)
                            then ${at}::timestamptz else t.window_started_at end,
            locked_until = case when t.locked_until is not null and t.locked_until <= ${at}::timestamptz
                            then null else t.locked_until end
          returning failures, locked_until`,
    );
    const lockedUntil = asDate(row?.locked_until ?? null);
    if (lockedUntil && lockedUntil > now) return { allowed: false, lockedUntil };
    if ((row?.failures ?? 0) > THROTTLE_MAX_FAILURES) {
      // Parallel attempts beyond the limit: lock now.
      return { allowed: false, lockedUntil: await lock(tx, subject, now) };
    }
    return { allowed: true };
  });
}

async function lock(tx: Tx, subject: string, now: Date): Promise<Date> {
  const until = new Date(now.getTime() + THROTTLE_LOCK_MS).toISOString();
  const [row] = await rows<{ locked_until: string | Date }>(
    tx,
    sql`update auth_throttles set locked_until = coalesce(locked_until, ${until}::timestamptz)
        where subject = ${subject} returning locked_until`,
  );
  return asDate(row?.locked_until ?? until)!;
}

/** The attempt failed: returns the lock's end when this failure reached the limit. */
export async function recordFailure(db: Database, subject: string, now: Date): Promise<Date | null> {
  return asSystem(db, async (tx) => {
    const [row] = await rows<Row>(
      tx,
      sql`select failures, locked_until from auth_throttles where subject = ${subject}`,
    );
    if (!row || row.failures < THROTTLE_MAX_FAILURES) return null;
    return lock(tx, subject, now);
  });
}

/** The attempt succeeded: earlier failures are forgiven. */
export async function recordSuccess(db: Database, subject: string): Promise<void> {
  await asSystem(db, (tx) => tx.execute(sql`delete from auth_throttles where subject = ${subject}`));
}

/** Removes state that can no longer matter (for a periodic job). */
export async function pruneThrottles(db: Database, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - THROTTLE_WINDOW_MS - THROTTLE_LOCK_MS).toISOString();
  await asSystem(db, (tx) =>
    tx.execute(
      sql`delete from auth_throttles where window_started_at < ${cutoff}::timestamptz
          and (locked_until is null or locked_until < ${now.toISOString()}::timestamptz)`,
    ),
  );
}
