/**
 * Per-record rules of the directory (pure; called first in each use case, unit-tested).
 *
 * An entry moves draft → in_review → published; a second person publishes (whoever last changed or
 * submitted it may not); saving returns it to draft; only what the public sees can be withdrawn.
 * Every edit names the version it started from, so two people editing at once cannot overwrite each
 * other unseen.
 */
import type { PlacesErrorCode } from './places.errors.ts';

export type Decision = { allowed: true } | { allowed: false; reason: PlacesErrorCode | 'stale_version' };

const ALLOWED: Decision = { allowed: true };
const refuse = (reason: PlacesErrorCode | 'stale_version'): Decision => ({ allowed: false, reason });

/** What the rules read of an entry. */
export type PlaceState = {
  version: number;
  publication: 'draft' | 'in_review' | 'published';
  submittedBy: string | null;
  updatedBy: string | null;
  publishedAt: Date | null;
};

/** An edit is made to the version it was read at (409 with the current entry otherwise). */
export function isCurrentVersion(row: Pick<PlaceState, 'version'>, version: number): Decision {
  return row.version === version ? ALLOWED : refuse('stale_version');
}

export function maySubmit(row: PlaceState): Decision {
  return row.publication === 'draft' ? ALLOWED : refuse('places_wrong_state');
}

/** The four-eyes rule: the reviewer is neither the last editor nor the submitter. */
export function mayPublish(row: PlaceState, actorId: string): Decision {
  if (row.publication !== 'in_review') return refuse('places_wrong_state');
  if (row.submittedBy === actorId || row.updatedBy === actorId) return refuse('places_review_second_person');
  return ALLOWED;
}

export function mayReturn(row: PlaceState): Decision {
  return row.publication === 'in_review' ? ALLOWED : refuse('places_wrong_state');
}

/** Only an entry the public sees can be taken off the directory. */
export function mayWithdraw(row: PlaceState): Decision {
  return row.publishedAt !== null ? ALLOWED : refuse('places_wrong_state');
}

/** Whether the staff page offers this person the review buttons (the same rule as `mayPublish`). */
export function canReview(row: PlaceState, actorId: string | null): boolean {
  return actorId !== null && mayPublish(row, actorId).allowed;
}

/** An external id names one entry of a municipality (`holderId`: the entry that has it now, if any). */
export function mayUseExternalId(holderId: string | null, entryId?: string): Decision {
  return holderId === null || holderId === entryId ? ALLOWED : refuse('places_external_id_taken');
}

/** A previewed import is confirmed once; rows with errors are left out only when staff say so. */
export function mayConfirmImport(
  row: { status: string; errorCount: number },
  skipInvalid: boolean,
): Decision {
  if (row.status !== 'previewed') return refuse('places_import_state');
  if (row.errorCount > 0 && !skipInvalid) return refuse('places_import_has_errors');
  return ALLOWED;
}

/** The date a check is recorded on: the one staff gave, never a day still to come. */
export function verifiedDate(given: string | undefined, today: string): string {
  return given && given <= today ? given : today;
}
