/**
 * The directory's value lists, without zod: the public search page is in the first load, which must
 * stay under 100 KB compressed (test/e2e/first-load.e2e.test.ts), and zod alone is ~25 KB of it.
 * `places.ts` builds its enums from these.
 */
export const PLACE_KINDS = [
  'ibasho',
  'consultation_window',
  'family_association',
  'peer_space',
  'opportunity',
] as const;

export const OPERATOR_TYPES = [
  'municipality',
  'centre',
  'npo',
  'family_association',
  'peer_run',
  'business',
] as const;

export const LIFE_STAGES = ['school_age', 'working_age', 'age_40_64', 'age_65_plus'] as const;

export const FIRST_VISIT = [
  'anonymous_ok',
  'no_need_to_talk',
  'accompanied_first_visit',
  'quiet_room',
  'women_only_times',
] as const;
