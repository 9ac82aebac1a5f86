import { z } from 'zod';
import { fieldMessage } from '../text/field-message.ts';

/**
 * The navigator for people who have just left a job (issue 18): what the server serves (the national
 * rule set, a town's local windows and schemes) and what the console sends. The answers a person
 * gives never appear here: the plan is computed in the browser (`src/shared/navigator/plan.ts`).
 */

const IsoDate = z.iso.date();

/** Where a step is done. Local windows of a municipality use the same kinds. */
export const WHERE_KINDS = [
  'municipality_nhi',
  'municipality_pension',
  'former_insurer',
  'family_insurer',
  'employer',
  'hello_work',
  'jiritsu_soudan',
  'welfare_office',
  'saposute',
  'labour_consultation',
  'phone',
] as const;
export const WhereKind = z.enum(WHERE_KINDS);
export type WhereKind = z.infer<typeof WhereKind>;

/** Which rule a row is: the plan function knows what each kind means; its figures are the params. */
export const RULE_KINDS = [
  'nhi_enrolment',
  'voluntary_continuation',
  'dependant',
  'pension_change',
  'pension_exemption',
  'ui_basic_allowance',
  'ui_voluntary_restriction',
  'ui_separation_notice',
  'ui_period_extension',
  'sickness_allowance_continuation',
  'job_seeker_support',
  'jiritsu_consultation',
  'housing_benefit',
  'public_assistance',
  'saposute',
  'labour_consultation',
  'mental_health_lines',
] as const;
export const RuleKind = z.enum(RULE_KINDS);
export type RuleKind = z.infer<typeof RuleKind>;

export const RULE_TOPICS = [
  'health_insurance',
  'pension',
  'employment_insurance',
  'living',
  'consultation',
] as const;
export const RuleTopic = z.enum(RULE_TOPICS);

const line = z.string().trim().min(1).max(300);
export const RuleText = z.strictObject({
  title: z.string().trim().min(1).max(100),
  summary: z.string().trim().min(1).max(600),
  bring: z.array(line).max(10),
});
export type RuleText = z.infer<typeof RuleText>;

export const RuleSource = z.strictObject({
  title: z.string().trim().min(1).max(200),
  /** Text, shown as the address to look at; the browser never fetches it. */
  url: z.url({ protocol: /^https$/ }).max(500),
});

export const NavigatorRule = z
  .strictObject({
    /** Unique inside a rule set, e.g. `ui_voluntary_restriction_2025`. */
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,63}$/)
      .max(64),
    kind: RuleKind,
    topic: RuleTopic,
    /** The Japanese title (also in `text.ja.title`): what outside checks read. */
    title: z.string().trim().min(1).max(100),
    /** The rule applies to leavings (or, without a last day, to today) on or after this date… */
    effectiveFrom: IsoDate,
    /** …and on or before this one (null: open). */
    effectiveTo: IsoDate.nullable(),
    source: RuleSource,
    /** When a person last checked the rule against its source. */
    checkedOn: IsoDate,
    where: WhereKind,
    /** The rule's figures (days, months, ages, yen); the kind says which it needs. */
    params: z.record(z.string().regex(/^[a-zA-Z]{1,40}$/), z.number().int().min(0).max(10_000_000)),
    /** A figure depends on facts we do not ask: "詳しくは窓口で確認してください". */
    askAtWindow: z.boolean(),
    text: z.strictObject({ ja: RuleText, en: RuleText, easy: RuleText }),
  })
  .refine((r) => r.effectiveTo === null || r.effectiveTo >= r.effectiveFrom, {
    message: fieldMessage({
      ja: '終了日は開始日以降にしてください',
      en: 'effectiveTo must not be before effectiveFrom',
    }),
    path: ['effectiveTo'],
  })
  .refine((r) => r.title === r.text.ja.title, {
    message: fieldMessage({
      ja: 'title は text.ja.title と同じにしてください',
      en: 'title must equal text.ja.title',
    }),
    path: ['title'],
  });
export type NavigatorRule = z.infer<typeof NavigatorRule>;

/** `GET /api/public/navigator/rules`: the national rule set in force on the day asked (today by default). */
export const RuleSetResponse = z.object({
  version: z.number().int(),
  effectiveFrom: IsoDate,
  /** The day the set was chosen for (Asia/Tokyo). */
  on: IsoDate,
  rules: z.array(NavigatorRule),
});
export type RuleSetResponse = z.infer<typeof RuleSetResponse>;

/** A new version of the national rule set (console, national staff). */
export const NewRuleSetBody = z
  .strictObject({
    effectiveFrom: IsoDate,
    note: z.string().trim().min(1).max(500),
    rules: z.array(NavigatorRule).min(1).max(100),
  })
  .refine((b) => new Set(b.rules.map((r) => r.id)).size === b.rules.length, {
    message: fieldMessage({ ja: 'ルールの id が重複しています', en: 'rule ids repeat' }),
    path: ['rules'],
  });
