import { z } from 'zod';
import { isValidCorporateNumber } from '../../../shared/corporate-number.ts';
import { MunicipalityCode, PrefectureCode } from '../../../shared/municipality-code.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { freeText, requiredText } from '../../platform/http/fields.ts';
import { listQueryShape, listResponse } from '../../platform/http/list.ts';
import { normalizeReading } from '../../platform/text/normalize.ts';
import { PLACES_FIELD } from './places.errors.ts';
import { validateOpeningHours, WEEKDAYS } from './places.hours.ts';

/** Kinds of entries (BRIEF glossary): 居場所, 相談窓口, 家族会, ピアの場, 社会参加の選択肢. */
export const PlaceKind = z.enum([
  'ibasho',
  'consultation_window',
  'family_association',
  'peer_space',
  'opportunity',
]);
export const OperatorType = z.enum([
  'municipality',
  'centre',
  'npo',
  'family_association',
  'peer_run',
  'business',
]);
export const Delivery = z.enum(['in_person', 'online', 'both']);
/**
 * 学齢期, 就労年齢, 40〜64歳, 65歳以上 (issue 21: 65+ added; "放課後" was a time of day, not a life stage —
 * the migration moved it to 学齢期).
 */
export const LifeStage = z.enum(['school_age', 'working_age', 'age_40_64', 'age_65_plus']);
export const Audience = z.enum(['person', 'family', 'both']);
export const FirstVisitOption = z.enum([
  'anonymous_ok',
  'no_need_to_talk',
  'accompanied_first_visit',
  'quiet_room',
  'women_only_times',
]);
export const PlaceStatus = z.enum(['active', 'paused', 'closed']);
export const Publication = z.enum(['draft', 'in_review', 'published']);
export const PayKind = z.enum(['none', 'allowance', 'wage']);
export const WeekdayCode = z.enum(WEEKDAYS);

const nfkc = (s: string) => s.normalize('NFKC').trim();

const CorporateNumber = z
  .string()
  .transform((s) => nfkc(s).replace(/[-\s]/g, ''))
  .refine(isValidCorporateNumber, {
    message: fieldMessage(PLACES_FIELD.corporateNumber),
  });

/** 7 digits; 400-0031, ４００−００３１ and 4000031 are the same code. */
export const PostalCode = z
  .string()
  .transform((s) => nfkc(s).replace(/[-‐－ー−\s〒]/g, ''))
  .refine((s) => /^\d{7}$/.test(s), {
    message: fieldMessage(PLACES_FIELD.postalCode),
  });

const Phone = z
  .string()
  .transform(nfkc)
  .pipe(
    z
      .string()
      .min(1)
      .max(30)
      .regex(/^[0-9#+()\- ]+$/, {
        message: fieldMessage(PLACES_FIELD.phone),
      }),
  );

const Reading = z
  .string()
  .max(200)
  .transform((s) => normalizeReading(s))
  .refine((s) => /^[\u3041-\u3096\u30fc\u309d\u309ea-z0-9]*$/.test(s), {
    message: fieldMessage(PLACES_FIELD.reading),
  });

export const OpeningHoursEntry = z
  .strictObject({
    rrule: z.string().max(200),
    start: z.string().max(5),
    end: z.string().max(5),
    note: z.string().trim().max(100).optional(),
  })
  .superRefine((entry, ctx) => {
    const checked = validateOpeningHours(entry);
    if ('error' in checked)
      ctx.addIssue({
        code: 'custom',
        path: [checked.field],
        message: fieldMessage(checked.error),
      });
  });

const unique = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((a) => new Set(a).size === a.length, { message: fieldMessage(PLACES_FIELD.repeated) });

export const Opportunity = z.strictObject({
  hoursPerWeekMin: z.number().min(0).max(40).nullable().default(null),
  hoursPerWeekMax: z.number().min(0).max(40).nullable().default(null),
  remoteOk: z.boolean().default(false),
  supportStaff: z.boolean().default(false),
  pay: PayKind.default('none'),
  payNote: freeText(200).default(''),
  businessName: freeText(120).default(''),
  businessCorporateNumber: CorporateNumber.nullable().default(null),
});

export const Contact = z.strictObject({
  phone: Phone.nullable().default(null),
  email: z.email().max(254).nullable().default(null),
  url: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .default(null),
  hours: freeText(100).default(''),
  note: freeText(200).default(''),
});

