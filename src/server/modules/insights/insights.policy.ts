import type { ReturnState } from '../../../shared/contracts/insights.ts';
import { hasPermission } from '../../../shared/permissions.ts';
import type { Role } from '../../../shared/roles.ts';

/**
 * Who may do what with an annual status return (pure: actor, action, record → allow/deny). Routes
 * already require a permission; this adds what depends on the record:
 *
 * - a municipality sees and keeps its own return only; a prefecture those of its own municipalities;
 *   national staff read every return (and write none). Anything else is `not_found` (404, never 403);
 * - the municipality edits while the return is a draft or returned, and submits it; the prefecture
 *   accepts or returns a submitted return;
 * - the prefecture enters the return of a municipality that does not keep its own (entered_by
 *   'prefecture'), and that return is accepted as the prefecture saves it; a return the municipality
 *   keeps itself is never overwritten by the prefecture.
 */
export type ReturnAction = 'read' | 'edit' | 'submit' | 'review' | 'enter_for';
export type PolicyActor = {
  scope: 'national' | 'prefecture' | 'tenant';
  tenant: string | null;
  roles: readonly Role[];
};
export type PolicyRecord = {
  municipalityCode: string;
  /** null: no return yet for the year. */
  state: ReturnState | null;
  enteredBy: 'municipality' | 'prefecture' | null;
};
export type PolicyResult =
  | { allowed: true }
  | { allowed: false; reason: 'not_found' | 'permission' | 'state' | 'kept_by_municipality' };

const deny = (reason: Exclude<PolicyResult, { allowed: true }>['reason']): PolicyResult => ({
  allowed: false,
  reason,
});
const allow: PolicyResult = { allowed: true };

/** Whether the actor's scope covers the municipality at all (else: 404). */
export function covers(actor: PolicyActor, municipalityCode: string): boolean {
  if (actor.scope === 'national') return true;
  if (!actor.tenant) return false;
  if (actor.scope === 'prefecture') return actor.tenant.slice(0, 2) === municipalityCode.slice(0, 2);
  return actor.tenant === municipalityCode;
}

export function authorizeReturn(
  actor: PolicyActor,
  action: ReturnAction,
  record: PolicyRecord,
): PolicyResult {
  if (!covers(actor, record.municipalityCode)) return deny('not_found');
  const own = actor.scope === 'tenant';
  const prefecture = actor.scope === 'prefecture';
  switch (action) {
    case 'read':
      return allow;
    case 'edit':
    case 'submit':
      if (!own || !hasPermission(actor.roles, 'returns.edit')) return deny('permission');
      if (record.enteredBy === 'prefecture') return deny('kept_by_municipality');
      if (record.state !== null && record.state !== 'draft' && record.state !== 'returned')
        return deny('state');
      return allow;
    case 'review':
      if (!prefecture || !hasPermission(actor.roles, 'returns.review')) return deny('permission');
      if (record.state !== 'submitted') return deny('state');
      return allow;
    case 'enter_for':
      if (!prefecture || !hasPermission(actor.roles, 'returns.review')) return deny('permission');
      if (record.enteredBy === 'municipality') return deny('kept_by_municipality');
      return allow;
  }
}

/** The state a return moves to; null when the move is not allowed from `from`. */
export function nextState(
  from: ReturnState | null,
  move: 'save' | 'submit' | 'accept' | 'return' | 'enter_for',
): ReturnState | null {
  switch (move) {
    case 'save':
      return from === null || from === 'draft' ? 'draft' : from === 'returned' ? 'returned' : null;
    case 'submit':
      return from === 'draft' || from === 'returned' ? 'submitted' : null;
    case 'accept':
      return from === 'submitted' ? 'accepted' : null;
    case 'return':
      return from === 'submitted' ? 'returned' : null;
    case 'enter_for':
      return 'accepted';
  }
}

/** On time: submitted (or entered by the prefecture) on or before the due date (JST business date). */
export function isOnTime(submittedOn: string | null, dueOn: string): boolean | null {
  if (submittedOn === null) return null;
  return submittedOn <= dueOn;
}
