import { z } from 'zod';
import { isMonth } from '../fiscal-year.ts';
import { isValidMunicipalityCode } from '../municipality-code.ts';
import { type Bilingual, fieldMessage } from '../text/field-message.ts';
import { listResponse } from './list.ts';

/**
 * The transport-cost subsidy (request 4): the bodies the web sends and the shapes the server answers
 * with, as JSON (dates are strings). Enums are identifiers; their labels live in the web feature's
 * catalogue. Server-only params and querystrings stay in subsidies.schema.ts.
 */
export const APPLICANT_RELATIONS = ['self', 'family'] as const;
export const TRAVEL_MODES = ['public_transport', 'car', 'bicycle'] as const;
export const DESTINATION_KINDS = ['place', 'event'] as const;
export const APPLICATION_STATUSES = ['submitted', 'checked', 'approved', 'rejected', 'withdrawn'] as const;
export const DECISIONS = ['approve', 'approve_reduced', 'reject'] as const;
export const IDENTITY_DOCUMENTS = [
  'my_number_card',
  'drivers_licence',
  'health_insurance_card',
  'residence_card',
  'other',
] as const;
export const RESIDENCY_METHODS = ['resident_register', 'document'] as const;
export const CLAIM_STATUSES = ['submitted', 'confirmed', 'rejected', 'paid'] as const;
export const ACCOUNT_TYPES = ['ordinary', 'current', 'savings'] as const;

/** The field rules' messages in Japanese and English (`fieldMessage`, shared/text/field-message.ts). */
export const SUBSIDY_FIELD = {
  amountNumber: { ja: '金額は数字で入力してください', en: 'Enter an amount in yen' },
  wholeYen: { ja: '金額は 1 円単位の整数です', en: 'Whole yen only' },
  notBelowZero: { ja: '0 円以上にしてください', en: 'Not below 0 yen' },
  municipalityCode: { ja: '市区町村コードが正しくありません', en: 'Invalid municipality code' },
  month: { ja: '年月は YYYY-MM で入力してください', en: 'Use YYYY-MM' },
  required: { ja: '入力してください', en: 'Required' },
  atMost60: { ja: '60 文字以内で入力してください', en: 'At most 60 characters' },
  reading: { ja: 'ふりがなを入力してください', en: 'Enter the reading' },
  id: { ja: 'ID が正しくありません', en: 'Invalid id' },
  atLeastOneYen: { ja: '1 円以上にしてください', en: 'At least 1 yen' },
  whoMayApply: { ja: '申請できる人を 1 つ以上選んでください', en: 'Choose who may apply' },
  instructionText: { ja: '教示文を入力してください', en: 'Enter the 教示 text' },
  fare: { ja: '運賃（往復）を入力してください', en: 'Enter the round-trip fare' },
  distance: { ja: '距離（往復 km）を入力してください', en: 'Enter the round-trip distance in km' },
  phone: { ja: '電話番号は数字とハイフンで', en: 'Digits and hyphens only' },
  email: { ja: 'メールアドレスが正しくありません', en: 'Invalid e-mail' },
  destination: { ja: '行き先を選んでください', en: 'Choose a destination' },
  route: { ja: '経路を入力してください', en: 'Describe the route' },
  legs: { ja: '交通手段を入力してください', en: 'Add how you travel' },
  atLeastOnce: { ja: '1 回以上', en: 'At least once' },
  atMost31: { ja: '31 回以下', en: 'At most 31' },
  bank: { ja: '金融機関を選んでください', en: 'Choose a bank' },
  branch: { ja: '支店を選んでください', en: 'Choose a branch' },
  accountNumber: { ja: '口座番号は 7 桁までの数字です', en: 'The account number is up to 7 digits' },
  holderName: { ja: '口座名義（カナ）を入力してください', en: 'Enter the holder name' },
  consent: { ja: '同意が必要です', en: 'Consent is required' },
  personName: { ja: 'ご本人の名前を入力してください', en: 'Enter the name of the person' },
  receiptNumber: { ja: '受付番号を入力してください', en: 'Enter the receipt number' },
  reasons: { ja: '理由を入力してください', en: 'Give the reasons' },
  grantedMonthly: { ja: '交付する月額を入力してください', en: 'Enter the monthly amount granted' },
  claimAtLeastOneYen: { ja: '1 円以上', en: 'At least 1 yen' },
  atMostYen: (max: number): Bilingual => ({
    ja: `${max.toLocaleString('ja-JP')} 円以下にしてください`,
    en: `At most ${max} yen`,
  }),
} as const;

