import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ACCOUNT_TYPES,
  APPLICANT_RELATIONS,
  APPLICATION_STATUSES,
  CLAIM_STATUSES,
  DECISIONS,
  DESTINATION_KINDS,
  IDENTITY_DOCUMENTS,
  RESIDENCY_METHODS,
  type TRAVEL_MODES,
} from '../../../shared/contracts/subsidies.ts';
import type { EncryptedColumn } from '../../platform/crypto/registry.ts';
import { tenantIsolation } from '../../platform/db/tenant.ts';

/**
 * Transport-cost subsidy (交通費補助, request 4 of the letter): programme per fiscal year →
 * application → identity/residency check → grant decision (交付決定) → monthly claims (実績報告) →
 * confirmation of the amount (額の確定) → payment (issue 9, another module, through
 * `listPayableClaims` / `markClaimsPaid`). Every table is a tenant table (RLS) led by
 * `municipality_code`. Money is integer yen. See docs/decisions/0010-transport-subsidy.md.
 *
 * Encrypted (AES-256-GCM, context = table.column:row id): the applicant's and the person's names and
 * contact, the route descriptions, decision reasons, the bank account number and the holder name.
 * Plain: what rules, queues and budgets need (amounts, trip counts, status, bank and branch codes).
 */

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBufferLike)),
});

type ApplicantRelation = (typeof APPLICANT_RELATIONS)[number];
export type TravelMode = (typeof TRAVEL_MODES)[number];
export type DestinationKind = (typeof DESTINATION_KINDS)[number];
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type Decision = (typeof DECISIONS)[number];
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** One leg of the trip as applied for: public transport at the actual fare, car or bicycle by distance. */
export type TripLeg = { mode: TravelMode; fareYen?: number; distanceKm?: number };

export const subsidyProgrammes = pgTable(
  'subsidy_programmes',
  {
    municipalityCode: char({ length: 6 }).notNull(),
    id: uuid().primaryKey(),
    /** Fiscal year it starts in (令和8年度 = 2026). One programme per tenant and year. */
    fiscalYear: smallint().notNull(),
    name: text().notNull(),
    /** Yen; the budget the confirmed and pending claims draw on. */
    budgetYen: integer().notNull(),
    monthlyCapYen: integer().notNull(),
    carYenPerKm: integer().notNull(),
    bicycleYenPerKm: integer().notNull(),
    /** Who may apply: the person (`self`) and/or a family member on the person's behalf (`family`). */
    applicantRelations: text().array().notNull().$type<ApplicantRelation[]>(),
    /** Accepting applications. */
    open: boolean().notNull().default(true),
    /** e.g. `甲福第` → 甲福第12号; the serial counts up per programme under the programme's row lock. */
    documentNumberPrefix: text().notNull(),
    nextDocumentSerial: integer().notNull().default(1),
    /** Notice templates: the body paragraphs of approval and rejection notices. */
    approvalNoticeText: text().notNull(),
    rejectionNoticeText: text().notNull(),
    /** 教示: how to object (審査請求) and to sue (取消訴訟), printed on every decision. */
    instructionText: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('subsidy_programmes_year_key').on(t.municipalityCode, t.fiscalYear),
    check(
      'subsidy_programmes_amounts',
      sql`${t.budgetYen} >= 0 and ${t.monthlyCapYen} > 0 and ${t.carYenPerKm} >= 0 and ${t.bicycleYenPerKm} >= 0`,
    ),
    tenantIsolation('subsidy_programmes', t.municipalityCode),
  ],
).enableRLS();

