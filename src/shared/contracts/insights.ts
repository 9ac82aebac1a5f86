import { z } from 'zod';

/**
 * The national and prefectural layer (issue 16): the annual status return (取組状況) of every
 * municipality, the indicators published from returns and maintained aggregates, and their states.
 * Shared by server (validation, OpenAPI) and web (types, labels).
 */

export const RETURN_STATES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReturnState = (typeof RETURN_STATES)[number];
/** As listed: a municipality with no return for the year is `not_reported`. */
export const LISTED_RETURN_STATES = [...RETURN_STATES, 'not_reported'] as const;
export type ListedReturnState = (typeof LISTED_RETURN_STATES)[number];

export const PUBLISHED_STATES = ['value', 'zero', 'suppressed', 'not_reported', 'not_expected'] as const;
export type PublishedState = (typeof PUBLISHED_STATES)[number];

type ItemKind = 'boolean' | 'count' | 'persons' | 'yen' | 'hours' | 'year' | 'text' | 'date' | 'members';
export type ReturnItemDefinition = {
  id: string;
  group: ReturnItemGroup;
  kind: ItemKind;
  ja: string;
  en: string;
};

export const RETURN_ITEM_GROUPS = [
  'window',
  'survey',
  'platform',
  'programmes',
  'places',
  'family',
  'peers',
  'training',
  'subsidy',
  'consultations',
  'reports',
  'national_subsidy',
  'population',
] as const;
export type ReturnItemGroup = (typeof RETURN_ITEM_GROUPS)[number];

const item = (id: string, group: ReturnItemGroup, kind: ItemKind, ja: string, en: string) =>
  ({ id, group, kind, ja, en }) as const;

