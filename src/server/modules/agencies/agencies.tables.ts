import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  char,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  AGENCY_KINDS,
  CONFERENCE_ITEM_KINDS,
  CONFERENCE_KINDS,
  REFERRAL_STATUSES,
  SHARING_BASES,
} from '../../../shared/contracts/agencies.ts';
import { type EncryptedColumn, encryptedById } from '../../platform/crypto/registry.ts';
import { tenantIsolation } from '../../platform/db/tenant.ts';

/**
 * Partner agencies, referrals and support conferences (issue 7, request 9 and 2).
 *
 * Information about a person passes to an agency only on a lawful basis, recorded on the row that
 * shares it: the person's consent naming that agency (support_consents.recipient_agency_id), or a
 * decision of a 支援会議 under 社会福祉法 106-6 (no consent needed; members bear a duty of
 * confidentiality). The basis is re-checked on every read by the agency, so a withdrawn consent
 * stops sharing at once. Shared text is encrypted (AES-256-GCM) like every other case text.
 */

export const agencies = pgTable(
  'agencies',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    kind: text({ enum: AGENCY_KINDS }).notNull(),
    /** An organisation name (not a person): shown to the person in their access report. */
    name: text().notNull(),
    /** Public contact of the organisation (a desk, not a person). */
    contact: text().notNull().default(''),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('agencies_name_key').on(t.municipalityCode, t.name),
    tenantIsolation('agencies', t.municipalityCode),
  ],
).enableRLS();

/** Which accounts (role agency_member) act for which agency. One agency per account. */
export const agencyMembers = pgTable(
  'agency_members',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    agencyId: uuid().notNull(),
    accountId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('agency_members_account_key').on(t.municipalityCode, t.accountId),
    index('agency_members_agency_idx').on(t.municipalityCode, t.agencyId),
    tenantIsolation('agency_members', t.municipalityCode),
  ],
).enableRLS();

export const referrals = pgTable(
  'referrals',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    personId: uuid().notNull(),
    agencyId: uuid().notNull(),
    status: text({ enum: REFERRAL_STATUSES }).notNull().default('requested'),
    basis: text({ enum: SHARING_BASES }).notNull(),
    /** The consent record in force when it was sent (basis consent). */
    consentId: uuid(),
    /** The 支援会議 decision that covers it (basis support_conference). */
    conferenceItemId: uuid(),
    /** The shared summary: the only content the receiving agency sees. */
    summaryEncrypted: text().notNull(),
    /** Decline reason / progress and completion notes from the agency (JSON list), encrypted. */
    agencyNotesEncrypted: text(),
    requestedBy: uuid().notNull(),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('referrals_person_idx').on(t.municipalityCode, t.personId),
    index('referrals_agency_idx').on(t.municipalityCode, t.agencyId, t.status),
    tenantIsolation('referrals', t.municipalityCode),
  ],
).enableRLS();

/** History of a referral's states (who: role and agency; when). No content. */
export const referralEvents = pgTable(
  'referral_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Insertion order (several events may share a business time). */
    seq: bigserial({ mode: 'number' }).notNull(),
    municipalityCode: char({ length: 6 }).notNull(),
    referralId: uuid().notNull(),
    status: text({ enum: REFERRAL_STATUSES }).notNull(),
    byAccountId: uuid().notNull(),
    byRole: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('referral_events_referral_idx').on(t.municipalityCode, t.referralId, t.at),
    tenantIsolation('referral_events', t.municipalityCode),
  ],
).enableRLS();

/**
 * `support_conference`: 支援会議 (社会福祉法 106-6): information may be shared without consent among
 * members, who acknowledge their duty of confidentiality before first access; closed to non-members.
 * `multilayer`: 重層的支援会議: consented cases only; decides plans.
 */

export const conferences = pgTable(
  'conferences',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    kind: text({ enum: CONFERENCE_KINDS }).notNull(),
    title: text().notNull(),
    heldOn: date({ mode: 'string' }).notNull(),
    /** The persons whose cases are discussed. */
    personIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    agendaEncrypted: text().notNull(),
    minutesEncrypted: text(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('conferences_held_idx').on(t.municipalityCode, t.heldOn),
    tenantIsolation('conferences', t.municipalityCode),
  ],
).enableRLS();

