import { z } from 'zod';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { IsoDate, requiredText as required, Version } from '../../platform/http/fields.ts';
import { listResponse } from '../../platform/http/list.ts';
import { RIGHTS_FIELD } from './rights.errors.ts';
import { CORRECTION_OUTCOMES, DISCLOSURE_STATUSES, RECORD_CLASSES } from './rights.tables.ts';

// Schemas of the person's rights (issue 7): disclosure, correction, access report, retention.

export const PersonParams = z.strictObject({ id: z.uuid() });
export const IdParams = z.strictObject({ id: z.uuid() });

/** Why an item is withheld from disclosure. */
export const WITHHOLD_REASONS = [
  'third_party_statement',
  'closed_support_conference',
  'harm_to_person',
  'other',
] as const;
export const WithholdReason = z.enum(WITHHOLD_REASONS);

export const CreateDisclosureBody = z.strictObject({
  receivedOn: IsoDate,
  requestedBy: z.enum(['person', 'representative']).default('person'),
});

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
export const DisclosureSummary = DisclosureView.omit({ items: true });
export const DisclosureList = listResponse(DisclosureSummary);

export const DecideItemsBody = z
  .strictObject({
    version: Version,
    items: z
      .array(
        z.strictObject({
          key: z.string().max(300),
          withhold: z.boolean(),
          reason: WithholdReason.nullable().default(null),
        }),
      )
      .max(5000),
  })
  .superRefine((body, ctx) => {
    body.items.forEach((item, i) => {
      if (item.withhold && !item.reason)
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'reason'],
          message: fieldMessage(RIGHTS_FIELD.withholdReason),
        });
    });
  });
export const ApproveBody = z.strictObject({ version: Version });

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

export const CreateCorrectionBody = z.strictObject({
  receivedOn: IsoDate,
  /** Which item (e.g. "2026-10-01 の支援経過記録"). */
  item: required(300),
  request: required(2000),
});
export const DecideCorrectionBody = z.strictObject({
  version: Version,
  outcome: z.enum(CORRECTION_OUTCOMES),
  explanation: required(2000),
});
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
export const CorrectionList = listResponse(CorrectionView);

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

export const RecordClass = z.enum(RECORD_CLASSES);
export const RetentionView = z.object({
  policies: z.array(z.object({ recordClass: RecordClass, months: z.number().int(), isDefault: z.boolean() })),
});
export const RetentionBody = z.strictObject({
  policies: z
    .array(
      z.strictObject({
        recordClass: RecordClass,
        months: z
          .number()
          .int()
          .min(12, { message: fieldMessage(RIGHTS_FIELD.retentionMin) })
          .max(1200),
      }),
    )
    .min(1)
    .max(RECORD_CLASSES.length),
});
export const PurgeReport = listResponse(
  z.object({
    id: z.uuid(),
    ranAt: z.string(),
    purged: z.array(
      z.object({ recordClass: z.string(), recordId: z.string(), rows: z.record(z.string(), z.number()) }),
    ),
  }),
);
