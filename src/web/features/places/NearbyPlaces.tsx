import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { PlaceSearchResult } from './api.ts';

const SHOWN = 6;

/**
 * For a town that does not use Tsunagari (issue 21 item 8): places of the same prefecture that are
 * listed here — a town next door often has the nearest 居場所 or family association. Only when there
 * are some; the section is left out otherwise.
 */
export function NearbyPlaces({
  prefectureCode,
  prefectureName,
}: {
  prefectureCode: string;
  prefectureName: string;
}) {
  const { t } = useTranslation();
  const found = useQuery({
    queryKey: ['places', 'in-prefecture', prefectureCode],
    queryFn: ({ signal }) =>
      api<PlaceSearchResult>('/api/public/places', {
        query: { prefecture: prefectureCode, limit: SHOWN },
        signal,
      }),
    staleTime: 60_000,
  });
  const items = found.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section
      aria-labelledby="nearby-places-heading"
      className="flex flex-col gap-3"
      data-testid="nearby-places"
    >
      <h2 id="nearby-places-heading" className="text-std-24B-150 text-solid-gray-900">
        {t('places.nearby.heading', { prefecture: prefectureName })}
      </h2>
      <p className="text-std-16N-170">{t('places.nearby.lead')}</p>
      <ul className="flex flex-col gap-2">
        {items.map((place) => (
          <li key={place.id} className="flex flex-col">
            <Link
              to="/places/$id"
              params={{ id: place.id }}
              className="inline-flex min-h-11 items-center text-std-17B-170 text-blue-1000 underline underline-offset-[3px]"
            >
              <span lang="ja">{place.name}</span>
            </Link>
            <span className="text-dns-16N-130 text-solid-gray-700">
              {t(`places.kind.${place.kind}`)}・<span lang="ja">{place.municipalityName}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
