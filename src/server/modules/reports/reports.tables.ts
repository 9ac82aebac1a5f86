import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  DANGER_ANSWERS,
  NOTE_KINDS,
  OPERATOR_IDENTIFIER_KINDS,
  REFERRAL_TARGETS,
  REPORT_STATUSES,
  REPORTER_ROLES,
  type ReportCategory,
  SALES_METHODS,
  SIGNERS,
} from '../../../shared/contracts/reports.ts';
import type { EncryptedColumn } from '../../platform/crypto/registry.ts';
import { tenantIsolation } from '../../platform/db/tenant.ts';

/**
 * Reports of harmful "support" businesses (引き出し業者), request 10 of the letter.
 *
 * Tenant data (row-level security): the report, its notes, referrals and emergency-protection records.
 * What people wrote (the account of what happened, where, the business as they described it, their
 * contact) is encrypted; only what triage, matching and statistics need stays in plain columns
 * (categories, urgency, 法人番号, amounts, sales method).
 *
 * National data (no tenant): the operator registry, holding business identity only (法人番号, names,
 * phones, websites). Reports point to an operator by id; totals across tenants come from the
 * aggregate-only SQL function `report_operator_totals` (docs/decisions/0006-operator-registry.md).
 */

// The enums live with the API contract (the web names them too); the columns are typed by them here.
export {
  DANGER_ANSWERS,
  NOTE_KINDS,
  OPERATOR_IDENTIFIER_KINDS,
  REFERRAL_TARGETS,
  REPORT_CATEGORIES,
  REPORT_STATUSES,
  REPORTER_ROLES,
  type ReportCategory,
  type ReportStatus,
  SALES_METHODS,
  SIGNERS,
} from '../../../shared/contracts/reports.ts';

export const reportOperators = pgTable(
  'report_operators',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** 法人番号 (check digit validated); null for a business known only by name, phone or website. */
    corporateNumber: char({ length: 13 }),
    /** The name staff chose to show; variants are in report_operator_identifiers. */
    displayName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('report_operators_corporate_number_key')
      .on(t.corporateNumber)
      .where(sql`${t.corporateNumber} is not null`),
  ],
);

/** Name variants, phone numbers and websites of an operator, with the normalised form matching uses. */
export const reportOperatorIdentifiers = pgTable(
  'report_operator_identifiers',
  {
    operatorId: uuid()
      .notNull()
      .references(() => reportOperators.id, { onDelete: 'cascade' }),
    kind: text({ enum: OPERATOR_IDENTIFIER_KINDS }).notNull(),
    /** As written (e.g. 株式会社 ひだまり自立支援センター). */
    value: text().notNull(),
    /** Normalised for matching (names without legal-form words, digits of phones, host of websites). */
    normalized: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'report_operator_identifiers_pkey', columns: [t.operatorId, t.kind, t.normalized] }),
    index('report_operator_identifiers_lookup_idx').on(t.kind, t.normalized),
  ],
);

export const reports = pgTable(
  'reports',
  {
    municipalityCode: char({ length: 6 }).notNull(),
    id: uuid().primaryKey(),
    /** Shown to the reporter and used on the phone (not secret): e.g. `R7K2-M9QD`. */
    receiptNumber: text().notNull(),
    /** SHA-256 of the normalised reply code (80 random bits), which is shown once and never stored. */
    replyCodeHash: text().notNull(),
    /** "Is someone in danger right now?" — yes or unsure makes the report urgent. */
    danger: text({ enum: DANGER_ANSWERS }).notNull(),
    urgent: boolean().notNull(),
    status: text({ enum: REPORT_STATUSES }).notNull().default('new'),
    reporterRole: text({ enum: REPORTER_ROLES }).notNull(),
    categories: text().array().notNull().$type<ReportCategory[]>(),
    /** 法人番号 as the reporter gave it (validated): a public identifier of a legal person. */
    corporateNumber: char({ length: 13 }),
    signer: text({ enum: SIGNERS }),
    salesMethod: text({ enum: SALES_METHODS }),
    /** Yen. Plain so that operator totals can be summed by the aggregate function. */
    amountContracted: integer(),
    amountPaid: integer(),
    /** ENCRYPTED JSON: when and where, the business as described, contract date, the account itself. */
    detailsEncrypted: text().notNull(),
    /** ENCRYPTED JSON: the reporter's optional name, phone and e-mail. */
    contactEncrypted: text(),
    /** Confirmed by staff (never automatic). */
    operatorId: uuid().references(() => reportOperators.id, { onDelete: 'set null' }),
    operatorLinkedAt: timestamp({ withTimezone: true }),
    operatorLinkedBy: uuid(),
    assigneeAccountId: uuid(),
    /** Business clock. */
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    closedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('reports_queue_idx').on(t.municipalityCode, t.urgent, t.receivedAt, t.id),
    uniqueIndex('reports_receipt_key').on(t.municipalityCode, t.receiptNumber),
    uniqueIndex('reports_reply_code_key').on(t.replyCodeHash),
    index('reports_operator_idx').on(t.operatorId),
    tenantIsolation('reports', t.municipalityCode),
  ],
).enableRLS();

