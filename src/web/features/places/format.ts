import './i18n.ts';
import type { TFunction } from 'i18next';
import type { OpeningHoursView, Opportunity } from './api.ts';

/** 毎週 火・木・土 13:00〜17:00 / 毎月 第2土 13:30〜16:00, from the catalogue of the page's language. */
export function describeHours(t: TFunction, entry: OpeningHoursView): string {
  const sep = t('places.weekday.MO') === '月' ? '・' : ', ';
  const days = entry.days
    .map((d) => {
      const day = t(`places.weekday.${d.day}`);
      if (d.ordinal === null) return day;
      return d.ordinal === -1
        ? t('places.hours.last', { day })
        : t('places.hours.nth', { n: d.ordinal, day });
    })
    .join(sep);
  const when =
    entry.freq === 'MONTHLY'
      ? t('places.hours.monthly', { days })
      : entry.interval > 1
        ? t('places.hours.biweekly', { days, interval: entry.interval })
        : t('places.hours.weekly', { days });
  const range = t('places.hours.range', { start: entry.start, end: entry.end });
  return `${when} ${range}${entry.note ? `（${entry.note}）` : ''}`;
}

export function describeWorkHours(t: TFunction, o: Opportunity): string | null {
  if (o.hoursPerWeekMin === null && o.hoursPerWeekMax === null) return null;
  const min = o.hoursPerWeekMin ?? o.hoursPerWeekMax;
  const max = o.hoursPerWeekMax ?? o.hoursPerWeekMin;
  return min === max ? t('places.detail.hoursOne', { min }) : t('places.detail.hoursRange', { min, max });
}

/** 400-0031 */
export const formatPostalCode = (code: string | null): string =>
  code && /^\d{7}$/.test(code) ? `${code.slice(0, 3)}-${code.slice(3)}` : (code ?? '');
