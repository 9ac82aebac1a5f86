import { z } from 'zod';
import {
  EVENT_AUDIENCES,
  EVENT_DELIVERIES,
  EVENT_KINDS,
  EVENT_STATUSES,
  ORGANISER_KINDS,
  SEAT_STATUSES,
  SESSION_STATUSES,
} from './events-enums.ts';
import { listResponse } from './list.ts';

/**
 * Events and registrations (issue 5): what the server answers on /api/public/events… and /api/events…
 * and the web reads (type-only; the value lists a public page offers come from the zod-free
 * events-enums.ts).
 * Dates travel as ISO strings. Request bodies and querystrings stay in the server's events.schema.ts.
 */

export * from './events-enums.ts';

export const EventKind = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof EventKind>;
export const EventAudience = z.enum(EVENT_AUDIENCES);
export type EventAudience = z.infer<typeof EventAudience>;
export const EventDelivery = z.enum(EVENT_DELIVERIES);
export type EventDelivery = z.infer<typeof EventDelivery>;
export const EventStatus = z.enum(EVENT_STATUSES);
export type EventStatus = z.infer<typeof EventStatus>;
export const OrganiserKind = z.enum(ORGANISER_KINDS);
export type OrganiserKind = z.infer<typeof OrganiserKind>;
export const SeatStatus = z.enum(SEAT_STATUSES);
export type SeatStatus = z.infer<typeof SeatStatus>;
export const SessionStatus = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof SessionStatus>;

// ── public ──

export const PublicSession = z.object({
  id: z.string(),
  seq: z.number(),
  topic: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: SessionStatus,
  /** Seats left in people; null = no limit. 0 → new registrations go on the waiting list. */
  seatsLeft: z.number().nullable(),
  waitlisted: z.number(),
  registrationOpen: z.boolean(),
});
export type PublicSession = z.infer<typeof PublicSession>;

export const PublicOrganiser = z.object({ id: z.string(), kind: OrganiserKind, name: z.string() });
export type PublicOrganiser = z.infer<typeof PublicOrganiser>;

export const PublicEventSummary = z.object({
  id: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  prefectureName: z.string(),
  kind: EventKind,
  isSeries: z.boolean(),
  title: z.string(),
  audience: EventAudience,
  delivery: EventDelivery,
  venueName: z.string(),
  feeYen: z.number(),
  capacity: z.number().nullable(),
  status: EventStatus,
  organiser: PublicOrganiser,
  sessionCount: z.number(),
  nextSession: PublicSession.nullable(),
});
export type PublicEventSummary = z.infer<typeof PublicEventSummary>;

export const PublicListResponse = listResponse(PublicEventSummary);
export type PublicListResponse = z.infer<typeof PublicListResponse>;

