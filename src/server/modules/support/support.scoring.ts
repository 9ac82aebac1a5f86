/**
 * Outcome measures with their published scoring (BRIEF "Domain facts"). Pure functions, unit- and
 * property-tested (support.scoring.unit.test.ts). No measure here ranks anyone by employment.
 */

/** WHO-5-J: the five items (last two weeks), answers 5 いつも … 0 まったくない. */
export const WHO5_ITEMS = [
  '明るく、楽しい気分で過ごした',
  '落ち着いた、リラックスした気分で過ごした',
  '意欲的で、活動的に過ごした',
  'ぐっすりと休め、気持ちよくめざめた',
  '日常生活の中に、興味のあることがたくさんあった',
] as const;
export const WHO5_CHOICES = [
  { value: 5, label: 'いつも' },
  { value: 4, label: 'ほとんどいつも' },
  { value: 3, label: '半分以上の期間を' },
  { value: 2, label: '半分以下の期間を' },
  { value: 1, label: 'ほんのたまに' },
  { value: 0, label: 'まったくない' },
] as const;
/** ≤ 50 (of 100) indicates poor wellbeing. */
export const WHO5_POOR_WELLBEING_CUTOFF = 50;

export type Who5Result = { raw: number; percentage: number; poorWellbeing: boolean };

export function scoreWho5(answers: readonly number[]): Who5Result {
  if (answers.length !== 5) throw new RangeError('WHO-5 has 5 items');
  for (const a of answers)
    if (!Number.isInteger(a) || a < 0 || a > 5) throw new RangeError('WHO-5 items are 0–5');
  const raw = answers.reduce((s, a) => s + a, 0);
  const percentage = raw * 4;
  return { raw, percentage, poorWellbeing: percentage <= WHO5_POOR_WELLBEING_CUTOFF };
}

/** UCLA loneliness scale, 3-item version as used in the national loneliness survey (1–4 each, 3–12). */
export const UCLA3_ITEMS = [
  '人とのつきあいがないと感じることがありますか',
  '自分は取り残されていると感じることがありますか',
  '自分は他の人たちから孤立していると感じることがありますか',
] as const;
export const UCLA3_CHOICES = [
  { value: 1, label: '決してない' },
  { value: 2, label: 'ほとんどない' },
  { value: 3, label: '時々ある' },
  { value: 4, label: '常にある' },
] as const;

export function scoreUcla3(answers: readonly number[]): { total: number } {
  if (answers.length !== 3) throw new RangeError('UCLA-3 has 3 items');
  for (const a of answers)
    if (!Number.isInteger(a) || a < 1 || a > 4) throw new RangeError('UCLA-3 items are 1–4');
  return { total: answers.reduce((s, a) => s + a, 0) };
}

/**
 * HQ-25: item texts are not available to us; staff enter the total (0–100) and the three subscale
 * scores from the official form. 25 items × 0–4: 社会性 11 items (0–44), 孤立 8 items (0–32),
 * 日常活動 6 items (0–24). The cutoff 42 is a screening threshold, never a diagnosis.
 */
export const HQ25_CUTOFF = 42;
export const HQ25_SUBSCALES = {
  socialization: { label: '社会性（人との交流の少なさ）', max: 44 },
  isolation: { label: '孤立', max: 32 },
  dailyActivities: { label: '日常活動の少なさ', max: 24 },
} as const;

export type Hq25Input = { total: number; socialization: number; isolation: number; dailyActivities: number };

export function checkHq25(input: Hq25Input): { total: number; aboveScreeningCutoff: boolean } {
  const { total, socialization, isolation, dailyActivities } = input;
  const ok = (v: number, max: number) => Number.isInteger(v) && v >= 0 && v <= max;
  if (!ok(total, 100)) throw new RangeError('HQ-25 total is 0–100');
  if (!ok(socialization, 44) || !ok(isolation, 32) || !ok(dailyActivities, 24))
    throw new RangeError('HQ-25 subscale out of range');
  if (socialization + isolation + dailyActivities !== total)
    throw new RangeError('HQ-25 subscales must add up to the total');
  return { total, aboveScreeningCutoff: total >= HQ25_CUTOFF };
}

/**
 * A social-participation ladder (descriptive, not a target: a person may choose any step, and
 * employment is not the top of anything — the top step is "a role of one's own choosing").
 */
export const PARTICIPATION_LADDER = [
  { level: 0, ja: '自分の部屋で過ごすことがほとんど', en: 'Mostly stays in own room' },
  { level: 1, ja: '家の中で家族と過ごす・話す', en: 'Spends time with family at home' },
  { level: 2, ja: '近所やお店など、用事のために外出する', en: 'Goes out nearby for errands' },
  {
    level: 3,
    ja: '支援者と会う・相談する（オンラインを含む）',
    en: 'Meets or talks with a supporter (online too)',
  },
  { level: 4, ja: '居場所などに通う', en: 'Goes to a place to be (居場所)' },
  {
    level: 5,
    ja: '講座・趣味・ボランティアなどの活動に参加する',
    en: 'Takes part in courses, hobbies or volunteering',
  },
  {
    level: 6,
    ja: '学び・仕事・地域活動など、自分で選んだ役割をもつ',
    en: 'Has a role of own choosing: study, work, community…',
  },
] as const;

/** Goal Attainment Scaling: −2 much less than expected … 0 expected … +2 much more than expected. */
export const GAS_LEVELS = [-2, -1, 0, 1, 2] as const;
export const GAS_RHO = 0.3;

/**
 * Kiresuk–Sherman T-score: T = 50 + 10 Σ(wᵢxᵢ) / √((1−ρ)Σwᵢ² + ρ(Σwᵢ)²), ρ = 0.3.
 * Equal weights (1) by default. Rounded to one decimal.
 */
export function gasTScore(goals: readonly { score: number; weight?: number }[], rho = GAS_RHO): number {
  if (goals.length === 0) throw new RangeError('GAS needs at least one goal');
  let weighted = 0;
  let sumW = 0;
  let sumW2 = 0;
  for (const g of goals) {
    const w = g.weight ?? 1;
    if (!Number.isInteger(g.score) || g.score < -2 || g.score > 2)
      throw new RangeError('GAS scores are −2…+2');
    if (!(w > 0) || !Number.isFinite(w)) throw new RangeError('GAS weights are positive');
    weighted += w * g.score;
    sumW += w;
    sumW2 += w * w;
  }
  const t = 50 + (10 * weighted) / Math.sqrt((1 - rho) * sumW2 + rho * sumW * sumW);
  return Math.round(t * 10) / 10;
}
