import {
  char,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  CORRECTION_OUTCOMES,
  DISCLOSURE_STATUSES,
  RECORD_CLASSES,
} from '../../../shared/contracts/rights.ts';
import type { EncryptedColumn } from '../../platform/crypto/registry.ts';
import { tenantIsolation } from '../../platform/db/tenant.ts';

/**
 * The person's rights over what is held about them (issue 7): disclosure (開示請求), correction
 * (訂正請求), the access report, and retention with a purge that keeps the audit log (ids only).
 */

export const disclosureRequests = pgTable(
  'disclosure_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    personId: uuid().notNull(),
    receivedOn: date({ mode: 'string' }).notNull(),
    requestedBy: text({ enum: ['person', 'representative'] }).notNull(),
    status: text({ enum: DISCLOSURE_STATUSES }).notNull().default('draft'),
    /**
     * The draft as reviewed: every held item with its decision (release / withhold + reason), frozen
     * when the draft is made so that what staff approve is exactly what is released. Encrypted.
     */
    itemsEncrypted: text().notNull(),
    itemCount: integer().notNull(),
    withheldCount: integer().notNull(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    approvedBy: uuid(),
    approvedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('disclosure_requests_person_idx').on(t.municipalityCode, t.personId),
    tenantIsolation('disclosure_requests', t.municipalityCode),
  ],
).enableRLS();

export const correctionRequests = pgTable(
  'correction_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    personId: uuid().notNull(),
    receivedOn: date({ mode: 'string' }).notNull(),
    /** What the person asks to correct and why (JSON {item, request}), encrypted. */
    requestEncrypted: text().notNull(),
    outcome: text({ enum: CORRECTION_OUTCOMES }),
    /** The explanation given to the person (JSON string), encrypted. */
    explanationEncrypted: text(),
    decidedBy: uuid(),
    decidedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('correction_requests_person_idx').on(t.municipalityCode, t.personId),
    tenantIsolation('correction_requests', t.municipalityCode),
  ],
).enableRLS();

/** Record classes with a retention period. Audit rows are never purged (they hold ids only). */

export const retentionPolicies = pgTable(
  'retention_policies',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    recordClass: text({ enum: RECORD_CLASSES }).notNull(),
    /** Months after the record's end (case closed, conference held). */
    months: integer().notNull(),
    updatedBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('retention_policies_class_key').on(t.municipalityCode, t.recordClass),
    tenantIsolation('retention_policies', t.municipalityCode),
  ],
).enableRLS();

/** What a purge run removed: ids and counts only (the report for the municipality). */
export const purgeRuns = pgTable(
  'purge_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    /** The business time the run decided "past retention" by. */
    ranAt: timestamp({ withTimezone: true }).notNull(),
    /** [{recordClass, recordId, endedBefore, rows: {table: count}}] — ids only, never content. */
    purged: jsonb()
      .$type<{ recordClass: string; recordId: string; rows: Record<string, number> }[]>()
      .notNull(),
  },
  (t) => [
    index('purge_runs_ran_idx').on(t.municipalityCode, t.ranAt),
    tenantIsolation('purge_runs', t.municipalityCode),
  ],
).enableRLS();

export const RIGHTS_CONTEXTS = {
  disclosure: 'disclosure_requests.items',
  correction: 'correction_requests.request',
  correctionExplanation: 'correction_requests.explanation',
} as const;
/** For `keys:rotate`: named in the manifest (`encryptedColumns`), registered by `installModules()`. */
export const rightsEncryptedColumns: readonly EncryptedColumn[] = [
  {
    table: 'disclosure_requests',
    idColumn: 'id',
    column: 'items_encrypted',
    context: RIGHTS_CONTEXTS.disclosure,
  },
  {
    table: 'correction_requests',
    idColumn: 'id',
    column: 'request_encrypted',
    context: RIGHTS_CONTEXTS.correction,
  },
  {
    table: 'correction_requests',
    idColumn: 'id',
    column: 'explanation_encrypted',
    context: RIGHTS_CONTEXTS.correctionExplanation,
  },
];