const Yen = (max: number) =>
  z
    .number({ error: fieldMessage(SUBSIDY_FIELD.amountNumber) })
    .int({ message: fieldMessage(SUBSIDY_FIELD.wholeYen) })
    .min(0, { message: fieldMessage(SUBSIDY_FIELD.notBelowZero) })
    .max(max, { message: fieldMessage(SUBSIDY_FIELD.atMostYen(max)) });

export const MunicipalityCode = z
  .string()
  .refine(isValidMunicipalityCode, { message: fieldMessage(SUBSIDY_FIELD.municipalityCode) });
export const Month = z.string().refine(isMonth, { message: fieldMessage(SUBSIDY_FIELD.month) });
const Name = z
  .string()
  .trim()
  .min(1, { message: fieldMessage(SUBSIDY_FIELD.required) })
  .max(60, { message: fieldMessage(SUBSIDY_FIELD.atMost60) });
const Kana = z
  .string()
  .trim()
  .min(1, { message: fieldMessage(SUBSIDY_FIELD.reading) })
  .max(60, { message: fieldMessage(SUBSIDY_FIELD.atMost60) });

// ── programme ─────────────────────────────────────────────────────────────────────────────────

export const ProgrammeBody = z.strictObject({
  fiscalYear: z.number().int().min(2019).max(2100),
  name: Name.max(100),
  budgetYen: Yen(2_000_000_000),
  monthlyCapYen: Yen(1_000_000).min(1, { message: fieldMessage(SUBSIDY_FIELD.atLeastOneYen) }),
  carYenPerKm: Yen(1000),
  bicycleYenPerKm: Yen(1000),
  applicantRelations: z
    .array(z.enum(APPLICANT_RELATIONS))
    .min(1, { message: fieldMessage(SUBSIDY_FIELD.whoMayApply) })
    .max(2),
  open: z.boolean(),
  documentNumberPrefix: z.string().trim().min(1).max(30),
  approvalNoticeText: z.string().trim().min(1).max(4000),
  rejectionNoticeText: z.string().trim().min(1).max(4000),
  instructionText: z
    .string()
    .trim()
    .min(1, { message: fieldMessage(SUBSIDY_FIELD.instructionText) })
    .max(4000),
});
export type ProgrammeBody = z.infer<typeof ProgrammeBody>;
export const UpdateProgrammeBody = ProgrammeBody.omit({ fiscalYear: true }).extend({
  version: z.number().int().min(1),
});

export const Programme = ProgrammeBody.extend({
  id: z.uuid(),
  version: z.number().int(),
  nextDocumentSerial: z.number().int(),
  budget: z.object({
    budgetYen: z.number().int(),
    confirmedYen: z.number().int(),
    pendingYen: z.number().int(),
    remainingYen: z.number().int(),
    grantedMonthlyYen: z.number().int(),
  }),
});
export const ProgrammeList = z.object({ items: z.array(Programme) });

export const PublicProgramme = z.object({
  municipalityCode: z.string(),
  municipalityName: z.string(),
  fiscalYear: z.number().int(),
  name: z.string(),
  monthlyCapYen: z.number().int(),
  carYenPerKm: z.number().int(),
  bicycleYenPerKm: z.number().int(),
  applicantRelations: z.array(z.enum(APPLICANT_RELATIONS)),
  open: z.boolean(),
});

// ── application ───────────────────────────────────────────────────────────────────────────────

export const Leg = z
  .strictObject({
    mode: z.enum(TRAVEL_MODES),
    fareYen: Yen(50_000).optional(),
    distanceKm: z.number().min(0.1).max(300).optional(),
  })
  .superRefine((leg, ctx) => {
    if (leg.mode === 'public_transport' && leg.fareYen === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['fareYen'],
        message: fieldMessage(SUBSIDY_FIELD.fare),
      });
    if (leg.mode !== 'public_transport' && leg.distanceKm === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['distanceKm'],
        message: fieldMessage(SUBSIDY_FIELD.distance),
      });
  });

