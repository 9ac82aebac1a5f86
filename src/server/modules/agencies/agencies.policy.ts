/**
 * Per-record rules of agencies, referrals and conferences (pure; called first in each use case,
 * unit-tested in agencies.policy.unit.test.ts). The lawful basis itself (consent records, 支援会議
 * decisions) is read from the database by agencies.basis.ts; what to do with what it found is here.
 */
import type { REFERRAL_STATUSES } from '../../../shared/contracts/agencies.ts';

export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

const TRANSITIONS = {
  accept: { from: ['requested'], to: 'accepted' },
  decline: { from: ['requested'], to: 'declined' },
  progress: { from: ['accepted'], to: 'in_progress' },
  complete: { from: ['accepted', 'in_progress'], to: 'completed' },
  withdraw: { from: ['requested', 'accepted', 'in_progress'], to: 'withdrawn' },
} as const satisfies Record<string, { from: readonly ReferralStatus[]; to: ReferralStatus }>;
export type ReferralAction = keyof typeof TRANSITIONS;

/** Where a referral goes on an action, or why it cannot (a stale version is refused first). */
export function referralStep(
  r: { status: ReferralStatus; version: number },
  action: ReferralAction,
  version: number,
):
  | { allowed: true; to: ReferralStatus }
  | { allowed: false; reason: 'stale_version' | 'transition_invalid' } {
  if (r.version !== version) return { allowed: false, reason: 'stale_version' };
  const step = TRANSITIONS[action];
  if (!(step.from as readonly ReferralStatus[]).includes(r.status))
    return { allowed: false, reason: 'transition_invalid' };
  return { allowed: true, to: step.to };
}

/** An agency declining a referral says why (the worker needs it to look for another way). */
export function mayAgencyAct(
  action: ReferralAction,
  note: string,
): { allowed: true } | { allowed: false; reason: 'decline_reason_missing' } {
  if (action === 'decline' && !note) return { allowed: false, reason: 'decline_reason_missing' };
  return { allowed: true };
}

/** Accepting or progressing a referral shows its content again, so it needs the basis in force. */
export const agencyActionNeedsBasis = (action: ReferralAction) =>
  action === 'accept' || action === 'progress';

/** May the agency read a referral's content? Never after withdrawal; otherwise while the basis holds. */
export function mayAgencyReadReferral(r: { status: ReferralStatus }, basisInForce: boolean): boolean {
  return r.status !== 'withdrawn' && basisInForce;
}

/** A 支援会議 (106-6) is read only after the member has acknowledged the duty of confidentiality. */
export function mayReadConference(c: { kind: string }, member: { acknowledgedAt: Date | null }): boolean {
  return c.kind !== 'support_conference' || member.acknowledgedAt !== null;
}

/** Only an account of this municipality with the agency-member role joins an agency. */
export function mayJoinAgency(
  account: { tenantCode: string | null; roles: readonly string[] } | null,
  tenant: string,
): { allowed: true } | { allowed: false; reason: 'not_of_tenant' | 'not_agency_member' } {
  if (!account || account.tenantCode !== tenant) return { allowed: false, reason: 'not_of_tenant' };
  if (!account.roles.includes('agency_member')) return { allowed: false, reason: 'not_agency_member' };
  return { allowed: true };
}

/** A conference participant is an active account of this municipality. */
export function mayTakePart(
  account: { tenantCode: string | null; status: string } | null,
  tenant: string,
): boolean {
  return account !== null && account.tenantCode === tenant && account.status === 'active';
}

/**
 * A decision or share naming an agency records its basis: in a 支援会議 the conference itself (106-6);
 * in a 重層的支援会議 the person's consent naming that agency (the use case checks it is in force).
 * It must name the person and say what may be shared.
 */
export function itemBasis(input: {
  conferenceKind: string;
  itemKind: string;
  agencyId: string | null;
  personChosen: boolean;
  scope: string;
}):
  | { allowed: true; names: boolean; basis: 'support_conference' | 'consent' | null }
  | { allowed: false; reason: 'person_required' | 'scope_required' } {
  const names = input.agencyId !== null && (input.itemKind === 'share' || input.itemKind === 'decision');
  if (!input.agencyId || !names) return { allowed: true, names, basis: null };
  if (!input.personChosen) return { allowed: false, reason: 'person_required' };
  if (!input.scope.trim()) return { allowed: false, reason: 'scope_required' };
  return {
    allowed: true,
    names,
    basis: input.conferenceKind === 'support_conference' ? 'support_conference' : 'consent',
  };
}

/** In a 重層的支援会議 every agency present needs the person's consent; a 支援会議 needs none. */
export function needsAgencyConsent(conferenceKind: string, agencyId: string | null): agencyId is string {
  return conferenceKind === 'multilayer' && agencyId !== null;
}
