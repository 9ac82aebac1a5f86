import { z } from 'zod';
import { freeText, requiredText } from '../../platform/http/fields.ts';
import { listResponse } from '../../platform/http/list.ts';
import { ACTIVITY_KINDS, CLAIM_STATUSES, QUALIFICATIONS, SUPPORTER_STATUSES } from './peers.tables.ts';

const id = z.uuid({ error: 'ID が正しくありません / Invalid id' });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/u, '月は YYYY-MM / Month as YYYY-MM');

export const IdParams = z.object({ id });

export const ProgrammeBody = z.strictObject({
  name: requiredText(100, '名前を入力してください / Enter a name'),
  hourlyRate: z.number().int().min(0).max(100_000),
  /** 1021 = 10.21 %. */
  withholdingRateBp: z.number().int().min(0).max(5000),
});
export const ProgrammeUpdateBody = z.strictObject({
  hourlyRate: z.number().int().min(0).max(100_000),
  withholdingRateBp: z.number().int().min(0).max(5000),
  active: z.boolean(),
});
export const Programme = z.object({
  id: z.string(),
  name: z.string(),
  hourlyRate: z.number().int(),
  withholdingRateBp: z.number().int(),
  active: z.boolean(),
});
export const ProgrammeList = listResponse(Programme);

export const SupporterBody = z.strictObject({
  displayName: requiredText(60, '活動名を入力してください / Enter a name'),
  accountId: id.nullable().optional(),
  coordinatorAccountId: id.optional(),
  status: z.enum(SUPPORTER_STATUSES).default('active'),
  qualification: z.enum(QUALIFICATIONS).default('trainee'),
  availabilityMask: z.number().int().min(0).max(127).default(0),
  availabilityNote: freeText(500).nullable().optional(),
  livedExperience: freeText(4000).nullable().optional(),
});
export const SupporterUpdateBody = SupporterBody.extend({ version: z.number().int().min(1) });
export const Supporter = z.object({
  id: z.string(),
  accountId: z.string().nullable(),
  displayName: z.string(),
  coordinatorAccountId: z.string(),
  status: z.enum(SUPPORTER_STATUSES),
  qualification: z.enum(QUALIFICATIONS),
  availabilityMask: z.number().int(),
  availabilityNote: z.string().nullable(),
  livedExperience: z.string().nullable(),
  livedExperienceHidden: z.boolean(),
  bankAccount: z.string().nullable(),
  version: z.number().int(),
});
export const SupporterList = listResponse(Supporter);

export const BankBody = z.strictObject({
  bankCode: z.string().regex(/^\d{4}$/u, '金融機関コードは4桁 / Bank code is 4 digits'),
  branchCode: z.string().regex(/^\d{3}$/u, '支店コードは3桁 / Branch code is 3 digits'),
  accountType: z.enum(['1', '2', '4', '9']),
  accountNumber: z.string().regex(/^\d{7}$/u, '口座番号は7桁 / Account number is 7 digits'),
  holderName: requiredText(60, '口座名義を入力してください / Enter the holder name'),
});
export const BankView = BankBody.extend({ holderName: z.string() });
export const RevealedBank = z.object({ bank: BankView.nullable() });

export const ShiftBody = z.strictObject({
  supporterId: id,
  placeId: id,
  startsAt: z.iso.datetime({ offset: true, error: '日時が正しくありません / Invalid date-time' }),
  endsAt: z.iso.datetime({ offset: true, error: '日時が正しくありません / Invalid date-time' }),
});
export const ShiftQuery = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  supporterId: id.optional(),
});
export const Shift = z.object({
  id: z.string(),
  supporterId: z.string(),
  supporterName: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['scheduled', 'cancelled']),
  openSwap: z
    .object({ id: z.string(), fromSupporterId: z.string(), toSupporterId: z.string().nullable() })
    .nullable(),
});
export const ShiftList = listResponse(Shift);
export const SwapBody = z.strictObject({ toSupporterId: id.nullable().default(null) });
export const AssignSwapBody = z.strictObject({ supporterId: id });
export const Swap = z.object({
  id: z.string(),
  shiftId: z.string(),
  fromSupporterId: z.string(),
  toSupporterId: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  placeId: z.string(),
});

export const ActivityBody = z.strictObject({
  programmeId: id,
  shiftId: id.nullable().optional(),
  activityDate: z.iso.date(),
  minutes: z.number().int().min(1, '1分以上 / At least 1 minute').max(1440),
  kind: z.enum(ACTIVITY_KINDS),
  note: freeText(2000).nullable().optional(),
});
export const StaffActivityBody = ActivityBody.extend({ supporterId: id });
export const Activity = z.object({
  id: z.string(),
  programmeId: z.string(),
  shiftId: z.string().nullable(),
  activityDate: z.string(),
  minutes: z.number().int(),
  kind: z.enum(ACTIVITY_KINDS),
  note: z.string().nullable(),
  claimId: z.string().nullable(),
});

export const ClaimBody = z.strictObject({ programmeId: id, month });
export const StaffClaimBody = ClaimBody.extend({ supporterId: id });
export const ClaimQuery = z.strictObject({
  status: z.enum(CLAIM_STATUSES).optional(),
  supporterId: id.optional(),
});
export const Claim = z.object({
  id: z.string(),
  supporterId: z.string(),
  supporterName: z.string(),
  programmeId: z.string(),
  month: z.string(),
  fiscalYear: z.number().int(),
  minutes: z.number().int(),
  hourlyRate: z.number().int(),
  withholdingRateBp: z.number().int(),
  gross: z.number().int(),
  withholding: z.number().int(),
  net: z.number().int(),
  status: z.enum(CLAIM_STATUSES),
  rejectReason: z.string().nullable(),
  payment: z.enum(['unpaid', 'in_batch', 'paid', 'returned']),
  /** The breakdown: the activities the claim sums (minutes × hourlyRate = gross). */
  activities: z.array(
    z.object({ id: z.string(), date: z.string(), kind: z.string(), minutes: z.number().int() }),
  ),
  /** Whether the caller may approve (or send back) this claim now: the rule the API enforces. */
  canApprove: z.boolean(),
});
export const ClaimList = listResponse(Claim);
export const RejectBody = z.strictObject({
  reason: requiredText(500, '理由を入力してください / Give a reason'),
});

export const StatementQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2200) });
export const Statement = z.object({
  supporterId: z.string(),
  displayName: z.string(),
  year: z.number().int(),
  claims: z.array(Claim),
  totals: z.object({
    minutes: z.number().int(),
    gross: z.number().int(),
    withholding: z.number().int(),
    net: z.number().int(),
  }),
});

export const Me = z.object({
  supporter: Supporter,
  programmes: z.array(Programme),
  shifts: z.array(Shift),
  swapsOpenToMe: z.array(Swap),
  activities: z.array(Activity),
  claims: z.array(Claim),
});
export const Created = z.object({ id: z.string() });
