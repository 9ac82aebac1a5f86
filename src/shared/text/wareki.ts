/**
 * 和暦 dates for official documents: 令和8年4月1日, with the Western year beside it where helpful.
 * Uses ICU's Japanese calendar so era boundaries are not hand-coded.
 */
const warekiFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'Asia/Tokyo',
});

export function formatWareki(date: Date): string {
  // ICU writes the first year of an era as 元年 in some locales and 1年 in others; documents use 元年.
  return warekiFormat.format(date).replace(/(^|[^0-9])1年/, '$1元年');
}

export function formatWarekiWithWestern(date: Date): string {
  const year = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Tokyo' }).format(date);
  return `${formatWareki(date)}（${year}年）`;
}

/** A calendar day (YYYY-MM-DD, a day in Japan) or an instant (ISO string or Date) as a Date. */
function instantOf(value: Date | string): Date {
  if (value instanceof Date) return value;
  // A bare calendar day is that day in Japan, not midnight UTC (which is 9:00 the same day in Japan,
  // but the previous day for any zone west of UTC): noon keeps it on the day everywhere.
  return /^\d{4}-\d{2}-\d{2}$/u.test(value) ? new Date(`${value}T12:00:00+09:00`) : new Date(value);
}

/**
 * The one way staff screens show a date: 令和8年12月6日（2026年）. Takes a calendar day (YYYY-MM-DD)
 * or an instant; what is not a date is returned as given rather than shown as "Invalid Date".
 */
export function formatStaffDate(value: Date | string): string {
  const date = instantOf(value);
  return Number.isNaN(date.getTime()) ? String(value) : formatWarekiWithWestern(date);
}

const hourMinuteInTokyo = new Intl.DateTimeFormat('ja-JP', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Asia/Tokyo',
});

/** The audit log orders events to the second: its times carry them. */
const timeWithSecondsInTokyo = new Intl.DateTimeFormat('ja-JP', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Asia/Tokyo',
});

/**
 * The staff date with the time of day in Japan: 令和8年12月6日（2026年） 09:30. A bare calendar day
 * (YYYY-MM-DD) has no time and is written as formatStaffDate writes it; what is not a date is
 * returned as given. `seconds` adds them (the audit log).
 */
export function formatStaffDateTime(value: Date | string, options: { seconds?: boolean } = {}): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(value)) return formatStaffDate(value);
  const date = instantOf(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const time = (options.seconds ? timeWithSecondsInTokyo : hourMinuteInTokyo).format(date);
  return `${formatWarekiWithWestern(date)} ${time}`;
}

/**
 * 年度 in 和暦: FY2026 → 令和8年度. A fiscal year is named by the era of its first day, except that
 * FY2019 (begun 1 April 2019, still 平成31年) is called 令和元年度 by government practice after the
 * era changed on 1 May 2019; FY1989 (begun in 昭和64年) likewise is 平成元年度.
 */
export function formatFiscalYear(fiscalYear: number): string {
  const era = fiscalYear >= 2019 ? { name: '令和', first: 2019 } : { name: '平成', first: 1989 };
  if (fiscalYear < 1989) return `${fiscalYear}年度`;
  const n = fiscalYear - era.first + 1;
  return `${era.name}${n === 1 ? '元' : n}年度`;
}

/** Japanese fiscal year (April–March) of a date in Asia/Tokyo: 2026-03-31 → 2025. */
export function fiscalYearOf(date: Date): number {
  const parts = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'numeric', timeZone: 'Asia/Tokyo' })
    .formatToParts(date)
    .reduce<Record<string, string>>((acc, p) => {
      acc[p.type] = p.value;
      return acc;
    }, {});
  const year = Number(parts.year);
  return Number(parts.month) >= 4 ? year : year - 1;
}

/** Calendar date in Asia/Tokyo as YYYY-MM-DD (for `<time dateTime>` and API dates). */
export function isoDateInTokyo(date: Date): string {
  // The Swedish locale writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('sv-SE', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'Asia/Tokyo',
  }).format(date);
}
