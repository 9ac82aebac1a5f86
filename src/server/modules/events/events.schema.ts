import { z } from 'zod';
import { MunicipalityCode, PrefectureCode } from '../../../shared/municipality-code.ts';
import { freeText, requiredText } from '../../platform/http/fields.ts';
import { listQueryShape, listResponse } from '../../platform/http/list.ts';
import { normalizeReading } from '../../platform/text/normalize.ts';
import {
  EVENT_AUDIENCES,
  EVENT_DELIVERIES,
  EVENT_KINDS,
  EVENT_STATUSES,
  ORGANISER_KINDS,
  SEAT_STATUSES,
  SESSION_STATUSES,
} from './events.tables.ts';

export const EventKind = z.enum(EVENT_KINDS);
export const EventAudience = z.enum(EVENT_AUDIENCES);
export const EventDelivery = z.enum(EVENT_DELIVERIES);
export const EventStatus = z.enum(EVENT_STATUSES);
export const OrganiserKind = z.enum(ORGANISER_KINDS);
export const SeatStatus = z.enum(SEAT_STATUSES);
export const SessionStatus = z.enum(SESSION_STATUSES);

const nfkc = (s: string) => s.normalize('NFKC').trim();

const Reading = z
  .string()
  .max(200)
  .transform((s) => normalizeReading(s))
  .refine((s) => /^[\u3041-\u3096\u30fc\u309d\u309ea-z0-9 ]*$/.test(s), {
    message: 'よみは ひらがな・カタカナで入力してください / the reading must be kana',
  });

const Phone = z
  .string()
  .transform(nfkc)
  .pipe(
    z
      .string()
      .max(30)
      .regex(/^[0-9#+()\- ]*$/, {
        message: '電話番号は数字と - ( ) # + で入力してください / use digits and - ( ) # + only',
      }),
  );

const DateTime = z.iso.datetime({
  offset: true,
  message: '日時は ISO 8601 形式（例 2026-12-05T13:30:00+09:00）で / an ISO 8601 date-time with offset',
});

export const SessionInput = z
  .strictObject({
    /** An existing session's id when editing; absent for a new one. */
    id: z.uuid().optional(),
    topic: freeText(200).default(''),
    startsAt: DateTime,
    endsAt: DateTime,
    status: SessionStatus.default('scheduled'),
  })
  .refine((s) => new Date(s.endsAt) > new Date(s.startsAt), {
    path: ['endsAt'],
    message: '終了は開始より後にしてください / the end must be after the start',
  });

const EventFields = {
  organiserId: z.uuid(),
  kind: EventKind,
  title: requiredText(120, '名称を入力してください / enter a title'),
  titleKana: Reading.default(''),
  titleEn: freeText(200).default(''),
  description: freeText(3000).default(''),
  audience: EventAudience,
  delivery: EventDelivery,
  placeId: z.uuid().nullable().default(null),
  venueName: freeText(120).default(''),
  address: freeText(200).default(''),
  addressDetail: freeText(100).default(''),
  location: z
    .strictObject({ lat: z.number().min(20).max(46), lng: z.number().min(122).max(154) })
    .nullable()
    .default(null),
  accessNote: freeText(300).default(''),
  parkingNote: freeText(200).default(''),
  onlineNote: freeText(300).default(''),
  capacity: z.number().int().min(1).max(10_000).nullable().default(null),
  feeYen: z.number().int().min(0).max(1_000_000).default(0),
  feeNote: freeText(200).default(''),
  accessibility: freeText(500).default(''),
  contactName: freeText(100).default(''),
  contactPhone: Phone.default(''),
  registrationClosesHoursBefore: z
    .number()
    .int()
    .min(0)
    .max(24 * 30)
    .default(0),
  registrationOpen: z.boolean().default(true),
  status: EventStatus.default('draft'),
  sessions: z
    .array(SessionInput)
    .min(1, { message: '日程を1つ以上入力してください / add at least one session' })
    .max(52),
};

function checkEvent(
  e: { delivery: string; address: string; venueName: string; kind: string; sessions: unknown[] },
  ctx: z.RefinementCtx,
) {
  if (e.delivery !== 'online' && !e.address && !e.venueName)
    ctx.addIssue({
      code: 'custom',
      path: ['address'],
      message: '会場の名称か住所を入力してください / in-person events need a venue or address',
    });
  if (e.kind === 'family_study_series' && e.sessions.length < 2)
    ctx.addIssue({
      code: 'custom',
      path: ['sessions'],
      message: '家族学習会は2回以上の日程で組みます / a study series has two or more sessions',
    });
}

export const CreateEventBody = z.strictObject(EventFields).superRefine(checkEvent);
export type CreateEventBody = z.infer<typeof CreateEventBody>;
export const UpdateEventBody = z
  .strictObject({ ...EventFields, version: z.number().int().min(1) })
  .superRefine(checkEvent);
