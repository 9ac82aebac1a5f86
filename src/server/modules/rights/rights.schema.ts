import { z } from 'zod';
import {
  CORRECTION_OUTCOMES,
  RECORD_CLASSES,
  RecordClass,
  WithholdReason,
} from '../../../shared/contracts/rights.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { IsoDate, requiredText as required, Version } from '../../platform/http/fields.ts';
import { RIGHTS_FIELD } from './rights.errors.ts';

/**
 * What only the server reads of the person's rights (issue 7): request bodies, params. The responses
 * and enums the web also reads are in src/shared/contracts/rights.ts.
 */

export const PersonParams = z.strictObject({ id: z.uuid() });
export const IdParams = z.strictObject({ id: z.uuid() });

export const CreateDisclosureBody = z.strictObject({
  receivedOn: IsoDate,
  requestedBy: z.enum(['person', 'representative']).default('person'),
});

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
