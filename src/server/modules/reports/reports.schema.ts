import { z } from 'zod';
import { CorporateNumber } from '../../../shared/corporate-number.ts';
import { MunicipalityCode, PrefectureCode } from '../../../shared/municipality-code.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { PublicEmail } from '../../platform/http/fields.ts';
import { listQueryShape, listResponse } from '../../platform/http/list.ts';
import { REPORTS_FIELD } from './reports.errors.ts';
import {
  DANGER_ANSWERS,
  NOTE_KINDS,
  OPERATOR_IDENTIFIER_KINDS,
  REFERRAL_TARGETS,
  REPORT_CATEGORIES,
  REPORT_STATUSES,
  REPORTER_ROLES,
  SALES_METHODS,
  SIGNERS,
} from './reports.tables.ts';

export const Category = z.enum(REPORT_CATEGORIES);
export const Status = z.enum(REPORT_STATUSES);

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

export const SubmitReportResult = z.object({
  receiptNumber: z.string(),
  /** Shown once: the reporter reads answers and adds information with it. */
  replyCode: z.string(),
  urgent: z.boolean(),
  receivedAt: z.string(),
  /** When staff read reports (office hours from the profile); null when the profile does not say. */
  officeHours: z.string().nullable(),
  /** True when the 受付番号 was also put in the outbox for the contact e-mail. */
  codeEmailed: z.boolean(),
});

export const ReportWindowParams = z.strictObject({ code: MunicipalityCode });
/** Whether a municipality or prefecture takes reports here, and when its staff read them. */
export const ReportWindow = z.object({
  accepts: z.boolean(),
  level: z.enum(['municipality', 'prefecture']),
  officeHours: z.string().nullable(),
});

const ReplyCodeField = z.string().trim().min(1).max(40);

export const ReplyLookupBody = z.strictObject({ replyCode: ReplyCodeField });

export const PublicReportView = z.object({
  receiptNumber: z.string(),
  receivedAt: z.string(),
  status: Status,
  /** Answers from the municipality, oldest first. */
  replies: z.array(z.object({ at: z.string(), text: z.string() })),
  /** When the reporter added information (their texts are not shown back). */
  additions: z.array(z.object({ at: z.string() })),
});

export const AddInformationBody = z.strictObject({
  replyCode: ReplyCodeField,
  text: z.string().trim().min(1).max(4000),
});
export const AddInformationResult = z.object({ receiptNumber: z.string(), receivedAt: z.string() });

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

const OperatorRef = z.object({
  id: z.uuid(),
  displayName: z.string(),
  corporateNumber: z.string().nullable(),
});

export const ReportSummary = z.object({
  id: z.uuid(),
  receiptNumber: z.string(),
  urgent: z.boolean(),
  danger: z.enum(DANGER_ANSWERS),
  status: Status,
  reporterRole: z.enum(REPORTER_ROLES),
  categories: z.array(Category),
  receivedAt: z.string(),
  assigneeAccountId: z.uuid().nullable(),
  operator: OperatorRef.nullable(),
  protections: z.number().int(),
});
export const ReportList = listResponse(ReportSummary);

