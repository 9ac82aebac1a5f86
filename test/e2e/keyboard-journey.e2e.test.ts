import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAxeClean, expectNoHorizontalScroll, tabUntil, VIEWPORTS } from './helpers/browser.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

const site = setUpServerAndBrowser();

const activeText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

describe('choosing a municipality by keyboard alone', () => {
  it('Tab to the search, type こうふ, arrow to 甲府市, Enter → /m/192015 with 188', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/');
    await expect.poll(() => page.locator('h1').count()).toBe(1);

    // The skip link comes first.
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('本文へ移動');

    await tabUntil(page, 'input[type="search"]');
    await page.keyboard.type('こうふ');
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toMatch(/「こうふ」で \d+ 件見つかりました/);

    await page.keyboard.press('ArrowDown');
    let guard = 0;
    while (!(await activeText(page)).startsWith('甲府市') && guard++ < 20)
      await page.keyboard.press('ArrowDown');
    expect(await activeText(page)).toContain('甲府市');

    await page.keyboard.press('Enter');
    await page.waitForURL('**/m/192015');
    await expect.poll(() => page.locator('h1').textContent()).toBe('甲府市');
    await expect.poll(() => page.getByRole('link', { name: /^188/ }).count()).toBe(1);
    // Focus moved to the new page's heading, so a screen reader announces it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('page-heading');
    await expectAxeClean(page);

    // Nothing typed on a public page is left in web storage (shared phones).
    const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
    expect(stored).toBe(0);
    await context.close();
  });

  for (const query of ['コウフ', 'ｺｳﾌ', '甲府']) {
    it(`finds 甲府市 for ${query}`, async () => {
      const { context, page } = await site.openPage();
      await page.goto('/');
      await page.getByLabel('市区町村の名前で探す').fill(query);
      const results = page.getByRole('list', { name: '検索結果' });
      await expect.poll(() => results.getByRole('link', { name: /^甲府市/ }).count()).toBe(1);
      await context.close();
    });
  }

  // Issue 21 item 2: romaji, typed as on a sign or a passport, finds the town on a 360 px phone.
  for (const query of ['Kofu', 'Kōfu', 'koufu']) {
    it(`finds 甲府市 for the romaji ${query} at 360 px`, async () => {
      const { context, page } = await site.openPage(VIEWPORTS.phone);
      await page.goto('/');
      await page.getByLabel('市区町村の名前で探す').fill(query);
      const results = page.getByRole('list', { name: '検索結果' });
      await expect.poll(() => results.getByRole('link', { name: /^甲府市/ }).count()).toBe(1);
      await expectNoHorizontalScroll(page);
      await expectAxeClean(page);
      await context.close();
    });
  }

  it('in English, results and prefectures carry their romaji names', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/?lang=en');
    await page.getByLabel('Search by municipality name').fill('Kofu');
    const results = page.getByRole('list', { name: 'Search results' });
    await expect
      .poll(() => results.getByRole('link', { name: /甲府市\s*Kofu-shi, Yamanashi/ }).count())
      .toBe(1);
    const prefectureSelect = page.locator('select').first();
    await expect
      .poll(() => prefectureSelect.locator('option[value="19"]').textContent())
      .toBe('Yamanashi (山梨県)');
    await expectAxeClean(page);

    // The town page names it in romaji too.
    await results.getByRole('link', { name: /甲府市/ }).click();
    await page.waitForURL('**/m/192015');
    await expect.poll(() => page.getByText('Kofu-shi, Yamanashi', { exact: true }).count()).toBe(1);
    await expectAxeClean(page);
    await context.close();
  });

  it('says so when nothing matches', async () => {
    const { context, page } = await site.openPage();
    await page.goto('/');
    await page.getByLabel('市区町村の名前で探す').fill('ぬぬぬぬ');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('見つかりませんでした');
    await expectAxeClean(page);
    await context.close();
  });
});
