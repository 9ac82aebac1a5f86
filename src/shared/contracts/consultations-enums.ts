/**
 * The consultations' value lists, without zod: the public consultation form offers the writers and is
 * a public page, whose bundle must not take zod in (as places-enums.ts and reports-enums.ts).
 * `consultations.ts` builds its enums from these and re-exports them.
 */
export const CONSULTATION_WRITERS = ['person', 'family', 'other', 'unspecified'] as const;

export const CONSULTATION_STATUSES = ['open', 'closed'] as const;
