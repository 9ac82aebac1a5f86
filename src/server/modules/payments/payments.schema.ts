import { z } from 'zod';
import { listResponse } from '../../platform/http/list.ts';

const isoDate = z.iso.date({ error: '日付は YYYY-MM-DD / Date as YYYY-MM-DD' });

export const BatchParams = z.object({ id: z.uuid({ error: 'ID が正しくありません / Invalid id' }) });
export const LineParams = BatchParams.extend({
  lineId: z.uuid({ error: 'ID が正しくありません / Invalid id' }),
});

export const PayableItemView = z.object({
  sourceKind: z.string(),
  sourceId: z.string(),
  programmeKey: z.string(),
  programmeName: z.string(),
  payeeName: z.string(),
  fiscalYear: z.number().int(),
  amount: z.number().int(),
  description: z.string(),
  account: z.string(),
  reissue: z.boolean(),
});
export const PayableList = z.object({ items: z.array(PayableItemView), total: z.number().int() });

export const CreateBatchBody = z.strictObject({
  transferDate: isoDate,
  items: z.union([
    z.literal('all'),
    z
      .array(
        z.strictObject({
          sourceKind: z.string().regex(/^[a-z][a-z_]{1,39}$/u, '区分が正しくありません / Invalid kind'),
          sourceId: z.string().min(1).max(100),
        }),
      )
      .min(1, '1件以上選んでください / Choose at least one item')
      .max(100_000),
  ]),
});

export const BatchSummary = z.object({
  id: z.string(),
  number: z.number().int(),
  status: z.enum(['draft', 'approved', 'exported']),
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
  transferCount: z.number().int(),
});
export const BatchList = listResponse(BatchSummary);
export const LineView = z.object({
  id: z.string(),
  lineNo: z.number().int(),
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
  status: z.enum(['pending', 'paid', 'returned']),
  returnReason: z.string().nullable(),
  reissueOf: z.string().nullable(),
});
export const BatchDetail = BatchSummary.extend({ lines: z.array(LineView) });
export const Created = z.object({ id: z.string() });

export const LineResultBody = z.strictObject({
  status: z.enum(['paid', 'returned'], { error: '結果は paid か returned / paid or returned' }),
  reason: z.string().trim().max(200, '200文字以内 / At most 200 characters').optional(),
});

export const BankView = z.object({
  bankCode: z.string(),
  branchCode: z.string(),
  accountType: z.enum(['1', '2', '4', '9']),
  accountNumber: z.string(),
  holderName: z.string(),
});

export const LedgerQuery = z.strictObject({
  fiscalYear: z.coerce.number().int().min(2000).max(2200).optional(),
});
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
export const Ledger = listResponse(LedgerRow);
export const BudgetBody = z.strictObject({
  programmeKey: z
    .string()
    .regex(/^[a-z]+:[A-Za-z0-9_-]{1,64}$/u, '事業キーが正しくありません / Invalid programme key'),
  fiscalYear: z.number().int().min(2000).max(2200),
  amount: z.number().int().min(0).max(999_999_999_999),
});