export type NewRuleSetBody = z.infer<typeof NewRuleSetBody>;

export const RuleSetSummary = z.object({
  version: z.number().int(),
  effectiveFrom: IsoDate,
  note: z.string(),
  ruleCount: z.number().int(),
  createdAt: z.string(),
  /** in_force: the set public pages show today; scheduled: from a later date; superseded: before. */
  state: z.enum(['in_force', 'scheduled', 'superseded']),
});
export const RuleSetList = z.object({
  items: z.array(RuleSetSummary),
  total: z.number().int(),
  nextCursor: z.null(),
});
export const RuleSetDetail = RuleSetSummary.extend({ rules: z.array(NavigatorRule) });
export type RuleSetSummary = z.infer<typeof RuleSetSummary>;
export type RuleSetDetail = z.infer<typeof RuleSetDetail>;

// ── local windows and schemes (a municipality's own) ──

const Phone = z
  .string()
  .transform((s) => s.normalize('NFKC').trim())
  .pipe(
    z
      .string()
      .max(30)
      .regex(/^[0-9#+()\- ]*$/, {
        message: fieldMessage({ ja: '電話番号は数字と - ( ) # + で', en: 'digits and - ( ) # + only' }),
      }),
  );

export const LocalWindowInput = z.strictObject({
  kind: WhereKind,
  name: z.string().trim().min(1).max(120),
  /** A published entry of the town's directory (ハローワーク, サポステ… entered as places). */
  placeId: z.uuid().nullable().default(null),
  address: z.string().trim().max(200).default(''),
  phone: Phone.default(''),
  hours: z.string().trim().max(100).default(''),
  note: z.string().trim().max(300).default(''),
});
export type LocalWindowInput = z.input<typeof LocalWindowInput>;

export const LocalWindow = z.object({
  id: z.uuid(),
  kind: WhereKind,
  name: z.string(),
  placeId: z.uuid().nullable(),
  address: z.string(),
  phone: z.string(),
  hours: z.string(),
  note: z.string(),
});
export type LocalWindow = z.infer<typeof LocalWindow>;

export const LocalSchemeInput = z
  .strictObject({
    title: z.string().trim().min(1).max(100),
    summary: z.string().trim().min(1).max(600),
    topic: RuleTopic,
    where: WhereKind,
    bring: z.array(line).max(10).default([]),
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable().default(null),
    source: RuleSource,
    checkedOn: IsoDate,
  })
  .refine((r) => r.effectiveTo === null || r.effectiveTo >= r.effectiveFrom, {
    message: fieldMessage({
      ja: '終了日は開始日以降にしてください',
      en: 'effectiveTo must not be before effectiveFrom',
    }),
    path: ['effectiveTo'],
  });
export type LocalSchemeInput = z.input<typeof LocalSchemeInput>;

export const LocalScheme = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string(),
  topic: RuleTopic,
  where: WhereKind,
  bring: z.array(z.string()),
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.nullable(),
  source: z.object({ title: z.string(), url: z.string() }),
  checkedOn: IsoDate,
});
export type LocalScheme = z.infer<typeof LocalScheme>;

const Contact = z.object({ department: z.string(), phone: z.string(), hours: z.string().optional() });

/** A directory entry offered as a gentle step (a 居場所 where one need not talk, a family association). */
export const GentlePlace = z.object({
  id: z.uuid(),
  kind: z.string(),
  name: z.string(),
  noNeedToTalk: z.boolean(),
  anonymousOk: z.boolean(),
  online: z.boolean(),
});
export type GentlePlace = z.infer<typeof GentlePlace>;

/** `GET /api/public/navigator/local/{code}`: the town's windows (profile, directory, its own entries) and schemes. */
export const LocalResponse = z.object({
  municipalityCode: z.string(),
  municipalityName: z.string(),
  /** False when the town does not use this deployment: the navigator then shows national rules only. */
  hasProfile: z.boolean(),
  isDemo: z.boolean(),
  contacts: z.object({
    welfare: Contact.nullable(),
    labour: Contact.nullable(),
    numbers: z.array(z.object({ label: z.string(), phone: z.string(), hours: z.string().optional() })),
  }),
  windows: z.array(LocalWindow),
  /** Local schemes in force today. */
  schemes: z.array(LocalScheme),
  places: z.array(GentlePlace),
});
export type LocalResponse = z.infer<typeof LocalResponse>;

/** The console view of the town's own entries (every scheme, also past and future ones). */
export const LocalEntries = z.object({ windows: z.array(LocalWindow), schemes: z.array(LocalScheme) });
export type LocalEntries = z.infer<typeof LocalEntries>;