/** Every item of the return, in form order. `persons` items count people: they are suppressed. */
export const RETURN_ITEMS = [
  item(
    'window.exists',
    'window',
    'boolean',
    'ひきこもり相談窓口を明確化している',
    'A consultation window is designated',
  ),
  item('window.publicised', 'window', 'boolean', '窓口を住民に周知している', 'The window is publicised'),
  item('window.name', 'window', 'text', '窓口の名称', 'Name of the window'),
  item('window.department', 'window', 'text', '担当部署', 'Department'),
  item('window.phone', 'window', 'text', '電話番号', 'Phone'),
  item('window.hours', 'window', 'text', '受付時間', 'Hours'),
  item(
    'window.email',
    'window',
    'text',
    '連絡用メールアドレス（催促の送付先・非公開）',
    'Contact e-mail (for reminders, not published)',
  ),
  item(
    'survey.year',
    'survey',
    'year',
    '実態把握を行った年度（過去5年）',
    'Year of the needs survey (last five years)',
  ),
  item('survey.method', 'survey', 'text', '実態把握の方法', 'Method of the needs survey'),
  item(
    'platform.exists',
    'platform',
    'boolean',
    '市町村プラットフォームを設置している',
    'A municipal platform is set up',
  ),
  item('platform.members', 'platform', 'members', 'プラットフォームの構成機関', 'Platform members'),
  item('platform.meetings', 'platform', 'count', '年度内の会議回数', 'Meetings in the year'),
  item(
    'programme.centre',
    'programmes',
    'boolean',
    'ひきこもり地域支援センター（市町村）',
    'Municipal regional support centre',
  ),
  item(
    'programme.station',
    'programmes',
    'boolean',
    'ひきこもり支援ステーション事業',
    'Support station programme',
  ),
  item('programme.support', 'programmes', 'boolean', 'ひきこもりサポート事業', 'Support programme'),
  item(
    'programme.supportMenus',
    'programmes',
    'text',
    'サポート事業のメニュー',
    'Menus of the support programme',
  ),
  item(
    'programme.multiLayered',
    'programmes',
    'boolean',
    '重層的支援体制整備事業',
    'Multi-layered support system programme',
  ),
  item('places.total', 'places', 'count', '居場所の数', 'Places (居場所)'),
  item('places.youth', 'places', 'count', '居場所（学齢期・若者）', 'Places for school age and youth'),
  item('places.working', 'places', 'count', '居場所（稼働年齢層）', 'Places for working age'),
  item('places.age40to64', 'places', 'count', '居場所（40〜64歳）', 'Places for ages 40–64'),
  item('family.associations', 'family', 'count', '家族会の数', 'Family associations'),
  item('family.classSeries', 'family', 'count', '家族学習会（シリーズ数）', 'Family classes (series)'),
  item('family.classSessions', 'family', 'count', '家族学習会（開催回数）', 'Family classes (sessions)'),
  item(
    'family.classAttendance',
    'family',
    'persons',
    '家族学習会（延べ参加人数）',
    'Family classes (attendance)',
  ),
  item('peers.active', 'peers', 'persons', '活動中のピアサポーター', 'Active peer supporters'),
  item('peers.paid', 'peers', 'persons', 'うち有償', 'of whom paid'),
  item('peers.paidHours', 'peers', 'hours', '有償活動時間', 'Paid hours'),
  item('training.courses', 'training', 'count', 'サポーター養成研修（講座数）', 'Supporter training courses'),
  item(
    'training.completions',
    'training',
    'persons',
    'サポーター養成研修（修了者数）',
    'Training completions',
  ),
  item('subsidy.programme', 'subsidy', 'boolean', '交通費補助制度がある', 'Transport-cost subsidy programme'),
  item('subsidy.grants', 'subsidy', 'persons', '交通費補助（交付決定件数）', 'Transport-cost grants'),
  item(
    'subsidy.amountPaid',
    'subsidy',
    'yen',
    '交通費補助（支払額・円）',
    'Transport-cost amount paid (yen)',
  ),
  item('consultations.newPersons', 'consultations', 'persons', '新規相談者数', 'New persons consulting'),
  item('consultations.active', 'consultations', 'persons', '継続支援中の人数', 'Persons in active support'),
  item(
    'consultations.beyondThreeYears',
    'consultations',
    'persons',
    'うち3年を超えて継続',
    'of whom over three years',
  ),
  item(
    'consultations.anonymousOnline',
    'consultations',
    'count',
    '匿名オンライン相談の件数',
    'Anonymous online consultations',
  ),
  item('reports.harmful', 'reports', 'count', '不適切な支援業者の通報件数', 'Reports of harmful businesses'),
  item(
    'nationalSubsidy.used',
    'national_subsidy',
    'boolean',
    'ひきこもり支援推進事業の国庫補助を活用',
    'National subsidy used',
  ),
  item(
    'nationalSubsidy.amount',
    'national_subsidy',
    'yen',
    '国庫補助額（円）',
    'National subsidy amount (yen)',
  ),
  item('population.total', 'population', 'count', '人口（総数）', 'Population (total)'),
  item('population.age15to64', 'population', 'count', '人口（15〜64歳）', 'Population (15–64)'),
  item('population.asOf', 'population', 'date', '人口の基準日', 'Population reference date'),
] as const satisfies readonly ReturnItemDefinition[];

export type ReturnItemId = (typeof RETURN_ITEMS)[number]['id'];
export const returnItem = (id: string): ReturnItemDefinition | undefined =>
  RETURN_ITEMS.find((i) => i.id === id);

/** One item's value: a flag, a number, a text, a date or a member list; null when not given. */
export const ReturnValue = z.union([z.boolean(), z.number(), z.string(), z.array(z.string()), z.null()]);
export type ReturnValue = z.infer<typeof ReturnValue>;
export type ReturnItems = Partial<Record<ReturnItemId, ReturnValue>>;

/** Where a pre-filled figure came from, in words (e.g. 公開中の居場所 3 件（40〜64歳 1 件）から). */
export const ReturnSource = z.object({ ja: z.string(), en: z.string() });
export type ReturnSource = z.infer<typeof ReturnSource>;

export const ReturnCorrection = z.object({
  item: z.string(),
  from: ReturnValue,
  to: ReturnValue,
  reason: z.string(),
  at: z.string(),
});