const PlaceContentObject = z.strictObject({
  kind: PlaceKind,
  name: requiredText(120),
  /** The reading (Contract: pre-filled, editable); stored in hiragana. Left empty, kuromoji fills it on save. */
  nameKana: Reading.default(''),
  /** 名称_通称. */
  aliasName: freeText(120).default(''),
  description: freeText(2000).default(''),
  operator: z.strictObject({
    type: OperatorType,
    name: freeText(120).default(''),
    corporateNumber: CorporateNumber.nullable().default(null),
  }),
  postalCode: PostalCode.nullable().default(null),
  address: freeText(200).default(''),
  /** 方書 (building, floor, room). */
  addressDetail: freeText(100).default(''),
  location: z
    .strictObject({ lat: z.number().min(20).max(46), lng: z.number().min(122).max(154) })
    .nullable()
    .default(null),
  delivery: Delivery,
  lifeStages: unique(LifeStage, 4).min(1),
  audience: Audience,
  openingHours: z.array(OpeningHoursEntry).max(14).default([]),
  openingNote: freeText(300).default(''),
  cost: freeText(100).default(''),
  firstVisit: unique(FirstVisitOption, 5).default([]),
  peerStaff: z.boolean().default(false),
  /** BCP 47 language tags, e.g. ja, en, vi, pt-BR; `jsl` for 日本手話. */
  languages: unique(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/), 10).default(['ja']),
  accessibility: freeText(500).default(''),
  /** 行き方: how to get there (nearest station, bus stop, parking), in the place's own words. */
  access: freeText(300).default(''),
  contact: Contact.default({ phone: null, email: null, url: null, hours: '', note: '' }),
  status: PlaceStatus.default('active'),
  /** Last date the entry was checked with the place itself. */
  verifiedOn: z.iso.date().nullable().default(null),
  externalId: z
    .string()
    .trim()
    .max(100)
    .regex(/^[\x21-\x7e]+$/, { message: fieldMessage(PLACES_FIELD.externalIdAscii) })
    .nullable()
    .default(null),
  opportunity: Opportunity.nullable().default(null),
});

function checkContent(content: z.infer<typeof PlaceContentObject>, ctx: z.RefinementCtx) {
  if (content.kind === 'opportunity' && !content.opportunity)
    ctx.addIssue({
      code: 'custom',
      path: ['opportunity'],
      message: fieldMessage(PLACES_FIELD.opportunityNeedsDetails),
    });
  if (content.kind !== 'opportunity' && content.opportunity)
    ctx.addIssue({
      code: 'custom',
      path: ['opportunity'],
      message: fieldMessage(PLACES_FIELD.onlyForOpportunities),
    });
  const o = content.opportunity;
  if (o && o.hoursPerWeekMin !== null && o.hoursPerWeekMax !== null && o.hoursPerWeekMin > o.hoursPerWeekMax)
    ctx.addIssue({
      code: 'custom',
      path: ['opportunity', 'hoursPerWeekMax'],
      message: fieldMessage(PLACES_FIELD.hoursMaxBelowMin),
    });
  if (content.delivery !== 'online' && !content.address && !content.location)
    ctx.addIssue({
      code: 'custom',
      path: ['address'],
      message: fieldMessage(PLACES_FIELD.addressNeeded),
    });
}

export const PlaceContent = PlaceContentObject.superRefine(checkContent);
export type PlaceContent = z.output<typeof PlaceContentObject>;
export type PlaceContentInput = z.input<typeof PlaceContentObject>;

export const CreatePlaceBody = PlaceContent;
export const UpdatePlaceBody = PlaceContentObject.extend({ version: z.number().int().min(1) }).superRefine(
  (value, ctx) => checkContent(value, ctx),
);

export const PlaceParams = z.strictObject({ id: z.uuid() });

/** Output shapes carry no transforms (responses are encoded, not parsed). */
const OpportunityView = z.object({
  hoursPerWeekMin: z.number().nullable(),
  hoursPerWeekMax: z.number().nullable(),
  remoteOk: z.boolean(),
  supportStaff: z.boolean(),
  pay: PayKind,
  payNote: z.string(),
  businessName: z.string(),
  businessCorporateNumber: z.string().nullable(),
});

