/**
 * Per-record rules of peer support (pure; called first in each use case, unit-tested).
 *
 * Lived experience is the most personal thing the registry holds: only the supporter's coordinator
 * and the supporter read it, and only the coordinator changes it. A claim is decided by someone other
 * than its submitter (two people per payment). Shifts go to active supporters; a swap is taken by an
 * active colleague it was offered to.
 */
export type Refusal<R extends string> = { allowed: true } | { allowed: false; reason: R };

const allowed = { allowed: true } as const;
const refused = <R extends string>(reason: R) => ({ allowed: false, reason }) as const;

type SupporterPeople = { coordinatorAccountId: string; accountId: string | null };

export function mayReadExperience(supporter: SupporterPeople, viewerAccountId: string): boolean {
  return viewerAccountId === supporter.coordinatorAccountId || viewerAccountId === supporter.accountId;
}

export function mayChangeExperience(supporter: SupporterPeople, actorAccountId: string): boolean {
  return actorAccountId === supporter.coordinatorAccountId;
}

/** Who may decide (approve or reject) a claim: one still submitted, by someone other than its submitter. */
export function mayDecideClaim(
  claim: { status: 'submitted' | 'approved' | 'rejected'; submittedBy: string },
  actorAccountId: string,
): Refusal<'claim_state' | 'own_claim'> {
  if (claim.status !== 'submitted') return refused('claim_state');
  if (claim.submittedBy === actorAccountId) return refused('own_claim');
  return allowed;
}

/** A shift is given to an active supporter and ends after it starts. */
export function mayScheduleShift(input: {
  supporterStatus: 'active' | 'paused' | 'ended';
  startsAt: string;
  endsAt: string;
}): Refusal<'supporter_not_active' | 'ends_before_start'> {
  if (input.supporterStatus !== 'active') return refused('supporter_not_active');
  if (new Date(input.endsAt) <= new Date(input.startsAt)) return refused('ends_before_start');
  return allowed;
}

/** A swap is asked of a scheduled shift, offered to anyone or to another active colleague. */
export function mayRequestSwap(input: {
  shiftStatus: 'scheduled' | 'cancelled';
  fromSupporterId: string;
  to: { id: string; status: 'active' | 'paused' | 'ended' } | null | 'unknown';
}): Refusal<'swap_state' | 'colleague'> {
  if (input.shiftStatus !== 'scheduled') return refused('swap_state');
  if (input.to === null) return allowed;
  if (input.to === 'unknown' || input.to.id === input.fromSupporterId || input.to.status !== 'active')
    return refused('colleague');
  return allowed;
}

/**
 * The taker of an open swap: not the one who asked, the colleague it was addressed to (if any; to
 * anyone else it does not exist), and active.
 */
export function mayAcceptSwap(
  swap: { status: 'open' | 'accepted' | 'withdrawn'; fromSupporterId: string; toSupporterId: string | null },
  taker: { id: string },
): Refusal<'swap_state' | 'not_addressed'> {
  if (swap.status !== 'open' || swap.fromSupporterId === taker.id) return refused('swap_state');
  if (swap.toSupporterId && swap.toSupporterId !== taker.id) return refused('not_addressed');
  return allowed;
}

/** Where a claim's money is, from its payment lines (a returned line frees it to be paid again). */
export function paymentOf(
  lines: ReadonlyArray<{ status: 'pending' | 'paid' | 'returned' }>,
): 'unpaid' | 'in_batch' | 'paid' | 'returned' {
  const live = lines.find((l) => l.status !== 'returned');
  if (live) return live.status === 'paid' ? 'paid' : 'in_batch';
  return lines.length > 0 ? 'returned' : 'unpaid';
}