export const conferenceMembers = pgTable(
  'conference_members',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    conferenceId: uuid().notNull(),
    accountId: uuid().notNull(),
    /** The agency the member acts for (null for municipal staff). */
    agencyId: uuid(),
    /** 守秘義務の確認: needed before first access to a 支援会議. */
    acknowledgedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('conference_members_key').on(t.municipalityCode, t.conferenceId, t.accountId),
    index('conference_members_account_idx').on(t.municipalityCode, t.accountId),
    tenantIsolation('conference_members', t.municipalityCode),
  ],
).enableRLS();

/**
 * Decisions, action items (owner, due date), materials, and what was shared with whom under which
 * basis. A `decision` naming a person and an agency under a 支援会議 is a lawful basis for a referral.
 */

export const conferenceItems = pgTable(
  'conference_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Insertion order (several items may share a business time). */
    seq: bigserial({ mode: 'number' }).notNull(),
    municipalityCode: char({ length: 6 }).notNull(),
    conferenceId: uuid().notNull(),
    kind: text({ enum: CONFERENCE_ITEM_KINDS }).notNull(),
    personId: uuid(),
    textEncrypted: text().notNull(),
    /** Action items: who (a department or agency label) and until when. */
    ownerLabel: text().notNull().default(''),
    ownerAgencyId: uuid(),
    due: date({ mode: 'string' }),
    /** Decisions and shares: the agency information may go to, and on which basis. */
    agencyId: uuid(),
    basis: text({ enum: SHARING_BASES }),
    /** Decisions and shares: what may go to that agency (e.g. 訪問の経過のみ), encrypted. */
    scopeEncrypted: text(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('conference_items_conference_idx').on(t.municipalityCode, t.conferenceId),
    index('conference_items_person_idx').on(t.municipalityCode, t.personId),
    tenantIsolation('conference_items', t.municipalityCode),
  ],
).enableRLS();

/**
 * Every save of a conference's minutes is kept: a 会議録 is evidence of what was decided, so an
 * edit must not erase what members read before. The latest row is the conference's current minutes.
 */
export const conferenceMinutes = pgTable(
  'conference_minutes',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    conferenceId: uuid().notNull(),
    /** 1, 2, … per conference. */
    n: integer().notNull(),
    minutesEncrypted: text().notNull(),
    savedBy: uuid().notNull(),
    savedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('conference_minutes_key').on(t.municipalityCode, t.conferenceId, t.n),
    tenantIsolation('conference_minutes', t.municipalityCode),
  ],
).enableRLS();

export const AGENCY_CONTEXTS = {
  summary: 'referrals.summary',
  agencyNotes: 'referrals.agency_notes',
  agenda: 'conferences.agenda',
  minutes: 'conferences.minutes',
  item: 'conference_items.text',
  scope: 'conference_items.scope',
  minutesVersion: 'conference_minutes.minutes',
} as const;

/** For `keys:rotate`: named in the manifest (`encryptedColumns`), registered by `installModules()`. */
export const agenciesEncryptedColumns: readonly EncryptedColumn[] = [
  encryptedById('referrals', 'summary_encrypted', AGENCY_CONTEXTS.summary),
  encryptedById('referrals', 'agency_notes_encrypted', AGENCY_CONTEXTS.agencyNotes),
  encryptedById('conferences', 'agenda_encrypted', AGENCY_CONTEXTS.agenda),
  encryptedById('conferences', 'minutes_encrypted', AGENCY_CONTEXTS.minutes),
  encryptedById('conference_items', 'text_encrypted', AGENCY_CONTEXTS.item),
  encryptedById('conference_items', 'scope_encrypted', AGENCY_CONTEXTS.scope),
  encryptedById('conference_minutes', 'minutes_encrypted', AGENCY_CONTEXTS.minutesVersion),
];

/**
 * A referral's history is never rewritten by the application (the retention purge runs as the
 * owner): named in the manifest (`appendOnlyTables`), see platform/db/roles.ts.
 */
export const agenciesAppendOnlyTables: readonly string[] = ['referral_events'];