const ContactView = z.object({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  url: z.string().nullable(),
  hours: z.string(),
  note: z.string(),
});

const PlaceContentView = z.object({
  kind: PlaceKind,
  name: z.string(),
  nameKana: z.string(),
  aliasName: z.string(),
  description: z.string(),
  operator: z.object({ type: OperatorType, name: z.string(), corporateNumber: z.string().nullable() }),
  postalCode: z.string().nullable(),
  address: z.string(),
  addressDetail: z.string(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  delivery: Delivery,
  lifeStages: z.array(LifeStage),
  audience: Audience,
  openingHours: z.array(
    z.object({ rrule: z.string(), start: z.string(), end: z.string(), note: z.string().optional() }),
  ),
  openingNote: z.string(),
  cost: z.string(),
  firstVisit: z.array(FirstVisitOption),
  peerStaff: z.boolean(),
  languages: z.array(z.string()),
  accessibility: z.string(),
  access: z.string(),
  contact: ContactView,
  status: PlaceStatus,
  verifiedOn: z.string().nullable(),
  externalId: z.string().nullable(),
  opportunity: OpportunityView.nullable(),
});

// ── public search ──────────────────────────────────────────────────────────────────────────────

const csv = <T extends z.ZodType<string, string>>(item: T, max: number) =>
  z
    .string()
    .max(200)
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(max));

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const PublicSearchQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  prefecture: PrefectureCode.optional(),
  municipality: MunicipalityCode.optional(),
  postalCode: PostalCode.optional(),
  near: z
    .string()
    .max(60)
    .transform((s) => s.normalize('NFKC').split(',').map(Number))
    .refine(
      (v) => v.length === 2 && v.every(Number.isFinite) && Math.abs(v[0]!) <= 90 && Math.abs(v[1]!) <= 180,
      {
        message: fieldMessage(PLACES_FIELD.near),
      },
    )
    .optional(),
  kind: csv(PlaceKind, 5).optional(),
  lifeStage: csv(LifeStage, 4).optional(),
  audience: z.enum(['person', 'family']).optional(),
  online: booleanFlag.optional(),
  weekday: csv(
    z
      .string()
      .transform((s) => s.toUpperCase())
      .pipe(WeekdayCode),
    7,
  ).optional(),
  firstVisit: csv(FirstVisitOption, 5).optional(),
  ...listQueryShape,
});
export type PublicSearchQuery = z.infer<typeof PublicSearchQuery>;

const OpeningHoursView = z.object({
  rrule: z.string(),
  freq: z.enum(['WEEKLY', 'MONTHLY']),
  interval: z.number(),
  days: z.array(z.object({ day: WeekdayCode, ordinal: z.number().nullable() })),
  start: z.string(),
  end: z.string(),
  note: z.string().optional(),
});

export const PublicPlace = z.object({
  id: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  prefectureCode: z.string(),
  prefectureName: z.string(),
  kind: PlaceKind,
  name: z.string(),
  nameKana: z.string(),
  aliasName: z.string(),
  description: z.string(),
  operator: z.object({ type: OperatorType, name: z.string(), corporateNumber: z.string().nullable() }),
  postalCode: z.string().nullable(),
  address: z.string(),
  addressDetail: z.string(),
  district: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  delivery: Delivery,
  lifeStages: z.array(LifeStage),
  audience: Audience,
  openingHours: z.array(OpeningHoursView),
  openingNote: z.string(),
  cost: z.string(),
  firstVisit: z.array(FirstVisitOption),
  peerStaff: z.boolean(),
  languages: z.array(z.string()),
  accessibility: z.string(),
  access: z.string(),
  contact: ContactView,
  status: z.enum(['active', 'paused']),
  verifiedOn: z.string().nullable(),
  opportunity: OpportunityView.nullable(),
  publishedAt: z.string(),
  /** Only when `near` was given and the place has coordinates. */
  distanceKm: z.number().nullable().optional(),
});
export type PublicPlace = z.infer<typeof PublicPlace>;

export const PublicSearchResponse = listResponse(PublicPlace).extend({
  /**
   * True when more matches exist than were counted (the count stops at 100, or at the end of the
   * page asked for if that is further, so that a search's cost does not grow with the directory):
   * `total` is then a lower bound, read "more than `total`".
   */
  totalCapped: z.boolean(),
  /** What a postal code was resolved to (municipality and district), so the page can say so. */
  area: z
    .object({
      postalCode: z.string(),
      prefectureCode: z.string(),
      prefectureName: z.string(),
      municipalityCode: z.string(),
      municipalityName: z.string(),
      district: z.string(),
    })
    .nullable(),
});