const ApplicationFields = {
  relation: z.enum(APPLICANT_RELATIONS),
  applicant: z.strictObject({ name: Name, nameKana: Kana }),
  person: z.strictObject({ name: Name, nameKana: Kana }).optional(),
  contact: z
    .strictObject({
      phone: z
        .string()
        .trim()
        .max(20)
        .regex(/^[0-9０-９\-－ ()+]*$/, { message: fieldMessage(SUBSIDY_FIELD.phone) })
        .optional(),
      email: z.union([z.literal(''), z.email({ message: fieldMessage(SUBSIDY_FIELD.email) })]).optional(),
      address: z.string().trim().max(200).optional(),
    })
    .default({}),
  destination: z.strictObject({
    kind: z.enum(DESTINATION_KINDS),
    id: z.uuid({ message: fieldMessage(SUBSIDY_FIELD.destination) }),
  }),
  route: z
    .string()
    .trim()
    .min(1, { message: fieldMessage(SUBSIDY_FIELD.route) })
    .max(500),
  legs: z
    .array(Leg)
    .min(1, { message: fieldMessage(SUBSIDY_FIELD.legs) })
    .max(4),
  tripsPerMonth: z
    .number()
    .int()
    .min(1, { message: fieldMessage(SUBSIDY_FIELD.atLeastOnce) })
    .max(31, { message: fieldMessage(SUBSIDY_FIELD.atMost31) }),
  bank: z.strictObject({
    bankCode: z.string().regex(/^\d{4}$/, { message: fieldMessage(SUBSIDY_FIELD.bank) }),
    branchCode: z.string().regex(/^\d{3}$/, { message: fieldMessage(SUBSIDY_FIELD.branch) }),
    accountType: z.enum(ACCOUNT_TYPES),
    accountNumber: z
      .string()
      .trim()
      .regex(/^\d{1,7}$/, { message: fieldMessage(SUBSIDY_FIELD.accountNumber) }),
    holderName: z
      .string()
      .trim()
      .min(1, { message: fieldMessage(SUBSIDY_FIELD.holderName) })
      .max(60),
  }),
  language: z.enum(['ja', 'en', 'easy-ja']).default('ja'),
  consent: z.literal(true, { message: fieldMessage(SUBSIDY_FIELD.consent) }),
};

const familyNeedsPerson = (body: { relation: string; person?: unknown }, ctx: z.RefinementCtx) => {
  if (body.relation === 'family' && !body.person)
    ctx.addIssue({
      code: 'custom',
      path: ['person'],
      message: fieldMessage(SUBSIDY_FIELD.personName),
    });
};

/** Entered by staff at the counter (the tenant is the staff member's). */
export const ApplicationBody = z.strictObject(ApplicationFields).superRefine(familyNeedsPerson);
export type ApplicationBody = z.infer<typeof ApplicationBody>;

/** The public form names the municipality it applies to. */
export const PublicApplicationBody = z
  .strictObject({ ...ApplicationFields, municipalityCode: MunicipalityCode })
  .superRefine(familyNeedsPerson);

export const SubmittedApplication = z.object({
  receiptNumber: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  submittedAt: z.string(),
  requestedMonthlyYen: z.number().int(),
  receipts: z.number().int(),
});

export const StatusLookupBody = z.strictObject({
  receiptNumber: z
    .string()
    .trim()
    .min(1, { message: fieldMessage(SUBSIDY_FIELD.receiptNumber) })
    .max(40),
});
export const PublicStatus = z.object({
  receiptNumber: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  submittedAt: z.string(),
  checkedAt: z.string().nullable(),
  decidedOn: z.string().nullable(),
  claims: z.array(
    z.object({ tripMonth: z.string(), status: z.enum(CLAIM_STATUSES), confirmedOn: z.string().nullable() }),
  ),
});

export const ApplicationSummary = z.object({
  id: z.uuid(),
  receiptNumber: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  relation: z.enum(APPLICANT_RELATIONS),
  destinationName: z.string(),
  requestedMonthlyYen: z.number().int(),
  grantedMonthlyYen: z.number().int().nullable(),
  fiscalYear: z.number().int(),
  submittedAt: z.string(),
  enteredAtCounter: z.boolean(),
});
export const ApplicationList = listResponse(ApplicationSummary);

export const Claim = z.object({
  id: z.uuid(),
  tripMonth: z.string(),
  fiscalYear: z.number().int(),
  tripCount: z.number().int(),
  /** What the person reported for the month, as reported. */
  reportedYen: z.number().int(),
  /** The part of the report the grant covers (trips × fare, granted monthly amount, cap). */
  claimedYen: z.number().int(),
  status: z.enum(CLAIM_STATUSES),
  confirmedYen: z.number().int().nullable(),
  confirmedOn: z.string().nullable(),
  confirmedBy: z.uuid().nullable(),
  paidOn: z.string().nullable(),
});
export const ClaimView = Claim;

export const WaitingClaim = Claim.extend({
  applicationId: z.uuid(),
  receiptNumber: z.string(),
  programmeName: z.string(),
  applicantName: z.string(),
  grantedMonthlyYen: z.number().int().nullable(),
  enteredAt: z.string(),
  /** False for the claim's own enterer (four eyes on money). */
  mayConfirm: z.boolean(),
});
export const WaitingClaimList = listResponse(WaitingClaim);

