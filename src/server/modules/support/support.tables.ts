import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  char,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { CONSENT_METHODS, MEASURE_KINDS, PERSON_STATUSES } from '../../../shared/contracts/support.ts';
import {
  AGE_GROUPS,
  CONSENT_PURPOSES,
  CONSENT_RECIPIENTS,
  CONSENT_STATUSES,
  FAMILY_RELATIONSHIPS,
  NOTE_CONTACT_TYPES,
} from '../../../shared/support-records.ts';
import { type EncryptedColumn, encryptedById } from '../../platform/crypto/registry.ts';
import { tenantIsolation } from '../../platform/db/tenant.ts';
import { normalizeReading, normalizeText } from '../../platform/text/normalize.ts';

/**
 * Support records (issue 6, parts 2–9). Every table is a tenant table (RLS) led by
 * `municipality_code`. Personal content is encrypted (AES-256-GCM, `encryptField`): names, birth date,
 * contact, contact preferences, family members' details, intake, plans, note text, measure answers.
 * Exact-match search uses blind indexes of normalised values, never plaintext.
 *
 * Versioned records (intake, plans, notes) are append-only version rows: a correction is a new row
 * with the next version; the unique key (tenant, record id, version) makes two concurrent saves of the
 * same version collide, and the loser gets 409. Consents, note versions, intake and plan versions and
 * measures are append-only for the application role (UPDATE/DELETE revoked, see APPEND_ONLY_TABLES).
 *
 * A merge of duplicates moves no row: the duplicate points at the survivor (`merged_into`) and the
 * survivor lists the ids merged into it (`merged_ids`); every read of a person covers all its ids, so
 * all history stays exactly as it was written.
 */
export const supportPersons = pgTable(
  'support_persons',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    /** The key of the row in the municipality's previous case list; re-imports match on it. */
    externalId: text(),
    nicknameEncrypted: text().notNull(),
    nicknameIndex: text().notNull(),
    realNameEncrypted: text(),
    realNameIndex: text(),
    realNameKanaEncrypted: text(),
    realNameKanaIndex: text(),
    birthDateEncrypted: text(),
    birthDateIndex: text(),
    /** JSON {phone, email, address, note}. */
    contactEncrypted: text(),
    phoneIndex: text(),
    /** JSON ContactPreferences: shown wherever someone might contact the person. */
    contactPreferencesEncrypted: text().notNull(),
    ageGroup: text({ enum: AGE_GROUPS }).notNull().default('unknown'),
    /** 家族のみの相談: the person has never been met; everything so far comes from the family. */
    familyOnly: boolean().notNull().default(false),
    status: text({ enum: PERSON_STATUSES }).notNull().default('active'),
    mergedInto: uuid(),
    mergedIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    /** 担当: the lead worker (April rotation hands these over, see caseload handler). */
    leadWorkerId: uuid(),
    /** Latest intake urgency, for the caseload. */
    urgency: text({ enum: ['none', 'watch', 'urgent', 'emergency'] }),
    lastContactAt: timestamp({ withTimezone: true }),
    /** Review date of the current active plan (kept in step when a plan version is saved). */
    nextReviewOn: date({ mode: 'string' }),
    /** 次回の連絡予定: set with a progress note; the lead worker's home page counts those due. */
    nextContactOn: date({ mode: 'string' }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    updatedBy: uuid(),
  },
  (t) => [
    uniqueIndex('support_persons_external_id_key')
      .on(t.municipalityCode, t.externalId)
      .where(sql`${t.externalId} is not null`),
    index('support_persons_nickname_idx').on(t.municipalityCode, t.nicknameIndex),
    index('support_persons_real_name_idx').on(t.municipalityCode, t.realNameIndex),
    index('support_persons_kana_idx').on(t.municipalityCode, t.realNameKanaIndex),
    index('support_persons_birth_idx').on(t.municipalityCode, t.birthDateIndex),
    index('support_persons_phone_idx').on(t.municipalityCode, t.phoneIndex),
    index('support_persons_worker_idx').on(t.municipalityCode, t.leadWorkerId, t.status),
    index('support_persons_review_idx').on(t.municipalityCode, t.nextReviewOn),
    index('support_persons_next_contact_idx').on(t.municipalityCode, t.leadWorkerId, t.nextContactOn),
    tenantIsolation('support_persons', t.municipalityCode),
  ],
).enableRLS();

export const supportFamilyMembers = pgTable(
  'support_family_members',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    personId: uuid().notNull(),
    relationship: text({ enum: FAMILY_RELATIONSHIPS }).notNull(),
    /** Age in years (for the 8050 household flag); optional. */
    age: smallint(),
    livesTogether: boolean().notNull().default(true),
    /** The family member staff are in touch with (the main contact of a family-only case). */
    isMainContact: boolean().notNull().default(false),
    /** JSON {name, contact, note}. */
    detailsEncrypted: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('support_family_person_idx').on(t.municipalityCode, t.personId),
    tenantIsolation('support_family_members', t.municipalityCode),
  ],
).enableRLS();