export const PublicEvent = PublicEventSummary.extend({
  titleKana: z.string(),
  titleEn: z.string(),
  description: z.string(),
  address: z.string(),
  addressDetail: z.string(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  accessNote: z.string(),
  parkingNote: z.string(),
  onlineNote: z.string(),
  feeNote: z.string(),
  accessibility: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  placeId: z.string().nullable(),
  registrationOpen: z.boolean(),
  sessions: z.array(PublicSession),
});
export type PublicEvent = z.infer<typeof PublicEvent>;

export const RegistrationSessionView = z.object({
  sessionId: z.string(),
  seq: z.number(),
  topic: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  sessionStatus: SessionStatus,
  status: SeatStatus,
  /** 1 = next to be offered a seat; null unless waitlisted. */
  waitlistPosition: z.number().nullable(),
  cancellable: z.boolean(),
});
export type RegistrationSessionView = z.infer<typeof RegistrationSessionView>;

export const RegisterResult = z.object({
  /** The private link's token: shown once, never stored (only its hash). */
  token: z.string(),
  /** 受付番号 (`ABCD-EFGH`): the code the person keeps; with the cancel code it opens the registration. */
  receiptNumber: z.string(),
  /** 取り消し番号: shown once (and in the e-mail, if one was given), never stored (only its hash). */
  cancelCode: z.string(),
  eventId: z.string(),
  people: z.number(),
  sessions: z.array(RegistrationSessionView),
});
export type RegisterResult = z.infer<typeof RegisterResult>;

export const PublicRegistration = z.object({
  event: z.object({
    id: z.string(),
    title: z.string(),
    status: EventStatus,
    venueName: z.string(),
    address: z.string(),
    onlineNote: z.string(),
    contactName: z.string(),
    contactPhone: z.string(),
  }),
  people: z.number(),
  hasContact: z.boolean(),
  sessions: z.array(RegistrationSessionView),
});
export type PublicRegistration = z.infer<typeof PublicRegistration>;

// ── staff ──

export const StaffSession = PublicSession.extend({
  confirmedPeople: z.number(),
  waitlistedPeople: z.number(),
  attendanceCount: z.number().nullable(),
  attendanceRecordedAt: z.string().nullable(),
});
export type StaffSession = z.infer<typeof StaffSession>;

export const StaffEventSummary = z.object({
  id: z.string(),
  kind: EventKind,
  isSeries: z.boolean(),
  title: z.string(),
  status: EventStatus,
  organiser: PublicOrganiser,
  sessionCount: z.number(),
  firstStartsAt: z.string().nullable(),
  lastStartsAt: z.string().nullable(),
  confirmedPeople: z.number(),
  waitlistedPeople: z.number(),
  version: z.number(),
});
export type StaffEventSummary = z.infer<typeof StaffEventSummary>;
export const StaffEventList = listResponse(StaffEventSummary);
export type StaffEventList = z.infer<typeof StaffEventList>;

export const StaffEvent = z.object({
  id: z.string(),
  municipalityCode: z.string(),
  organiserId: z.string(),
  organiser: PublicOrganiser,
  kind: EventKind,
  isSeries: z.boolean(),
  title: z.string(),
  titleKana: z.string(),
  titleEn: z.string(),
  description: z.string(),
  audience: EventAudience,
  delivery: EventDelivery,
  placeId: z.string().nullable(),
  venueName: z.string(),
  address: z.string(),
  addressDetail: z.string(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  accessNote: z.string(),
  parkingNote: z.string(),
  onlineNote: z.string(),
  capacity: z.number().nullable(),
  feeYen: z.number(),
  feeNote: z.string(),
  accessibility: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  registrationClosesHoursBefore: z.number(),
  registrationOpen: z.boolean(),
  status: EventStatus,
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sessions: z.array(StaffSession),
});
export type StaffEvent = z.infer<typeof StaffEvent>;

export const StaffRegistration = z.object({
  id: z.string(),
  nickname: z.string(),
  people: z.number(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  needs: z.string(),
  nameConsent: z.boolean(),
  createdAt: z.string(),
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      seq: z.number(),
      status: SeatStatus,
      waitlistPosition: z.number().nullable(),
      /** Seats left in the session (null = no limit): a waiting party has more people than this. */
      seatsLeft: z.number().nullable(),
    }),
  ),
});
export type StaffRegistration = z.infer<typeof StaffRegistration>;
export const StaffRegistrationList = listResponse(StaffRegistration);
export type StaffRegistrationList = z.infer<typeof StaffRegistrationList>;

export const MessageResult = z.object({ queued: z.number(), withoutContact: z.number() });
export type MessageResult = z.infer<typeof MessageResult>;

export const OrganiserDetail = PublicOrganiser.extend({
  placeId: z.string().nullable(),
  memberAccountIds: z.array(z.string()),
});
export type OrganiserDetail = z.infer<typeof OrganiserDetail>;

export const OrganiserList = z.object({ items: z.array(OrganiserDetail) });
export type OrganiserList = z.infer<typeof OrganiserList>;
