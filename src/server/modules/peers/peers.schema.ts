import { z } from 'zod';
import {
  ACTIVITY_KINDS,
  CLAIM_STATUSES,
  QUALIFICATIONS,
  SUPPORTER_STATUSES,
} from '../../../shared/contracts/peers.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { freeText, requiredText } from '../../platform/http/fields.ts';
import { PEERS_FIELD } from './peers.errors.ts';

const id = z.uuid({ error: fieldMessage(PEERS_FIELD.id) });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/u, fieldMessage(PEERS_FIELD.month));

export const IdParams = z.object({ id });

export const ProgrammeBody = z.strictObject({
  name: requiredText(100, fieldMessage(PEERS_FIELD.programmeName)),
  hourlyRate: z.number().int().min(0).max(100_000),
  /** 1021 = 10.21 %. */
  withholdingRateBp: z.number().int().min(0).max(5000),
});
export const ProgrammeUpdateBody = z.strictObject({
  hourlyRate: z.number().int().min(0).max(100_000),
  withholdingRateBp: z.number().int().min(0).max(5000),
  active: z.boolean(),
});
export const SupporterBody = z.strictObject({
  displayName: requiredText(60, fieldMessage(PEERS_FIELD.displayName)),
  accountId: id.nullable().optional(),
  coordinatorAccountId: id.optional(),
  status: z.enum(SUPPORTER_STATUSES).default('active'),
  qualification: z.enum(QUALIFICATIONS).default('trainee'),
  availabilityMask: z.number().int().min(0).max(127).default(0),
  availabilityNote: freeText(500).nullable().optional(),
  livedExperience: freeText(4000).nullable().optional(),
});
export const SupporterUpdateBody = SupporterBody.extend({ version: z.number().int().min(1) });
export const BankBody = z.strictObject({
  bankCode: z.string().regex(/^\d{4}$/u, fieldMessage(PEERS_FIELD.bankCode)),
  branchCode: z.string().regex(/^\d{3}$/u, fieldMessage(PEERS_FIELD.branchCode)),
  accountType: z.enum(['1', '2', '4', '9']),
  accountNumber: z.string().regex(/^\d{7}$/u, fieldMessage(PEERS_FIELD.accountNumber)),
  holderName: requiredText(60, fieldMessage(PEERS_FIELD.holderName)),
});
export const ShiftBody = z.strictObject({
  supporterId: id,
  placeId: id,
  startsAt: z.iso.datetime({ offset: true, error: fieldMessage(PEERS_FIELD.dateTime) }),
  endsAt: z.iso.datetime({ offset: true, error: fieldMessage(PEERS_FIELD.dateTime) }),
});
export const ShiftQuery = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  supporterId: id.optional(),
});
export const SwapBody = z.strictObject({ toSupporterId: id.nullable().default(null) });
export const AssignSwapBody = z.strictObject({ supporterId: id });
export const ActivityBody = z.strictObject({
  programmeId: id,
  shiftId: id.nullable().optional(),
  activityDate: z.iso.date(),
  minutes: z.number().int().min(1, fieldMessage(PEERS_FIELD.minutes)).max(1440),
  kind: z.enum(ACTIVITY_KINDS),
  note: freeText(2000).nullable().optional(),
});
export const StaffActivityBody = ActivityBody.extend({ supporterId: id });
export const ClaimBody = z.strictObject({ programmeId: id, month });
export const StaffClaimBody = ClaimBody.extend({ supporterId: id });
export const ClaimQuery = z.strictObject({
  status: z.enum(CLAIM_STATUSES).optional(),
  supporterId: id.optional(),
});
export const RejectBody = z.strictObject({
  reason: requiredText(500, fieldMessage(PEERS_FIELD.reason)),
});

export const StatementQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2200) });
