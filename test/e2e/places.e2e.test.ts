import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  expectAxeClean,
  expectNoHorizontalScroll,
  saveScreenshot,
  tabUntil,
  VIEWPORTS,
} from './helpers/browser.ts';
import { expectHeading, signIn } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

const site = setUpServerAndBrowser();

const HIDAMARI = '5e1ace00-0000-4000-8000-000000000001';
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function expectPrintLayout(page: Page) {
  await page.emulateMedia({ media: 'print' });
  // Only the entry: no site header, footer or buttons; the page's address is written out instead.
  expect(await page.locator('header').first().isVisible()).toBe(false);
  expect(await page.locator('footer').first().isVisible()).toBe(false);
  expect(await page.getByRole('button', { name: '印刷する' }).isVisible()).toBe(false);
  expect(await page.locator('.place-print-only').isVisible()).toBe(true);
  expect(await page.locator('.place-print-only').textContent()).toContain(`/places/${HIDAMARI}`);
  await saveScreenshot(page, 'place-print');
  await page.emulateMedia({ media: 'screen' });
}

describe('public directory of places', () => {
  it('いばしょ with postal code 400-0031 → the 居場所 in 甲府市 → detail → print view (phone)', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/places');
    await expectHeading(page, '居場所・相談先をさがす');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    await page.getByLabel('ことばでさがす').fill('いばしょ');
    await page.getByLabel('郵便番号').fill('400-0031');
    await page.getByRole('button', { name: 'さがす', exact: true }).click();
    await page.waitForURL(/\/places\?.*postalCode=400-0031/);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '甲府市丸の内で' }).count(), { timeout: 10_000 })
      .toBe(1);
    const first = page.getByRole('list').getByRole('link').first();
    expect(await first.textContent()).toBe('まちなか居場所 ひだまり');
    // Drafts and entries in review never appear.
    expect(await page.getByText('さくらんぼ').count()).toBe(0);
    expect(await page.getByText('ふらっと居場所').count()).toBe(0);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await saveScreenshot(page, 'places-results-360');

    await first.click();
    await page.waitForURL(`**/places/${HIDAMARI}`);
    await expectHeading(page, 'まちなか居場所 ひだまり');
    await expect.poll(() => page.getByText('毎週 火・木・土 13:00〜17:00').count()).toBe(1);
    expect(await page.locator('a[href="tel:00000003101"]').count()).toBe(1);
    expect(await page.getByLabel('この場所のリンク').inputValue()).toBe(
      `${site.server.url}/places/${HIDAMARI}`,
    );
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await saveScreenshot(page, 'place-detail-360');
    await expectPrintLayout(page);
    await context.close();
  });

  it('does the same search by keyboard alone', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/places');
    await expectHeading(page, '居場所・相談先をさがす');

    await tabUntil(page, '#places-q');
    await page.keyboard.type('いばしょ');
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('places-postal');
    await page.keyboard.type('400-0031');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '甲府市丸の内で' }).count(), { timeout: 10_000 })
      .toBe(1);

    await tabUntil(page, `a[href="/places/${HIDAMARI}"]`, 60);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/places/${HIDAMARI}`);
    await expectHeading(page, 'まちなか居場所 ひだまり');
    // Focus moved to the heading of the new page; from there the print button is reachable.
    await expect.poll(() => activeId(page)).toBe('page-heading');
    await tabUntil(page, 'button.place-print, article button', 60);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('印刷する');
    await expectPrintLayout(page);
    await context.close();
  });

  it('shows the results on a map (no tiles) and keeps it accessible', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/places?municipality=192104&view=map');
    await expectHeading(page, '居場所・相談先をさがす');
    const map = page.getByRole('group', { name: /検索結果の地図/ });
    await expect.poll(() => map.count(), { timeout: 10_000 }).toBe(1);
    expect(await map.getByRole('link').count()).toBeGreaterThanOrEqual(10);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await saveScreenshot(page, 'places-map-360');
    await context.close();
  });

  it('is linked from the municipality page', async () => {
    const { context, page } = await site.openPage();
    await page.goto('/m/192015');
    await expectHeading(page, '甲府市');
    await page.getByRole('link', { name: '居場所・相談先をさがす' }).click();
    await expect.poll(() => page.url()).toContain('/places?municipality=192015');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '甲府市で' }).count(), { timeout: 10_000 })
      .toBe(1);
    await expectAxeClean(page);
    await context.close();
  });
});

describe('staff console for places', () => {
  it('lists entries, opens one with its workflow and history, and shows the import page', async () => {
    const { context, page } = await site.openPage();
    await signIn(page, 'consultation@kofu.demo.example');
    await page.waitForURL('**/console');
    await page.goto('/console/places');
    await expectHeading(page, '居場所・相談先の掲載');
    await expect.poll(() => page.getByRole('link', { name: '川田町 ふらっと居場所' }).count()).toBe(1);
    await expectAxeClean(page);

    await page.getByRole('link', { name: '川田町 ふらっと居場所' }).click();
    await expectHeading(page, '川田町 ふらっと居場所');
    // Submitted by nobody in this session: a consultation worker may publish it.
    await expect.poll(() => page.getByRole('button', { name: '確認して公開する' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: '変更の履歴' }).count()).toBe(1);
    await expectAxeClean(page);
    await page.getByRole('button', { name: '確認して公開する' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '公開しました。' }).count()).toBe(1);
    await expect.poll(() => page.getByText('公開中').count()).toBeGreaterThan(0);

    await page.goto('/console/places/import');
    await expectHeading(page, 'CSV から取り込む');
    await expectAxeClean(page);
    await context.close();
  });

  it('writes opening days, languages and the address in the words of the office (no iCalendar, no codes)', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await signIn(page, 'consultation@kofu.demo.example');
    await page.waitForURL('**/console');
    await page.goto('/console/places/new');
    await expectHeading(page, '新しい掲載');
    await page.getByLabel('名前', { exact: true }).fill('（テスト）第1・第3水曜の家族会');
    // The postal code fills 都道府県・市区町村・町名; staff go on with the block number.
    await page.getByLabel('郵便番号', { exact: true }).fill('400-0031');
    await page.getByRole('button', { name: '郵便番号から住所を入れる' }).click();
    await expect.poll(() => page.getByLabel('住所', { exact: true }).inputValue()).toBe('山梨県甲府市丸の内');
    await page.getByLabel('住所', { exact: true }).press('End');
    await page.getByLabel('住所', { exact: true }).pressSequentially('1-18-1');
    // Coordinates picked on the map, centred on the municipality (甲府市's places) while there are none yet.
    const lat = page.getByLabel('緯度', { exact: true });
    const lng = page.getByLabel('経度', { exact: true });
    expect([await lat.inputValue(), await lng.inputValue()]).toEqual(['', '']);
    const map = page.getByRole('application', { name: '地図で位置を選ぶ' });
    await map.click({ position: { x: 100, y: 60 } });
    await expect.poll(() => lat.inputValue()).not.toBe('');
    const clicked = { lat: Number(await lat.inputValue()), lng: Number(await lng.inputValue()) };
    expect(clicked.lat).toBeGreaterThan(35.5);
    expect(clicked.lat).toBeLessThan(35.8);
    expect(clicked.lng).toBeGreaterThan(138.4);
    expect(clicked.lng).toBeLessThan(138.7);
    // At most 6 decimals, and the position is read out.
    expect(await lat.inputValue()).toMatch(/^\d+(\.\d{1,6})?$/);
    await expect
      .poll(() =>
        page.getByText(`選んだ位置：緯度 ${clicked.lat.toFixed(6)}、経度 ${clicked.lng.toFixed(6)}`).count(),
      )
      .toBe(1);
    // By keyboard: the map takes focus and ArrowUp moves the point north.
    await map.focus();
    expect(await activeId(page)).toBe('place-form-location-map');
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => Number(await lat.inputValue())).toBeGreaterThan(clicked.lat);
    expect(Number(await lng.inputValue())).toBeCloseTo(clicked.lng, 5);
    expect(await page.getByTestId('point-picker-marker').count()).toBe(1);
    const picked = { lat: Number(await lat.inputValue()), lng: Number(await lng.inputValue()) };
    // Opening days by words: monthly, 1st and 3rd week, Wednesday — the summary says it back.
    await page.getByRole('button', { name: '日時を追加' }).click();
    await page.getByLabel('繰り返し', { exact: true }).selectOption({ label: '毎月（第n曜日）' });
    // By keyboard: checkboxes toggle with the space bar.
    for (const name of ['第1', '第3', '水曜日']) {
      await page.getByRole('checkbox', { name, exact: true }).focus();
      await page.keyboard.press('Space');
    }
    await expect
      .poll(() => page.getByTestId('place-form-openingHours-0-rrule-summary').textContent())
      .toBe('毎月 第1水・第3水 10:00〜16:00');
    expect(await page.getByLabel('繰り返しの規則（iCalendar）').count()).toBe(0);
    // Languages by name.
    await page.getByRole('checkbox', { name: '英語', exact: true }).check();
    await page.getByLabel(/その他の言語/).fill('fr');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await page.getByRole('button', { name: '下書きを保存' }).click();
    await page.waitForURL(/\/console\/places\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    const saved = await page.evaluate(async (placeId) => (await fetch(`/api/places/${placeId}`)).json(), id);
    expect(saved.content).toMatchObject({
      postalCode: '4000031',
      address: '山梨県甲府市丸の内1-18-1',
      openingHours: [{ rrule: 'FREQ=MONTHLY;BYDAY=1WE,3WE', start: '10:00', end: '16:00' }],
      languages: ['ja', 'en', 'fr'],
      location: picked,
    });
    // Opened again, the rule reads back as words; an unknown postal code says so.
    await page.reload();
    await expect.poll(() => page.getByRole('checkbox', { name: '第3', exact: true }).isChecked()).toBe(true);
    await page.getByLabel('郵便番号', { exact: true }).fill('000-0000');
    await page.getByRole('button', { name: '郵便番号から住所を入れる' }).click();
    await expect.poll(() => page.getByText('この郵便番号は見つかりませんでした').count()).toBeGreaterThan(0);
    await expectAxeClean(page);

    // A point from the address: 甲府市 (from the address) → the city's centre from the shipped
    // boundaries, said in words, the staff to pick the exact place; nothing from the internet.
    await expect.poll(() => lat.inputValue()).toBe(String(picked.lat));
    await page.getByRole('button', { name: '住所から地図の位置を合わせる' }).click();
    await expect
      .poll(() => page.getByTestId('point-picker-placed').textContent())
      .toBe('市区町村の中心に置きました。地図で正確な場所を選んでください');
    const centre = { lat: Number(await lat.inputValue()), lng: Number(await lng.inputValue()) };
    expect(centre).not.toEqual(picked);
    // Inside 甲府市 (35.53–35.90 N, 138.49–138.69 E), read out like a picked point, marker shown.
    expect(centre.lat).toBeGreaterThan(35.53);
    expect(centre.lat).toBeLessThan(35.9);
    expect(centre.lng).toBeGreaterThan(138.49);
    expect(centre.lng).toBeLessThan(138.69);
    await expect
      .poll(() =>
        page.getByText(`選んだ位置：緯度 ${centre.lat.toFixed(6)}、経度 ${centre.lng.toFixed(6)}`).count(),
      )
      .toBe(1);
    expect(await page.getByTestId('point-picker-marker').count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });
});
