import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { PublicEventSummary } from '../../../shared/contracts/events.ts';
import { api, type ListPage } from '../../api/client.ts';
import { linkClass } from '../../ui/styles.ts';

const SHOWN_EVENTS = 3;

/**
 * A search that finds no place still leads somewhere (issue 21 item 4): events that carry the same
 * words (a 家族学習会 is often an event, not a place), the phone lines that answer now, and the
 * anonymous consultation of the person's town.
 */
export function NoPlacesFound({
  q,
  municipality,
}: {
  q: string | undefined;
  municipality: string | undefined;
}) {
  const { t } = useTranslation();
  const words = q?.trim() ?? '';
  const events = useQuery({
    queryKey: ['events', 'for-empty-places', words, municipality ?? ''],
    queryFn: ({ signal }) =>
      api<ListPage<PublicEventSummary>>('/api/public/events', {
        query: { q: words, limit: SHOWN_EVENTS, ...(municipality ? { municipality } : {}) },
        signal,
      }),
    enabled: words !== '',
    staleTime: 60_000,
  });
  const found = events.data?.items ?? [];

  return (
    <section aria-labelledby="other-ways-heading" className="flex flex-col gap-3 rounded-8 bg-blue-50 p-4">
      <h2 id="other-ways-heading" className="text-std-20B-150 text-solid-gray-900">
        {t('places.search.otherWaysHeading')}
      </h2>
      <ul className="flex flex-col gap-3 text-std-16N-170">
        {found.length > 0 && (
          <li className="flex flex-col gap-1">
            <span>
              {t('places.search.eventsWithWord', { q: words, count: events.data?.total ?? found.length })}
            </span>
            <ul className="flex list-disc flex-col gap-1 pl-6">
              {found.map((event) => (
                <li key={event.id}>
                  <Link to="/events/$id" params={{ id: event.id }} className={linkClass} lang="ja">
                    {event.title}
                  </Link>{' '}
                  <span className="text-solid-gray-700" lang="ja">
                    {event.municipalityName}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        )}
        <li>
          <Link to="/events" className={linkClass}>
            {t('places.search.allEvents')}
          </Link>
        </li>
        <li>
          <Link to="/helplines" className={linkClass}>
            {t('places.search.phoneLines')}
          </Link>
        </li>
        <li>
          {municipality ? (
            <Link to="/m/$code/consultation" params={{ code: municipality }} className={linkClass}>
              {t('places.search.consultation')}
            </Link>
          ) : (
            <Link to="/" hash="choose-heading" className={linkClass}>
              {t('places.search.consultationChooseTown')}
            </Link>
          )}
        </li>
      </ul>
    </section>
  );
}
