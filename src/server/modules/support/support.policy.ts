import type { Role } from '../../../shared/roles.ts';

/**
 * Per-record rules of support records (pure: facts in, allowed or a reason out; no database, no
 * request). Each use case gathers the facts a rule needs, asks it before any write, and turns a
 * refusal into the module's error (support.errors.ts). The permission itself is the route's.
 */
export type Decision<Reason extends string> = { allowed: true } | { allowed: false; reason: Reason };

const allowed = { allowed: true } as const;
const refused = <R extends string>(reason: R) => ({ allowed: false, reason }) as const;

/** How the caller reaches a case; `canManage` only through the consultation role. */
export type Access = { via: 'consultation' | 'labour_consent'; canManage: boolean };

/**
 * Who sees a case (the consent check lives here, not only in the permission):
 * - consultation staff (相談支援員): every case of their tenant;
 * - labour staff (就労支援担当): only a case whose consent for `labour_collaboration` with the labour
 *   department is currently `given` (latest record, not past its expiry). A withdrawal hides it at once.
 * - anyone else: no case (municipal administrators manage accounts and settings, not case content).
 * A refusal answers 404, exactly like a case that does not exist.
 */
export function caseAccess(input: {
  roles: readonly Role[];
  labourConsentInForce: boolean;
}): { allowed: true; access: Access } | { allowed: false; reason: 'no_support_role' | 'no_labour_consent' } {
  if (input.roles.includes('consultation'))
    return { allowed: true, access: { via: 'consultation', canManage: true } };
  if (!input.roles.includes('labour')) return refused('no_support_role');
  if (!input.labourConsentInForce) return refused('no_labour_consent');
  return { allowed: true, access: { via: 'labour_consent', canManage: false } };
}

/** Labour staff see a case only through the person's consent: the use case asks the database then. */
export const needsLabourConsent = (roles: readonly Role[]) =>
  !roles.includes('consultation') && roles.includes('labour');

/** The role a note is written under: the author's support role (consultation before labour). */
export const writingRole = (roles: readonly Role[]): Role =>
  roles.includes('consultation') ? 'consultation' : 'labour';

/** Who may read a sensitive note besides those named: its author's role, always. */
export const readersOf = (roles: readonly Role[], sensitive: boolean, named: readonly string[]): string[] =>
  sensitive ? [...new Set([writingRole(roles), ...named])].sort() : [];

/** A sensitive note (配慮が必要な記録) is readable only by the roles it names; others read as absent. */
export function mayReadNote(
  roles: readonly string[],
  note: { sensitive: boolean; readableBy: readonly string[] },
): Decision<'sensitive'> {
  if (!note.sensitive || roles.some((r) => note.readableBy.includes(r))) return allowed;
  return refused('sensitive');
}

/** Two records merge only when they are two and neither is already merged into another. */
export function mayMerge(
  survivor: { id: string; mergedInto: string | null },
  duplicate: { id: string; mergedInto: string | null },
): Decision<'same_record' | 'already_merged'> {
  if (duplicate.id === survivor.id) return refused('same_record');
  if (duplicate.mergedInto || survivor.mergedInto) return refused('already_merged');
  return allowed;
}

/** A lead worker is an active account of the tenant (`null` facts: no worker named). */
export function mayLead(worker: { named: boolean; activeInTenant: boolean }): Decision<'unknown_worker'> {
  return !worker.named || worker.activeInTenant ? allowed : refused('unknown_worker');
}

/**
 * A consent names an agency of this tenant when it names one, corrects (supersedes) a record of
 * this person when it corrects one, and does not expire before it was decided. Checked in this
 * order, which is the order the refusals have always come in.
 */
export function mayRecordConsent(input: {
  agency: { named: boolean; ofTenant: boolean };
  supersedes: { named: boolean; ofPerson: boolean };
  decidedOn: string;
  expiresOn: string | null | undefined;
}): Decision<'agency_not_of_tenant' | 'supersedes_other_person' | 'expiry_before_decision'> {
  if (input.agency.named && !input.agency.ofTenant) return refused('agency_not_of_tenant');
  if (input.supersedes.named && !input.supersedes.ofPerson) return refused('supersedes_other_person');
  if (input.expiresOn && input.expiresOn < input.decidedOn) return refused('expiry_before_decision');
  return allowed;
}

/** A measure corrects (replaces) only a measure of the same person. */
export function mayReplaceMeasure(replaces: {
  named: boolean;
  ofPerson: boolean;
}): Decision<'not_of_person'> {
  return !replaces.named || replaces.ofPerson ? allowed : refused('not_of_person');
}

/**
 * Actions and GAS ratings refer to the plan's own goals: the index of the first reference to a goal
 * the plan does not have, so the refusal can point at it.
 */
export function mayReferToGoals(
  goalIds: { has(id: string): boolean },
  references: readonly (readonly string[])[],
): { allowed: true } | { allowed: false; reason: 'unknown_goal'; index: number } {
  const index = references.findIndex((ids) => ids.some((id) => !goalIds.has(id)));
  return index < 0 ? allowed : { allowed: false, reason: 'unknown_goal', index };
}

/** A period (days) to print runs forwards; both days are included, so one day is a period. */
export function mayPrintPeriod(period: { from: string; to: string }): Decision<'end_before_start'> {
  return period.from > period.to ? refused('end_before_start') : allowed;
}

/** A caseload beyond this is not a list to print; the export says so instead of truncating silently. */
export const PERSON_EXPORT_MAX = 5000;

export function mayExport(total: number): Decision<'too_many'> {
  return total > PERSON_EXPORT_MAX ? refused('too_many') : allowed;
}

/** What confirming an import looks at: its state and the problems its preview found. */
export type ImportFacts = {
  status: string;
  problems: readonly { row: number; code: string }[];
  skipInvalid: boolean;
};

/**
 * An import is applied once. It is refused while a required column is missing, or while rows have
 * problems unless the caller chose to skip them (an ignored column is not a problem of a row).
 */
export function mayConfirmImport(input: ImportFacts): Decision<'already_applied' | 'has_problems'> {
  if (input.status === 'applied') return refused('already_applied');
  if (input.problems.some((p) => p.code === 'missing_column')) return refused('has_problems');
  if (invalidRows(input.problems).size > 0 && !input.skipInvalid) return refused('has_problems');
  return allowed;
}

/** The rows an import leaves out when confirmed with `skipInvalid`. */
export const invalidRows = (problems: readonly { row: number; code: string }[]) =>
  new Set(problems.filter((p) => p.row > 0 && p.code !== 'unknown_column').map((p) => p.row));