/** Staff notes (`internal`), answers the reporter reads with the reply code (`reply`), and information the reporter added later (`addition`). */
export const reportNotes = pgTable(
  'report_notes',
  {
    municipalityCode: char({ length: 6 }).notNull(),
    id: uuid().primaryKey(),
    reportId: uuid()
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    kind: text({ enum: NOTE_KINDS }).notNull(),
    textEncrypted: text().notNull(),
    /** Null for the reporter's own additions. */
    authorAccountId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('report_notes_report_idx').on(t.municipalityCode, t.reportId, t.createdAt),
    tenantIsolation('report_notes', t.municipalityCode),
  ],
).enableRLS();

/** Referral to the consumer centre (188), the police or another body. */
export const reportReferrals = pgTable(
  'report_referrals',
  {
    municipalityCode: char({ length: 6 }).notNull(),
    id: uuid().primaryKey(),
    reportId: uuid()
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    target: text({ enum: REFERRAL_TARGETS }).notNull(),
    /** e.g. 山梨県消費生活センター, 甲府警察署 (an organisation, not a person). */
    organisation: text().notNull().default(''),
    referredOn: date({ mode: 'string' }).notNull(),
    noteEncrypted: text(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('report_referrals_report_idx').on(t.municipalityCode, t.reportId),
    tenantIsolation('report_referrals', t.municipalityCode),
  ],
).enableRLS();

/** Emergency protection through the welfare department: where, when, by whom, and the follow-up date. */
export const reportProtections = pgTable(
  'report_protections',
  {
    municipalityCode: char({ length: 6 }).notNull(),
    id: uuid().primaryKey(),
    reportId: uuid()
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    protectedAt: timestamp({ withTimezone: true }).notNull(),
    placeEncrypted: text().notNull(),
    protectedByEncrypted: text().notNull(),
    noteEncrypted: text(),
    followUpOn: date({ mode: 'string' }).notNull(),
    followUpDoneAt: timestamp({ withTimezone: true }),
    followUpNoteEncrypted: text(),
    /** Set by the due job once the follow-up reminder is in the outbox. */
    reminderSentAt: timestamp({ withTimezone: true }),
    recordedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('report_protections_report_idx').on(t.municipalityCode, t.reportId),
    index('report_protections_follow_up_idx').on(t.followUpOn).where(sql`${t.followUpDoneAt} is null`),
    tenantIsolation('report_protections', t.municipalityCode),
  ],
).enableRLS();

/** Encryption contexts: per row (the id), so a value copied to another row does not decrypt. */
export const REPORT_ENCRYPTED = {
  details: { table: 'reports', column: 'details_encrypted' },
  contact: { table: 'reports', column: 'contact_encrypted' },
  note: { table: 'report_notes', column: 'text_encrypted' },
  referralNote: { table: 'report_referrals', column: 'note_encrypted' },
  place: { table: 'report_protections', column: 'place_encrypted' },
  protectedBy: { table: 'report_protections', column: 'protected_by_encrypted' },
  protectionNote: { table: 'report_protections', column: 'note_encrypted' },
  followUpNote: { table: 'report_protections', column: 'follow_up_note_encrypted' },
} as const;

export type ReportEncryptedField = keyof typeof REPORT_ENCRYPTED;

export function reportContext(field: ReportEncryptedField, rowId: string): string {
  const { table, column } = REPORT_ENCRYPTED[field];
  return `${table}.${column}:${rowId}`;
}

/** For `keys:rotate`: named in the manifest (`encryptedColumns`), registered by `installModules()`. */
export const reportsEncryptedColumns: readonly EncryptedColumn[] = Object.values(REPORT_ENCRYPTED).map(
  ({ table, column }) => ({
    table,
    idColumn: 'id',
    column,
    context: { column: 'id', build: (id: string) => `${table}.${column}:${id}` },
  }),
);
