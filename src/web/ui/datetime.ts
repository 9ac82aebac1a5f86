import { formatStaffDate, formatStaffDateTime, formatWareki } from '../../shared/text/wareki.ts';
import { inLanguage, textLanguageOf } from '../i18n/language.ts';

const timeFormat = new Intl.DateTimeFormat('ja-JP', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Asia/Tokyo',
});
const englishDateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'Asia/Tokyo',
});
const englishDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Asia/Tokyo' });

function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** 令和8年11月26日 10:00:05 (Japan time) in Japanese; 26 Nov 2026, 10:00:05 in English. */
export function formatDateTime(value: string | Date, language: string): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return inLanguage(
    { ja: () => `${formatWareki(date)} ${timeFormat.format(date)}`, en: () => englishDateTime.format(date) },
    language,
  )();
}

/** 令和8年11月26日 in Japanese; 26 November 2026 in English. */
export function formatDate(value: string | Date, language: string): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return inLanguage({ ja: formatWareki, en: (d: Date) => englishDate.format(d) }, language)(date);
}

const hourMinute = new Intl.DateTimeFormat('ja-JP', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Asia/Tokyo',
});

/**
 * A time slot (a shift, shown to staff): 令和8年11月26日（2026年） 13:00〜16:00 (Japan time), without
 * seconds; the end's date is repeated only when the slot runs past midnight.
 */
export function formatTimeRange(start: string | Date, end: string | Date, language: string): string {
  const from = toDate(start);
  const to = toDate(end);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return `${String(start)}〜${String(end)}`;
  const day = (d: Date) => formatStaffDay(d, language);
  const sameDay = day(from) === day(to);
  const endText = sameDay ? hourMinute.format(to) : `${day(to)} ${hourMinute.format(to)}`;
  return `${day(from)} ${hourMinute.format(from)}〜${endText}`;
}

/**
 * A date on a staff screen: 令和8年12月6日（2026年） in Japanese (the one staff format: 和暦 with the
 * Western year); 6 December 2026 in English. Takes a calendar day (YYYY-MM-DD) or an instant.
 */
export function formatStaffDay(value: string | Date, language: string): string {
  return inLanguage({ ja: formatStaffDate, en: englishStaffDay }, language)(value);
}

function englishStaffDay(value: string | Date): string {
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(value) ? `${value}T12:00:00+09:00` : value;
  return formatDate(date, 'en');
}

const englishDateMinute = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Asia/Tokyo',
});

/**
 * An instant on a staff screen: 令和8年12月6日（2026年） 09:30 in Japanese (the one staff format, with
 * the time of day in Japan); 6 December 2026 at 09:30 in English. A bare calendar day has no time.
 */
export function formatStaffInstant(
  value: string | Date,
  language: string,
  options: { seconds?: boolean } = {},
): string {
  if (textLanguageOf(language) === 'ja') return formatStaffDateTime(value, options);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(value)) return formatStaffDay(value, 'en');
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return (options.seconds ? englishDateTime : englishDateMinute).format(date);
}

/** A calendar date typed in an <input type="date"> (YYYY-MM-DD) as the start or end of that day in Japan. */
export function tokyoDayBoundary(day: string, edge: 'start' | 'end'): string {
  return edge === 'start' ? `${day}T00:00:00+09:00` : `${day}T23:59:59.999+09:00`;
}
