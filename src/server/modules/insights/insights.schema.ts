import { z } from 'zod';
import {
  INDICATOR_IDS,
  IndicatorCatalogItem,
  IndicatorFigure,
  LISTED_RETURN_STATES,
  ReturnListItem,
  ReturnValue,
  StatusReturn,
} from '../../../shared/contracts/insights.ts';
import { MunicipalityCode, PrefectureCode } from '../../../shared/municipality-code.ts';
import { listQueryShape, listResponse } from '../../platform/http/list.ts';

/** Request and response schemas of the insights routes (shared response shapes: contracts/insights.ts). */
export const FiscalYear = z.coerce.number().int().min(2015).max(2100);

export const ReturnListQuery = z.strictObject({
  fiscalYear: FiscalYear,
  prefecture: PrefectureCode.optional(),
  state: z.enum(LISTED_RETURN_STATES).optional(),
  ...listQueryShape,
});
export const ReturnList = listResponse(ReturnListItem);
export const ReturnParams = z.strictObject({ code: MunicipalityCode, fiscalYear: FiscalYear });
export { StatusReturn };

export const SaveReturnBody = z.strictObject({
  items: z.record(z.string().max(60), ReturnValue),
  reasons: z.record(z.string().max(60), z.string().max(500)).optional(),
  version: z.number().int().min(0),
});
export const VersionBody = z.strictObject({ version: z.number().int().min(0) });
export const ReviewBody = z.strictObject({
  decision: z.enum(['accept', 'return']),
  comment: z.string().max(2000).optional(),
  version: z.number().int().min(0),
});
export const EnterForBody = z.strictObject({ items: z.record(z.string().max(60), ReturnValue) });
export const ReturnVersions = z.object({
  items: z.array(
    z.object({
      version: z.number().int(),
      state: z.string(),
      action: z.string(),
      comment: z.string().nullable(),
      actorAccountId: z.string().nullable(),
      at: z.string(),
    }),
  ),
});

export const ImportBody = z.strictObject({
  fiscalYear: z.number().int().min(2015).max(2100),
  fileName: z.string().min(1).max(200),
  /** The file, base64 (CSV in UTF-8 or Shift_JIS, or .xlsx). */
  content: z.string().min(1).max(1_300_000),
  /** Apply: the digest the preview answered; without it only the preview is made. */
  apply: z.string().length(64).optional(),
});
export const ImportPreview = z.object({
  digest: z.string(),
  applied: z.boolean(),
  rows: z.array(
    z.object({
      row: z.number().int(),
      municipalityCode: z.string().nullable(),
      municipalityName: z.string().nullable(),
      errors: z.array(z.object({ column: z.string(), message: z.string() })),
    }),
  ),
  validRows: z.number().int(),
  errorRows: z.number().int(),
});

export const ReminderBody = z.strictObject({ fiscalYear: z.number().int().min(2015).max(2100) });
export const ReminderResult = z.object({ queued: z.number().int(), withoutAddress: z.array(z.string()) });
export const DeadlineParams = z.strictObject({ fiscalYear: FiscalYear });
export const DeadlineBody = z.strictObject({ dueOn: z.iso.date() });
export const CentreBody = z.strictObject({
  name: z.string().min(1).max(200),
  phone: z.string().max(40).default(''),
  hours: z.string().max(200).default(''),
  url: z.string().max(300).default(''),
});
export const Centre = z.object({ name: z.string(), phone: z.string(), hours: z.string(), url: z.string() });

export const IndicatorCatalog = z.object({ items: z.array(IndicatorCatalogItem) });
export const IndicatorQuery = z.strictObject({
  indicator: z.enum(INDICATOR_IDS),
  fiscalYear: FiscalYear,
  level: z.enum(['municipality', 'prefecture']).default('municipality'),
  prefecture: PrefectureCode.optional(),
  ...listQueryShape,
});
export const IndicatorExportQuery = z.strictObject({
  indicator: z.enum(INDICATOR_IDS),
  fiscalYear: FiscalYear,
  level: z.enum(['municipality', 'prefecture']).default('municipality'),
  prefecture: PrefectureCode.optional(),
});
export const IndicatorList = listResponse(IndicatorFigure).extend({
  indicator: z.string(),
  fiscalYear: z.number().int(),
  threshold: z.number().int(),
  national: IndicatorFigure.omit({ code: true, name: true, prefectureCode: true }),
  median: z.number().nullable(),
  /** Median of the level's per-10万 figures (all of the level, whatever prefecture is asked for). */
  medianPer100k: z.number().nullable(),
  demo: z.boolean(),
});

export const StatusParams = z.strictObject({ code: MunicipalityCode });
export const MunicipalityStatus = z.object({
  code: z.string(),
  name: z.string(),
  prefectureCode: z.string(),
  prefectureName: z.string(),
  usesTsunagari: z.boolean(),
  fiscalYear: z.number().int().nullable(),
  enteredBy: z.enum(['municipality', 'prefecture']).nullable(),
  window: z
    .object({ name: z.string(), department: z.string(), phone: z.string(), hours: z.string() })
    .nullable(),
  services: z.array(
    z.object({ id: z.string(), ja: z.string(), en: z.string(), value: z.union([z.boolean(), z.number()]) }),
  ),
  prefectureCentre: Centre.nullable(),
  isDemo: z.boolean(),
});

export const CoverageQuery = z.strictObject({ fiscalYear: FiscalYear });
export const Coverage = z.object({
  fiscalYear: z.number().int(),
  scope: z.string(),
  prefectures: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      municipalities: z.number().int(),
      reported: z.number().int(),
      onTime: z.number().int(),
      reportingRate: z.number(),
      onTimeRate: z.number(),
      items: z.record(z.string(), z.object({ yes: z.number().int(), share: z.number().nullable() })),
    }),
  ),
  national: z.object({
    municipalities: z.number().int(),
    reported: z.number().int(),
    reportingRate: z.number(),
    items: z.record(z.string(), z.object({ yes: z.number().int(), share: z.number().nullable() })),
  }),
  gaps: z.array(
    z.object({ code: z.string(), name: z.string(), prefectureCode: z.string(), item: z.string() }),
  ),
});
export const RefreshResult = z.object({ tenants: z.number().int(), rows: z.number().int() });
export const OwnFigures = z.object({
  items: z.array(
    z.object({
      indicator: z.string(),
      disaggregation: z.string(),
      n: z.number().int(),
      value: z.number().nullable(),
      lower: z.number().nullable(),
      upper: z.number().nullable(),
    }),
  ),
});
