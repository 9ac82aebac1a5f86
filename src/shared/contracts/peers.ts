import { z } from 'zod';
import { listResponse } from './list.ts';
import { BankView } from './payments.ts';

/**
 * What the peers API answers (issue 9 part 2): programmes, the registry, shifts and swaps, activities,
 * claims and the yearly statement. The server's routes answer with these schemas; the web imports
 * the types only. Dates and times travel as ISO strings.
 */

export const SUPPORTER_STATUSES = ['active', 'paused', 'ended'] as const;
export const QUALIFICATIONS = ['trainee', 'certified', 'lead'] as const;
export const SHIFT_STATUSES = ['scheduled', 'cancelled'] as const;
export const SWAP_STATUSES = ['open', 'accepted', 'withdrawn'] as const;
export const CLAIM_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export const ACTIVITY_KINDS = ['ibasho', 'outreach', 'phone', 'online', 'meeting', 'training'] as const;
export const CLAIM_PAYMENTS = ['unpaid', 'in_batch', 'paid', 'returned'] as const;

export const Programme = z.object({
  id: z.string(),
  name: z.string(),
  hourlyRate: z.number().int(),
  withholdingRateBp: z.number().int(),
  active: z.boolean(),
});
export type Programme = z.infer<typeof Programme>;
export const ProgrammeList = listResponse(Programme);

export const Supporter = z.object({
  id: z.string(),
  accountId: z.string().nullable(),
  displayName: z.string(),
  coordinatorAccountId: z.string(),
  status: z.enum(SUPPORTER_STATUSES),
  qualification: z.enum(QUALIFICATIONS),
  availabilityMask: z.number().int(),
  availabilityNote: z.string().nullable(),
  /** Only for the coordinator and the supporter; otherwise null with `livedExperienceHidden`. */
  livedExperience: z.string().nullable(),
  livedExperienceHidden: z.boolean(),
  bankAccount: z.string().nullable(),
  version: z.number().int(),
});
export type Supporter = z.infer<typeof Supporter>;
export const SupporterList = listResponse(Supporter);

export const RevealedBank = z.object({ bank: BankView.nullable() });

export const Shift = z.object({
  id: z.string(),
  supporterId: z.string(),
  supporterName: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(SHIFT_STATUSES),
  openSwap: z
    .object({ id: z.string(), fromSupporterId: z.string(), toSupporterId: z.string().nullable() })
    .nullable(),
});
export type Shift = z.infer<typeof Shift>;
export const ShiftList = listResponse(Shift);

export const Swap = z.object({
  id: z.string(),
  shiftId: z.string(),
  fromSupporterId: z.string(),
  toSupporterId: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  placeId: z.string(),
});

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
  payment: z.enum(CLAIM_PAYMENTS),
  /** The breakdown: the activities the claim sums (minutes × hourlyRate = gross). */
  activities: z.array(
    z.object({ id: z.string(), date: z.string(), kind: z.string(), minutes: z.number().int() }),
  ),
  /** Whether the caller may approve (or send back) this claim now: the rule the API enforces. */
  canApprove: z.boolean(),
});
export type Claim = z.infer<typeof Claim>;
export const ClaimList = listResponse(Claim);

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

/** The signed-in supporter's page. */
export const Me = z.object({
  supporter: Supporter,
  programmes: z.array(Programme),
  shifts: z.array(Shift),
  swapsOpenToMe: z.array(Swap),
  activities: z.array(Activity),
  claims: z.array(Claim),
});
export type PeerMe = z.infer<typeof Me>;

export { Created } from './payments.ts';
