import { z } from 'zod';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { PAYMENTS_FIELD } from './payments.errors.ts';

/** What only the server reads: params, querystrings and request bodies (answers: shared/contracts/payments.ts). */

const isoDate = z.iso.date({ error: fieldMessage(PAYMENTS_FIELD.date) });
const id = z.uuid({ error: fieldMessage(PAYMENTS_FIELD.id) });

export const BatchParams = z.object({ id });
export const LineParams = BatchParams.extend({ lineId: id });

export const CreateBatchBody = z.strictObject({
  transferDate: isoDate,
  items: z.union([
    z.literal('all'),
    z
      .array(
        z.strictObject({
          sourceKind: z.string().regex(/^[a-z][a-z_]{1,39}$/u, fieldMessage(PAYMENTS_FIELD.kind)),
          sourceId: z.string().min(1).max(100),
        }),
      )
      .min(1, fieldMessage(PAYMENTS_FIELD.chooseOne))
      .max(100_000),
  ]),
});

export const LineResultBody = z.strictObject({
  status: z.enum(['paid', 'returned'], { error: fieldMessage(PAYMENTS_FIELD.result) }),
  reason: z.string().trim().max(200, fieldMessage(PAYMENTS_FIELD.reason200)).optional(),
});

export const LedgerQuery = z.strictObject({
  fiscalYear: z.coerce.number().int().min(2000).max(2200).optional(),
});
export const BudgetBody = z.strictObject({
  programmeKey: z.string().regex(/^[a-z]+:[A-Za-z0-9_-]{1,64}$/u, fieldMessage(PAYMENTS_FIELD.programmeKey)),
  fiscalYear: z.number().int().min(2000).max(2200),
  amount: z.number().int().min(0).max(999_999_999_999),
});
