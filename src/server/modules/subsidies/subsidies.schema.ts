import { z } from 'zod';
import { isMonth } from '../../../shared/fiscal-year.ts';
import { isValidMunicipalityCode } from '../../../shared/municipality-code.ts';
import { listResponse } from '../../platform/http/list.ts';
import {
  ACCOUNT_TYPES,
  APPLICANT_RELATIONS,
  APPLICATION_STATUSES,
  CLAIM_STATUSES,
  DECISIONS,
  DESTINATION_KINDS,
  IDENTITY_DOCUMENTS,
  RESIDENCY_METHODS,
  TRAVEL_MODES,
} from './subsidies.tables.ts';

const Yen = (max: number) =>
  z
    .number({ error: '金額は数字で入力してください / Enter an amount in yen' })
    .int('金額は 1 円単位の整数です / Whole yen only')
    .min(0, '0 円以上にしてください / Not below 0 yen')
    .max(max, `${max.toLocaleString('ja-JP')} 円以下にしてください / At most ${max} yen`);

const MunicipalityCode = z
  .string()
  .refine(isValidMunicipalityCode, '市区町村コードが正しくありません / Invalid municipality code');
const Month = z.string().refine(isMonth, '年月は YYYY-MM で入力してください / Use YYYY-MM');
const Name = z
  .string()
  .trim()
  .min(1, '入力してください / Required')
  .max(60, '60 文字以内で入力してください / At most 60 characters');
const Kana = z
  .string()
  .trim()
  .min(1, 'ふりがなを入力してください / Enter the reading')
  .max(60, '60 文字以内で入力してください / At most 60 characters');

export const IdParams = z.strictObject({ id: z.uuid('ID が正しくありません / Invalid id') });
export const ReceiptParams = z.strictObject({
  id: z.uuid('ID が正しくありません / Invalid id'),
  receiptId: z.uuid('ID が正しくありません / Invalid id'),
});
export const TenantParams = z.strictObject({ municipalityCode: MunicipalityCode });

// ── programme ─────────────────────────────────────────────────────────────────────────────────

export const ProgrammeBody = z.strictObject({
  fiscalYear: z.number().int().min(2019).max(2100),
  name: Name.max(100),
  budgetYen: Yen(2_000_000_000),
  monthlyCapYen: Yen(1_000_000).min(1, '1 円以上にしてください / At least 1 yen'),
  carYenPerKm: Yen(1000),
  bicycleYenPerKm: Yen(1000),
  applicantRelations: z
    .array(z.enum(APPLICANT_RELATIONS))
    .min(1, '申請できる人を 1 つ以上選んでください / Choose who may apply')
    .max(2),
  open: z.boolean(),
  documentNumberPrefix: z.string().trim().min(1).max(30),
  approvalNoticeText: z.string().trim().min(1).max(4000),
  rejectionNoticeText: z.string().trim().min(1).max(4000),
  instructionText: z.string().trim().min(1, '教示文を入力してください / Enter the 教示 text').max(4000),
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
        message: '運賃（往復）を入力してください / Enter the round-trip fare',
      });
    if (leg.mode !== 'public_transport' && leg.distanceKm === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['distanceKm'],
        message: '距離（往復 km）を入力してください / Enter the round-trip distance in km',
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
        .regex(/^[0-9０-９\-－ ()+]*$/, '電話番号は数字とハイフンで / Digits and hyphens only')
        .optional(),
      email: z
        .union([z.literal(''), z.email('メールアドレスが正しくありません / Invalid e-mail')])
        .optional(),
      address: z.string().trim().max(200).optional(),
    })
    .default({}),
  destination: z.strictObject({
    kind: z.enum(DESTINATION_KINDS),
    id: z.uuid('行き先を選んでください / Choose a destination'),
  }),
  route: z.string().trim().min(1, '経路を入力してください / Describe the route').max(500),
  legs: z.array(Leg).min(1, '交通手段を入力してください / Add how you travel').max(4),
  tripsPerMonth: z.number().int().min(1, '1 回以上 / At least once').max(31, '31 回以下 / At most 31'),
  bank: z.strictObject({
    bankCode: z.string().regex(/^\d{4}$/, '金融機関を選んでください / Choose a bank'),
    branchCode: z.string().regex(/^\d{3}$/, '支店を選んでください / Choose a branch'),
    accountType: z.enum(ACCOUNT_TYPES),
    accountNumber: z
      .string()
      .trim()
      .regex(/^\d{1,7}$/, '口座番号は 7 桁までの数字です / The account number is up to 7 digits'),
    holderName: z
      .string()
      .trim()
      .min(1, '口座名義（カナ）を入力してください / Enter the holder name')
      .max(60),
  }),
  language: z.enum(['ja', 'en', 'easy-ja']).default('ja'),
  consent: z.literal(true, '同意が必要です / Consent is required'),
};

const familyNeedsPerson = (body: { relation: string; person?: unknown }, ctx: z.RefinementCtx) => {
  if (body.relation === 'family' && !body.person)
    ctx.addIssue({
      code: 'custom',
      path: ['person'],
      message: 'ご本人の名前を入力してください / Enter the name of the person',
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
  receiptNumber: z.string().trim().min(1, '受付番号を入力してください / Enter the receipt number').max(40),
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

const Claim = z.object({
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

export const WaitingClaimsQuery = z.strictObject({
  /** Part of the applicant's name, the programme or the receipt number; every word must match. */
  q: z.string().trim().max(100).optional(),
  /** entered: the longest waiting first (default); month: the oldest trip month first; applicant: 50音; amount: the largest covered amount first. */
  sort: z.enum(['entered', 'month', 'applicant', 'amount']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
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
        message: '理由を入力してください / Give the reasons',
      });
    if (body.decision === 'approve_reduced' && body.grantedMonthlyYen === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['grantedMonthlyYen'],
        message: '交付する月額を入力してください / Enter the monthly amount granted',
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
  tripCount: z.number().int().min(1, '1 回以上 / At least once').max(62),
  /** The amount the person reported, recorded as it is even when it is more than the grant covers. */
  claimedYen: Yen(1_000_000).min(1, '1 円以上 / At least 1 yen'),
});
export const ConfirmBody = z.strictObject({
  confirmedYen: Yen(1_000_000).optional(),
});
export const RejectClaimBody = z.strictObject({ reason: z.string().trim().min(1).max(1000) });
export const ClaimParams = z.strictObject({ id: z.uuid('ID が正しくありません / Invalid id') });
