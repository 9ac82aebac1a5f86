import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  doublePrecision,
  index,
  integer,
  pgPolicy,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  EVENT_AUDIENCES,
  EVENT_DELIVERIES,
  EVENT_KINDS,
  EVENT_STATUSES,
  ORGANISER_KINDS,
  SEAT_STATUSES,
  SESSION_STATUSES,
} from '../../../shared/contracts/events.ts';
import type { EncryptedColumn } from '../../platform/crypto/registry.ts';
import { appRole } from '../../platform/db/roles.ts';
import { tenantIsolation } from '../../platform/db/tenant.ts';

/**
 * Events and registrations (issue 5; decision 0008).
 *
 * - `event_organisers`: who runs events in a tenant (the municipality itself, a family association, a
 *   peer group); `event_organiser_members` names the family-association accounts that manage an
 *   organiser's events. Organisers' names are public (they appear on every event).
 * - `events`: one event or one series (a 家族学習会 curriculum); its occurrences are `event_sessions`
 *   (a single event has one session). Published and cancelled events are readable by anyone (public
 *   pages cross municipalities); drafts only by their tenant. Writes: the tenant only.
 * - `event_registrations`: one sign-up without an account (nickname, how many people, optional contact
 *   and needs, all encrypted); the private link's token is stored only as a hash.
 * - `event_registration_sessions`: the registration's place in each session: confirmed, waitlisted or
 *   cancelled. Capacity counts people. Seats are decided under a row lock on the session
 *   (`select … for update`), so two registrations for the last seat never both get it.
 */

/** Published and cancelled events (and their sessions and organisers) are public information. */
const publicEvent = (eventId: string) =>
  sql.raw(`exists (select 1 from events e where e.id = ${eventId} and e.status <> 'draft')`);

export const eventOrganisers = pgTable(
  'event_organisers',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    kind: text({ enum: ORGANISER_KINDS }).notNull(),
    name: text().notNull(),
    /** The association's entry in the directory (places), when it has one. */
    placeId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('event_organisers_tenant_idx').on(t.municipalityCode, t.name),
    tenantIsolation('event_organisers', t.municipalityCode),
    pgPolicy('event_organisers_public_read', {
      as: 'permissive',
      for: 'select',
      to: appRole,
      using: sql`true`,
    }),
  ],
).enableRLS();

export const eventOrganiserMembers = pgTable(
  'event_organiser_members',
  {
    organiserId: uuid()
      .notNull()
      .references(() => eventOrganisers.id, { onDelete: 'cascade' }),
    accountId: uuid().notNull(),
    municipalityCode: char({ length: 6 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organiserId, t.accountId] }),
    index('event_organiser_members_account_idx').on(t.municipalityCode, t.accountId),
    tenantIsolation('event_organiser_members', t.municipalityCode),
  ],
).enableRLS();

export const events = pgTable(
  'events',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    prefectureCode: char({ length: 2 }).notNull(),
    organiserId: uuid()
      .notNull()
      .references(() => eventOrganisers.id),
    kind: text({ enum: EVENT_KINDS }).notNull(),
    isSeries: boolean().notNull().default(false),
    title: text().notNull(),
    titleKana: text().notNull().default(''),
    titleEn: text().notNull().default(''),
    description: text().notNull().default(''),
    audience: text({ enum: EVENT_AUDIENCES }).notNull(),
    delivery: text({ enum: EVENT_DELIVERIES }).notNull(),
    /** A directory entry where it takes place (optional). */
    placeId: uuid(),
    venueName: text().notNull().default(''),
    address: text().notNull().default(''),
    addressDetail: text().notNull().default(''),
    lat: doublePrecision(),
    lng: doublePrecision(),
    accessNote: text().notNull().default(''),
    parkingNote: text().notNull().default(''),
    /** How to join online (the link itself goes to registrants in the reminder, never on the page). */
    onlineNote: text().notNull().default(''),
    /** Seats per session, in people; null = no limit. */
    capacity: integer(),
    feeYen: integer().notNull().default(0),
    feeNote: text().notNull().default(''),
    accessibility: text().notNull().default(''),
    contactName: text().notNull().default(''),
    contactPhone: text().notNull().default(''),
    /** Registration closes this many hours before each session starts (0 = at the start). */
    registrationClosesHoursBefore: integer().notNull().default(0),
    registrationOpen: boolean().notNull().default(true),
    status: text({ enum: EVENT_STATUSES }).notNull().default('draft'),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    updatedBy: uuid(),
  },
  (t) => [
    index('events_tenant_idx').on(t.municipalityCode, t.status, t.id),
    index('events_organiser_idx').on(t.municipalityCode, t.organiserId),
    tenantIsolation('events', t.municipalityCode),
    pgPolicy('events_public_read', {
      as: 'permissive',
      for: 'select',
      to: appRole,
      using: sql`${t.status} <> 'draft'`,
    }),
  ],
).enableRLS();