export const subsidyApplications = pgTable(
  'subsidy_applications',
  {
    municipalityCode: char({ length: 6 }).notNull(),
    id: uuid().primaryKey(),
    programmeId: uuid()
      .notNull()
      .references(() => subsidyProgrammes.id),
    /** 受付番号: 12 Crockford-base32 characters (60 random bits), the applicant's only key to its status. */
    receiptNumber: text().notNull(),
    status: text({ enum: APPLICATION_STATUSES }).notNull(),
    relation: text({ enum: APPLICANT_RELATIONS }).notNull(),
    /** ENCRYPTED JSON: applicant name/kana, the person's name/kana when a family member applies, contact. */
    personalEncrypted: text().notNull(),
    destinationKind: text({ enum: DESTINATION_KINDS }).notNull(),
    destinationId: uuid().notNull(),
    /** The destination's name when applied for (public information: a published place or event). */
    destinationName: text().notNull(),
    /** Modes and amounts per leg (no places: the route text is in `routeEncrypted`). */
    legs: jsonb().$type<TripLeg[]>().notNull(),
    /** ENCRYPTED: the route as written (from where, which line), which can reveal where the person lives. */
    routeEncrypted: text().notNull(),
    /** Yen per round trip, from the legs and the programme's rates. */
    tripYen: integer().notNull(),
    tripsPerMonth: smallint().notNull(),
    /** min(tripYen × tripsPerMonth, monthly cap). */
    requestedMonthlyYen: integer().notNull(),
    bankCode: char({ length: 4 }).notNull(),
    branchCode: char({ length: 3 }).notNull(),
    accountType: text({ enum: ACCOUNT_TYPES }).notNull(),
    accountNumberEncrypted: text().notNull(),
    /** ENCRYPTED: the holder name in the half-width bank form (toBankKana). */
    holderKanaEncrypted: text().notNull(),
    /** Language the applicant used (notices and the status page follow it). */
    language: text({ enum: ['ja', 'en', 'easy-ja'] }).notNull(),
    /** Null for a public application; the staff account when entered at the counter with the person. */
    enteredBy: uuid(),
    // Identity and residency check (what was seen, by whom).
    identityDocument: text({ enum: IDENTITY_DOCUMENTS }),
    residencyMethod: text({ enum: RESIDENCY_METHODS }),
    checkNoteEncrypted: text(),
    checkedBy: uuid(),
    checkedAt: timestamp({ withTimezone: true }),
    // Decision (交付決定 or 不交付決定).
    decision: text({ enum: DECISIONS }),
    grantedMonthlyYen: integer(),
    /** First and last month (YYYY-MM) the grant covers, inside the programme's fiscal year. */
    grantFrom: char({ length: 7 }),
    grantTo: char({ length: 7 }),
    reasonsEncrypted: text(),
    documentNumber: text(),
    decidedBy: uuid(),
    decidedOn: date({ mode: 'string' }),
    decidedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    submittedAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('subsidy_applications_receipt_key').on(t.receiptNumber),
    index('subsidy_applications_queue_idx').on(t.municipalityCode, t.status, t.submittedAt, t.id),
    index('subsidy_applications_programme_idx').on(t.municipalityCode, t.programmeId),
    check(
      'subsidy_applications_amounts',
      sql`${t.tripYen} >= 0 and ${t.requestedMonthlyYen} >= 0 and (${t.grantedMonthlyYen} is null or ${t.grantedMonthlyYen} between 1 and ${t.requestedMonthlyYen})`,
    ),
    check(
      'subsidy_applications_decided',
      sql`${t.status} not in ('approved', 'rejected') or (${t.decision} is not null and ${t.documentNumber} is not null)`,
    ),
    tenantIsolation('subsidy_applications', t.municipalityCode),
  ],
).enableRLS();

/** Receipt images and PDFs, metadata removed (subsidies.receipts.ts), in the database. */
export const subsidyReceipts = pgTable(
  'subsidy_receipts',
  {
    municipalityCode: char({ length: 6 }).notNull(),
    id: uuid().primaryKey(),
    applicationId: uuid()
      .notNull()
      .references(() => subsidyApplications.id, { onDelete: 'cascade' }),
    contentType: text({ enum: ['image/jpeg', 'image/png', 'application/pdf'] }).notNull(),
    byteSize: integer().notNull(),
    sha256: char({ length: 64 }).notNull(),
    data: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('subsidy_receipts_application_idx').on(t.municipalityCode, t.applicationId),
    check('subsidy_receipts_size', sql`${t.byteSize} between 1 and 10485760`),
    tenantIsolation('subsidy_receipts', t.municipalityCode),
  ],
).enableRLS();

