import { z } from 'zod';
import {
  APPLICATION_STATUSES,
  MunicipalityCode,
  SUBSIDY_FIELD,
} from '../../../shared/contracts/subsidies.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';

/** What only the server reads of a subsidy request: route params and list querystrings (bodies and answers are in shared/contracts/subsidies.ts). */

export const IdParams = z.strictObject({ id: z.uuid({ message: fieldMessage(SUBSIDY_FIELD.id) }) });
export const ReceiptParams = z.strictObject({
  id: z.uuid({ message: fieldMessage(SUBSIDY_FIELD.id) }),
  receiptId: z.uuid({ message: fieldMessage(SUBSIDY_FIELD.id) }),
});
export const TenantParams = z.strictObject({ municipalityCode: MunicipalityCode });

export const ApplicationListQuery = z.strictObject({
  status: z.enum(APPLICATION_STATUSES).optional(),
  fiscalYear: z.coerce.number().int().min(2019).max(2100).optional(),
  receiptNumber: z.string().max(40).optional(),
  /** Part of the destination or of the receipt number; every word must match (kana and width folded). */
  q: z.string().trim().max(100).optional(),
  /** newest: submitted, newest first (default); oldest: the longest waiting first; destination: 50音; requested: the largest monthly amount first. */
  sort: z.enum(['newest', 'oldest', 'destination', 'requested']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export const WaitingClaimsQuery = z.strictObject({
  /** Part of the applicant's name, the programme or the receipt number; every word must match. */
  q: z.string().trim().max(100).optional(),
  /** entered: the longest waiting first (default); month: the oldest trip month first; applicant: 50音; amount: the largest covered amount first. */
  sort: z.enum(['entered', 'month', 'applicant', 'amount']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export const ClaimParams = z.strictObject({ id: z.uuid({ message: fieldMessage(SUBSIDY_FIELD.id) }) });
