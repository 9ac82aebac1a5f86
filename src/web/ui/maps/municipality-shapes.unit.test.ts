import { readFileSync } from 'node:fs';
import { geoContains } from 'd3-geo';
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { municipalityCentre, municipalityOfAddress, shapesFromTopology } from './municipality-shapes.ts';

// The very file the app ships (no second copy of the boundaries for the test).
const shapes = shapesFromTopology(
  JSON.parse(
    readFileSync(new URL('./municipalities-designated-city-merged.topojson.json', import.meta.url), 'utf8'),
  ) as Topology,
);
const KOFU = '192015';

describe('municipality centre from the shipped boundaries', () => {
  it("甲府市's centre is inside 甲府市's own polygon and inside 山梨県's extent", () => {
    const kofu = municipalityCentre(shapes, KOFU);
    expect(kofu).not.toBeNull();
    const { point, bounds } = kofu!;
    const own = shapes.filter((s) => s.code === KOFU);
    expect(own.length).toBeGreaterThan(0);
    expect(own.some((s) => geoContains(s.feature, [point.lng, point.lat]))).toBe(true);
    expect(point.lat).toBeGreaterThan(bounds.south);
    expect(point.lat).toBeLessThan(bounds.north);
    expect(point.lng).toBeGreaterThan(bounds.west);
    expect(point.lng).toBeLessThan(bounds.east);
    const prefectureBounds = [...new Set(shapes.filter((s) => s.prefectureCode === '19').map((s) => s.code))]
      .map((code) => municipalityCentre(shapes, code)?.bounds)
      .filter((b) => b !== undefined);
    const south = Math.min(...prefectureBounds.map((b) => b.south));
    const north = Math.max(...prefectureBounds.map((b) => b.north));
    const west = Math.min(...prefectureBounds.map((b) => b.west));
    const east = Math.max(...prefectureBounds.map((b) => b.east));
    expect(point.lat).toBeGreaterThan(south);
    expect(point.lat).toBeLessThan(north);
    expect(point.lng).toBeGreaterThan(west);
    expect(point.lng).toBeLessThan(east);
    // 山梨県 lies roughly between 35.1 and 36.0 N.
    expect(south).toBeGreaterThan(35);
    expect(north).toBeLessThan(36.1);
    // Near 甲府 station (35.667 N, 138.569 E): within the city, which is long north to south.
    expect(Math.abs(point.lng - 138.57)).toBeLessThan(0.15);
  });

  it('every municipality with a shape gets a point inside it (a sliver: inside its extent)', () => {
    const codes = [...new Set(shapes.map((s) => s.code))];
    expect(codes.length).toBeGreaterThan(1700);
    const withoutShape = codes.filter((code) => !shapes.some((s) => s.code === code && s.feature.geometry));
    // Small island villages (利島村, 青ヶ島村, 姫島村…) and 太地町 vanish in the 0.1 % simplification.
    expect(withoutShape.length).toBeLessThanOrEqual(7);
    const centres = new Map(codes.map((code) => [code, municipalityCentre(shapes, code)]));
    const none = codes.filter((code) => centres.get(code) === null);
    expect(none.length).toBeLessThanOrEqual(8);
    const outside = codes.filter((code) => {
      const centre = centres.get(code);
      if (!centre) return false;
      return !shapes
        .filter((s) => s.code === code)
        .some((s) => geoContains(s.feature, [centre.point.lng, centre.point.lat]));
    });
    // A few towns were flattened to slivers with no inside (大治町, 向日市…): their point stays in
    // their own extent. Every other municipality's point is inside it.
    expect(outside.length).toBeLessThanOrEqual(4);
    for (const code of outside) {
      const { point, bounds } = centres.get(code)!;
      expect(point.lat).toBeGreaterThanOrEqual(bounds.south);
      expect(point.lat).toBeLessThanOrEqual(bounds.north);
      expect(point.lng).toBeGreaterThanOrEqual(bounds.west);
      expect(point.lng).toBeLessThanOrEqual(bounds.east);
    }
  });

  it('an unknown code has no centre', () => {
    expect(municipalityCentre(shapes, '999999')).toBeNull();
  });

  it('finds the municipality an address starts with, with or without the prefecture or the 郡', () => {
    expect(municipalityOfAddress(shapes, '山梨県甲府市丸の内1-6-1')).toBe(KOFU);
    expect(municipalityOfAddress(shapes, '甲府市丸の内1丁目')).toBe(KOFU);
    const showa = shapes.find((s) => s.name === '昭和町' && s.prefectureCode === '19')!.code;
    expect(municipalityOfAddress(shapes, '山梨県中巨摩郡昭和町押越542-2')).toBe(showa);
    expect(municipalityOfAddress(shapes, '山梨県昭和町押越542-2')).toBe(showa);
    // A designated city is one shape: its wards fall under the city.
    const yokohama = shapes.find((s) => s.countyOrCity === '横浜市')!.code;
    expect(municipalityOfAddress(shapes, '神奈川県横浜市中区本町6-50-10')).toBe(yokohama);
    expect(municipalityOfAddress(shapes, '丸の内1-6-1')).toBeNull();
  });
});
