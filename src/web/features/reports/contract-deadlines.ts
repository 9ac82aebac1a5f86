/**
 * Contract help (request 10): the deadlines of BRIEF "Domain facts", as a pure function on calendar
 * dates (YYYY-MM-DD in Asia/Tokyo). Guidance, not legal advice: the page always points to 188.
 *
 * - クーリング・オフ (特定商取引法): 8 days for 訪問販売 (9条), 電話勧誘販売 (24条) and 特定継続的役務提供
 *   (48条: エステ, 美容医療, 語学教室, 家庭教師, 学習塾, パソコン教室, 結婚相手紹介 — over one month
 *   for エステ and 美容医療, two for the others, and over ¥50,000), 20 days for 連鎖販売取引 and
 *   業務提供誘引販売取引, counted from the day the legally required document (申込書面・契約書面) is
 *   received, that day being day 1 — so the 8th day is the last. A document never received (or
 *   defective, e.g. missing the cooling-off notice) means the period has not started. The notice is
 *   effective when sent within the period (written or electronic).
 * - 取消し (消費者契約法 7条): within 1 year from when rescission became possible, and at most 5 years
 *   from the contract. Periods in years follow 民法 140・143 (the first day is not counted; the period
 *   ends on the day before the corresponding day, or at the end of the month when there is none).
 * - A contract that unduly restricts freedom of residence and movement may be void (公序良俗, 民法 90).
 * - Cooling-off belongs to whoever signed the contract (often a parent).
 */

export type SalesMethod =
  | 'visit'
  | 'phone'
  | 'continuous_service'
  | 'multilevel'
  | 'business_opportunity'
  | 'other';
export type Signer = 'self' | 'family' | 'other' | 'unknown';
export type DocumentReceipt = { kind: 'received'; on: string } | { kind: 'never' } | { kind: 'defective' };

export type DeadlineInput = {
  contractDate: string;
  signer: Signer;
  salesMethod: SalesMethod;
  document: DocumentReceipt;
  /** Today in Asia/Tokyo (YYYY-MM-DD). */
  today: string;
  /** When rescission became possible (e.g. the day the person got away from the pressure); optional. */
  rescindableFrom?: string | null;
};

export type CoolingOff =
  | { kind: 'not_applicable' }
  | { kind: 'not_started'; periodDays: 8 | 20; reason: 'never' | 'defective' }
  | { kind: 'open'; periodDays: 8 | 20; startsOn: string; lastDay: string; daysLeft: number }
  | { kind: 'passed'; periodDays: 8 | 20; startsOn: string; lastDay: string };

export type Rescission = {
  /** 5 years from the contract: the latest possible day in any case. */
  absoluteLastDay: string;
  /** 1 year from `rescindableFrom`, when given. */
  oneYearLastDay: string | null;
  /** The earlier of the two (or the 5-year limit when the start is unknown). */
  lastDay: string;
  status: 'open' | 'passed';
  daysLeft: number;
};

export type DeadlineResult = {
  ok: true;
  signer: Signer;
  coolingOff: CoolingOff;
  rescission: Rescission;
  /** Always true: a contract restricting freedom (confinement, forced removal) may be void. */
  mayBeVoid: true;
};

export type DeadlineError = {
  ok: false;
  errors: Array<{
    field: 'contractDate' | 'documentDate' | 'rescindableFrom';
    code: 'invalid' | 'future' | 'before_contract';
  }>;
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parse(date: string): { y: number; m: number; d: number } | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(y, m - 1, d));
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== m - 1 || utc.getUTCDate() !== d) return null;
  return { y, m, d };
}

export function isIsoDate(date: string): boolean {
  return parse(date) !== null;
}

const toUtc = (date: string) => {
  const p = parse(date)!;
  return Date.UTC(p.y, p.m - 1, p.d);
};
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * 86_400_000);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Last day of a period of `years` years that starts with an event on `date` (民法 140: the first day
 * is not counted; 143: the period ends on the day before the day corresponding to the start, or on the
 * last day of the month when that month has no such day). 2026-04-10 + 5 years → 2031-04-10.
 */
export function lastDayOfYears(date: string, years: number): string {
  const start = parse(addDays(date, 1))!;
  const y = start.y + years;
  if (start.d > daysInMonth(y, start.m)) {
    return `${y}-${String(start.m).padStart(2, '0')}-${String(daysInMonth(y, start.m)).padStart(2, '0')}`;
  }
  const corresponding = `${y}-${String(start.m).padStart(2, '0')}-${String(start.d).padStart(2, '0')}`;
  return addDays(corresponding, -1);
}

export function coolingOffDays(method: SalesMethod): 8 | 20 | null {
  if (method === 'visit' || method === 'phone' || method === 'continuous_service') return 8;
  if (method === 'multilevel' || method === 'business_opportunity') return 20;
  return null;
}

export function calculateDeadlines(input: DeadlineInput): DeadlineResult | DeadlineError {
  const errors: DeadlineError['errors'] = [];
  if (!isIsoDate(input.contractDate)) errors.push({ field: 'contractDate', code: 'invalid' });
  else if (input.contractDate > input.today) errors.push({ field: 'contractDate', code: 'future' });
  if (input.document.kind === 'received') {
    if (!isIsoDate(input.document.on)) errors.push({ field: 'documentDate', code: 'invalid' });
    else if (input.document.on > input.today) errors.push({ field: 'documentDate', code: 'future' });
  }
  const from = input.rescindableFrom || null;
  if (from) {
    if (!isIsoDate(from)) errors.push({ field: 'rescindableFrom', code: 'invalid' });
    else if (from > input.today) errors.push({ field: 'rescindableFrom', code: 'future' });
    else if (isIsoDate(input.contractDate) && from < input.contractDate)
      errors.push({ field: 'rescindableFrom', code: 'before_contract' });
  }
  if (errors.length > 0) return { ok: false, errors };

  const periodDays = coolingOffDays(input.salesMethod);
  let coolingOff: CoolingOff;
  if (periodDays === null) coolingOff = { kind: 'not_applicable' };
  else if (input.document.kind !== 'received')
    coolingOff = { kind: 'not_started', periodDays, reason: input.document.kind };
  else {
    const startsOn = input.document.on;
    // The day of receipt is day 1: the last day is day `periodDays`.
    const lastDay = addDays(startsOn, periodDays - 1);
    coolingOff =
      input.today <= lastDay
        ? { kind: 'open', periodDays, startsOn, lastDay, daysLeft: daysBetween(input.today, lastDay) + 1 }
        : { kind: 'passed', periodDays, startsOn, lastDay };
  }

  const absoluteLastDay = lastDayOfYears(input.contractDate, 5);
  const oneYearLastDay = from ? lastDayOfYears(from, 1) : null;
  const lastDay = oneYearLastDay && oneYearLastDay < absoluteLastDay ? oneYearLastDay : absoluteLastDay;
  return {
    ok: true,
    signer: input.signer,
    coolingOff,
    rescission: {
      absoluteLastDay,
      oneYearLastDay,
      lastDay,
      status: input.today <= lastDay ? 'open' : 'passed',
      daysLeft: Math.max(0, daysBetween(input.today, lastDay) + 1),
    },
    mayBeVoid: true,
  };
}

/** A calendar date as a Date at noon in Japan, for 和暦 formatting (never off by a day). */
export function tokyoNoon(date: string): Date {
  return new Date(`${date}T12:00:00+09:00`);
}
