import './i18n.ts';
import type { TFunction } from 'i18next';
import { formatWareki } from '../../../shared/text/wareki.ts';

const time = new Intl.DateTimeFormat('ja-JP', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Asia/Tokyo',
});
const weekdayJa = new Intl.DateTimeFormat('ja-JP', { weekday: 'short', timeZone: 'Asia/Tokyo' });
const englishDay = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'Asia/Tokyo',
});

/**
 * 令和8年12月5日（土）13:30〜15:30 in Japanese; Sat 5 Dec 2026, 13:30–15:30 in English (Japan time).
 * Every part is made here and the catalogue (`events.when.session`) says which a language shows.
 */
export function formatSession(startsAt: string, endsAt: string, t: TFunction): string {
  const s = new Date(startsAt);
  const e = new Date(endsAt);
  return t('events.when.session', {
    wareki: formatWareki(s),
    weekday: weekdayJa.format(s),
    day: englishDay.format(s),
    start: time.format(s),
    end: time.format(e),
  });
}

/** The Tokyo calendar date and time of an instant, for date/time inputs. */
export function tokyoParts(iso: string): { date: string; time: string } {
  const t = new Date(new Date(iso).getTime() + 9 * 3_600_000).toISOString();
  return { date: t.slice(0, 10), time: t.slice(11, 16) };
}
