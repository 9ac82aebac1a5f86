import { z } from 'zod';
import { MunicipalityCode } from '../../../shared/municipality-code.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { listResponse } from '../../platform/http/list.ts';

/** Route parameters and queries of the navigator (the bodies and responses are in src/shared/contracts). */
export const RulesQuery = z.strictObject({
  /** The day (in Japan) to choose the version for; today by default. */
  on: z.iso.date().optional(),
});
export const LocalParams = z.strictObject({ code: MunicipalityCode });
export const LocalQuery = z.strictObject({
  /** `navigator`: count one anonymous page view of the navigator in this town (nothing else is sent). */
  view: z.enum(['navigator', 'sheet']).optional(),
});
export const VersionParams = z.strictObject({ version: z.coerce.number().int().min(1).max(1_000_000) });
export const IdParams = z.strictObject({ id: z.uuid() });
export const UsageQuery = z
  .strictObject({ from: z.iso.date(), to: z.iso.date() })
  .refine((q) => q.from <= q.to, {
    message: fieldMessage({ ja: '期間の終わりは始まり以降にしてください', en: 'to must not be before from' }),
    path: ['to'],
  });
export const UsageResponse = listResponse(
  z.object({ municipalityCode: z.string(), views: z.number().int() }),
).extend({ from: z.string(), to: z.string() });
export const PublishedVersion = z.object({ version: z.number().int() });
