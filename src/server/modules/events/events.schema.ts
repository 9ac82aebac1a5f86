import { z } from 'zod';
import {
  EventAudience,
  EventDelivery,
  EventKind,
  EventStatus,
  OrganiserKind,
  SessionStatus,
} from '../../../shared/contracts/events.ts';
import { MunicipalityCode, PrefectureCode } from '../../../shared/municipality-code.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { freeText, requiredText } from '../../platform/http/fields.ts';
import { listQueryShape } from '../../platform/http/list.ts';
import { normalizeReading } from '../../platform/text/normalize.ts';
import { EVENTS_FIELD as F } from './events.errors.ts';

const nfkc = (s: string) => s.normalize('NFKC').trim();

const Reading = z
  .string()
  .max(200)
  .transform((s) => normalizeReading(s))
  .refine((s) => /^[\u3041-\u3096\u30fc\u309d\u309ea-z0-9 ]*$/.test(s), {
    message: fieldMessage(F.reading),
  });

const Phone = z
  .string()
  .transform(nfkc)
  .pipe(
    z
      .string()
      .max(30)
      .regex(/^[0-9#+()\- ]*$/, {
        message: fieldMessage(F.phone),
      }),
  );

const DateTime = z.iso.datetime({
  offset: true,
  message: fieldMessage(F.dateTime),
});

const SessionInput = z
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
    message: fieldMessage(F.endAfterStart),
  });

const EventFields = {
  organiserId: z.uuid(),
  kind: EventKind,
  title: requiredText(120, fieldMessage(F.title)),
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
    .min(1, { message: fieldMessage(F.sessionsMin) })
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
      message: fieldMessage(F.venueOrAddress),
    });
  if (e.kind === 'family_study_series' && e.sessions.length < 2)
    ctx.addIssue({
      code: 'custom',
      path: ['sessions'],
      message: fieldMessage(F.seriesSessions),
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
  from: z.iso.date({ message: fieldMessage(F.date) }).optional(),
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

const Email = z
  .string()
  .transform(nfkc)
  .pipe(z.email({ message: fieldMessage(F.email) }).max(254));

export const RegisterBody = z.strictObject({
  nickname: requiredText(40, fieldMessage(F.nickname)),
  people: z.number().int().min(1).max(10),
  email: Email.nullable().default(null),
  phone: Phone.nullable().default(null),
  needs: freeText(500).default(''),
  nameConsent: z.boolean().default(false),
  /** For a series: only these sessions (default every session still open). */
  sessionIds: z.array(z.uuid()).max(52).optional(),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

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

export const AttendanceBody = z.strictObject({
  /** People who came (a count, never names). */
  count: z.number().int().min(0).max(10_000),
});

export const MessageBody = z.strictObject({
  subject: requiredText(120, fieldMessage(F.subject)).refine((s) => !/[\r\n]/.test(s), {
    message: fieldMessage(F.subjectOneLine),
  }),
  body: requiredText(4000, fieldMessage(F.messageBody)),
  /** Only registrants of this session (default: every registrant of the event). */
  sessionId: z.uuid().nullable().default(null),
  includeWaitlisted: z.boolean().default(false),
});

export const OrganiserParams = z.strictObject({ id: z.uuid() });
export const OrganiserBody = z.strictObject({
  kind: OrganiserKind,
  name: requiredText(120, fieldMessage(F.organiserName)),
  /** The association's entry in the directory (places), if any. */
  placeId: z.uuid().nullable().default(null),
  /** Accounts of this tenant that manage the organiser's events (family-association accounts). */
  memberAccountIds: z.array(z.uuid()).max(50).default([]),
});
export type OrganiserBody = z.infer<typeof OrganiserBody>;
