import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAxeClean, expectNoHorizontalScroll, tabUntil, VIEWPORTS } from './helpers/browser.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

const site = setUpServerAndBrowser();

/** The phone numbers of the cards that say "いま話せます", in page order. */
const openNowNumbers = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('li'))
      .filter((li) => Array.from(li.querySelectorAll('span')).some((s) => s.textContent === 'いま話せます'))
      .map((li) => li.querySelector('a[href^="tel:"] span')?.textContent ?? ''),
  );

describe('phone lines with hours and cost (issue 21 item 5)', () => {
  it('at 02:00 JST only the lines open at that hour say いま話せます, at 360 px and by keyboard', async () => {
    site.server.clock.set(new Date('2026-12-05T02:00:00+09:00'));
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/helplines');
    await expect.poll(() => page.locator('h1').textContent()).toBe('いま話せる電話');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('日本時間 2:00 現在');
    expect(await openNowNumbers(page)).toEqual(['110', '119', '189', '0120-279-338']);

    // The lines closed at this hour are listed with their hours, not called open or "いつでも".
    const later = page.getByRole('region', { name: 'いまは時間外の窓口' });
    for (const number of ['#9110', '188', '0570-064-556'])
      await expect.poll(() => later.getByRole('link', { name: new RegExp(`^${number} `) }).count()).toBe(1);
    expect(await later.textContent()).toContain('平日 8:30〜17:15');
    expect(await later.textContent()).toContain('通話料がかかります');
    expect(await page.locator('body').textContent()).not.toContain('いつでも');

    // Keyboard alone reaches 110 first.
    await tabUntil(page, 'a[href="tel:110"]');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it('on a weekday morning every line says いま話せます, and the home page shows the same hours', async () => {
    site.server.clock.set(new Date('2026-12-07T11:00:00+09:00'));
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/helplines');
    await expect.poll(() => openNowNumbers(page)).toHaveLength(7);

    await page.goto('/');
    await expect.poll(() => openNowNumbers(page)).toHaveLength(7);
    const national = page.getByRole('region', { name: '全国の相談窓口' });
    expect(await national.textContent()).toContain('24時間・毎日');
    expect(await national.textContent()).toContain('通話料無料');
    await expectAxeClean(page);
    await context.close();
  });

  it('in English the hours and cost are English', async () => {
    site.server.clock.set(new Date('2026-12-05T02:00:00+09:00'));
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/helplines?lang=en');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Lines you can call now');
    await expect.poll(() => page.getByText('Open now', { exact: true }).count()).toBe(4);
    expect(await page.locator('body').textContent()).toContain('Weekdays 8:30–17:15');
    await expectAxeClean(page);
    await context.close();
  });
});
