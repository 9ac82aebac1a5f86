import { hasPermission, type Permission } from '../../../shared/permissions.ts';
import type { Role } from '../../../shared/roles.ts';

/**
 * Who may do what with an application or a claim (pure: actor, action, record → allow/deny).
 * Routes already require the permission; this adds what depends on the record:
 *
 * - four eyes on money: whoever entered a monthly claim does not confirm its amount (額の確定);
 * - an application entered at the counter is decided by someone other than the staff member who
 *   typed it in (the decision is an act of the municipality, not of the person at the desk);
 * - bank details are shown in clear only to finance (everyone else sees them masked).
 */
export type SubsidyAction =
  | 'read'
  | 'unmask_bank'
  | 'unmask_contact'
  | 'check'
  | 'decide'
  | 'enter_claim'
  | 'confirm_claim';

export type PolicyActor = { accountId: string; roles: readonly Role[] };
export type PolicyRecord = { enteredBy?: string | null };
export type PolicyResult = { allowed: true } | { allowed: false; reason: 'permission' | 'four_eyes' };

const PERMISSION_OF: Record<SubsidyAction, Permission> = {
  read: 'subsidies.read',
  unmask_bank: 'subsidies.bank',
  unmask_contact: 'subsidies.review',
  check: 'subsidies.review',
  decide: 'subsidies.decide',
  enter_claim: 'subsidies.review',
  confirm_claim: 'subsidies.confirm',
};

const FOUR_EYES: ReadonlySet<SubsidyAction> = new Set(['decide', 'confirm_claim']);

export function authorize(
  actor: PolicyActor,
  action: SubsidyAction,
  record: PolicyRecord = {},
): PolicyResult {
  if (!hasPermission(actor.roles, PERMISSION_OF[action])) return { allowed: false, reason: 'permission' };
  if (FOUR_EYES.has(action) && record.enteredBy && record.enteredBy === actor.accountId)
    return { allowed: false, reason: 'four_eyes' };
  return { allowed: true };
}
