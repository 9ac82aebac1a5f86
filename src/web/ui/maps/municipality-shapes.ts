import { geoBounds, geoCentroid, geoContains } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { municipalityCheckDigit } from '../../../shared/municipality-code.ts';

/**
 * The municipal boundaries shipped with the app (README.md beside this file; MLIT credit), read once
 * for the national map and for the place form's "point from the address". Pure functions here; the
 * fetch of the file is in municipality-shapes-file.ts so that tests read the same JSON from disk.
 */
export type ShapeProperties = {
  N03_001: string | null;
  N03_003: string | null;
  N03_004: string | null;
  N03_007: string | null;
};
export type MunicipalityShape = {
  key: string;
  /** 6-digit 全国地方公共団体コード (check digit computed from the file's 5 digits). */
  code: string;
  prefectureCode: string;
  /** 都道府県 + (郡 or 政令市) + 市区町村, e.g. 山梨県中巨摩郡昭和町; the file's own spelling. */
  prefectureName: string;
  countyOrCity: string | null;
  name: string | null;
  feature: Feature<Geometry, ShapeProperties>;
};

export function shapesFromTopology(topo: Topology): MunicipalityShape[] {
  const name = Object.keys(topo.objects)[0]!;
  const collection = feature(topo, topo.objects[name]!) as unknown as FeatureCollection<
    Geometry,
    ShapeProperties
  >;
  const out: MunicipalityShape[] = [];
  for (const f of collection.features) {
    const five = f.properties?.N03_007;
    if (!five || !/^\d{5}$/.test(five)) continue;
    out.push({
      key: `${five}-${out.length}`,
      code: `${five}${municipalityCheckDigit(five)}`,
      prefectureCode: five.slice(0, 2),
      prefectureName: f.properties.N03_001 ?? '',
      countyOrCity: f.properties.N03_003,
      name: f.properties.N03_004,
      feature: f,
    });
  }
  return out;
}

/**
 * The municipality an address starts with: the longest of 都道府県+郡+町村, 都道府県+市区町村 and the
 * same without the 都道府県 (addresses are written both ways). A designated city is one shape.
 */
export function municipalityOfAddress(shapes: readonly MunicipalityShape[], address: string): string | null {
  const text = address.normalize('NFKC').replace(/\s+/g, '');
  let best: { code: string; length: number } | null = null;
  for (const s of shapes) {
    const local = [s.countyOrCity ?? '', s.name ?? ''].join('');
    const bare = s.name ?? s.countyOrCity ?? '';
    for (const prefix of [s.prefectureName + local, s.prefectureName + bare, local, bare]) {
      if (prefix.length > 1 && text.startsWith(prefix) && (!best || prefix.length > best.length))
        best = { code: s.code, length: prefix.length };
    }
  }
  return best?.code ?? null;
}

type Point = { lat: number; lng: number };
type Bounds = { south: number; west: number; north: number; east: number };

/**
 * A point inside the municipality near its middle: the centroid of its largest piece (islands and
 * enclaves aside), or, when that piece is so bent that its centroid lies outside it, the point of a
 * fine grid over the piece that is inside it and nearest to the centroid. A piece the simplification
 * flattened to a sliver has no inside: its centroid, within its extent, is kept. Null for an unknown
 * code or a municipality with no shape left in the file.
 */
export function municipalityCentre(
  shapes: readonly MunicipalityShape[],
  code: string,
): { point: Point; bounds: Bounds } | null {
  const pieces = shapes.filter((s) => s.code === code);
  if (pieces.length === 0) return null;
  const polygons = pieces.flatMap((s) => polygonsOf(s.feature.geometry));
  if (polygons.length === 0) return null;
  const largest = polygons.reduce((a, b) => (area(b) > area(a) ? b : a));
  const [lng, lat] = geoCentroid(largest);
  // A piece simplified to nothing (太地町 in this file) has no centre to give.
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  let point = { lat, lng };
  if (!geoContains(largest, [lng, lat])) point = nearestInside(largest, point) ?? point;
  const all: FeatureCollection = {
    type: 'FeatureCollection',
    features: pieces.flatMap((p) => (p.feature.geometry ? [p.feature] : [])),
  };
  const [[west, south], [east, north]] = geoBounds(all);
  return { point, bounds: { south, west, north, east } };
}

type Polygon = Feature<Geometry>;

// A few entries of the file have no geometry (too small to survive the simplification).
function polygonsOf(geometry: Geometry | null): Polygon[] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [{ type: 'Feature', properties: {}, geometry }];
  if (geometry.type === 'MultiPolygon')
    return geometry.coordinates.map((coordinates) => ({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates },
    }));
  return [];
}

/** The extent in square degrees of the outer ring (enough to tell the main piece from an island). */
function area(polygon: Polygon): number {
  const geometry = polygon.geometry;
  if (geometry.type !== 'Polygon') return 0;
  const ring = geometry.coordinates[0] ?? [];
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += x1! * y2! - x2! * y1!;
  }
  return Math.abs(sum) / 2;
}

function nearestInside(polygon: Polygon, target: Point): Point | null {
  // A coarse grid first; a thin or hooked piece may slip between its lines, then a finer one.
  for (const steps of [40, 160]) {
    const found = nearestOnGrid(polygon, target, steps);
    if (found) return found;
  }
  return null;
}

function nearestOnGrid(polygon: Polygon, target: Point, steps: number): Point | null {
  const [[west, south], [east, north]] = geoBounds(polygon);
  let best: Point | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i <= steps; i++)
    for (let j = 0; j <= steps; j++) {
      const lng = west + ((east - west) * i) / steps;
      const lat = south + ((north - south) * j) / steps;
      if (!geoContains(polygon, [lng, lat])) continue;
      const d = (lng - target.lng) ** 2 + (lat - target.lat) ** 2;
      if (d < bestDistance) {
        best = { lat, lng };
        bestDistance = d;
      }
    }
  return best;
}