/** 実績報告: the trips of one month, checked against the grant, the cap and the budget; then 額の確定. */
export const subsidyClaims = pgTable(
  'subsidy_claims',
  {
    municipalityCode: char({ length: 6 }).notNull(),
    id: uuid().primaryKey(),
    applicationId: uuid()
      .notNull()
      .references(() => subsidyApplications.id),
    programmeId: uuid()
      .notNull()
      .references(() => subsidyProgrammes.id),
    /** YYYY-MM of the trips; decides the fiscal year (出納整理期間: a March claim paid in May is last year's). */
    tripMonth: char({ length: 7 }).notNull(),
    fiscalYear: smallint().notNull(),
    tripCount: smallint().notNull(),
    /**
     * What the person reported for the month, as reported (null on claims entered before it was kept).
     * `claimedYen` is the part the grant can cover (trips × fare, the granted monthly amount and the cap),
     * so a report over the grant is recorded as it is and 額の確定 pays at most the covered part.
     */
    reportedYen: integer(),
    claimedYen: integer().notNull(),
    status: text({ enum: CLAIM_STATUSES }).notNull(),
    confirmedYen: integer(),
    confirmedBy: uuid(),
    confirmedOn: date({ mode: 'string' }),
    confirmedAt: timestamp({ withTimezone: true }),
    rejectedReasonEncrypted: text(),
    /** Set by the payments module (issue 9) when the transfer went out. */
    paidOn: date({ mode: 'string' }),
    paymentReference: text(),
    enteredBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    // One live claim per person and month: a refused claim can be entered again.
    uniqueIndex('subsidy_claims_month_key')
      .on(t.municipalityCode, t.applicationId, t.tripMonth)
      .where(sql`${t.status} <> 'rejected'`),
    index('subsidy_claims_programme_idx').on(t.municipalityCode, t.programmeId, t.status),
    check(
      'subsidy_claims_amounts',
      sql`${t.claimedYen} > 0 and (${t.confirmedYen} is null or ${t.confirmedYen} between 0 and ${t.claimedYen})`,
    ),
    check('subsidy_claims_reported', sql`${t.reportedYen} is null or ${t.reportedYen} >= ${t.claimedYen}`),
    check(
      'subsidy_claims_confirmed',
      sql`${t.status} not in ('confirmed', 'paid') or ${t.confirmedYen} is not null`,
    ),
    tenantIsolation('subsidy_claims', t.municipalityCode),
  ],
).enableRLS();

export const SUBSIDY_ENCRYPTED = {
  personal: { table: 'subsidy_applications', column: 'personal_encrypted' },
  route: { table: 'subsidy_applications', column: 'route_encrypted' },
  accountNumber: { table: 'subsidy_applications', column: 'account_number_encrypted' },
  holderKana: { table: 'subsidy_applications', column: 'holder_kana_encrypted' },
  checkNote: { table: 'subsidy_applications', column: 'check_note_encrypted' },
  reasons: { table: 'subsidy_applications', column: 'reasons_encrypted' },
  claimReason: { table: 'subsidy_claims', column: 'rejected_reason_encrypted' },
} as const;
export type SubsidyEncryptedField = keyof typeof SUBSIDY_ENCRYPTED;

export function subsidyContext(field: SubsidyEncryptedField, rowId: string): string {
  const { table, column } = SUBSIDY_ENCRYPTED[field];
  return `${table}.${column}:${rowId}`;
}

/** For `keys:rotate`: named in the manifest (`encryptedColumns`), registered by `installModules()`. */
export const subsidiesEncryptedColumns: readonly EncryptedColumn[] = Object.values(SUBSIDY_ENCRYPTED).map(
  ({ table, column }) => ({
    table,
    idColumn: 'id',
    column,
    context: { column: 'id', build: (id: string) => `${table}.${column}:${id}` },
  }),
);
