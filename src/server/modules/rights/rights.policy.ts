/**
 * Per-record rules of rights requests (pure; called first in each use case, unit-tested in
 * rights.policy.unit.test.ts).
 */

/**
 * The proposed decision for a held item: closed 支援会議 materials (106-6) and third parties'
 * statements are withheld with the reason; everything else is released. Staff may change it.
 */
export function proposedWithholding(item: {
  origin: string;
  closed?: boolean;
}): 'closed_support_conference' | 'third_party_statement' | null {
  if (item.closed) return 'closed_support_conference';
  if (item.origin === 'third_party') return 'third_party_statement';
  return null;
}

/** An approved disclosure is final: its items are no longer decided again nor approved twice. */
export function mayChangeDisclosure(d: { status: string }): boolean {
  return d.status !== 'approved';
}

/** The document reaches the person only after staff have reviewed and approved it. */
export function mayReleaseDisclosure(d: { status: string; approvedAt: Date | null }): boolean {
  return d.status === 'approved' && d.approvedAt !== null;
}

/** A correction request is decided once. */
export function mayDecideCorrection(c: { outcome: string | null }): boolean {
  return !c.outcome;
}

/** Months before `now` (calendar months, UTC); a day past the month's end becomes its last day. */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