export const StatusReturn = z.object({
  municipalityCode: z.string(),
  municipalityName: z.string(),
  prefectureCode: z.string(),
  fiscalYear: z.number().int(),
  state: z.enum(RETURN_STATES),
  enteredBy: z.enum(['municipality', 'prefecture']),
  items: z.record(z.string(), ReturnValue),
  /** The live figures and their sources, as pre-filled (only items the platform knows). */
  prefill: z.record(z.string(), z.object({ value: ReturnValue, source: ReturnSource })),
  corrections: z.array(ReturnCorrection),
  reviewComment: z.string().nullable(),
  dueOn: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type StatusReturn = z.infer<typeof StatusReturn>;

export const ReturnListItem = z.object({
  municipalityCode: z.string(),
  municipalityName: z.string(),
  prefectureCode: z.string(),
  fiscalYear: z.number().int(),
  state: z.enum(LISTED_RETURN_STATES),
  enteredBy: z.enum(['municipality', 'prefecture']).nullable(),
  submittedAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  dueOn: z.string(),
});
export type ReturnListItem = z.infer<typeof ReturnListItem>;

// ---------------------------------------------------------------------------------------------
// Indicators

export const INDICATOR_SOURCES = ['return', 'outcome'] as const;
export type IndicatorDefinition = {
  id: string;
  ja: string;
  en: string;
  /** True when the figure counts persons (small counts are suppressed). */
  countsPersons: boolean;
  source: (typeof INDICATOR_SOURCES)[number];
  /** How the figure is formed: a 0/1 per municipality, a count, a mean or a share. */
  unit: 'flag' | 'count' | 'mean' | 'share' | 'yen';
  /** Whether a per-100,000 figure makes sense. */
  per100k: boolean;
};

const indicator = (def: IndicatorDefinition) => def;

export const INDICATORS = [
  indicator({
    id: 'window',
    ja: '相談窓口の明確化',
    en: 'Consultation window designated',
    countsPersons: false,
    source: 'return',
    unit: 'flag',
    per100k: false,
  }),
  indicator({
    id: 'platform',
    ja: '市町村プラットフォームの設置',
    en: 'Municipal platform set up',
    countsPersons: false,
    source: 'return',
    unit: 'flag',
    per100k: false,
  }),
  indicator({
    id: 'needs_survey',
    ja: '過去5年の実態把握',
    en: 'Needs survey in the last five years',
    countsPersons: false,
    source: 'return',
    unit: 'flag',
    per100k: false,
  }),
  indicator({
    id: 'places_40_64',
    ja: '40〜64歳の居場所の数',
    en: 'Places (居場所) for ages 40–64',
    countsPersons: false,
    source: 'return',
    unit: 'count',
    per100k: true,
  }),
  indicator({
    id: 'places_total',
    ja: '居場所の数',
    en: 'Places (居場所)',
    countsPersons: false,
    source: 'return',
    unit: 'count',
    per100k: true,
  }),
  indicator({
    id: 'family_classes',
    ja: '家族学習会の開催回数',
    en: 'Family class sessions',
    countsPersons: false,
    source: 'return',
    unit: 'count',
    per100k: true,
  }),
  indicator({
    id: 'peer_supporters',
    ja: '活動中のピアサポーター',
    en: 'Active peer supporters',
    countsPersons: true,
    source: 'return',
    unit: 'count',
    per100k: true,
  }),
  indicator({
    id: 'new_consultations',
    ja: '新規相談者数',
    en: 'New persons consulting',
    countsPersons: true,
    source: 'return',
    unit: 'count',
    per100k: true,
  }),
  indicator({
    id: 'continuing_3y',
    ja: '3年を超えて継続支援中の人数',
    en: 'Persons supported for over three years',
    countsPersons: true,
    source: 'return',
    unit: 'count',
    per100k: true,
  }),
  indicator({
    id: 'who5_change',
    ja: 'WHO-5 の変化（平均）',
    en: 'WHO-5 change (mean)',
    countsPersons: true,
    source: 'outcome',
    unit: 'mean',
    per100k: false,
  }),
  indicator({
    id: 'who5_improved',
    ja: 'WHO-5 が10点以上改善した人の割合',
    en: 'Share improved by ≥ 10 WHO-5 points',
    countsPersons: true,
    source: 'outcome',
    unit: 'share',
    per100k: false,
  }),
  indicator({
    id: 'ucla3_change',
    ja: '孤独感（UCLA-3）の変化（平均）',
    en: 'UCLA-3 loneliness change (mean)',
    countsPersons: true,
    source: 'outcome',
    unit: 'mean',
    per100k: false,
  }),
  indicator({
    id: 'hq25_change',
    ja: 'HQ-25 の変化（平均）',
    en: 'HQ-25 change (mean)',
    countsPersons: true,
    source: 'outcome',
    unit: 'mean',
    per100k: false,
  }),
  indicator({
    id: 'ladder_steps',
    ja: '参加のはしごの段数の変化（平均）',
    en: 'Participation-ladder steps (mean)',
    countsPersons: true,
    source: 'outcome',
    unit: 'mean',
    per100k: false,
  }),
  indicator({
    id: 'goals_own_words',
    ja: '目標が本人の言葉で書かれた計画の割合',
    en: 'Plans whose goals are in the person’s own words',
    countsPersons: true,
    source: 'outcome',
    unit: 'share',
    per100k: false,
  }),
  indicator({
    id: 'gas_t',
    ja: 'GAS 達成度（平均Tスコア）',
    en: 'GAS attainment (mean T-score)',
    countsPersons: true,
    source: 'outcome',
    unit: 'mean',
    per100k: false,
  }),
] as const satisfies readonly IndicatorDefinition[];
export type IndicatorId = (typeof INDICATORS)[number]['id'];
export const INDICATOR_IDS = INDICATORS.map((i) => i.id) as [IndicatorId, ...IndicatorId[]];

export const IndicatorCatalogItem = z.object({
  id: z.string(),
  ja: z.string(),
  en: z.string(),
  countsPersons: z.boolean(),
  source: z.enum(INDICATOR_SOURCES),
  unit: z.enum(['flag', 'count', 'mean', 'share', 'yen']),
  per100k: z.boolean(),
});

export const IndicatorFigure = z.object({
  code: z.string(),
  name: z.string(),
  prefectureCode: z.string(),
  state: z.enum(PUBLISHED_STATES),
  value: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  /** Per 100,000 inhabitants (where the indicator has one and the population is known). */
  per100k: z.number().nullable(),
});
export type IndicatorFigure = z.infer<typeof IndicatorFigure>;

// ---------------------------------------------------------------------------------------------
// Services a town may lack (towns like mine, issue 17 §3)

/**
 * What "towns like mine" compares between accepted returns: a service a town either runs or not.
 * Only items the public may already see of an accepted return (flags and counts of places or groups;
 * peer supporters only as "none / some", which the published indicator also shows, since zero is its
 * own published state). The Japanese label is the key the API returns (`builtWhatYouLack`); `en` reads
 * after "no …" in a sentence, so it carries no article.
 */
export const SERVICE_GAPS = [
  { ja: '相談窓口', en: 'consultation window', easy: 'そうだん まどぐち' },
  { ja: 'プラットフォーム', en: 'municipal platform', easy: 'しえんの ネットワーク' },
  { ja: '居場所', en: 'place to be (ibasho)', easy: 'いばしょ' },
  { ja: '居場所（学齢期・若者）', en: 'place to be for young people', easy: 'わかい ひとの いばしょ' },
  {
    ja: '居場所（稼働年齢層）',
    en: 'place to be for working-age people',
    easy: 'はたらく としの ひとの いばしょ',
  },
  { ja: '居場所（40〜64歳）', en: 'place to be for ages 40–64', easy: '40〜64さいの ひとの いばしょ' },
  { ja: '家族会', en: 'family association', easy: 'かぞくかい' },
  { ja: '家族学習会', en: 'family study sessions', easy: 'かぞくの べんきょうかい' },
  { ja: 'ピアサポート', en: 'peer support', easy: 'ピアサポート' },
  { ja: 'サポーター養成研修', en: 'supporter training', easy: 'サポーターの けんしゅう' },
  { ja: '交通費補助', en: 'transport-cost subsidy', easy: 'こうつうひの たすけ' },
] as const;
export type ServiceGap = (typeof SERVICE_GAPS)[number]['ja'];
