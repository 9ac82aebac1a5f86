import { z } from 'zod';
import {
  Audience,
  Delivery,
  FirstVisitOption,
  LifeStage,
  OperatorType,
  PayKind,
  PlaceKind,
  PlaceStatus,
  Publication,
  WeekdayCode,
} from '../../../shared/contracts/places.ts';
import { isValidCorporateNumber } from '../../../shared/corporate-number.ts';
import { MunicipalityCode, PrefectureCode } from '../../../shared/municipality-code.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { freeText, requiredText } from '../../platform/http/fields.ts';
import { listQueryShape } from '../../platform/http/list.ts';
import { normalizeReading } from '../../platform/text/normalize.ts';
import { PLACES_FIELD } from './places.errors.ts';
import { validateOpeningHours } from './places.hours.ts';

/**
 * What only the server reads: request bodies (with the transforms that normalise what staff type),
 * params and querystrings. The responses and the enums are in src/shared/contracts/places.ts.
 */

const nfkc = (s: string) => s.normalize('NFKC').trim();

const CorporateNumber = z
  .string()
  .transform((s) => nfkc(s).replace(/[-\s]/g, ''))
  .refine(isValidCorporateNumber, {
    message: fieldMessage(PLACES_FIELD.corporateNumber),
  });

/** 7 digits; 400-0031, ４００−００３１ and 4000031 are the same code. */
const PostalCode = z
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

const OpeningHoursEntry = z
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

export const VersionBody = z.strictObject({ version: z.number().int().min(1) });
export const ReturnBody = z.strictObject({ version: z.number().int().min(1), comment: requiredText(500) });
export const VerifyBody = z.strictObject({
  version: z.number().int().min(1),
  verifiedOn: z.iso.date().optional(),
});

/** One page of an entry's history (longer pages than other lists: a history is read through). */
export const HistoryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const ReadingQuery = z.strictObject({ text: z.string().trim().min(1).max(120) });

export const PostalCodeParams = z.strictObject({ postalCode: PostalCode });

export const ImportParams = z.strictObject({ id: z.uuid() });
export const ConfirmImportBody = z.strictObject({
  /** Needed when some rows have errors: those rows are left out. */
  skipInvalid: z.boolean().default(false),
});

export const OpenDataParams = z.strictObject({ file: z.string().max(60) });
export const HsdsParams = z.strictObject({ code: MunicipalityCode });