export const ApplicationDetail = ApplicationSummary.extend({
  version: z.number().int(),
  programme: z.object({ id: z.uuid(), name: z.string(), monthlyCapYen: z.number().int() }),
  applicant: z.object({ name: z.string(), nameKana: z.string() }),
  person: z.object({ name: z.string(), nameKana: z.string() }).nullable(),
  /** Masked unless revealed (audited) or read by finance. */
  contact: z.object({
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    masked: z.boolean(),
  }),
  destination: z.object({ kind: z.enum(DESTINATION_KINDS), id: z.uuid(), name: z.string() }),
  route: z.string(),
  legs: z.array(
    z.object({
      mode: z.enum(TRAVEL_MODES),
      fareYen: z.number().optional(),
      distanceKm: z.number().optional(),
    }),
  ),
  tripYen: z.number().int(),
  tripsPerMonth: z.number().int(),
  bank: z.object({
    bankCode: z.string(),
    bankName: z.string(),
    branchCode: z.string(),
    branchName: z.string(),
    accountType: z.enum(ACCOUNT_TYPES),
    accountNumber: z.string(),
    holderKana: z.string(),
    masked: z.boolean(),
  }),
  language: z.string(),
  receipts: z.array(z.object({ id: z.uuid(), contentType: z.string(), byteSize: z.number().int() })),
  check: z
    .object({
      identityDocument: z.enum(IDENTITY_DOCUMENTS),
      residencyMethod: z.enum(RESIDENCY_METHODS),
      note: z.string().nullable(),
      checkedBy: z.uuid(),
      checkedByName: z.string().nullable(),
      checkedAt: z.string(),
    })
    .nullable(),
  decision: z
    .object({
      decision: z.enum(DECISIONS),
      grantedMonthlyYen: z.number().int().nullable(),
      grantFrom: z.string().nullable(),
      grantTo: z.string().nullable(),
      reasons: z.string().nullable(),
      documentNumber: z.string(),
      decidedBy: z.uuid(),
      decidedByName: z.string().nullable(),
      decidedOn: z.string(),
    })
    .nullable(),
  claims: z.array(Claim),
});

export const Revealed = z.object({
  contact: z
    .object({ phone: z.string().nullable(), email: z.string().nullable(), address: z.string().nullable() })
    .optional(),
  bank: z.object({ accountNumber: z.string(), holderKana: z.string() }).optional(),
});

export const CheckBody = z.strictObject({
  version: z.number().int().min(1),
  identityDocument: z.enum(IDENTITY_DOCUMENTS),
  residencyMethod: z.enum(RESIDENCY_METHODS),
  note: z.string().trim().max(1000).optional(),
});

export const DecideBody = z
  .strictObject({
    version: z.number().int().min(1),
    decision: z.enum(DECISIONS),
    grantedMonthlyYen: Yen(1_000_000).optional(),
    grantFrom: Month.optional(),
    reasons: z.string().trim().max(2000).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.decision !== 'approve' && !body.reasons)
      ctx.addIssue({
        code: 'custom',
        path: ['reasons'],
        message: fieldMessage(SUBSIDY_FIELD.reasons),
      });
    if (body.decision === 'approve_reduced' && body.grantedMonthlyYen === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['grantedMonthlyYen'],
        message: fieldMessage(SUBSIDY_FIELD.grantedMonthly),
      });
  });
export type DecideBody = z.infer<typeof DecideBody>;

export const Notice = z.object({
  kind: z.enum(['approval', 'rejection']),
  documentNumber: z.string(),
  decidedOn: z.string(),
  decidedOnWareki: z.string(),
  tenantName: z.string(),
  mayorTitle: z.string(),
  fiscalYearLabel: z.string(),
  programmeName: z.string(),
  addressee: z.string(),
  personName: z.string().nullable(),
  receiptNumber: z.string(),
  submittedOnWareki: z.string(),
  requestedMonthlyYen: z.number().int(),
  grantedMonthlyYen: z.number().int().nullable(),
  grantFromLabel: z.string().nullable(),
  grantToLabel: z.string().nullable(),
  destinationName: z.string(),
  bodyText: z.string(),
  reasons: z.string().nullable(),
  instructionText: z.string(),
});

export const ClaimBody = z.strictObject({
  tripMonth: Month,
  tripCount: z
    .number()
    .int()
    .min(1, { message: fieldMessage(SUBSIDY_FIELD.atLeastOnce) })
    .max(62),
  /** The amount the person reported, recorded as it is even when it is more than the grant covers. */
  claimedYen: Yen(1_000_000).min(1, { message: fieldMessage(SUBSIDY_FIELD.claimAtLeastOneYen) }),
});
export const ConfirmBody = z.strictObject({
  confirmedYen: Yen(1_000_000).optional(),
});
export const RejectClaimBody = z.strictObject({ reason: z.string().trim().min(1).max(1000) });