// ── staff ──────────────────────────────────────────────────────────────────────────────────────

export const StaffListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  kind: PlaceKind.optional(),
  publication: Publication.optional(),
  status: PlaceStatus.optional(),
  /** Only entries not verified for six months (or never). */
  stale: booleanFlag.optional(),
  /** name: よみ順 (default); verified: never or longest ago verified first (for review); updated: latest edit first. */
  sort: z.enum(['name', 'verified', 'updated']).optional(),
  ...listQueryShape,
});
export type StaffListQuery = z.infer<typeof StaffListQuery>;

const StaffPlaceSummary = z.object({
  id: z.string(),
  kind: PlaceKind,
  name: z.string(),
  nameKana: z.string(),
  status: PlaceStatus,
  publication: Publication,
  /** True while a published entry has changes not yet published. */
  hasUnpublishedChanges: z.boolean(),
  isPublic: z.boolean(),
  verifiedOn: z.string().nullable(),
  verificationDue: z.boolean(),
  externalId: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});

export const StaffPlaceList = listResponse(StaffPlaceSummary);

export const StaffPlace = StaffPlaceSummary.extend({
  municipalityCode: z.string(),
  content: PlaceContentView,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewComment: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedVersion: z.number().nullable(),
  /** True when the signed-in account may publish it (someone else submitted it). */
  canReview: z.boolean(),
});
export type StaffPlace = z.infer<typeof StaffPlace>;

export const VersionBody = z.strictObject({ version: z.number().int().min(1) });
export const ReturnBody = z.strictObject({ version: z.number().int().min(1), comment: requiredText(500) });
export const VerifyBody = z.strictObject({
  version: z.number().int().min(1),
  verifiedOn: z.iso.date().optional(),
});

export const HistoryItem = z.object({
  id: z.number(),
  version: z.number(),
  action: z.string(),
  actorAccountId: z.string().nullable(),
  at: z.string(),
  comment: z.string().nullable(),
  /** Top-level fields that differ from the previous revision. */
  changedFields: z.array(z.string()),
});
export const HistoryResponse = listResponse(HistoryItem);

export const ReadingQuery = z.strictObject({ text: z.string().trim().min(1).max(120) });
export const ReadingResponse = z.object({ reading: z.string() });
export const PostalCodeParams = z.strictObject({ postalCode: PostalCode });
export const PostalAddress = z.object({
  postalCode: z.string(),
  prefectureCode: z.string(),
  prefectureName: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  /** 大字・町名 (with a designated city's ward in front). */
  district: z.string(),
});

export const ImportRowErrorSchema = z.object({ row: z.number(), column: z.string(), message: z.string() });
export const ImportView = z.object({
  id: z.string(),
  status: z.enum(['previewed', 'applying', 'applied', 'failed']),
  encoding: z.enum(['utf-8', 'shift_jis']),
  totalRows: z.number(),
  validRows: z.number(),
  errors: z.array(ImportRowErrorSchema),
  /** First rows as they would be written (name, kind, external id, create or update). */
  preview: z.array(
    z.object({
      row: z.number(),
      externalId: z.string().nullable(),
      name: z.string(),
      kind: PlaceKind,
      action: z.enum(['create', 'update', 'unchanged']),
    }),
  ),
  processed: z.number(),
  result: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }).nullable(),
  createdAt: z.string(),
});
export const ImportParams = z.strictObject({ id: z.uuid() });
export const ConfirmImportBody = z.strictObject({
  /** Needed when some rows have errors: those rows are left out. */
  skipInvalid: z.boolean().default(false),
});

export const OpenDataParams = z.strictObject({ file: z.string().max(60) });
export const HsdsParams = z.strictObject({ code: MunicipalityCode });

/** The map's tile layer as the deployment allows it (MAP_TILE_URL), or null: the offline map only. */
export const PublicMapSettings = z.object({
  tiles: z
    .object({ urlTemplate: z.string(), attribution: z.string(), attributionUrl: z.string().nullable() })
    .nullable(),
});
