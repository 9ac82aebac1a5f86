/**
 * The events' value lists, without zod: the public event search offers them on a public page, whose
 * bundle must not take zod in (as places-enums.ts for the directory). `events.ts` builds its schemas
 * from these and re-exports them.
 */

export const ORGANISER_KINDS = ['tenant', 'family_association', 'peer_group'] as const;
export const EVENT_KINDS = [
  'family_study_series',
  'family_salon',
  'open_day',
  'lecture',
  'peer_meeting',
  'other',
] as const;
export const EVENT_AUDIENCES = ['family', 'person', 'both', 'supporters', 'anyone'] as const;
export const EVENT_DELIVERIES = ['in_person', 'online', 'both'] as const;
export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export const SEAT_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