export const eventSessions = pgTable(
  'event_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** 1, 2, 3 … in a series (第1回…). */
    seq: smallint().notNull(),
    topic: text().notNull().default(''),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: SESSION_STATUSES }).notNull().default('scheduled'),
    /**
     * People holding a seat and people waiting, kept by the service under the session's row lock (the
     * public pages show seats left without reading any registration).
     */
    confirmedPeople: integer().notNull().default(0),
    waitlistedPeople: integer().notNull().default(0),
    /** Attendance as a count of people (never names). */
    attendanceCount: integer(),
    attendanceRecordedAt: timestamp({ withTimezone: true }),
    attendanceRecordedBy: uuid(),
  },
  (t) => [
    uniqueIndex('event_sessions_seq_key').on(t.eventId, t.seq),
    index('event_sessions_start_idx').on(t.startsAt, t.eventId),
    index('event_sessions_tenant_idx').on(t.municipalityCode, t.startsAt),
    tenantIsolation('event_sessions', t.municipalityCode),
    pgPolicy('event_sessions_public_read', {
      as: 'permissive',
      for: 'select',
      to: appRole,
      using: publicEvent('event_sessions.event_id'),
    }),
  ],
).enableRLS();

export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** Encrypted (`event_registrations.nickname`). */
    nickname: text().notNull(),
    people: smallint().notNull(),
    /** Encrypted; null when not given. An e-mail address gets reminders through the outbox. */
    contactEmail: text(),
    /** Encrypted; null when not given. */
    contactPhone: text(),
    /** Encrypted free text (accessibility, wishes); may be 要配慮 — organisers only. */
    needs: text(),
    /** The person agreed that the organiser may note their nickname with attendance. */
    nameConsent: boolean().notNull().default(false),
    /** SHA-256 of the private link's token (the token itself is shown once, never stored). */
    tokenHash: text().notNull(),
    /**
     * 受付番号 (`ABCD-EFGH`, not secret: said on the phone to the organiser). Null for registrations
     * made before it existed (they keep their link).
     */
    receiptNumber: text(),
    /** SHA-256 of the short cancel code (取り消し番号) that goes with the 受付番号; shown once, never stored. */
    cancelCodeHash: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('event_registrations_token_key').on(t.municipalityCode, t.tokenHash),
    uniqueIndex('event_registrations_receipt_key').on(t.municipalityCode, t.receiptNumber),
    index('event_registrations_event_idx').on(t.municipalityCode, t.eventId, t.createdAt),
    tenantIsolation('event_registrations', t.municipalityCode),
  ],
).enableRLS();

export const eventRegistrationSessions = pgTable(
  'event_registration_sessions',
  {
    registrationId: uuid()
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    sessionId: uuid()
      .notNull()
      .references(() => eventSessions.id, { onDelete: 'cascade' }),
    municipalityCode: char({ length: 6 }).notNull(),
    people: smallint().notNull(),
    status: text({ enum: SEAT_STATUSES }).notNull(),
    /** Waiting-list order (first come, first promoted). */
    queuedAt: timestamp({ withTimezone: true }).notNull(),
    queueSeq: integer().generatedAlwaysAsIdentity(),
    promotedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    /** Set when the day-before reminder was enqueued (never twice). */
    remindedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.registrationId, t.sessionId] }),
    index('event_registration_sessions_session_idx').on(t.sessionId, t.status, t.queuedAt, t.queueSeq),
    tenantIsolation('event_registration_sessions', t.municipalityCode),
  ],
).enableRLS();

export const EVENT_ENCRYPTED_COLUMNS = {
  nickname: 'event_registrations.nickname',
  contactEmail: 'event_registrations.contact_email',
  contactPhone: 'event_registrations.contact_phone',
  needs: 'event_registrations.needs',
} as const;

/** For `keys:rotate`: named in the manifest (`encryptedColumns`), registered by `installModules()`. */
export const eventsEncryptedColumns: readonly EncryptedColumn[] = Object.entries({
  nickname: EVENT_ENCRYPTED_COLUMNS.nickname,
  contact_email: EVENT_ENCRYPTED_COLUMNS.contactEmail,
  contact_phone: EVENT_ENCRYPTED_COLUMNS.contactPhone,
  needs: EVENT_ENCRYPTED_COLUMNS.needs,
}).map(([column, context]) => ({ table: 'event_registrations', idColumn: 'id', column, context }));
