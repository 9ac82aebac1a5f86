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
