import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';

/** The tile setting reaches the page (GET /api/public/map) and the CSP's img-src (issue 21 item 6). */
let withTiles: TestApp;
let offline: TestApp;
beforeAll(async () => {
  withTiles = await createTestApp({
    config: {
      mapTiles: {
        urlTemplate: 'https://tiles.test.example/std/{z}/{x}/{y}.png',
        origin: 'https://tiles.test.example',
        attribution: '地理院タイル',
        attributionUrl: 'https://maps.gsi.go.jp/development/ichiran.html',
      },
    },
  });
  offline = await createTestApp();
});
afterAll(async () => {
  await withTiles?.close();
  await offline?.close();
});

const imgSrc = (csp: unknown) =>
  String(csp)
    .split(';')
    .find((d) => d.trim().startsWith('img-src'))
    ?.trim();

describe('GET /api/public/map', () => {
  it('gives the tile template and attribution, and the CSP lets those tiles (only) in', async () => {
    const res = await withTiles.request({ method: 'GET', url: '/api/public/map' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      tiles: {
        urlTemplate: 'https://tiles.test.example/std/{z}/{x}/{y}.png',
        attribution: '地理院タイル',
        attributionUrl: 'https://maps.gsi.go.jp/development/ichiran.html',
      },
    });
    expect(imgSrc(res.headers['content-security-policy'])).toBe(
      "img-src 'self' data: blob: https://tiles.test.example",
    );
  });

  it('with MAP_TILE_URL=off answers null and the CSP allows no outside image', async () => {
    const res = await offline.request({ method: 'GET', url: '/api/public/map' });
    expect(res.json()).toEqual({ tiles: null });
    expect(imgSrc(res.headers['content-security-policy'])).toBe("img-src 'self' data: blob:");
  });
});
