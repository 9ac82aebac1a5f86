import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  char,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { BATCH_STATUSES, LINE_STATUSES } from '../../../shared/contracts/payments.ts';
import type { EncryptedColumn } from '../../platform/crypto/registry.ts';
import { tenantIsolation } from '../../platform/db/tenant.ts';

/**
 * Payment batches, their lines and the budget ledger (issue 9, parts 3–4).
 *
 * - A line pays one item of a payable source (`source_kind`, `source_id`: a peer compensation claim,
 *   later a subsidy claim). A partial unique index allows at most one line per item that is not
 *   `returned`: the same claim can never be in two live lines, so it can never be paid twice, whatever
 *   the application does. A returned line frees the item for a re-issue in a later batch.
 * - Batches go draft → approved → exported. Triggers (migration `payments_guards`) refuse any change to
 *   an exported batch and to its lines except recording each line's result (paid / returned), refuse
 *   lines added to a batch that is no longer a draft, and a check refuses an exporter equal to the
 *   approver (the four-eyes rule also lives in the service, with a clear message).
 * - The ledger is an append-only journal (`ledger_entries`): each entry moves an amount of one item
 *   into or out of a stage (committed, confirmed, paid) of a programme and fiscal year; budgets are
 *   entries of their own. Every figure the ledger shows is a sum of its entries.
 */
export const LEDGER_STAGES = ['budget', 'committed', 'confirmed', 'paid'] as const;

export const paymentBatches = pgTable(
  'payment_batches',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    /** Human number per tenant (支払バッチ番号), shown on screens and in file names. */
    number: integer().notNull(),
    status: text({ enum: BATCH_STATUSES }).notNull().default('draft'),
    /** 取組日: the day the bank moves the money. */
    transferDate: date({ mode: 'string' }).notNull(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    approvedBy: uuid(),
    approvedAt: timestamp({ withTimezone: true }),
    exportedBy: uuid(),
    exportedAt: timestamp({ withTimezone: true }),
    /** SHA-256 of the exported file, so a later download can be checked against what went to the bank. */
    fileSha256: text(),
    lineCount: integer().notNull().default(0),
    totalAmount: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [
    uniqueIndex('payment_batches_number').on(t.municipalityCode, t.number),
    index('payment_batches_status').on(t.municipalityCode, t.status, t.createdAt),
    check('payment_batches_four_eyes', sql`${t.exportedBy} is null or ${t.exportedBy} <> ${t.approvedBy}`),
    check(
      'payment_batches_stages',
      sql`(${t.status} = 'draft' and ${t.approvedBy} is null and ${t.exportedBy} is null)
        or (${t.status} = 'approved' and ${t.approvedBy} is not null and ${t.exportedBy} is null)
        or (${t.status} = 'exported' and ${t.approvedBy} is not null and ${t.exportedBy} is not null and ${t.fileSha256} is not null)`,
    ),
    tenantIsolation('payment_batches', t.municipalityCode),
  ],
).enableRLS();

export const paymentLines = pgTable(
  'payment_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    batchId: uuid()
      .notNull()
      .references(() => paymentBatches.id),
    /** 1-based position in the batch. */
    lineNo: integer().notNull(),
    /**
     * The transfer of the bank file that pays this line: lines to the same payee and account share one
     * (one transfer of their sum). Null on lines built before transfers were joined: each is its own
     * transfer, numbered by its line, so an old batch's file is rebuilt byte for byte.
     */
    transferNo: integer(),
    sourceKind: text().notNull(),
    sourceId: text().notNull(),
    programmeKey: text().notNull(),
    fiscalYear: integer().notNull(),
    /** What finance sees about the payee: no names (e.g. "ピアサポーター報酬 2026年4月分 P-0003"). */
    description: text().notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    /**
     * What the ledger moves from confirmed to paid when the line is paid: the amount, or more when the
     * payer keeps part of the cost to pay elsewhere (a fee's 源泉徴収 goes to the tax office, not the payee).
     */
    ledgerAmount: bigint({ mode: 'number' }).notNull(),
    /** Bank details as they were when the batch was built (JSON, encrypted): the file is reproducible. */
    bankEncrypted: text().notNull(),
    /** The payee's name for finance's screens (encrypted; null on lines built before it was kept). */
    payeeEncrypted: text(),
    /** Last four digits of the account, for masked display without decrypting. */
    accountLast4: char({ length: 4 }).notNull(),
    status: text({ enum: LINE_STATUSES }).notNull().default('pending'),
    resultAt: timestamp({ withTimezone: true }),
    resultBy: uuid(),
    returnReason: text(),
    /** The returned line this one re-issues. */
    reissueOf: uuid(),
  },
  (t) => [
    uniqueIndex('payment_lines_batch_line').on(t.municipalityCode, t.batchId, t.lineNo),
    // The database's own promise that one claim is never paid twice.
    uniqueIndex('payment_lines_one_live_per_source')
      .on(t.municipalityCode, t.sourceKind, t.sourceId)
      .where(sql`${t.status} <> 'returned'`),
    index('payment_lines_source').on(t.municipalityCode, t.sourceKind, t.sourceId),
    check('payment_lines_amount', sql`${t.amount} > 0 and ${t.amount} <= 9999999999`),
    check('payment_lines_ledger_amount', sql`${t.ledgerAmount} >= ${t.amount}`),
    check('payment_lines_source_kind', sql`${t.sourceKind} ~ '^[a-z][a-z_]{1,39}$'`),
    check('payment_lines_fiscal_year', sql`${t.fiscalYear} between 2000 and 2200`),
    tenantIsolation('payment_lines', t.municipalityCode),
  ],
).enableRLS();

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    municipalityCode: char({ length: 6 }).notNull(),
    programmeKey: text().notNull(),
    fiscalYear: integer().notNull(),
    stage: text({ enum: LEDGER_STAGES }).notNull(),
    /** Signed yen: a move from one stage to the next is two entries that sum to zero. */
    amount: bigint({ mode: 'number' }).notNull(),
    /** The item moved (null for budget entries). */
    sourceKind: text(),
    sourceId: text(),
    /** Why: `budget.set`, `claim.approved`, `line.paid`, `line.returned` … */
    reason: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorAccountId: uuid(),
  },
  (t) => [
    index('ledger_entries_programme').on(t.municipalityCode, t.programmeKey, t.fiscalYear, t.stage),
    index('ledger_entries_item').on(t.municipalityCode, t.sourceKind, t.sourceId),
    check('ledger_entries_fiscal_year', sql`${t.fiscalYear} between 2000 and 2200`),
    tenantIsolation('ledger_entries', t.municipalityCode),
  ],
).enableRLS();

export const PAYMENTS_CONTEXTS = {
  lineBank: 'payment_lines.bank',
  linePayee: 'payment_lines.payee',
} as const;
/** For `keys:rotate`: named in the manifest (`encryptedColumns`), registered by `installModules()`. */
export const paymentsEncryptedColumns: readonly EncryptedColumn[] = [
  {
    table: 'payment_lines',
    idColumn: 'id',
    column: 'bank_encrypted',
    context: PAYMENTS_CONTEXTS.lineBank,
  },
  {
    table: 'payment_lines',
    idColumn: 'id',
    column: 'payee_encrypted',
    context: PAYMENTS_CONTEXTS.linePayee,
  },
];

/** Rows added, never changed by the app: named in the manifest (`appendOnlyTables`), see platform/db/roles.ts. */
export const paymentsAppendOnlyTables: readonly string[] = ['ledger_entries'];
