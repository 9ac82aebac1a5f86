import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACE_IDS } from '../../src/server/modules/places/places.demo.ts';
import {
  expectAxeClean,
  expectNoHorizontalScroll,
  launchBrowser,
  newPage,
  tabUntil,
  VIEWPORTS,
} from './helpers/browser.ts';
import { expectHeading } from './helpers/console.ts';
import { type RunningServer, startServer } from './helpers/server.ts';

/**
 * Issue 21 items 6 and 10 in Chromium at 360 × 640: the tile layer where the deployment allows it
 * (tests run offline: the tile host is answered by the test, or refused to show the fallback), its
 * attribution, the way to a place (行き方, 地図アプリで開く), the life-stage list (65歳以上, no 放課後),
 * and "近い順" keeping conditions chosen but not yet searched.
 */
const TILE_HOST = 'https://tiles.test.example';
/** A 1 × 1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({
      config: {
        mapTiles: {
          urlTemplate: `${TILE_HOST}/std/{z}/{x}/{y}.png`,
          origin: TILE_HOST,
          attribution: '地理院タイル',
          attributionUrl: 'https://maps.gsi.go.jp/development/ichiran.html',
        },
      },
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('maps people can read', () => {
  it('draws tiles from the configured host under the dots, credited, with nothing refused by the CSP', async () => {
    const { context, page } = await newPage(browser, server.url, VIEWPORTS.phone);
    const tileRequests: string[] = [];
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) cspErrors.push(m.text());
    });
    await page.route(`${TILE_HOST}/**`, (route) => {
      tileRequests.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
    });
    await page.goto('/places?municipality=192015&view=map');
    await expectHeading(page, '居場所・相談先をさがす');
    const map = page.getByTestId('place-map');
    await expect.poll(() => map.locator('a').count()).toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId('map-tiles').locator('image').count()).toBeGreaterThan(0);
    await expect.poll(() => tileRequests.length).toBeGreaterThan(0);
    for (const url of tileRequests)
      expect(url).toMatch(/^https:\/\/tiles\.test\.example\/std\/\d+\/\d+\/\d+\.png$/);
    expect(cspErrors).toEqual([]);
    expect(await page.getByTestId('map-attribution').textContent()).toBe('地図：地理院タイル');
    expect(await page.getByTestId('map-attribution').locator('a').getAttribute('href')).toBe(
      'https://maps.gsi.go.jp/development/ichiran.html',
    );
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it('without network for tiles the offline map stays: tiles dropped, every dot still a link', async () => {
    const { context, page } = await newPage(browser, server.url, VIEWPORTS.phone);
    await page.route(`${TILE_HOST}/**`, (route) => route.abort('internetdisconnected'));
    await page.goto('/places?municipality=192015&view=map');
    const map = page.getByTestId('place-map');
    await expect.poll(() => map.locator('a').count()).toBeGreaterThan(1);
    // Each failed tile is removed (no broken image): the plain background and the dots remain.
    await expect.poll(() => page.getByTestId('map-tiles').locator('image').count()).toBe(0);
    const dots = await map.locator('a').count();
    expect(await page.locator('figure ol li').count()).toBe(dots);
    await expectAxeClean(page);
    await context.close();
  });

  it('a place page gives 行き方 and a link to open the place in a map app, by keyboard', async () => {
    const { context, page } = await newPage(browser, server.url, VIEWPORTS.phone);
    await page.goto(`/places/${DEMO_PLACE_IDS.kofuWindow}`);
    await expectHeading(page, '甲府市 ひきこもり相談窓口');
    const access = page.getByRole('region', { name: '行き方' });
    await expect.poll(() => access.textContent()).toContain('JR甲府駅南口から歩いて約10分');
    const open = access.getByRole('link', { name: '地図アプリで開く' });
    expect(await open.getAttribute('href')).toBe(
      'https://www.google.com/maps/search/?api=1&query=35.6621%2C138.5712',
    );
    expect(await access.getByRole('link', { name: '地理院地図で見る' }).getAttribute('href')).toBe(
      'https://maps.gsi.go.jp/#17/35.6621/138.5712/',
    );
    await tabUntil(page, 'a[href^="https://www.google.com/maps/"]', 60);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    // The life stages say 65歳以上 where they apply, and never 放課後.
    expect(await page.locator('main').textContent()).toContain('65歳以上');
    expect(await page.locator('main').textContent()).not.toContain('放課後');
    await context.close();
  });

  it('the life-stage list offers 65歳以上 and no 放課後; 近い順 keeps conditions chosen but not yet searched', async () => {
    const { context, page } = await newPage(browser, server.url, VIEWPORTS.phone);
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: 35.6622, longitude: 138.5683 });
    await page.goto('/places?municipality=192015');
    await expectHeading(page, '居場所・相談先をさがす');
    await page.getByText('くわしい条件').click();
    const stages = await page.locator('#places-stage option').allTextContents();
    expect(stages).toEqual(['指定しない', '学齢期', '青年期〜働く世代', '40〜64歳', '65歳以上']);
    // Chosen, not searched: then "近い順".
    await page.locator('#places-kind').selectOption('family_association');
    await page.locator('#places-stage').selectOption('age_65_plus');
    await page.getByRole('button', { name: '現在地から近い順にする' }).click();
    await expect.poll(() => page.url()).toContain('kind=family_association');
    expect(page.url()).toContain('lifeStage=age_65_plus');
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('現在地から近い順に並べています');
    expect(await page.locator('#places-kind').inputValue()).toBe('family_association');
    await expectAxeClean(page);
    await context.close();
  });
});