const Note = z.object({
  id: z.uuid(),
  kind: z.enum(NOTE_KINDS),
  text: z.string(),
  authorAccountId: z.uuid().nullable(),
  createdAt: z.string(),
});
const Referral = z.object({
  id: z.uuid(),
  target: z.enum(REFERRAL_TARGETS),
  organisation: z.string(),
  referredOn: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
const Protection = z.object({
  id: z.uuid(),
  protectedAt: z.string(),
  place: z.string(),
  protectedBy: z.string(),
  note: z.string().nullable(),
  followUpOn: z.string(),
  followUpDoneAt: z.string().nullable(),
  followUpNote: z.string().nullable(),
  createdAt: z.string(),
});

export const ReportDetail = ReportSummary.extend({
  otherCategory: z.string().nullable(),
  occurredOn: z.string().nullable(),
  occurredPeriod: z.string().nullable(),
  place: z.string().nullable(),
  business: z.object({
    name: z.string().nullable(),
    corporateNumber: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    address: z.string().nullable(),
  }),
  signer: z.enum(SIGNERS).nullable(),
  signedOn: z.string().nullable(),
  salesMethod: z.enum(SALES_METHODS).nullable(),
  amountContracted: z.number().int().nullable(),
  amountPaid: z.number().int().nullable(),
  text: z.string().nullable(),
  contact: z
    .object({
      name: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  assignee: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  notes: z.array(Note),
  referrals: z.array(Referral),
  protectionRecords: z.array(Protection),
  closedAt: z.string().nullable(),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

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

export const Created = z.object({ id: z.uuid() });

export const ProtectionBoardItem = z.object({
  reportId: z.uuid(),
  receiptNumber: z.string(),
  urgent: z.boolean(),
  status: Status,
  receivedAt: z.string(),
  protections: z.array(
    z.object({
      id: z.uuid(),
      protectedAt: z.string(),
      followUpOn: z.string(),
      followUpDoneAt: z.string().nullable(),
    }),
  ),
});
export const ProtectionBoard = listResponse(ProtectionBoardItem);
export const ProtectionBoardQuery = z.strictObject({ ...listQueryShape });

// ---------------------------------------------------------------------------------------------
// Operators (national registry: business identity only)

export const OperatorParams = z.strictObject({ id: z.uuid() });

export const OperatorIdentifier = z.object({
  kind: z.enum(OPERATOR_IDENTIFIER_KINDS),
  value: z.string(),
});

export const OperatorSummary = z.object({
  id: z.uuid(),
  displayName: z.string(),
  corporateNumber: z.string().nullable(),
  identifiers: z.array(OperatorIdentifier),
});
export const OperatorList = listResponse(OperatorSummary.extend({ reports: z.number().int() }));
export const OperatorListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  /** name: 50音順 of the name as registered (default); recent: the latest registered first. */
  sort: z.enum(['name', 'recent']).optional(),
  ...listQueryShape,
});

const AmountSummary = z.object({
  reports: z.number().int(),
  total: z.number().int().nullable(),
  average: z.number().int().nullable(),
});

/** Aggregates across every tenant: counts, and amounts only behind 3 or more reports. */
export const OperatorTotals = z.object({
  reports: z.number().int(),
  municipalities: z.number().int(),
  prefectures: z.number().int(),
  ownReports: z.number().int(),
  categories: z.record(z.string(), z.number().int()),
  amountContracted: AmountSummary,
  amountPaid: AmountSummary,
});

export const OperatorDetail = OperatorSummary.extend({
  totals: OperatorTotals,
  /** This tenant's own reports linked to the operator (empty for callers who do not triage). */
  ownReports: z.array(
    z.object({ id: z.uuid(), receiptNumber: z.string(), receivedAt: z.string(), status: Status }),
  ),
});

export const CreateOperatorBody = z.strictObject({
  displayName: z.string().trim().min(1).max(200),
  corporateNumber: CorporateNumber.optional(),
  phone: Phone,
  website: Website,
  /** Link this report to the new operator in the same step (staff confirm by creating). */
  reportId: z.uuid().optional(),
});

export const OperatorSuggestion = OperatorSummary.extend({
  reasons: z.array(z.enum(['corporate_number', 'name', 'phone', 'website'])),
});
export const OperatorSuggestions = z.object({ items: z.array(OperatorSuggestion) });

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

const Cell = z.object({
  value: z.number().int().nullable(),
  state: z.enum(['shown', 'primary', 'secondary']),
});
const Table = z.object({
  rows: z.array(z.object({ key: z.string(), label: z.string() })),
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  cells: z.array(z.array(Cell)),
  rowTotals: z.array(Cell),
  columnTotals: z.array(Cell),
  grandTotal: Cell,
});

export const Statistics = z.object({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  prefecture: z.string().nullable(),
  threshold: z.number().int(),
  /** Reports by prefecture × fiscal year (each report once). */
  byPrefecture: Table,
  /** Mentions of each category × fiscal year (a report may name several: totals count mentions). */
  byCategory: Table,
});
export type Statistics = z.infer<typeof Statistics>;
