import { z } from 'zod';
import { listResponse } from './list.ts';

/**
 * The person's rights (issue 7: disclosure, correction, access report, retention) as the web reads
 * them: enums and response shapes (JSON: dates and instants are strings). Request bodies stay in
 * src/server/modules/rights/rights.schema.ts.
 */

export const DISCLOSURE_STATUSES = ['draft', 'approved'] as const;
export const CORRECTION_OUTCOMES = ['corrected', 'partly_corrected', 'not_corrected'] as const;
export const RECORD_CLASSES = ['closed_case', 'conference_minutes'] as const;

/** Why an item is withheld from disclosure. */
export const WITHHOLD_REASONS = [
  'third_party_statement',
  'closed_support_conference',
  'harm_to_person',
  'other',
] as const;

export const WithholdReason = z.enum(WITHHOLD_REASONS);
export type WithholdReason = z.infer<typeof WithholdReason>;

export const DisclosureItem = z.object({
  key: z.string(),
  source: z.object({ table: z.string(), id: z.string() }),
  kind: z.string(),
  at: z.string().nullable(),
  origin: z.string(),
  content: z.unknown(),
  withhold: z.boolean(),
  reason: WithholdReason.nullable(),
});
export type DisclosureItem = z.infer<typeof DisclosureItem>;

export const DisclosureView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  receivedOn: z.string(),
  requestedBy: z.enum(['person', 'representative']),
  status: z.enum(DISCLOSURE_STATUSES),
  itemCount: z.number().int(),
  withheldCount: z.number().int(),
  items: z.array(DisclosureItem),
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
  version: z.number().int(),
});
export type DisclosureView = z.infer<typeof DisclosureView>;

export const DisclosureSummary = DisclosureView.omit({ items: true });
export type DisclosureSummary = z.infer<typeof DisclosureSummary>;

export const DisclosureList = listResponse(DisclosureSummary);
export type DisclosureList = z.infer<typeof DisclosureList>;

/** The released document: what the person receives (readable / printable, and as JSON). */
export const DisclosureDocument = z.object({
  title: z.string(),
  municipalityName: z.string(),
  nickname: z.string(),
  receivedOn: z.string(),
  approvedOn: z.string(),
  released: z.array(z.object({ kind: z.string(), at: z.string().nullable(), content: z.unknown() })),
  withheld: z.array(z.object({ kind: z.string(), at: z.string().nullable(), reason: WithholdReason })),
  notes: z.array(z.string()),
});
export type DisclosureDocument = z.infer<typeof DisclosureDocument>;

export const CorrectionView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  receivedOn: z.string(),
  item: z.string(),
  request: z.string(),
  outcome: z.enum(CORRECTION_OUTCOMES).nullable(),
  explanation: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
});
export type CorrectionView = z.infer<typeof CorrectionView>;

export const CorrectionList = listResponse(CorrectionView);
export type CorrectionList = z.infer<typeof CorrectionList>;

export const AccessReport = z.object({
  personId: z.uuid(),
  items: z.array(
    z.object({
      at: z.string(),
      /** The role that read (e.g. consultation, labour, agency_member) — never a staff name. */
      role: z.string().nullable(),
      /** The organisation, for partner-agency reads. */
      agency: z.string().nullable(),
      action: z.string(),
    }),
  ),
  total: z.number(),
  nextCursor: z.null(),
});
export type AccessReport = z.infer<typeof AccessReport>;

export const RecordClass = z.enum(RECORD_CLASSES);
export type RecordClass = z.infer<typeof RecordClass>;

export const RetentionView = z.object({
  policies: z.array(z.object({ recordClass: RecordClass, months: z.number().int(), isDefault: z.boolean() })),
});
export type RetentionView = z.infer<typeof RetentionView>;

export const PurgeReport = listResponse(
  z.object({
    id: z.uuid(),
    ranAt: z.string(),
    purged: z.array(
      z.object({ recordClass: z.string(), recordId: z.string(), rows: z.record(z.string(), z.number()) }),
    ),
  }),
);
export type PurgeReport = z.infer<typeof PurgeReport>;
