import { z } from 'zod';
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
} from './reports-enums.ts';

/**
 * What the reports API answers (response schemas) and the enums both sides name: the server's routes
 * answer with these (reports.schema.ts keeps params, querystrings and bodies), the web reads their
 * inferred types. Wire form: times and dates are strings (ISO), as in the JSON.
 */

// The value lists and the status transitions live without zod (reports-enums.ts: the public report
// form uses them); both sides may still name them here.
export * from './reports-enums.ts';

export const Category = z.enum(REPORT_CATEGORIES);
export const Status = z.enum(REPORT_STATUSES);

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

/** Whether a municipality or prefecture takes reports here, and when its staff read them. */
export const ReportWindow = z.object({
  accepts: z.boolean(),
  level: z.enum(['municipality', 'prefecture']),
  officeHours: z.string().nullable(),
});

export const PublicReportView = z.object({
  receiptNumber: z.string(),
  receivedAt: z.string(),
  status: Status,
  /** Answers from the municipality, oldest first. */
  replies: z.array(z.object({ at: z.string(), text: z.string() })),
  /** When the reporter added information (their texts are not shown back). */
  additions: z.array(z.object({ at: z.string() })),
});

export const AddInformationResult = z.object({ receiptNumber: z.string(), receivedAt: z.string() });

export const OperatorRef = z.object({
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

export const Note = z.object({
  id: z.uuid(),
  kind: z.enum(NOTE_KINDS),
  text: z.string(),
  authorAccountId: z.uuid().nullable(),
  createdAt: z.string(),
});
export const Referral = z.object({
  id: z.uuid(),
  target: z.enum(REFERRAL_TARGETS),
  organisation: z.string(),
  referredOn: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const Protection = z.object({
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
/** A row of the registry's list: the operator and how many reports name it. */
export const OperatorListItem = OperatorSummary.extend({ reports: z.number().int() });

export const AmountSummary = z.object({
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

export const OperatorSuggestion = OperatorSummary.extend({
  reasons: z.array(z.enum(['corporate_number', 'name', 'phone', 'website'])),
});
export const OperatorSuggestions = z.object({ items: z.array(OperatorSuggestion) });

export const PublishedCell = z.object({
  value: z.number().int().nullable(),
  state: z.enum(['shown', 'primary', 'secondary']),
});
export const StatisticsTable = z.object({
  rows: z.array(z.object({ key: z.string(), label: z.string() })),
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  cells: z.array(z.array(PublishedCell)),
  rowTotals: z.array(PublishedCell),
  columnTotals: z.array(PublishedCell),
  grandTotal: PublishedCell,
});

export const Statistics = z.object({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  prefecture: z.string().nullable(),
  threshold: z.number().int(),
  /** Reports by prefecture × fiscal year (each report once). */
  byPrefecture: StatisticsTable,
  /** Mentions of each category × fiscal year (a report may name several: totals count mentions). */
  byCategory: StatisticsTable,
});
export type Statistics = z.infer<typeof Statistics>;

export type SubmitResult = z.infer<typeof SubmitReportResult>;
export type ReportWindow = z.infer<typeof ReportWindow>;
export type PublicReportView = z.infer<typeof PublicReportView>;
export type AddInformationResult = z.infer<typeof AddInformationResult>;
export type OperatorRef = z.infer<typeof OperatorRef>;
export type ReportSummary = z.infer<typeof ReportSummary>;
export type ReportDetail = z.infer<typeof ReportDetail>;
export type ProtectionBoardItem = z.infer<typeof ProtectionBoardItem>;
export type OperatorIdentifier = z.infer<typeof OperatorIdentifier>;
export type OperatorSummary = z.infer<typeof OperatorSummary>;
export type OperatorListItem = z.infer<typeof OperatorListItem>;
export type OperatorSuggestion = z.infer<typeof OperatorSuggestion>;
export type AmountSummary = z.infer<typeof AmountSummary>;
export type OperatorTotals = z.infer<typeof OperatorTotals>;
export type OperatorDetail = z.infer<typeof OperatorDetail>;
export type PublishedCell = z.infer<typeof PublishedCell>;
export type StatisticsTable = z.infer<typeof StatisticsTable>;
