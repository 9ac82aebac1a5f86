import './i18n.ts';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { PublicPlace } from './api.ts';

/**
 * The results with coordinates as dots on a plain SVG (no map tiles, nothing fetched from a tile
 * server): an equirectangular projection of the results' own bounding box, north up. Each dot is a
 * numbered link; the same numbers are listed under the map, so nothing depends on seeing it.
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
  const located = places.filter(
    (p): p is PublicPlace & { location: { lat: number; lng: number } } => !!p.location,
  );
  if (located.length === 0) return <p className="text-std-16N-170">{t('places.map.noCoordinates')}</p>;

  const points = [...located.map((p) => p.location), ...(you ? [you] : [])];
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const kx = Math.cos((midLat * Math.PI) / 180);
  const spanX = Math.max((Math.max(...lngs) - Math.min(...lngs)) * kx, 0.005);
  const spanY = Math.max(Math.max(...lats) - Math.min(...lats), 0.005);
  const scale = Math.min((WIDTH - 2 * PAD) / spanX, (HEIGHT - 2 * PAD) / spanY);
  const x = (lng: number) =>
    PAD + ((lng - Math.min(...lngs)) * kx * scale + (WIDTH - 2 * PAD - spanX * scale) / 2);
  const y = (lat: number) =>
    PAD + ((Math.max(...lats) - lat) * scale + (HEIGHT - 2 * PAD - spanY * scale) / 2);

  return (
    <figure className="flex flex-col gap-3">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a fieldset; role=group names the set of map links. */}
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="group"
        aria-label={t('places.map.label', { count: located.length })}
        className="h-auto w-full max-w-xl rounded-8 border border-solid-gray-420 bg-blue-50"
      >
        {you && (
          <g>
            <circle cx={x(you.lng)} cy={y(you.lat)} r="7" fill="#259d63" stroke="#fff" strokeWidth="2" />
            <text x={x(you.lng) + 10} y={y(you.lat) + 4} fontSize="12" fill="#1a1a1a">
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
      <figcaption className="text-dns-16N-130 text-solid-gray-700">{t('places.map.note')}</figcaption>
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