export type UpdateEventBody = z.infer<typeof UpdateEventBody>;

export const EventParams = z.strictObject({ id: z.uuid() });
export const SessionParams = z.strictObject({ id: z.uuid(), sessionId: z.uuid() });
export const IcsParams = z.strictObject({ id: z.string().max(60) });
export const FeedParams = z.strictObject({ file: z.string().max(60) });
export const TokenParams = z.strictObject({ token: z.string().max(100) });
/** 受付番号 and cancel code as typed (any case, spaces, hyphens, full-width): checked by the service. */
export const RegistrationCodeBody = z.strictObject({
  receiptNumber: z.string().max(40),
  cancelCode: z.string().max(40),
});
export const RegistrationCodeCancelBody = z.strictObject({
  receiptNumber: z.string().max(40),
  cancelCode: z.string().max(40),
  sessionId: z.uuid(),
});
export const TokenSessionParams = z.strictObject({ token: z.string().max(100), sessionId: z.uuid() });
export const OpenDataParams = z.strictObject({ file: z.string().max(60) });

// ── public ──

export const PublicListQuery = z.strictObject({
  prefecture: PrefectureCode.optional(),
  municipality: MunicipalityCode.optional(),
  kind: EventKind.optional(),
  audience: EventAudience.optional(),
  /** Sessions starting on or after this date (Asia/Tokyo); default today. */
  from: z.iso.date({ message: '日付は YYYY-MM-DD で / a date as YYYY-MM-DD' }).optional(),
  organiser: z.uuid().optional(),
  /**
   * A directory entry: events held there, or run by the organiser whose entry it is (a family
   * association's page lists its own salons and classes, issue 21 item 10).
   */
  place: z.uuid().optional(),
  /** Words in the title, its reading or the description (so an empty places search can offer events). */
  q: z.string().trim().max(100).optional(),
  ...listQueryShape,
});
export type PublicListQuery = z.infer<typeof PublicListQuery>;

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

const Email = z
  .string()
  .transform(nfkc)
  .pipe(z.email({ message: 'メールアドレスの形式を確認してください / check the e-mail address' }).max(254));

export const RegisterBody = z.strictObject({
  nickname: requiredText(40, 'ニックネームを入力してください / enter a nickname'),
  people: z.number().int().min(1).max(10),
  email: Email.nullable().default(null),
  phone: Phone.nullable().default(null),
  needs: freeText(500).default(''),
  nameConsent: z.boolean().default(false),
  /** For a series: only these sessions (default every session still open). */
  sessionIds: z.array(z.uuid()).max(52).optional(),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

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

export const StaffListQuery = z.strictObject({
  status: EventStatus.optional(),
  organiser: z.uuid().optional(),
  /** Any part of the title or the organiser's name (every word must be found). */
  q: z.string().trim().max(100).optional(),
  /** created: newest made first (default); date: the earliest first session first; title: 50音順. */
  sort: z.enum(['created', 'date', 'title']).optional(),
  ...listQueryShape,
});
export type StaffListQuery = z.infer<typeof StaffListQuery>;

export const StaffSession = PublicSession.extend({
  confirmedPeople: z.number(),
  waitlistedPeople: z.number(),
  attendanceCount: z.number().nullable(),
  attendanceRecordedAt: z.string().nullable(),
});

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
export const StaffEventList = listResponse(StaffEventSummary);

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
export const StaffRegistrationList = listResponse(StaffRegistration);

export const AttendanceBody = z.strictObject({
  /** People who came (a count, never names). */
  count: z.number().int().min(0).max(10_000),
});

export const MessageBody = z.strictObject({
  subject: requiredText(120, '件名を入力してください / enter a subject').refine((s) => !/[\r\n]/.test(s), {
    message: '件名は1行で / one line',
  }),
  body: requiredText(4000, '本文を入力してください / enter a message'),
  /** Only registrants of this session (default: every registrant of the event). */
  sessionId: z.uuid().nullable().default(null),
  includeWaitlisted: z.boolean().default(false),
});
export const MessageResult = z.object({ queued: z.number(), withoutContact: z.number() });

export const OrganiserParams = z.strictObject({ id: z.uuid() });
export const OrganiserBody = z.strictObject({
  kind: OrganiserKind,
  name: requiredText(120, '主催者の名称を入力してください / enter a name'),
  /** The association's entry in the directory (places), if any. */
  placeId: z.uuid().nullable().default(null),
  /** Accounts of this tenant that manage the organiser's events (family-association accounts). */
  memberAccountIds: z.array(z.uuid()).max(50).default([]),
});
export type OrganiserBody = z.infer<typeof OrganiserBody>;
export const OrganiserDetail = PublicOrganiser.extend({
  placeId: z.string().nullable(),
  memberAccountIds: z.array(z.string()),
});

export const OrganiserList = z.object({ items: z.array(OrganiserDetail) });
