import { describe, expect, it } from 'vitest';
import { fitView, tilesFor, worldX, worldY } from './map-projection.ts';

const BOX = { width: 360, height: 300, pad: 28 };
const KOFU = [
  { lat: 35.6648, lng: 138.5691 },
  { lat: 35.6621, lng: 138.5712 },
  { lat: 35.6789, lng: 138.5471 },
];

describe('result map projection (Web Mercator, XYZ tiles)', () => {
  it('fits every point inside the padded box', () => {
    const view = fitView(KOFU, BOX);
    for (const p of KOFU) {
      expect(view.x(p.lng)).toBeGreaterThanOrEqual(BOX.pad - 1e-6);
      expect(view.x(p.lng)).toBeLessThanOrEqual(BOX.width - BOX.pad + 1e-6);
      expect(view.y(p.lat)).toBeGreaterThanOrEqual(BOX.pad - 1e-6);
      expect(view.y(p.lat)).toBeLessThanOrEqual(BOX.height - BOX.pad + 1e-6);
    }
    // North up: the northernmost point is highest.
    expect(view.y(35.6789)).toBeLessThan(view.y(35.6621));
  });

  it('draws under each point the tile that holds it at that zoom (as the tile server numbers them)', () => {
    const view = fitView(KOFU, BOX);
    const tiles = tilesFor(view, 't/{z}/{x}/{y}', BOX);
    for (const p of KOFU) {
      const n = 2 ** view.zoom;
      const tx = Math.floor((worldX(p.lng) * n) / 256);
      const ty = Math.floor((worldY(p.lat) * n) / 256);
      const tile = tiles.find((t) => t.url === `t/${view.zoom}/${tx}/${ty}`);
      expect(tile, `tile ${view.zoom}/${tx}/${ty}`).toBeDefined();
      const [x, y] = [view.x(p.lng), view.y(p.lat)];
      expect(x).toBeGreaterThanOrEqual(tile!.x - 1e-6);
      expect(x).toBeLessThanOrEqual(tile!.x + tile!.size + 1e-6);
      expect(y).toBeGreaterThanOrEqual(tile!.y - 1e-6);
      expect(y).toBeLessThanOrEqual(tile!.y + tile!.size + 1e-6);
    }
  });

  it('shows one place at street level and covers the whole box with tiles', () => {
    const view = fitView([KOFU[0]!], BOX);
    expect(view.zoom).toBe(15);
    const tiles = tilesFor(view, 't/{z}/{x}/{y}', BOX);
    const minX = Math.min(...tiles.map((t) => t.x));
    const minY = Math.min(...tiles.map((t) => t.y));
    const maxX = Math.max(...tiles.map((t) => t.x + t.size));
    const maxY = Math.max(...tiles.map((t) => t.y + t.size));
    expect([minX <= 0, minY <= 0, maxX >= BOX.width, maxY >= BOX.height]).toEqual([true, true, true, true]);
  });

  it('reads a point of the view back as the latitude and longitude drawn there (the point picker)', () => {
    for (const view of [fitView(KOFU, BOX), fitView([KOFU[0]!], BOX)]) {
      for (const p of KOFU) {
        expect(view.lat(view.y(p.lat))).toBeCloseTo(p.lat, 9);
        expect(view.lng(view.x(p.lng))).toBeCloseTo(p.lng, 9);
      }
      // Up on the screen is north, right is east.
      expect(view.lat(10)).toBeGreaterThan(view.lat(20));
      expect(view.lng(20)).toBeGreaterThan(view.lng(10));
    }
  });
});