/** Append-only: a consent is never edited after it is recorded; a change or correction is a new record. */
export const supportConsents = pgTable(
  'support_consents',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Orders records of the same person, purpose and recipient: the latest one is in force. */
    seq: bigserial({ mode: 'number' }).notNull(),
    municipalityCode: char({ length: 6 }).notNull(),
    personId: uuid().notNull(),
    purpose: text({ enum: CONSENT_PURPOSES }).notNull(),
    recipient: text({ enum: CONSENT_RECIPIENTS }).notNull(),
    /** Which agency, when the recipient is a partner agency (an organisation name, not a person). */
    recipientName: text().notNull().default(''),
    /**
     * The partner agency (agencies module) this consent names, when the recipient is a partner agency.
     * A referral or a sharing with an agency needs a consent naming that agency (issue 7).
     */
    recipientAgencyId: uuid(),
    status: text({ enum: CONSENT_STATUSES }).notNull(),
    /** The date it was given / refused / withdrawn. */
    decidedOn: date({ mode: 'string' }).notNull(),
    expiresOn: date({ mode: 'string' }),
    method: text({ enum: CONSENT_METHODS }).notNull(),
    decidedBy: text({ enum: ['person', 'family_member', 'guardian'] }).notNull(),
    /** The record this one corrects or follows (a withdrawal names the consent it withdraws). */
    supersedes: uuid(),
    noteEncrypted: text(),
    recordedBy: uuid().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('support_consents_person_idx').on(t.municipalityCode, t.personId, t.purpose, t.recipient, t.seq),
    tenantIsolation('support_consents', t.municipalityCode),
  ],
).enableRLS();

/** Intake and assessment: one record per assessment, every version kept. */
export const supportIntakeVersions = pgTable(
  'support_intake_versions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    municipalityCode: char({ length: 6 }).notNull(),
    intakeId: uuid().notNull(),
    personId: uuid().notNull(),
    version: integer().notNull(),
    urgency: text({ enum: ['none', 'watch', 'urgent', 'emergency'] }).notNull(),
    contentEncrypted: text().notNull(),
    authorAccountId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('support_intake_version_key').on(t.municipalityCode, t.intakeId, t.version),
    index('support_intake_person_idx').on(t.municipalityCode, t.personId),
    tenantIsolation('support_intake_versions', t.municipalityCode),
  ],
).enableRLS();

export const supportPlanVersions = pgTable(
  'support_plan_versions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    municipalityCode: char({ length: 6 }).notNull(),
    planId: uuid().notNull(),
    personId: uuid().notNull(),
    version: integer().notNull(),
    status: text({ enum: ['active', 'ended'] }).notNull(),
    reviewOn: date({ mode: 'string' }).notNull(),
    contentEncrypted: text().notNull(),
    authorAccountId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('support_plan_version_key').on(t.municipalityCode, t.planId, t.version),
    index('support_plan_person_idx').on(t.municipalityCode, t.personId),
    tenantIsolation('support_plan_versions', t.municipalityCode),
  ],
).enableRLS();

/** Progress notes: append-only versions; the current version of a note is its highest. */
export const supportNoteVersions = pgTable(
  'support_note_versions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    municipalityCode: char({ length: 6 }).notNull(),
    noteId: uuid().notNull(),
    personId: uuid().notNull(),
    version: integer().notNull(),
    contactType: text({ enum: NOTE_CONTACT_TYPES }).notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    durationMinutes: smallint(),
    participants: text().array().notNull(),
    textEncrypted: text().notNull(),
    sensitive: boolean().notNull().default(false),
    /** When sensitive: the only roles that may read it (always including the author's role). */
    readableBy: text().array().notNull().default(sql`'{}'::text[]`),
    authorAccountId: uuid().notNull(),
    authorRole: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('support_note_version_key').on(t.municipalityCode, t.noteId, t.version),
    index('support_note_timeline_idx').on(t.municipalityCode, t.personId, t.occurredAt.desc(), t.noteId),
    tenantIsolation('support_note_versions', t.municipalityCode),
  ],
).enableRLS();

