import type { CaseState } from '../../../shared/contracts/cases.ts';
import { hasPermission, type Permission } from '../../../shared/permissions.ts';
import type { Role } from '../../../shared/roles.ts';

/**
 * Who may do what with a model case (pure: actor, action, record → allow/deny), called first in every
 * use case. Routes already require the permission; this adds what depends on the record:
 *
 * - a case is seen by its author's tenant; by its prefecture once submitted; by national staff once
 *   accepted; by everyone once published (the same rule as the row-level security of `cases`). A case
 *   the caller may not see answers 404, as a record of another tenant does;
 * - the author edits, attaches and submits while the case is a draft or returned;
 * - the prefecture reviews a submitted case of its own prefecture, and not one its reviewer last
 *   edited (a prefecture may author cases too: then a second person reviews);
 * - national staff publish an accepted case;
 * - staff of any municipality ask about a published case; the author's staff answer.
 */
export type CaseAction = 'read' | 'edit' | 'submit' | 'review' | 'publish' | 'ask' | 'answer';

export type PolicyActor = {
  accountId: string;
  roles: readonly Role[];
  /** The actor's tenant (municipality or prefecture tenant code); null for national staff. */
  tenant: string | null;
};
export type PolicyCase = {
  authorCode: string;
  reviewerCode: string;
  state: CaseState;
  /** Who last changed the content (edited or submitted it). */
  updatedBy: string | null;
};
export type PolicyResult =
  | { allowed: true }
  | { allowed: false; reason: 'not_found' | 'permission' | 'state' | 'four_eyes' };

const PERMISSION_OF: Record<CaseAction, Permission> = {
  read: 'cases.read',
  edit: 'cases.author',
  submit: 'cases.author',
  review: 'cases.review',
  publish: 'cases.publish',
  ask: 'cases.ask',
  answer: 'cases.author',
};

export function canSee(actor: Pick<PolicyActor, 'tenant'>, record: PolicyCase): boolean {
  if (record.state === 'published') return true;
  if (actor.tenant !== null && actor.tenant === record.authorCode) return true;
  if (actor.tenant !== null && actor.tenant === record.reviewerCode) return record.state !== 'draft';
  if (actor.tenant === null) return record.state === 'accepted';
  return false;
}

const EDITABLE: ReadonlySet<CaseState> = new Set(['draft', 'returned']);

export function authorize(actor: PolicyActor, action: CaseAction, record: PolicyCase): PolicyResult {
  if (!canSee(actor, record)) return { allowed: false, reason: 'not_found' };
  if (!hasPermission(actor.roles, PERMISSION_OF[action])) return { allowed: false, reason: 'permission' };
  const own = actor.tenant !== null && actor.tenant === record.authorCode;
  switch (action) {
    case 'read':
      return { allowed: true };
    case 'edit':
    case 'submit':
      if (!own) return { allowed: false, reason: 'permission' };
      return EDITABLE.has(record.state) ? { allowed: true } : { allowed: false, reason: 'state' };
    case 'review':
      if (actor.tenant !== record.reviewerCode) return { allowed: false, reason: 'permission' };
      if (record.state !== 'submitted') return { allowed: false, reason: 'state' };
      if (record.updatedBy !== null && record.updatedBy === actor.accountId)
        return { allowed: false, reason: 'four_eyes' };
      return { allowed: true };
    case 'publish':
      if (actor.tenant !== null) return { allowed: false, reason: 'permission' };
      return record.state === 'accepted' ? { allowed: true } : { allowed: false, reason: 'state' };
    case 'ask':
      if (actor.tenant === null) return { allowed: false, reason: 'permission' };
      return record.state === 'published' ? { allowed: true } : { allowed: false, reason: 'state' };
    case 'answer':
      return own ? { allowed: true } : { allowed: false, reason: 'permission' };
  }
}
