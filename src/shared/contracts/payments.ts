import { z } from 'zod';
import { listResponse } from './list.ts';

/**
 * What the payments API answers (issue 9 parts 3–5): payable items, payment batches with their lines,
 * a line's bank details (finance only) and the budget ledger. The server's routes answer with these
 * schemas; the web imports the types only. Dates and times travel as ISO strings.
 */

export const BATCH_STATUSES = ['draft', 'approved', 'exported'] as const;
export const LINE_STATUSES = ['pending', 'paid', 'returned'] as const;
export const ACCOUNT_TYPES = ['1', '2', '4', '9'] as const;

/** The envelope of every list the payments and peers APIs answer with. */

export const PayableItemView = z.object({
  sourceKind: z.string(),
  sourceId: z.string(),
  programmeKey: z.string(),
  programmeName: z.string(),
  payeeName: z.string(),
  fiscalYear: z.number().int(),
  amount: z.number().int(),
  description: z.string(),
  /** Masked: `***1234`. */
  account: z.string(),
  reissue: z.boolean(),
});
export type PayableItemView = z.infer<typeof PayableItemView>;
export const PayableList = z.object({ items: z.array(PayableItemView), total: z.number().int() });

export const BatchSummary = z.object({
  id: z.string(),
  number: z.number().int(),
  status: z.enum(BATCH_STATUSES),
  transferDate: z.string(),
  lineCount: z.number().int(),
  totalAmount: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  exportedBy: z.string().nullable(),
  exportedAt: z.string().nullable(),
  fileSha256: z.string().nullable(),
  /** Transfers in the bank file: claims to one payee and account are one transfer. */
  transferCount: z.number().int(),
});
export type BatchSummary = z.infer<typeof BatchSummary>;
export const BatchList = listResponse(BatchSummary);

export const LineView = z.object({
  id: z.string(),
  lineNo: z.number().int(),
  /** The transfer of the bank file this line is paid in (lines to one payee and account share one). */
  transferNo: z.number().int(),
  sourceKind: z.string(),
  sourceId: z.string(),
  programmeKey: z.string(),
  programmeName: z.string(),
  payeeName: z.string(),
  fiscalYear: z.number().int(),
  description: z.string(),
  amount: z.number().int(),
  account: z.string(),
  status: z.enum(LINE_STATUSES),
  returnReason: z.string().nullable(),
  reissueOf: z.string().nullable(),
});
export type LineView = z.infer<typeof LineView>;
export const BatchDetail = BatchSummary.extend({ lines: z.array(LineView) });
export type BatchDetail = z.infer<typeof BatchDetail>;

export const Created = z.object({ id: z.string() });

export const BankView = z.object({
  bankCode: z.string(),
  branchCode: z.string(),
  accountType: z.enum(ACCOUNT_TYPES),
  accountNumber: z.string(),
  holderName: z.string(),
});
export type BankView = z.infer<typeof BankView>;

export const LedgerRow = z.object({
  programmeKey: z.string(),
  programmeName: z.string(),
  fiscalYear: z.number().int(),
  budget: z.number().int(),
  committed: z.number().int(),
  confirmed: z.number().int(),
  paid: z.number().int(),
  remaining: z.number().int(),
});
export type LedgerRow = z.infer<typeof LedgerRow>;
export const Ledger = listResponse(LedgerRow);