/** Measures: append-only; a correction names the measure it replaces. */
export const supportMeasures = pgTable(
  'support_measures',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    personId: uuid().notNull(),
    kind: text({ enum: MEASURE_KINDS }).notNull(),
    takenOn: date({ mode: 'string' }).notNull(),
    /** The published score (WHO-5 percentage, UCLA-3 sum, HQ-25 total, ladder level, GAS T-score). */
    score: real().notNull(),
    /** e.g. WHO-5 ≤ 50, HQ-25 ≥ 42 (screening only). */
    flagged: boolean().notNull().default(false),
    /** Item answers and subscales as entered (JSON), encrypted. */
    answersEncrypted: text().notNull(),
    planId: uuid(),
    replaces: uuid(),
    recordedBy: uuid().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('support_measures_person_idx').on(t.municipalityCode, t.personId, t.kind, t.takenOn),
    tenantIsolation('support_measures', t.municipalityCode),
  ],
).enableRLS();

/** A CSV import between its preview and its confirmation. Rows hold names: encrypted. */
export const supportImports = pgTable(
  'support_imports',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    status: text({ enum: ['previewed', 'applied'] })
      .notNull()
      .default('previewed'),
    encoding: text().notNull(),
    rowsEncrypted: text().notNull(),
    /** [{row, column, code}] — codes only, never cell values. */
    problems: jsonb().$type<{ row: number; column: string; code: string }[]>().notNull(),
    rowCount: integer().notNull(),
    result: jsonb().$type<{ created: number; updated: number; unchanged: number; skipped: number } | null>(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    appliedAt: timestamp({ withTimezone: true }),
  },
  (t) => [tenantIsolation('support_imports', t.municipalityCode)],
).enableRLS();

/** Encryption contexts (fixed per column: `keys:rotate` re-encrypts them in place). */
export const SUPPORT_CONTEXTS = {
  nickname: 'support_persons.nickname',
  realName: 'support_persons.real_name',
  realNameKana: 'support_persons.real_name_kana',
  birthDate: 'support_persons.birth_date',
  contact: 'support_persons.contact',
  phone: 'support_persons.phone',
  contactPreferences: 'support_persons.contact_preferences',
  family: 'support_family_members.details',
  consentNote: 'support_consents.note',
  intake: 'support_intake_versions.content',
  plan: 'support_plan_versions.content',
  note: 'support_note_versions.text',
  measure: 'support_measures.answers',
  importRows: 'support_imports.rows',
} as const;

/** Names are compared folded (NFKC, 異体字, kana → hiragana, no spaces): 髙橋 たろう = 高橋タロウ. */
export function normalizeName(value: string): string {
  return normalizeReading(normalizeText(value)).replace(/\s+/g, '');
}

/** Blind indexes are recomputed by `keys:rotate` from the decrypted, normalised value. */
const indexed = (
  column: string,
  context: string,
  index: string,
  normalize?: (s: string) => string,
): EncryptedColumn => ({
  table: 'support_persons',
  idColumn: 'id',
  column,
  context,
  blindIndex: { column: index, context: `${context}_index`, ...(normalize ? { normalize } : {}) },
});
/** For `keys:rotate`: named in the manifest (`encryptedColumns`), registered by `installModules()`. */
export const supportEncryptedColumns: readonly EncryptedColumn[] = [
  indexed('nickname_encrypted', SUPPORT_CONTEXTS.nickname, 'nickname_index', normalizeName),
  indexed('real_name_encrypted', SUPPORT_CONTEXTS.realName, 'real_name_index', normalizeName),
  indexed('real_name_kana_encrypted', SUPPORT_CONTEXTS.realNameKana, 'real_name_kana_index', normalizeName),
  indexed('birth_date_encrypted', SUPPORT_CONTEXTS.birthDate, 'birth_date_index'),
  // The phone index is derived from the contact JSON and is recomputed when the contact is saved.
  encryptedById('support_persons', 'contact_encrypted', SUPPORT_CONTEXTS.contact),
  encryptedById('support_persons', 'contact_preferences_encrypted', SUPPORT_CONTEXTS.contactPreferences),
  encryptedById('support_family_members', 'details_encrypted', SUPPORT_CONTEXTS.family),
  encryptedById('support_consents', 'note_encrypted', SUPPORT_CONTEXTS.consentNote),
  encryptedById('support_intake_versions', 'content_encrypted', SUPPORT_CONTEXTS.intake),
  encryptedById('support_plan_versions', 'content_encrypted', SUPPORT_CONTEXTS.plan),
  encryptedById('support_note_versions', 'text_encrypted', SUPPORT_CONTEXTS.note),
  encryptedById('support_measures', 'answers_encrypted', SUPPORT_CONTEXTS.measure),
  encryptedById('support_imports', 'rows_encrypted', SUPPORT_CONTEXTS.importRows),
];

/** Rows added, never changed by the app: named in the manifest (`appendOnlyTables`), see platform/db/roles.ts. */
export const supportAppendOnlyTables: readonly string[] = [
  'support_consents',
  'support_intake_versions',
  'support_plan_versions',
  'support_note_versions',
  'support_measures',
];
