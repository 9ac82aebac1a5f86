import { describe, expect, it } from 'vitest';
import {
  canReview,
  isCurrentVersion,
  mayConfirmImport,
  mayPublish,
  mayReturn,
  maySubmit,
  mayUseExternalId,
  mayWithdraw,
  type PlaceState,
  verifiedDate,
} from './places.policy.ts';

const entry = (over: Partial<PlaceState> = {}): PlaceState => ({
  version: 3,
  publication: 'draft',
  submittedBy: null,
  updatedBy: 'editor',
  publishedAt: null,
  ...over,
});

describe('places policy', () => {
  it('an edit is made to the version it was read at', () => {
    expect(isCurrentVersion(entry(), 3)).toEqual({ allowed: true });
    expect(isCurrentVersion(entry(), 2)).toEqual({ allowed: false, reason: 'stale_version' });
  });

  it('only a draft is submitted for review', () => {
    expect(maySubmit(entry())).toEqual({ allowed: true });
    expect(maySubmit(entry({ publication: 'in_review' }))).toEqual({
      allowed: false,
      reason: 'places_wrong_state',
    });
    expect(maySubmit(entry({ publication: 'published' })).allowed).toBe(false);
  });

  it('a second person publishes an entry in review', () => {
    const inReview = entry({ publication: 'in_review', submittedBy: 'submitter', updatedBy: 'editor' });
    expect(mayPublish(inReview, 'reviewer')).toEqual({ allowed: true });
    expect(mayPublish(inReview, 'submitter')).toEqual({
      allowed: false,
      reason: 'places_review_second_person',
    });
    expect(mayPublish(inReview, 'editor')).toEqual({ allowed: false, reason: 'places_review_second_person' });
    expect(mayPublish(entry(), 'reviewer')).toEqual({ allowed: false, reason: 'places_wrong_state' });
  });

  it('the review buttons follow the publishing rule, and nobody signed out sees them', () => {
    const inReview = entry({ publication: 'in_review', submittedBy: 'submitter' });
    expect(canReview(inReview, 'reviewer')).toBe(true);
    expect(canReview(inReview, 'submitter')).toBe(false);
    expect(canReview(inReview, null)).toBe(false);
    expect(canReview(entry(), 'reviewer')).toBe(false);
  });

  it('only an entry in review is returned', () => {
    expect(mayReturn(entry({ publication: 'in_review' }))).toEqual({ allowed: true });
    expect(mayReturn(entry())).toEqual({ allowed: false, reason: 'places_wrong_state' });
  });

  it('only what the public sees is withdrawn', () => {
    expect(mayWithdraw(entry({ publishedAt: new Date('2026-11-01T00:00:00Z') }))).toEqual({ allowed: true });
    expect(mayWithdraw(entry())).toEqual({ allowed: false, reason: 'places_wrong_state' });
  });

  it('an external id names one entry of the municipality', () => {
    expect(mayUseExternalId(null)).toEqual({ allowed: true });
    expect(mayUseExternalId('a', 'a')).toEqual({ allowed: true });
    expect(mayUseExternalId('a', 'b')).toEqual({ allowed: false, reason: 'places_external_id_taken' });
    expect(mayUseExternalId('a')).toEqual({ allowed: false, reason: 'places_external_id_taken' });
  });

  it('a previewed import is confirmed once, with its faulty rows left out only on request', () => {
    expect(mayConfirmImport({ status: 'previewed', errorCount: 0 }, false)).toEqual({ allowed: true });
    expect(mayConfirmImport({ status: 'previewed', errorCount: 2 }, true)).toEqual({ allowed: true });
    expect(mayConfirmImport({ status: 'previewed', errorCount: 2 }, false)).toEqual({
      allowed: false,
      reason: 'places_import_has_errors',
    });
    expect(mayConfirmImport({ status: 'applying', errorCount: 0 }, false)).toEqual({
      allowed: false,
      reason: 'places_import_state',
    });
  });

  it('a check is recorded on the day given, never on a day to come', () => {
    expect(verifiedDate('2026-11-30', '2026-12-05')).toBe('2026-11-30');
    expect(verifiedDate('2026-12-05', '2026-12-05')).toBe('2026-12-05');
    expect(verifiedDate('2026-12-06', '2026-12-05')).toBe('2026-12-05');
    expect(verifiedDate(undefined, '2026-12-05')).toBe('2026-12-05');
  });
});
