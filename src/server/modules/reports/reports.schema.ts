import { z } from 'zod';
import {
  Category,
  DANGER_ANSWERS,
  OperatorListItem,
  ProtectionBoardItem,
  REFERRAL_TARGETS,
  REPORT_CATEGORIES,
  REPORT_STATUSES,
  REPORTER_ROLES,
  ReportSummary,
  SALES_METHODS,
  SIGNERS,
  Status,
} from '../../../shared/contracts/reports.ts';
import { CorporateNumber } from '../../../shared/corporate-number.ts';
import { MunicipalityCode, PrefectureCode } from '../../../shared/municipality-code.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { PublicEmail } from '../../platform/http/fields.ts';
import { listQueryShape, listResponse } from '../../platform/http/list.ts';
import { REPORTS_FIELD } from './reports.errors.ts';

/** Optional text: trimmed; an empty field counts as not given. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => (s ? s : undefined));

const Phone = z
  .string()
  .trim()
  .max(30)
  .transform((s) => s.normalize('NFKC'))
  .refine((s) => s === '' || /^[0-9#+()\- ]+$/.test(s), {
    message: fieldMessage(REPORTS_FIELD.phone),
  })
  .optional()
  .transform((s) => (s ? s : undefined));

/**
 * A web address: http(s) only, kept as text (never HTML). `javascript:` and the like are refused with a
 * 400 naming the field, so nothing copied into the operator registry can run in a browser.
 */
const Website = z
  .string()
  .trim()
  .max(300)
  .refine((s) => s === '' || isHttpUrl(s), {
    message: fieldMessage(REPORTS_FIELD.website),
  })
  .optional()
  .transform((s) => (s ? s : undefined));

function isHttpUrl(s: string): boolean {
  try {
    const url = new URL(s);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !/[<>"'\s]/.test(s);
  } catch {
    return false;
  }
}

const IsoDate = z.iso.date();
const Yen = z.number().int().min(0).max(1_000_000_000);

export const Business = z.strictObject({
  name: optionalText(200),
  corporateNumber: z
    .union([z.literal(''), CorporateNumber])
    .optional()
    .transform((s) => (s ? s : undefined)),
  phone: Phone,
  website: Website,
  address: optionalText(300),
});

export const ReporterContact = z.strictObject({
  name: optionalText(100),
  phone: Phone,
  email: PublicEmail,
  /** When and how the reporter can be reached (e.g. 平日の夜なら電話に出られます). */
  note: optionalText(300),
});

/** The public report form (no account; anonymous allowed: every personal field is optional). */
export const SubmitReportBody = z.strictObject({
  municipalityCode: MunicipalityCode,
  /** The first question: "Is someone in danger right now?" */
  danger: z.enum(DANGER_ANSWERS),
  reporterRole: z.enum(REPORTER_ROLES),
  categories: z
    .array(Category)
    .min(1)
    .max(REPORT_CATEGORIES.length)
    .refine((a) => new Set(a).size === a.length, {
      message: fieldMessage(REPORTS_FIELD.duplicateCategories),
    }),
  otherCategory: optionalText(200),
  occurredOn: IsoDate.optional(),
  occurredPeriod: optionalText(200),
  place: optionalText(300),
  business: Business.optional(),
  signer: z.enum(SIGNERS).optional(),
  signedOn: IsoDate.optional(),
  salesMethod: z.enum(SALES_METHODS).optional(),
  amountContracted: Yen.optional(),
  amountPaid: Yen.optional(),
  text: optionalText(4000),
  contact: ReporterContact.optional(),
  /** Send the 受付番号 (the reply code) to the contact e-mail as well (issue 21 item 9). */
  sendCodeByEmail: z.boolean().optional(),
});
export type SubmitReportBody = z.infer<typeof SubmitReportBody>;

export const ReportWindowParams = z.strictObject({ code: MunicipalityCode });
const ReplyCodeField = z.string().trim().min(1).max(40);

export const ReplyLookupBody = z.strictObject({ replyCode: ReplyCodeField });

export const AddInformationBody = z.strictObject({
  replyCode: ReplyCodeField,
  text: z.string().trim().min(1).max(4000),
});
// ---------------------------------------------------------------------------------------------
// Staff

export const ReportParams = z.strictObject({ id: z.uuid() });
export const ProtectionParams = z.strictObject({ id: z.uuid(), protectionId: z.uuid() });

export const ReportListQuery = z.strictObject({
  /** `open` (default): everything not closed. */
  status: z.enum([...REPORT_STATUSES, 'open', 'all']).default('open'),
  urgent: z.enum(['true', 'false']).optional(),
  assigned: z.enum(['me', 'none']).optional(),
  /** Part of a receipt number (as said on the phone, O/0 and I/1 forgiven) or of the business's name. */
  q: z.string().trim().max(100).optional(),
  /** triage: urgent first, then the newest (default); newest / oldest: by time received only. */
  sort: z.enum(['triage', 'newest', 'oldest']).optional(),
  ...listQueryShape,
});
export type ReportListQuery = z.infer<typeof ReportListQuery>;

export const ReportList = listResponse(ReportSummary);

export const AssignBody = z.strictObject({ accountId: z.uuid().nullable() });
export const StatusBody = z.strictObject({ status: Status });
export const NoteBody = z.strictObject({
  kind: z.enum(['internal', 'reply']),
  text: z.string().trim().min(1).max(4000),
});
export const ReferralBody = z.strictObject({
  target: z.enum(REFERRAL_TARGETS),
  organisation: z.string().trim().max(200).default(''),
  referredOn: IsoDate,
  note: optionalText(2000),
});
export const ProtectionBody = z.strictObject({
  protectedAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().min(1).max(300),
  protectedBy: z.string().trim().min(1).max(300),
  followUpOn: IsoDate,
  note: optionalText(2000),
});
export const FollowUpBody = z.strictObject({ note: optionalText(2000) });

export const ProtectionBoard = listResponse(ProtectionBoardItem);
export const ProtectionBoardQuery = z.strictObject({ ...listQueryShape });

// ---------------------------------------------------------------------------------------------
// Operators (national registry: business identity only)

export const OperatorParams = z.strictObject({ id: z.uuid() });

export const OperatorList = listResponse(OperatorListItem);
export const OperatorListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  /** name: 50音順 of the name as registered (default); recent: the latest registered first. */
  sort: z.enum(['name', 'recent']).optional(),
  ...listQueryShape,
});

export const CreateOperatorBody = z.strictObject({
  displayName: z.string().trim().min(1).max(200),
  corporateNumber: CorporateNumber.optional(),
  phone: Phone,
  website: Website,
  /** Link this report to the new operator in the same step (staff confirm by creating). */
  reportId: z.uuid().optional(),
});

export const LinkOperatorBody = z.strictObject({ operatorId: z.uuid() });

// ---------------------------------------------------------------------------------------------
// Statistics

export const StatisticsQuery = z
  .strictObject({
    fromYear: z.coerce.number().int().min(2000).max(2100).optional(),
    toYear: z.coerce.number().int().min(2000).max(2100).optional(),
    prefecture: PrefectureCode.optional(),
  })
  .refine((q) => q.fromYear === undefined || q.toYear === undefined || q.fromYear <= q.toYear, {
    message: fieldMessage(REPORTS_FIELD.yearOrder),
    path: ['fromYear'],
  })
  .refine((q) => q.fromYear === undefined || q.toYear === undefined || q.toYear - q.fromYear < 10, {
    message: fieldMessage(REPORTS_FIELD.yearSpan),
    path: ['toYear'],
  });
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;
