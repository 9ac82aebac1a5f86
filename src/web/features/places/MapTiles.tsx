import './i18n.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { linkClass } from '../../ui/styles.ts';
import type { MapSettings } from './api.ts';
import { type MapView, tilesFor } from './map-projection.ts';

/**
 * The tiles under a map, decorative (what is drawn over them and the text beside carry every fact),
 * shared by the public result map and the staff point picker. A tile that fails to load (no network,
 * a blocked host) is dropped, so the offline view shows instead of a broken image.
 */
export function TileLayer({
  view,
  template,
  box,
}: {
  view: MapView;
  template: string;
  box: { width: number; height: number };
}) {
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());
  const list = tilesFor(view, template, box);
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a group of decorative tile images, nothing in it takes focus.
    <g aria-hidden="true" data-testid="map-tiles">
      {list
        .filter((tile) => !failed.has(tile.url))
        .map((tile) => (
          <image
            key={tile.url}
            href={tile.url}
            x={tile.x}
            y={tile.y}
            width={tile.size}
            height={tile.size}
            preserveAspectRatio="none"
            onError={() => setFailed((f) => new Set(f).add(tile.url))}
          />
        ))}
    </g>
  );
}

/** The credit the tile provider asks for, under the map. */
export function TileAttribution({ tiles }: { tiles: NonNullable<MapSettings['tiles']> }) {
  const { t } = useTranslation();
  return (
    <span data-testid="map-attribution">
      {t('common.termLabel', { term: t('places.map.source') })}
      {tiles.attributionUrl ? (
        <a className={linkClass} href={tiles.attributionUrl} rel="noopener noreferrer">
          {tiles.attribution}
        </a>
      ) : (
        tiles.attribution
      )}
    </span>
  );
}
