import { z } from 'zod';
import { PUBLISHED_STATES, type ServiceGap } from './insights.ts';

/**
 * Model cases (モデル事例, issue 17): the shapes the server answers with and the web reads. Enums are
 * identifiers; their Japanese, English and やさしい日本語 labels live in the web feature's catalogue.
 */
export const CASE_STATES = ['draft', 'submitted', 'returned', 'accepted', 'published'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Who wrote the case. Prefecture and family-association authors name the municipality it serves. */
export const AUTHOR_KINDS = ['municipality', 'prefecture', 'family_association', 'npo'] as const;

/** 指定都市 / 中核市 / 一般市 / 特別区 / 町 / 村, derived from the code and name (knowledge.municipality-types.ts). */
export const MUNICIPALITY_TYPES = [
  'designated_city',
  'core_city',
  'city',
  'special_ward',
  'town',
  'village',
] as const;
export type MunicipalityType = (typeof MUNICIPALITY_TYPES)[number];

/** Population bands as the author enters them (the national layer may later supply the figure). */
export const POPULATION_BANDS = [
  'under_10k',
  '10k_30k',
  '30k_100k',
  '100k_300k',
  '300k_1m',
  'over_1m',
] as const;
export type PopulationBand = (typeof POPULATION_BANDS)[number];

export const AREA_CLASSES = ['urban', 'mixed', 'rural'] as const;
export type AreaClass = (typeof AREA_CLASSES)[number];

/** The directory's life stages (places.schema.ts LifeStage), so a case and a place speak alike. */
export const CASE_LIFE_STAGES = ['school_age', 'after_school', 'working_age', 'age_40_64'] as const;
export type CaseLifeStage = (typeof CASE_LIFE_STAGES)[number];

export const PARTNER_KINDS = [
  'family_association',
  'npo',
  'social_welfare_council',
  'employer',
  'hello_work',
  'medical',
  'school',
  'peer_supporters',
  'prefecture_centre',
  'other',
] as const;

export const BUDGET_SOURCES = [
  'national_subsidy',
  'prefecture_subsidy',
  'own_budget',
  'grant',
  'none',
  'other',
] as const;

export const CaseTheme = z.object({
  code: z.string(),
  label: z.object({ ja: z.string(), en: z.string(), easy: z.string() }),
  reading: z.string(),
});
export type CaseTheme = z.infer<typeof CaseTheme>;

/** The written content of a case (what every version keeps). */
export const CaseContentView = z.object({
  title: z.string(),
  titleKana: z.string(),
  summary: z.string(),
  trigger: z.string(),
  firstSteps: z.string(),
  whatWasDone: z.string(),
  partners: z.array(z.object({ kind: z.enum(PARTNER_KINDS), name: z.string() })),
  staffing: z.string(),
  budget: z.object({
    amountYen: z.number().int().nullable(),
    source: z.enum(BUDGET_SOURCES),
    note: z.string(),
  }),
  outcomes: z.string(),
  wentWell: z.string(),
  difficulties: z.string(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  contactWindow: z.string(),
  linkedPlaceIds: z.array(z.string()),
  linkedEventIds: z.array(z.string()),
});
export type CaseContentView = z.infer<typeof CaseContentView>;

export const CaseAttachmentView = z.object({
  id: z.string(),
  name: z.string(),
  mediaType: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
  size: z.number().int(),
});
export type CaseAttachmentView = z.infer<typeof CaseAttachmentView>;

/** What the public (and the open data) see of a published case. */
export const PublicCaseSummary = z.object({
  id: z.string(),
  title: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  prefectureCode: z.string(),
  prefectureName: z.string(),
  authorKind: z.enum(AUTHOR_KINDS),
  authorName: z.string(),
  themes: z.array(z.string()),
  lifeStages: z.array(z.enum(CASE_LIFE_STAGES)),
  municipalityType: z.enum(MUNICIPALITY_TYPES),
  populationBand: z.enum(POPULATION_BANDS).nullable(),
  areaClass: z.enum(AREA_CLASSES).nullable(),
  summary: z.string(),
  publishedAt: z.string(),
  /** Present when the list was asked for `similarTo`: why this case came where it did. */
  similarity: z
    .object({ score: z.number(), sameTown: z.boolean(), sameType: z.boolean(), sameBand: z.boolean() })
    .optional(),
  /**
   * Present with `similarTo`: what the chosen town lacks (in its latest accepted status return) that
   * this case's town lacked in an earlier return and runs now, e.g. `['居場所']`; empty otherwise.
   */
  builtWhatYouLack: z.array(z.string()).optional(),
});
export type PublicCaseSummary = z.infer<typeof PublicCaseSummary>;

export const PublicCaseList = z.object({
  items: z.array(PublicCaseSummary),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
  /** For `similarTo`: the town compared with (type derived from its code and name). */
  town: z
    .object({
      code: z.string(),
      name: z.string(),
      municipalityType: z.enum(MUNICIPALITY_TYPES),
      populationBand: z.enum(POPULATION_BANDS).nullable(),
      /** What its latest accepted status return says it lacks (empty when none is accepted). */
      lacks: z.array(z.string()),
      /** The fiscal year of that return; null when the national layer has none accepted. */
      lacksFiscalYear: z.number().int().nullable(),
    })
    .optional(),
});
export type PublicCaseList = z.infer<typeof PublicCaseList>;

/**
 * A national-layer figure of the case's municipality the author chose to show (issue 17 "what changed",
 * in figures where the town allows), published with the same small-count suppression as the indicators
 * API: `value`, `lower` and `upper` are null unless the state is `value` or `zero`.
 */
export const LinkedFigure = z.object({
  indicator: z.string(),
  labelJa: z.string(),
  labelEn: z.string(),
  fiscalYear: z.number().int().nullable(),
  state: z.enum(PUBLISHED_STATES),
  value: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
export type LinkedFigure = z.infer<typeof LinkedFigure>;

export const PublicCase = PublicCaseSummary.extend({
  content: CaseContentView,
  linkedIndicators: z.array(z.string()),
  linkedFigures: z.array(LinkedFigure),
  attachments: z.array(CaseAttachmentView),
  version: z.number().int(),
});
export type PublicCase = z.infer<typeof PublicCase>;

export const CaseHistoryEntry = z.object({
  version: z.number().int(),
  action: z.enum(['created', 'updated', 'submitted', 'returned', 'accepted', 'published']),
  at: z.string(),
  actorName: z.string().nullable(),
  comment: z.string().nullable(),
});
export type CaseHistoryEntry = z.infer<typeof CaseHistoryEntry>;

export const CaseQuestionView = z.object({
  id: z.string(),
  caseId: z.string(),
  caseTitle: z.string(),
  askerMunicipalityCode: z.string(),
  askerMunicipalityName: z.string(),
  question: z.string(),
  askedAt: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** True when the caller's tenant wrote the case (and so may answer). */
  toUs: z.boolean(),
});
export type CaseQuestionView = z.infer<typeof CaseQuestionView>;

export const StaffCase = PublicCaseSummary.omit({ publishedAt: true, similarity: true }).extend({
  state: z.enum(CASE_STATES),
  version: z.number().int(),
  authorCode: z.string(),
  content: CaseContentView,
  linkedIndicators: z.array(z.string()),
  attachments: z.array(CaseAttachmentView),
  history: z.array(CaseHistoryEntry),
  publishedAt: z.string().nullable(),
  /** What the caller may do now (the policy's answer, so the page shows only possible actions). */
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    review: z.boolean(),
    publish: z.boolean(),
    ask: z.boolean(),
  }),
});
export type StaffCase = z.infer<typeof StaffCase>;

export const StaffCaseSummary = z.object({
  id: z.string(),
  title: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  authorName: z.string(),
  state: z.enum(CASE_STATES),
  version: z.number().int(),
  themes: z.array(z.string()),
  updatedAt: z.string(),
});
export type StaffCaseSummary = z.infer<typeof StaffCaseSummary>;

export const StaffCaseList = z.object({
  items: z.array(StaffCaseSummary),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});
export type StaffCaseList = z.infer<typeof StaffCaseList>;

/** One finding of the personal-data check: which field, what kind, and the matched excerpt. */
export const PersonalDataWarning = z.object({
  pointer: z.string(),
  kind: z.enum(['phone', 'full_name', 'address', 'email']),
  excerpt: z.string(),
});
export type PersonalDataWarning = z.infer<typeof PersonalDataWarning>;

/**
 * The built-in themes a case has when it is about one of the services of the status return ("towns
 * like mine": a case of a town that built a 居場所 is the example of it when its theme is 居場所).
 */
export const GAP_THEMES: Record<ServiceGap, readonly string[]> = {
  相談窓口: ['consultation'],
  プラットフォーム: ['platform'],
  居場所: ['ibasho'],
  '居場所（学齢期・若者）': ['ibasho'],
  '居場所（稼働年齢層）': ['ibasho'],
  '居場所（40〜64歳）': ['ibasho'],
  家族会: ['family_support'],
  家族学習会: ['family_support'],
  ピアサポート: ['peer_support'],
  サポーター養成研修: ['peer_support'],
  交通費補助: ['transport'],
};

/** Whether a case with these themes is about one of these services (labels as the API gives them). */
export function isAboutGap(themes: readonly string[], gaps: readonly string[]): boolean {
  return gaps.some((gap) => (GAP_THEMES[gap as ServiceGap] ?? []).some((theme) => themes.includes(theme)));
}
