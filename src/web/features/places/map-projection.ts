/**
 * Web Mercator for the small result maps (the projection of XYZ tiles such as the GSI 地理院タイル).
 * A view fits the points into the box at a fractional zoom; tiles are drawn at the integer zoom below
 * it, scaled up, so dots and tiles agree whatever the zoom.
 */
export type MapView = {
  /** Integer tile zoom. */
  zoom: number;
  /** Pixels of the view per pixel of a tile at `zoom` (1 ≤ scale < 2, or larger at the zoom cap). */
  scale: number;
  /** The view's top-left in world pixels at `zoom`. */
  left: number;
  top: number;
  x(lng: number): number;
  y(lat: number): number;
  /** The inverse of x and y: the longitude and latitude under a point of the view (a click). */
  lng(x: number): number;
  lat(y: number): number;
};

const TILE = 256;
const MAX_ZOOM = 17;
const MIN_ZOOM = 2;

/** World pixel coordinates at zoom 0 (0…256). */
export function worldX(lng: number): number {
  return ((lng + 180) / 360) * TILE;
}
export function worldY(lat: number): number {
  const phi = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * TILE;
}

/** The inverse of worldX and worldY. */
export function lngOfWorldX(x: number): number {
  return (x / TILE) * 360 - 180;
}
export function latOfWorldY(y: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / TILE))) * 180) / Math.PI;
}

export function fitView(
  points: { lat: number; lng: number }[],
  box: { width: number; height: number; pad: number },
): MapView {
  const xs = points.map((p) => worldX(p.lng));
  const ys = points.map((p) => worldY(p.lat));
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // A single point (or very close ones) is shown at a street-level zoom, not infinitely close.
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const fit = Math.min((box.width - 2 * box.pad) / spanX, (box.height - 2 * box.pad) / spanY);
  const continuous = Math.min(Math.log2(fit), 15);
  const zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, Math.floor(continuous)));
  const scale = 2 ** (continuous - zoom);
  const k = 2 ** zoom * scale;
  const cx = ((minX + maxX) / 2) * k;
  const cy = ((minY + maxY) / 2) * k;
  const left = cx - box.width / 2;
  const top = cy - box.height / 2;
  return {
    zoom,
    scale,
    left: left / scale,
    top: top / scale,
    x: (lng) => worldX(lng) * k - left,
    y: (lat) => worldY(lat) * k - top,
    lng: (x) => lngOfWorldX((x + left) / k),
    lat: (y) => latOfWorldY((y + top) / k),
  };
}

/** The tiles that cover the box, with where each is drawn (view pixels) and its address. */
export function tilesFor(
  view: MapView,
  template: string,
  box: { width: number; height: number },
): { url: string; x: number; y: number; size: number }[] {
  const n = 2 ** view.zoom;
  const size = TILE * view.scale;
  const first = { x: Math.floor(view.left / TILE), y: Math.floor(view.top / TILE) };
  const last = {
    x: Math.floor((view.left + box.width / view.scale) / TILE),
    y: Math.floor((view.top + box.height / view.scale) / TILE),
  };
  const out: { url: string; x: number; y: number; size: number }[] = [];
  for (let ty = Math.max(0, first.y); ty <= Math.min(n - 1, last.y); ty++) {
    for (let tx = first.x; tx <= last.x; tx++) {
      const wrapped = ((tx % n) + n) % n;
      out.push({
        url: template
          .replace('{z}', String(view.zoom))
          .replace('{x}', String(wrapped))
          .replace('{y}', String(ty)),
        x: (tx * TILE - view.left) * view.scale,
        y: (ty * TILE - view.top) * view.scale,
        size,
      });
    }
  }
  return out;
}
