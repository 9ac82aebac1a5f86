import '../i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, type MouseEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../../../api/me.ts';
import { compactButtonClass } from '../../../ui/styles.ts';
import { mapSettingsQuery, placeSearchQuery } from '../api.ts';
import { TileAttribution, TileLayer } from '../MapTiles.tsx';
import { fitView } from '../map-projection.ts';

/**
 * A point picked on the offline map (the projection and tiles of the public result map) for the
 * place form's latitude and longitude, which stay editable by hand. A click or tap sets the point;
 * with the map focused, the arrow keys move it (Shift for small steps), and the chosen position is
 * read out. The view is centred on the current point or, when there is none, on the municipality's
 * public places that have coordinates; with none of those either, on Japan. "From the address" puts
 * the point at the centre of the address's municipality (or the tenant's), computed from the boundary
 * file the app ships — postal data has no coordinates and nothing is fetched from the internet — and
 * says so: the staff then pick the exact place.
 */
const WIDTH = 360;
const HEIGHT = 240;
const PAD = 24;
const STEP = 8;
const FINE_STEP = 1;
const JAPAN = [
  { lat: 24.3, lng: 123.0 },
  { lat: 45.5, lng: 145.8 },
];

type Point = { lat: number; lng: number };
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

export function PointPicker({
  id,
  value,
  onChange,
  address,
}: {
  id: string;
  value: Point | null;
  onChange: (point: Point) => void;
  /** The form's address (filled from the postal code or typed): its municipality for the centre. */
  address: string;
}) {
  const { t } = useTranslation();
  const tiles = useQuery(mapSettingsQuery()).data?.tiles ?? null;
  // The signed-in staff member's municipality centres the map: the console's one /api/auth/me query.
  const tenant = useQuery({ ...meQuery(), select: (me) => me.account.tenant });
  const code = tenant.data ?? null;
  const others = useQuery({
    ...placeSearchQuery({ municipality: code ?? '' }, null),
    enabled: value === null && code !== null,
  });
  // The frame stays put while the point moves inside it, so a click does not shift the map.
  const [frame, setFrame] = useState<Point[] | null>(value ? [value] : null);
  const [placed, setPlaced] = useState<string | null>(null);
  const [placing, setPlacing] = useState(false);
  const municipality = (others.data?.items ?? []).flatMap((p) => (p.location ? [p.location] : []));
  const points = frame ?? (municipality.length > 0 ? municipality : JAPAN);
  const box = { width: WIDTH, height: HEIGHT, pad: PAD };
  let view = fitView(points, box);
  const inside = (p: Point) => {
    const [x, y] = [view.x(p.lng), view.y(p.lat)];
    return x >= 0 && x <= WIDTH && y >= 0 && y <= HEIGHT;
  };
  // A point typed by hand (or moved) outside the view brings the view to it.
  if (value && !inside(value)) view = fitView([value], box);

  const pick = (x: number, y: number) => {
    if (!frame) setFrame(points);
    onChange({ lat: round6(view.lat(y)), lng: round6(view.lng(x)) });
  };
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return;
    pick(((e.clientX - rect.left) * WIDTH) / rect.width, ((e.clientY - rect.top) * HEIGHT) / rect.height);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? FINE_STEP : STEP;
    const move: Record<string, [number, number]> = {
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
    };
    const d = move[e.key];
    if (!d) return;
    e.preventDefault();
    const [x, y] = value ? [view.x(value.lng), view.y(value.lat)] : [WIDTH / 2, HEIGHT / 2];
    pick(x + d[0], y + d[1]);
  };

  const fromAddress = async () => {
    setPlacing(true);
    setPlaced(null);
    try {
      // The boundaries (d3-geo, topojson, ~0.9 MB of this server's own file) load only when asked for.
      const { loadMunicipalityShapes } = await import('../../../ui/maps/municipality-shapes-file.ts');
      const { municipalityCentre, municipalityOfAddress } = await import(
        '../../../ui/maps/municipality-shapes.ts'
      );
      const shapes = await loadMunicipalityShapes();
      const municipality = municipalityOfAddress(shapes, address) ?? code;
      const centre = municipality ? municipalityCentre(shapes, municipality) : null;
      if (!centre) {
        setPlaced(t('places.edit.pointPicker.noCentre'));
        return;
      }
      const { south, west, north, east } = centre.bounds;
      setFrame([
        { lat: south, lng: west },
        { lat: north, lng: east },
      ]);
      onChange({ lat: round6(centre.point.lat), lng: round6(centre.point.lng) });
      setPlaced(t('places.edit.pointPicker.placed'));
    } catch {
      setPlaced(t('places.edit.pointPicker.noBoundaries'));
    } finally {
      setPlacing(false);
    }
  };

  const marker = value ? { x: view.x(value.lng), y: view.y(value.lat) } : null;
  // Wait for the municipality's places rather than show Japan and then jump.
  if (!frame && !value && (tenant.isPending || (code !== null && others.isPending)))
    return <p>{t('common.loading')}</p>;
  return (
    <div className="flex flex-col gap-2">
      <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700">
        {t('places.edit.pointPicker.hint')}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={compactButtonClass} onClick={fromAddress} disabled={placing}>
          {t('places.edit.pointPicker.fromAddress')}
        </button>
        <p aria-live="polite" className="text-dns-16N-130" data-testid="point-picker-placed">
          {placed}
        </p>
      </div>
      <div
        id={id}
        role="application"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: role=application is a widget that takes focus and the arrow keys (WAI-ARIA); no native element picks a point in two dimensions.
        tabIndex={0}
        aria-label={t('places.edit.pointPicker.label')}
        aria-describedby={`${id}-hint ${id}-status`}
        className="w-full max-w-xl cursor-crosshair overflow-hidden rounded-8 border border-solid-gray-420 bg-blue-50"
        onClick={onClick}
        onKeyDown={onKeyDown}
        data-testid="point-picker"
      >
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" className="block h-auto w-full">
          {tiles && (
            <TileLayer view={view} template={tiles.urlTemplate} box={{ width: WIDTH, height: HEIGHT }} />
          )}
          {marker && (
            <g data-testid="point-picker-marker">
              <line
                x1={marker.x - 14}
                y1={marker.y}
                x2={marker.x + 14}
                y2={marker.y}
                stroke="#1a1a1a"
                strokeWidth="2"
              />
              <line
                x1={marker.x}
                y1={marker.y - 14}
                x2={marker.x}
                y2={marker.y + 14}
                stroke="#1a1a1a"
                strokeWidth="2"
              />
              <circle cx={marker.x} cy={marker.y} r="8" fill="#ec0000" stroke="#fff" strokeWidth="3" />
            </g>
          )}
        </svg>
      </div>
      <p id={`${id}-status`} aria-live="polite" className="text-dns-16N-130">
        {value
          ? t('places.edit.pointPicker.chosen', { lat: value.lat.toFixed(6), lng: value.lng.toFixed(6) })
          : t('places.edit.pointPicker.none')}
      </p>
      {tiles && (
        <p className="text-dns-14N-130 text-solid-gray-700">
          <TileAttribution tiles={tiles} />
        </p>
      )}
    </div>
  );
}
