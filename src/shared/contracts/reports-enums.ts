/**
 * The reports' value lists and status transitions, without zod: the public report form offers the
 * categories and is a public page, whose bundle must not take zod in (as places-enums.ts for the
 * directory). `reports.ts` builds its schemas from these and re-exports them; the server's policy
 * and the staff console take the transitions from here, so there is one list of them.
 */

export const REPORT_CATEGORIES = [
  'forced_removal',
  'confinement',
  'violence',
  'threats',
  'pressure_to_sign',
  'high_fees',
  'contact_cut_off',
  'other',
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export const REPORT_STATUSES = ['new', 'in_progress', 'referred', 'closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORTER_ROLES = ['self', 'family', 'other'] as const;
export const DANGER_ANSWERS = ['yes', 'no', 'unsure'] as const;
export const SIGNERS = ['self', 'family', 'other', 'not_signed', 'unknown'] as const;
export const SALES_METHODS = ['visit', 'phone', 'other', 'unknown'] as const;
export const NOTE_KINDS = ['internal', 'reply', 'addition'] as const;
export const REFERRAL_TARGETS = ['consumer_centre', 'police', 'other'] as const;
export const OPERATOR_IDENTIFIER_KINDS = ['name', 'phone', 'website'] as const;

export type Danger = (typeof DANGER_ANSWERS)[number];
export type ReporterRole = (typeof REPORTER_ROLES)[number];
export type Signer = (typeof SIGNERS)[number];
export type SalesMethod = (typeof SALES_METHODS)[number];
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];

/** new → in progress → referred → closed; a closed report can be reopened (the policy and the screen). */
export const STATUS_TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  new: ['in_progress', 'referred', 'closed'],
  in_progress: ['referred', 'closed'],
  referred: ['in_progress', 'closed'],
  closed: ['in_progress'],
};
