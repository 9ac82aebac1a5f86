import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { mapSettingsQuery, type PublicPlace } from './api.ts';
import { TileAttribution, TileLayer } from './MapTiles.tsx';
import { fitView } from './map-projection.ts';

/**
 * The results with coordinates as numbered dots, north up, in Web Mercator so that a tile layer can lie
 * beneath them. Tiles come only where the deployment allows (MAP_TILE_URL, default the GSI 地理院タイル,
 * credited under the map); with the setting off, or no network, a tile that does not load is left out
 * and the plain offline view stays (issue 21 item 6). Each dot is a numbered link; the same numbers
 * are listed under the map, so nothing depends on seeing it.
 */
const WIDTH = 360;
const HEIGHT = 300;
const PAD = 28;

export function PlaceMap({
  places,
  you,
}: {
  places: PublicPlace[];
  you: { lat: number; lng: number } | null;
}) {
  const { t } = useTranslation();
  const settings = useQuery(mapSettingsQuery());
  const tiles = settings.data?.tiles ?? null;
  const located = places.filter(
    (p): p is PublicPlace & { location: { lat: number; lng: number } } => !!p.location,
  );
  if (located.length === 0) return <p className="text-std-16N-170">{t('places.map.noCoordinates')}</p>;

  const points = [...located.map((p) => p.location), ...(you ? [you] : [])];
  const view = fitView(points, { width: WIDTH, height: HEIGHT, pad: PAD });
  const x = (lng: number) => view.x(lng);
  const y = (lat: number) => view.y(lat);

  return (
    <figure className="flex flex-col gap-3">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a fieldset; role=group names the set of map links. */}
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="group"
        aria-label={t('places.map.label', { count: located.length })}
        className="h-auto w-full max-w-xl overflow-hidden rounded-8 border border-solid-gray-420 bg-blue-50"
        data-testid="place-map"
      >
        {tiles && (
          <TileLayer view={view} template={tiles.urlTemplate} box={{ width: WIDTH, height: HEIGHT }} />
        )}
        {you && (
          <g>
            <circle cx={x(you.lng)} cy={y(you.lat)} r="7" fill="#259d63" stroke="#fff" strokeWidth="2" />
            <text
              x={x(you.lng) + 10}
              y={y(you.lat) + 4}
              fontSize="12"
              fill="#1a1a1a"
              stroke="#fff"
              strokeWidth="3"
              paintOrder="stroke"
            >
              {t('places.map.you')}
            </text>
          </g>
        )}
        {located.map((place, i) => (
          <Link
            key={place.id}
            to="/places/$id"
            params={{ id: place.id }}
            aria-label={`${i + 1}. ${place.name}`}
          >
            <circle cx={x(place.location.lng)} cy={y(place.location.lat)} r="20" fill="transparent" />
            <circle
              cx={x(place.location.lng)}
              cy={y(place.location.lat)}
              r="11"
              fill={place.status === 'paused' ? '#767676' : '#0017c1'}
              stroke="#fff"
              strokeWidth="2"
            />
            <text
              x={x(place.location.lng)}
              y={y(place.location.lat) + 4}
              fontSize="11"
              fontWeight="700"
              textAnchor="middle"
              fill="#fff"
            >
              {i + 1}
            </text>
          </Link>
        ))}
      </svg>
      <figcaption className="flex flex-col gap-1 text-dns-16N-130 text-solid-gray-700">
        <span>{t('places.map.note')}</span>
        {tiles && <TileAttribution tiles={tiles} />}
      </figcaption>
      <ol className="flex flex-col gap-1">
        {located.map((place, i) => (
          <li key={place.id} className="flex items-baseline gap-2">
            <span aria-hidden="true" className="w-8 shrink-0 text-right text-dns-16B-130">
              {i + 1}.
            </span>
            <Link
              to="/places/$id"
              params={{ id: place.id }}
              className="inline-flex min-h-11 items-center text-blue-1000 underline underline-offset-[3px]"
            >
              {place.name}
            </Link>
          </li>
        ))}
      </ol>
    </figure>
  );
}
