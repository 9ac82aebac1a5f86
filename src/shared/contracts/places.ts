import { z } from 'zod';
import { WEEKDAYS } from '../opening-hours.ts';
import { listResponse } from './list.ts';
import { FIRST_VISIT, LIFE_STAGES, OPERATOR_TYPES, PLACE_KINDS } from './places-enums.ts';

export { FIRST_VISIT, LIFE_STAGES, OPERATOR_TYPES, PLACE_KINDS };

/**
 * The directory of places (居場所・相談窓口・家族会…): the shapes the server answers with and the web
 * reads, and the enums both use. Request bodies and queries, with their normalising transforms, stay
 * in src/server/modules/places/places.schema.ts. Every date and time here is the JSON string the wire
 * carries. Output shapes carry no transforms (responses are encoded, not parsed).
 */

/** `{ items, total, nextCursor }`, as every paged list answers. */

/** Kinds of entries (BRIEF glossary): 居場所, 相談窓口, 家族会, ピアの場, 社会参加の選択肢. */
export const PlaceKind = z.enum(PLACE_KINDS);
export type PlaceKind = z.infer<typeof PlaceKind>;

export const OperatorType = z.enum(OPERATOR_TYPES);
export type OperatorType = z.infer<typeof OperatorType>;

export const Delivery = z.enum(['in_person', 'online', 'both']);

/**
 * 学齢期, 就労年齢, 40〜64歳, 65歳以上 (issue 21: 65+ added; "放課後" was a time of day, not a life stage —
 * the migration moved it to 学齢期).
 */
export const LifeStage = z.enum(LIFE_STAGES);
export type LifeStage = z.infer<typeof LifeStage>;

export const Audience = z.enum(['person', 'family', 'both']);

export const FirstVisitOption = z.enum(FIRST_VISIT);
export type FirstVisitOption = z.infer<typeof FirstVisitOption>;

export const PlaceStatus = z.enum(['active', 'paused', 'closed']);
export type PlaceStatus = z.infer<typeof PlaceStatus>;
export const Publication = z.enum(['draft', 'in_review', 'published']);
export type Publication = z.infer<typeof Publication>;
export const PayKind = z.enum(['none', 'allowance', 'wage']);
export const WeekdayCode = z.enum(WEEKDAYS);

export const OpeningHoursView = z.object({
  rrule: z.string(),
  freq: z.enum(['WEEKLY', 'MONTHLY']),
  interval: z.number(),
  days: z.array(z.object({ day: WeekdayCode, ordinal: z.number().nullable() })),
  start: z.string(),
  end: z.string(),
  note: z.string().optional(),
});
export type OpeningHoursView = z.infer<typeof OpeningHoursView>;

export const OpportunityView = z.object({
  hoursPerWeekMin: z.number().nullable(),
  hoursPerWeekMax: z.number().nullable(),
  remoteOk: z.boolean(),
  supportStaff: z.boolean(),
  pay: PayKind,
  payNote: z.string(),
  businessName: z.string(),
  businessCorporateNumber: z.string().nullable(),
});

export const ContactView = z.object({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  url: z.string().nullable(),
  hours: z.string(),
  note: z.string(),
});

export const PlaceContentView = z.object({
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

export type OpportunityView = z.infer<typeof OpportunityView>;
export type ContactView = z.infer<typeof ContactView>;
export type PlaceContentView = z.infer<typeof PlaceContentView>;

// ── public search ──────────────────────────────────────────────────────────────────────────────

/** What a postal code resolves to: municipality (a designated city's ward → its city) and district. */
export const ResolvedArea = z.object({
  postalCode: z.string(),
  prefectureCode: z.string(),
  prefectureName: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  district: z.string(),
});
export type ResolvedArea = z.infer<typeof ResolvedArea>;

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
  area: ResolvedArea.nullable(),
});
export type PublicSearchResponse = z.infer<typeof PublicSearchResponse>;

// ── staff ──────────────────────────────────────────────────────────────────────────────────────

export const StaffPlaceSummary = z.object({
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
export type StaffPlaceSummary = z.infer<typeof StaffPlaceSummary>;

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
export type HistoryItem = z.infer<typeof HistoryItem>;

export const PostalAddress = z.object({
  postalCode: z.string(),
  prefectureCode: z.string(),
  prefectureName: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  /** 大字・町名 (with a designated city's ward in front). */
  district: z.string(),
});
export type PostalAddress = z.infer<typeof PostalAddress>;

export const ReadingResponse = z.object({ reading: z.string() });

const ImportRowErrorSchema = z.object({ row: z.number(), column: z.string(), message: z.string() });
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
export type ImportView = z.infer<typeof ImportView>;

/** The map's tile layer as the deployment allows it (MAP_TILE_URL), or null: the offline map only. */
export const PublicMapSettings = z.object({
  tiles: z
    .object({ urlTemplate: z.string(), attribution: z.string(), attributionUrl: z.string().nullable() })
    .nullable(),
});
export type PublicMapSettings = z.infer<typeof PublicMapSettings>;
