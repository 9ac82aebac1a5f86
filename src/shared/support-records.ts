/**
 * The fixed choices of a support record. The tables store them and the web offers them as options:
 * one list, so a choice added on one side cannot be missing on the other.
 */
export const AGE_GROUPS = [
  'under_15',
  '15_19',
  '20s',
  '30s',
  '40s',
  '50s',
  '60_64',
  '65_plus',
  'unknown',
] as const;

export const FAMILY_RELATIONSHIPS = [
  'mother',
  'father',
  'parent_other',
  'sibling',
  'spouse',
  'child',
  'grandparent',
  'relative',
  'other',
] as const;

export const CONSENT_PURPOSES = [
  'record_keeping',
  'labour_collaboration',
  'agency_referral',
  'family_sharing',
  'research_use',
] as const;
export const CONSENT_RECIPIENTS = [
  'municipality',
  'labour_department',
  'partner_agency',
  'family',
  'research',
] as const;
export const CONSENT_STATUSES = ['given', 'refused', 'withdrawn', 'expired'] as const;

export const NOTE_CONTACT_TYPES = [
  'visit',
  'office',
  'phone',
  'online',
  'outreach',
  'at_place',
  'family_only',
  'letter',
  'other',
] as const;
