import { grantableRoles } from '../../../shared/contracts/accounts.ts';
import type { Role } from '../../../shared/roles.ts';

/**
 * Who may grant which roles and change which account (pure: actor and account in, allowed or a
 * reason out). Routes already require `accounts.manage`; this adds what depends on the roles and the
 * record: an administrator hands out only roles of its own scope, never changes an account holding a
 * role it could not grant, and never disables itself; an April rotation moves work only between
 * active accounts.
 */
export type PolicyActor = { accountId: string; scope: string; roles: readonly Role[] };
export type PolicyAccount = { id: string; status: 'active' | 'disabled'; roles: readonly Role[] };

export type RoleDecision =
  | { allowed: true }
  | { allowed: false; reason: 'role_outside_scope'; refused: Role[] };
export type AccountDecision =
  | { allowed: true }
  | { allowed: false; reason: 'cannot_disable_self' | 'account_disabled' | 'hands_over_to_itself' };

const ALLOWED = { allowed: true } as const;

// The rule of which roles an administrator may grant is shared with the web page that offers them.
export { grantableRoles };

/** Whether every one of `roles` is grantable by the actor (roles given, or roles the account holds). */
export function mayGrantRoles(
  actor: Pick<PolicyActor, 'scope' | 'roles'>,
  roles: readonly Role[],
): RoleDecision {
  const allowed = grantableRoles(actor);
  const refused = roles.filter((r) => !allowed.includes(r));
  return refused.length > 0 ? { allowed: false, reason: 'role_outside_scope', refused } : ALLOWED;
}

/** Disabling: never one's own account (the last administrator could lock the town out). */
export function maySetStatus(
  actor: Pick<PolicyActor, 'accountId'>,
  accountId: string,
  status: 'active' | 'disabled',
): AccountDecision {
  if (status === 'disabled' && accountId === actor.accountId)
    return { allowed: false, reason: 'cannot_disable_self' };
  return ALLOWED;
}

/** A rotation changes (roles, disabling) active accounts only. */
export function mayChangeInRotation(account: Pick<PolicyAccount, 'status'>): AccountDecision {
  return account.status === 'active' ? ALLOWED : { allowed: false, reason: 'account_disabled' };
}

/** A caseload goes to another account that is active and not being disabled in the same plan. */
export function mayHandOver(
  from: Pick<PolicyAccount, 'id'>,
  to: Pick<PolicyAccount, 'id' | 'status'>,
  disabledInPlan: readonly string[],
): AccountDecision {
  if (from.id === to.id) return { allowed: false, reason: 'hands_over_to_itself' };
  if (to.status !== 'active' || disabledInPlan.includes(to.id))
    return { allowed: false, reason: 'account_disabled' };
  return ALLOWED;
}
