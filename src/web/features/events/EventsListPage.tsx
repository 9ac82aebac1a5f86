import './i18n.ts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { prefectureMunicipalitiesQuery, prefecturesQuery } from '../../api/municipalities.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { inputClass, linkClass, primaryButtonClass, secondaryButtonClass } from '../../ui/styles.ts';
import {
  EVENT_AUDIENCES,
  EVENT_KINDS,
  type EventSearch,
  eventsSearchQuery,
  type PublicEventSummary,
} from './api.ts';
import { formatSession } from './format.ts';

/** `/events`: upcoming events by area, kind and audience; the conditions live in the URL. */
export function EventsListPage({ search }: { search: EventSearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problemMessage = useProblemMessage();
  const [form, setForm] = useState<EventSearch>(search);
  const searchKey = JSON.stringify(search);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the URL when it changes.
  useEffect(() => setForm(search), [searchKey]);
  const prefectures = useQuery(prefecturesQuery());
  const prefecture = form.prefecture ?? form.municipality?.slice(0, 2) ?? '';
  const municipalities = useInfiniteQuery(prefectureMunicipalitiesQuery(prefecture));
  const results = useInfiniteQuery(eventsSearchQuery(search));
  const first = results.data?.pages[0];
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  const set = <K extends keyof EventSearch>(key: K, value: EventSearch[K]) =>
    setForm((f) => ({ ...f, [key]: value || undefined }));
  const anyOption = { value: '', label: t('events.list.any') };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(form)) if (value) next[key] = value;
    if (next.municipality) {
      next.municipality = Number(next.municipality);
      delete next.prefecture;
    } else if (next.prefecture) next.prefecture = Number(next.prefecture);
    void navigate({ to: '/events', search: next as never });
  };

  return (
    <>
      <div className="flex flex-col gap-3">
        <PageHeading title={t('events.list.title')}>{t('events.list.title')}</PageHeading>
        <p className="text-std-16N-170">{t('events.list.lead')}</p>
      </div>
      <search aria-label={t('events.list.landmark')}>
        <form
          onSubmit={onSubmit}
          className="flex flex-col gap-5 rounded-8 border border-solid-gray-420 bg-white p-4 md:p-6"
        >
          <div className="grid gap-5 sm:grid-cols-2">
            <SelectField
              id="events-prefecture"
              label={t('events.list.prefecture')}
              value={prefecture}
              onChange={(e) =>
                setForm((f) => ({ ...f, prefecture: e.target.value || undefined, municipality: undefined }))
              }
              options={[
                anyOption,
                ...(prefectures.data?.items ?? []).map((p) => ({ value: p.code.slice(0, 2), label: p.name })),
              ]}
            />
            <SelectField
              id="events-municipality"
              label={t('events.list.municipality')}
              value={form.municipality ?? ''}
              disabled={!prefecture}
              onChange={(e) => set('municipality', e.target.value)}
              options={[
                anyOption,
                ...(municipalities.data?.pages.flatMap((p) => p.items) ?? [])
                  .filter((m) => m.kind === 'municipality')
                  .map((m) => ({ value: m.code, label: m.name })),
              ]}
            />
            <SelectField
              id="events-kind"
              label={t('events.list.kind')}
              value={form.kind ?? ''}
              onChange={(e) => set('kind', e.target.value as EventSearch['kind'])}
              options={[anyOption, ...EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kind.${k}`) }))]}
            />
            <SelectField
              id="events-audience"
              label={t('events.list.audience')}
              value={form.audience ?? ''}
              onChange={(e) => set('audience', e.target.value as EventSearch['audience'])}
              options={[
                anyOption,
                ...EVENT_AUDIENCES.map((a) => ({ value: a, label: t(`events.audience.${a}`) })),
              ]}
            />
            <div className="flex flex-col gap-2">
              <label htmlFor="events-from" className="text-std-17B-170">
                {t('events.list.from')}
              </label>
              <input
                id="events-from"
                type="date"
                className={inputClass}
                value={form.from ?? ''}
                onChange={(e) => set('from', e.target.value)}
              />
            </div>
          </div>
          <button type="submit" className={`${primaryButtonClass} self-start`}>
            {t('events.list.submit')}
          </button>
        </form>
      </search>

      <section aria-labelledby="events-results-heading" className="flex flex-col gap-4">
        <h2 id="events-results-heading" className="sr-only">
          {t('events.list.title')}
        </h2>
        <div role="status" aria-live="polite" className="text-std-16N-170">
          {results.isPending
            ? t('events.list.searching')
            : first
              ? t('events.list.count', { count: first.total })
              : ''}
        </div>
        {results.isError && (
          <Notice tone="error">
            <p>{problemMessage(results.error)}</p>
          </Notice>
        )}
        {first && first.total === 0 && <p className="text-std-16N-170">{t('events.list.none')}</p>}
        {items.length > 0 && (
          <ul className="flex flex-col gap-3">
            {items.map((e) => (
              <EventCard key={e.id} event={e} />
            ))}
          </ul>
        )}
        {results.hasNextPage && (
          <button
            type="button"
            className={`${secondaryButtonClass} self-start`}
            onClick={() => void results.fetchNextPage()}
            disabled={results.isFetchingNextPage}
          >
            {t('events.list.more')}
          </button>
        )}
      </section>
      {search.municipality && (
        <section aria-labelledby="events-open-data" className="flex flex-col gap-1 text-std-16N-170">
          <h2 id="events-open-data" className="text-std-17B-170">
            {t('events.list.openData')}
          </h2>
          <ul className="flex flex-wrap gap-x-6">
            <li>
              <a
                className={`${linkClass} inline-flex min-h-11 items-center`}
                href={`/api/public/open-data/events/${search.municipality}_event.csv`}
              >
                {t('events.list.openDataCsv')}
              </a>
            </li>
            <li>
              <a
                className={`${linkClass} inline-flex min-h-11 items-center`}
                href={`/api/public/event-feeds/${search.municipality}.ics`}
              >
                {t('events.list.feed')}
              </a>
            </li>
          </ul>
        </section>
      )}
    </>
  );
}

function EventCard({ event }: { event: PublicEventSummary }) {
  const { t } = useTranslation();
  const next = event.nextSession;
  return (
    <li className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2 text-dns-14N-130">
        <span className="rounded-4 bg-blue-100 px-2 py-1 text-blue-1200">
          {t(`events.kind.${event.kind}`)}
        </span>
        <span className="rounded-4 border border-solid-gray-420 px-2 py-1">
          {t(`events.audience.${event.audience}`)}
        </span>
        {event.delivery !== 'in_person' && (
          <span className="rounded-4 bg-green-50 px-2 py-1 text-green-1100">
            {t(`events.delivery.${event.delivery}`)}
          </span>
        )}
        {event.isSeries && (
          <span className="rounded-4 border border-solid-gray-420 px-2 py-1">
            {t('events.list.sessions', { count: event.sessionCount })}
          </span>
        )}
      </div>
      <h3 className="text-std-20B-150">
        <Link
          to="/events/$id"
          params={{ id: event.id }}
          className={`${linkClass} inline-flex min-h-11 items-center`}
          lang="ja"
        >
          {event.title}
        </Link>
      </h3>
      {next && (
        <p className="text-dns-16N-130">
          {event.isSeries ? t('common.termLabel', { term: t('events.list.next') }) : ''}
          {formatSession(next.startsAt, next.endsAt, t)}
        </p>
      )}
      <p lang="ja" className="text-dns-16N-130 text-solid-gray-700">
        {[event.municipalityName, event.venueName, event.organiser.name].filter(Boolean).join(' ・ ')}
      </p>
      <p className="text-dns-16N-130">
        {event.feeYen === 0
          ? t('events.list.free')
          : t('events.list.fee', { fee: event.feeYen.toLocaleString('ja-JP') })}
      </p>
    </li>
  );
}
