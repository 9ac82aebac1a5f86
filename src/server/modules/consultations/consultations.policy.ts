/**
 * Per-record rules of consultations (pure; called first in each use case, unit-tested in
 * consultations.policy.unit.test.ts).
 */

/** A consultation opens one support record: linking it again to the same person is harmless, to another refused. */
export function mayLinkToPerson(row: { personId: string | null }, personId: string): boolean {
  return !row.personId || row.personId === personId;
}

/** Whole hours a writer has waited for a reply (never negative), or null when nothing waits. */
export function unansweredHours(awaitingReplySince: Date | null, now: Date): number | null {
  return awaitingReplySince
    ? Math.max(0, Math.floor((now.getTime() - awaitingReplySince.getTime()) / 3_600_000))
    : null;
}
