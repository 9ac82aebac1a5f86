import { describe, expect, it } from 'vitest';
import { expectAxeClean, expectNoHorizontalScroll, tabUntil, VIEWPORTS } from './helpers/browser.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

const site = setUpServerAndBrowser();

/** Issue 21 item 4: a way forward from the home page and from a search that finds nothing. */
describe('a way forward', () => {
  it('the home page shows "いま危険がある／今すぐ話したい" on the first phone screen, leading to 110/119 and the lines open now (keyboard)', async () => {
    site.server.clock.set(new Date('2026-12-05T02:00:00+09:00'));
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/');
    const urgent = page.getByRole('region', { name: 'いま危険がある／今すぐ話したい' });
    await expect.poll(() => urgent.count()).toBe(1);
    // Visible without scrolling on a 360 × 640 screen.
    const box = await urgent.getByRole('heading').boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? 640) + (box?.height ?? 0)).toBeLessThanOrEqual(VIEWPORTS.phone.height);
    expect(await urgent.locator('a[href="tel:110"]').count()).toBe(1);
    expect(await urgent.locator('a[href="tel:119"]').count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // By keyboard: Tab reaches 110 in the entry, then the link to the lines open now.
    await tabUntil(page, 'a[href="tel:110"]');
    await tabUntil(page, 'a[href="/helplines"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/helplines');
    await expect.poll(() => page.locator('h1').textContent()).toBe('いま話せる電話');
    await expect.poll(() => page.getByText('いま話せます', { exact: true }).count()).toBe(4);
    await expectAxeClean(page);
    await context.close();
  });

  it('a places search that finds nothing offers the event with that word, the phone lines and the anonymous consultation', async () => {
    site.server.clock.set(new Date('2026-11-26T10:00:00+09:00'));
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto(`/places?q=${encodeURIComponent('親なきあと')}`);
    await expect
      .poll(() => page.getByText('条件に合う場所は見つかりませんでした', { exact: false }).count())
      .toBe(1);
    const other = page.getByRole('region', { name: 'ほかの方法もあります' });
    const eventLink = other.getByRole('link', { name: '家族のための学習会「親なきあとの備え」' });
    await expect.poll(() => eventLink.count()).toBe(1);
    expect(await other.getByText('「親なきあと」にかかわる催しが 1 件あります。').count()).toBe(1);
    expect(await other.getByRole('link', { name: 'いま話せる電話を見る' }).getAttribute('href')).toBe(
      '/helplines',
    );
    expect(
      await other
        .getByRole('link', { name: '住んでいるまちを選んで、名前を出さずに相談する' })
        .getAttribute('href'),
    ).toBe('/#choose-heading');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // Keyboard alone: Tab to the event and open it.
    await tabUntil(page, '[aria-labelledby="other-ways-heading"] a[href^="/events/"]', 80);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/events/*');
    await expect.poll(() => page.locator('h1').textContent()).toContain('親なきあとの備え');
    await context.close();
  });

  it('with a town chosen, the consultation link goes to that town’s anonymous consultation', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto(`/places?q=${encodeURIComponent('存在しないことば')}&municipality=192015`);
    const other = page.getByRole('region', { name: 'ほかの方法もあります' });
    const consult = other.getByRole('link', { name: '名前を出さずに、このまちの窓口に相談する' });
    await expect.poll(() => consult.count()).toBe(1);
    expect(await consult.getAttribute('href')).toBe('/m/192015/consultation');
    await expectAxeClean(page);
    await context.close();
  });

  it('"話を聞いてほしい" finds the consultation window', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto(`/places?q=${encodeURIComponent('話を聞いてほしい')}`);
    await expect
      .poll(() => page.getByRole('link', { name: '甲府市 ひきこもり相談窓口' }).count(), { timeout: 10_000 })
      .toBe(1);
    await expectAxeClean(page);
    await context.close();
  });
});
