import { z } from 'zod';
import {
  AREA_CLASSES,
  AUTHOR_KINDS,
  BUDGET_SOURCES,
  CASE_LIFE_STAGES,
  CASE_STATES,
  MUNICIPALITY_TYPES,
  PARTNER_KINDS,
  POPULATION_BANDS,
} from '../../../shared/contracts/cases.ts';
import { INDICATOR_IDS } from '../../../shared/contracts/insights.ts';
import { MunicipalityCode, PrefectureCode } from '../../../shared/municipality-code.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { freeText, IsoDate, requiredText, Version } from '../../platform/http/fields.ts';
import { listQueryShape } from '../../platform/http/list.ts';

export {
  CaseQuestionView,
  CaseTheme,
  PublicCase,
  PublicCaseList,
  StaffCase,
  StaffCaseList,
} from '../../../shared/contracts/cases.ts';

const unique = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((a) => new Set(a).size === a.length, {
      message: fieldMessage({ ja: '重複しています', en: 'duplicates' }),
    });

const ThemeCode = z.string().regex(/^[a-z0-9_]{2,40}$/);

/** What the author writes (every field of issue 17 §1). */
export const CaseContentBody = z.strictObject({
  title: requiredText(120),
  titleKana: freeText(200).default(''),
  summary: requiredText(400),
  trigger: freeText(4000).default(''),
  firstSteps: freeText(4000).default(''),
  whatWasDone: freeText(8000).default(''),
  partners: z
    .array(z.strictObject({ kind: z.enum(PARTNER_KINDS), name: freeText(120) }))
    .max(30)
    .default([]),
  staffing: freeText(1000).default(''),
  budget: z
    .strictObject({
      amountYen: z.number().int().min(0).max(100_000_000_000).nullable(),
      source: z.enum(BUDGET_SOURCES),
      note: freeText(500).default(''),
    })
    .default({ amountYen: null, source: 'none', note: '' }),
  outcomes: freeText(4000).default(''),
  wentWell: freeText(4000).default(''),
  difficulties: freeText(4000).default(''),
  periodFrom: IsoDate.nullable().default(null),
  periodTo: IsoDate.nullable().default(null),
  contactWindow: freeText(400).default(''),
  linkedPlaceIds: unique(z.uuid(), 20).default([]),
  linkedEventIds: unique(z.uuid(), 20).default([]),
});
export type CaseContentBody = z.infer<typeof CaseContentBody>;

/** A case shows a few figures next to its words, not a statistics table. */
export const MAX_LINKED_INDICATORS = 6;

const CaseMeta = {
  themes: unique(ThemeCode, 8).min(1),
  lifeStages: unique(z.enum(CASE_LIFE_STAGES), 4).default([]),
  populationBand: z.enum(POPULATION_BANDS).nullable().default(null),
  areaClass: z.enum(AREA_CLASSES).nullable().default(null),
  authorName: freeText(120).default(''),
  /** Indicators of the national layer whose figures the town allows to be shown with the case. */
  linkedIndicators: unique(z.enum(INDICATOR_IDS), MAX_LINKED_INDICATORS).default([]),
  content: CaseContentBody,
};

export const CreateCaseBody = z.strictObject({
  /** The municipality the case is about; defaults to the author's own. */
  municipalityCode: MunicipalityCode.optional(),
  authorKind: z.enum(AUTHOR_KINDS).optional(),
  ...CaseMeta,
});
export type CreateCaseBody = z.infer<typeof CreateCaseBody>;

export const UpdateCaseBody = z.strictObject({ version: Version, ...CaseMeta });
export type UpdateCaseBody = z.infer<typeof UpdateCaseBody>;

export const SubmitBody = z.strictObject({
  version: Version,
  /** The author has read the personal-data warnings and confirms nothing found is personal. */
  confirmNoPersonalData: z.boolean().default(false),
});

export const ReviewBody = z.strictObject({
  version: Version,
  decision: z.enum(['return', 'accept']),
  /** Required when returning: what to change (suggested edits as words). */
  comment: freeText(4000).default(''),
});

export const PublishBody = z.strictObject({ version: Version });

export const QuestionBody = z.strictObject({ question: requiredText(2000) });
export const AnswerBody = z.strictObject({ answer: requiredText(4000) });

export const ThemeBody = z.strictObject({
  code: ThemeCode,
  labelJa: requiredText(40),
  labelEn: requiredText(80),
  labelEasy: requiredText(80),
  reading: requiredText(80).refine((s) => /^[\u3041-\u3096\u30fc・ ]+$/.test(s), {
    message: fieldMessage({ ja: 'ひらがなで入力してください', en: 'hiragana only' }),
  }),
});

export const IdParams = z.strictObject({ id: z.uuid() });
export const AttachmentParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });
export const QuestionParams = z.strictObject({ id: z.uuid(), questionId: z.uuid() });

export const StaffListQuery = z.strictObject({
  ...listQueryShape,
  state: z.enum(CASE_STATES).optional(),
  /** `mine`: my tenant's cases; `review`: cases waiting for my review or publication. */
  view: z.enum(['mine', 'review', 'library']).default('mine'),
  /** Words of the case (as the public search: readings too) or the municipality's name; every word must be found. */
  q: z.string().trim().max(100).optional(),
  /** updated: the latest edit first (default); title: 50音順; town: by municipality code, then title. */
  sort: z.enum(['updated', 'title', 'town']).optional(),
});
export type StaffListQuery = z.infer<typeof StaffListQuery>;

const csvOf = <T extends z.ZodType<string, string>>(item: T, max: number) =>
  z
    .string()
    .max(400)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(item).max(max));

export const PublicSearchQuery = z.strictObject({
  ...listQueryShape,
  q: z.string().max(100).optional(),
  theme: csvOf(ThemeCode, 8).optional(),
  lifeStage: csvOf(z.enum(CASE_LIFE_STAGES), 4).optional(),
  prefecture: PrefectureCode.optional(),
  municipalityType: csvOf(z.enum(MUNICIPALITY_TYPES), 6).optional(),
  populationBand: csvOf(z.enum(POPULATION_BANDS), 6).optional(),
  areaClass: z.enum(AREA_CLASSES).optional(),
  /** "Towns like mine": cases of this municipality first, then of towns of similar type and size. */
  similarTo: MunicipalityCode.optional(),
});
export type PublicSearchQuery = z.infer<typeof PublicSearchQuery>;
