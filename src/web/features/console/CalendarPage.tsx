import './i18n.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarEntry } from '../../../shared/contracts/console.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { formatStaffDay } from '../../ui/datetime.ts';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { compactButtonClass, linkClass } from '../../ui/styles.ts';

const DAY_MS = 86_400_000;
const SPAN_DAYS = 28;
const addDays = (day: string, days: number) =>
  isoDateInTokyo(new Date(Date.parse(`${day}T12:00:00+09:00`) + days * DAY_MS));

// No `from`: the server's today (its business clock decides what "today" is, as for the home page).
const calendarQuery = (from: string | null) =>
  queryOptions({
    queryKey: ['console', 'calendar', from],
    queryFn: () =>
      api<{ from: string; to: string; items: CalendarEntry[] }>(
        from
          ? `/api/console/calendar?from=${from}&to=${addDays(from, SPAN_DAYS - 1)}`
          : '/api/console/calendar',
      ),
  });

/**
 * `/console/calendar` (issue 22 item 3): four weeks of the caller's dated work as an agenda — planned
 * contacts and plan reviews of the own caseload, own peer-support shifts, the tenant's event
 * sessions — one heading per day, so it reads the same on a phone, by keyboard and by screen reader.
 */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const problem = useProblemMessage();
  const [from, setFrom] = useState<string | null>(null);
  const calendar = useQuery(calendarQuery(from));
  const shown = calendar.data ?? null;
  const today = useQuery(calendarQuery(null)).data?.from ?? null;
  // The one staff date format (和暦 with 西暦, as on every console page), with the weekday after it.
  const dayLabel = (day: string) => {
    const weekday = new Intl.DateTimeFormat(t('console.calendar.weekdayLocale'), {
      weekday: 'short',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(`${day}T12:00:00+09:00`));
    return t('console.calendar.day', { day: formatStaffDay(day, i18n.language), weekday });
  };
  const days = new Map<string, CalendarEntry[]>();
  for (const item of calendar.data?.items ?? []) days.set(item.date, [...(days.get(item.date) ?? []), item]);
  const title = t('console.calendar.title');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('console.calendar.lead')}</p>
      <nav aria-label={t('console.calendar.period')} className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={compactButtonClass}
          disabled={!shown}
          onClick={() => shown && setFrom(addDays(shown.from, -SPAN_DAYS))}
        >
          {t('console.calendar.previous')}
        </button>
        <button
          type="button"
          className={compactButtonClass}
          onClick={() => setFrom(null)}
          disabled={from === null}
        >
          {t('console.calendar.today')}
        </button>
        <button
          type="button"
          className={compactButtonClass}
          disabled={!shown}
          onClick={() => shown && setFrom(addDays(shown.from, SPAN_DAYS))}
        >
          {t('console.calendar.next')}
        </button>
        {shown && (
          <p className="text-std-16B-170" aria-live="polite" data-testid="calendar-period">
            {t('console.calendar.range', { from: dayLabel(shown.from), to: dayLabel(shown.to) })}
          </p>
        )}
      </nav>
      {calendar.isPending && <p role="status">{t('common.loading')}</p>}
      {calendar.isError && <Notice tone="error">{problem(calendar.error)}</Notice>}
      {calendar.data && days.size === 0 && <p>{t('console.calendar.none')}</p>}
      <div className="flex flex-col gap-4" data-testid="calendar">
        {[...days.entries()].map(([day, items]) => (
          <section key={day} aria-labelledby={`day-${day}`} className="rounded-8 bg-white p-4" data-day={day}>
            <h2 id={`day-${day}`} className="text-std-18B-160">
              {dayLabel(day)}
              {day === today && ` ${t('console.calendar.todayMark')}`}
            </h2>
            <ul className="mt-2 flex flex-col gap-2">
              {items.map((item, i) => (
                <li
                  key={`${item.kind}-${item.href}-${i.toString()}`}
                  className="flex flex-wrap gap-x-3"
                  data-kind={item.kind}
                >
                  <span className="min-w-28 text-dns-16B-130">
                    {item.start
                      ? t('console.calendar.time', { start: item.start, end: item.end ?? '' })
                      : t('console.calendar.allDay')}
                  </span>
                  <span className="text-dns-16N-130">{t(`console.calendar.kinds.${item.kind}`)}</span>
                  {/* Entries link to console pages the server named; the router resolves them. */}
                  <Link to={item.href} className={linkClass}>
                    {item.title || t(`console.calendar.kinds.${item.kind}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
