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
  // Counting the person in anonymous aggregate statistics (issue 16): counted unless refused or withdrawn.
  'statistics',
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

/** Who takes part in a person's support: a note's participants and a plan action's owner alike. */
export const SUPPORT_PARTIES = [
  'person',
  'family',
  'consultation_staff',
  'labour_staff',
  'agency',
  'peer_supporter',
  'other',
] as const;

/** The ways a person can be contacted (their contact preferences choose and rank them). */
export const CONTACT_CHANNELS = [
  'phone',
  'sms',
  'email',
  'letter',
  'online_chat',
  'video',
  'office_visit',
  'home_visit',
  'via_family',
] as const;

/** Labels of the age groups and intake urgencies, for the console and its exports (one wording). */
export const AGE_GROUP_LABELS = {
  ja: {
    under_15: '15歳未満',
    '15_19': '15〜19歳',
    '20s': '20代',
    '30s': '30代',
    '40s': '40代',
    '50s': '50代',
    '60_64': '60〜64歳',
    '65_plus': '65歳以上',
    unknown: '分からない',
  },
  en: {
    under_15: 'Under 15',
    '15_19': '15–19',
    '20s': '20s',
    '30s': '30s',
    '40s': '40s',
    '50s': '50s',
    '60_64': '60–64',
    '65_plus': '65 or over',
    unknown: 'Unknown',
  },
} as const satisfies Record<'ja' | 'en', Record<(typeof AGE_GROUPS)[number], string>>;

export const URGENCY_LEVELS = ['none', 'watch', 'urgent', 'emergency'] as const;
export const URGENCY_LABELS = {
  ja: { none: 'なし', watch: '見守りが必要', urgent: '急ぎ', emergency: '緊急' },
  en: { none: 'None', watch: 'Keep watch', urgent: 'Urgent', emergency: 'Emergency' },
} as const satisfies Record<'ja' | 'en', Record<(typeof URGENCY_LEVELS)[number], string>>;

/**
 * The paths a person may choose in their plan (issue 16 §2): shown as one distribution among others;
 * work is one of them, never a headline, a rank or a colour scale of its own.
 */
export const CHOSEN_PATHS = [
  'ibasho',
  'volunteering',
  'study',
  'training',
  'short_hours_work',
  'work',
  'other',
] as const;

/** Whose words a plan's goal is in. */
export const GOAL_WORDS_OF = ['person', 'family', 'supporter'] as const;

/** Bands of years since the withdrawal began (the outcome figures' disaggregation `since:<band>`). */
export const WITHDRAWAL_BANDS = ['0_2', '3_4', '5_9', '10_19', '20_plus'] as const;
export function withdrawalBand(fiscalYear: number, since: number): (typeof WITHDRAWAL_BANDS)[number] {
  const years = fiscalYear - since;
  if (years < 3) return '0_2';
  if (years < 5) return '3_4';
  if (years < 10) return '5_9';
  if (years < 20) return '10_19';
  return '20_plus';
}
