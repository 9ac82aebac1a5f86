import { describe, expect, it } from 'vitest';
import { ja } from '../../src/web/i18n/ja.ts';
import { expectAxeClean, expectNoHorizontalScroll, saveScreenshot, VIEWPORTS } from './helpers/browser.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

const site = setUpServerAndBrowser();

describe('public home', () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`is accessible and does not scroll sideways at ${viewport.width}×${viewport.height}`, async () => {
      const { context, page } = await site.openPage(viewport);
      await page.goto('/');
      await expect.poll(() => page.locator('h1').textContent()).toContain('つながれる場所');
      // Wait until the prefecture select has its options, so axe sees the finished page.
      await expect.poll(() => page.locator('select option').count()).toBeGreaterThan(40);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
      expect(await page.title()).toContain('つながり');
      await expectNoHorizontalScroll(page);
      await expectAxeClean(page);
      await saveScreenshot(page, `home-${viewport.width}`);

      // Touch targets on public pages: every link and button at least 44 px tall.
      const small = await page.$$eval('main a, main button, header a, header button, footer a', (els) =>
        els
          .map((el) => ({ text: el.textContent?.trim(), height: el.getBoundingClientRect().height }))
          .filter((e) => e.height < 44),
      );
      expect(small, `touch targets under 44px on ${name}`).toEqual([]);
      await context.close();
    });
  }

  it('shows the national numbers exactly, as tel: links', async () => {
    const { context, page } = await site.openPage();
    await page.goto('/');
    // The urgent entry near the top carries 110 and 119; the national list carries every number once.
    const urgent = page.getByRole('region', { name: 'いま危険がある／今すぐ話したい' });
    expect(
      await urgent
        .locator('a[href^="tel:"]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).toEqual(['tel:110', 'tel:119']);
    const national = page.getByRole('region', { name: '全国の相談窓口' });
    const hrefs = await national
      .locator('a[href^="tel:"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([
      'tel:110',
      'tel:119',
      'tel:189',
      'tel:%239110',
      'tel:188',
      'tel:0570064556',
      'tel:0120279338',
    ]);
    await expect.poll(() => page.getByText('0570-064-556').count()).toBe(1);
    await expect.poll(() => page.getByText('0120-279-338').count()).toBe(1);
    await context.close();
  });

  it('lists the municipalities of a chosen prefecture', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/');
    const select = page.getByLabel('都道府県', { exact: true });
    await expect.poll(() => select.locator('option').count()).toBe(48);
    await select.selectOption({ label: '山梨県' });
    const list = page.getByRole('list', { name: '山梨県の市区町村' });
    await expect.poll(() => list.getByRole('link', { name: /甲斐市/ }).count()).toBe(1);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '山梨県の市区町村は' }).count())
      .toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await list.getByRole('link', { name: /甲斐市/ }).click();
    await page.waitForURL('**/m/192104');
    await expect.poll(() => page.locator('h1').textContent()).toBe('甲斐市');
    await context.close();
  });
});

describe('municipality page', () => {
  it('shows the municipality, its own numbers (marked as demo) and the national numbers', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/m/192015');
    await expect.poll(() => page.locator('h1').textContent()).toBe('甲府市');
    expect(await page.title()).toBe('甲府市 | つながり');
    await expect.poll(() => page.getByText('ひきこもり相談窓口（デモ）').count()).toBe(1);
    await expect.poll(() => page.getByText('デモ用の架空のもの').count()).toBe(1);
    expect(await page.locator('a[href="tel:188"]').count()).toBe(1);
    // Nothing may link to a page that does not exist: every internal link opens a real page.
    const internalLinks = await page.$$eval('a[href^="/"]', (links) =>
      links.map((a) => a.getAttribute('href') ?? ''),
    );
    expect(internalLinks.length).toBeGreaterThan(2);
    const notFoundHeading = ja.notFound.heading;
    const probe = await context.newPage();
    for (const href of new Set(internalLinks)) {
      await probe.goto(href);
      await expect.poll(() => probe.locator('h1').count()).toBeGreaterThan(0);
      expect(`${href}: ${await probe.locator('h1').first().textContent()}`).not.toBe(
        `${href}: ${notFoundHeading}`,
      );
    }
    await probe.close();
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it('says plainly when a municipality has not registered its numbers', async () => {
    const { context, page } = await site.openPage();
    await page.goto('/m/131016');
    await expect.poll(() => page.locator('h1').textContent()).toBe('千代田区');
    await expect.poll(() => page.getByText('まだ登録されていません').count()).toBe(1);
    expect(await page.locator('a[href="tel:188"]').count()).toBe(1);
    await expectAxeClean(page);
    await context.close();
  });

  it('answers an unknown code with a clear message, not an error screen', async () => {
    const { context, page } = await site.openPage();
    await page.goto('/m/999999');
    await expect.poll(() => page.locator('h1').textContent()).toBe('この市区町村は見つかりませんでした');
    expect(await page.locator('a[href="tel:110"]').count()).toBe(1);
    await expectAxeClean(page);
    await context.close();
  });
});

describe('languages', () => {
  it('switches to English and to easy Japanese, updating html lang and keeping the choice in a cookie', async () => {
    const { context, page } = await site.openPage();
    await page.goto('/');
    await expect.poll(() => page.locator('h1').textContent()).toContain('つながれる場所');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('You do not have to carry it alone');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByText('Choose your municipality').count()).toBe(1);
    await expectAxeClean(page);

    // Kept in a cookie (never in web storage), so a reload stays in English.
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'tsunagari_lang')?.value).toBe('en');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('You do not have to carry it alone');

    await page.getByRole('button', { name: 'やさしい日本語' }).click();
    await expect.poll(() => page.getByText('住んでいる まちを えらんで ください').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await expectAxeClean(page);
    await context.close();
  });

  it('accepts ?lang= in a shared link', async () => {
    const { context, page } = await site.openPage();
    await page.goto('/m/192015?lang=en');
    await expect.poll(() => page.getByRole('heading', { name: 'National helplines' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
  });
});

describe('the town page in English (issue 21 item 2)', () => {
  it('shows every UI text in English at 360 px; text with no English in it appears only in content marked lang="ja"', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/m/192015?lang=en');
    await expect.poll(() => page.getByRole('heading', { name: 'National helplines' }).count()).toBe(1);
    await page.waitForLoadState('networkidle');
    const unmarked = await page.evaluate(() => {
      const japanese = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;
      const found: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const element = node.parentElement;
        if (!element || !japanese.test(text) || element.closest('noscript, script, style')) continue;
        // An English sentence may carry a Japanese name (甲府市, 山梨県) or a term beside its translation.
        if (/[A-Za-z]{2,}/.test(text)) continue;
        if (element.closest('[lang]')?.getAttribute('lang')?.startsWith('ja')) continue;
        found.push(text.trim());
      }
      return found;
    });
    expect(unmarked).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });
});

describe('not found', () => {
  it('shows the 404 page for an unknown route, in the same look', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/no/such/page');
    await expect.poll(() => page.locator('h1').textContent()).toBe('お探しのページは見つかりませんでした');
    expect(await page.title()).toBe('ページが見つかりません | つながり');
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('contentinfo').count()).toBe(1);
    await page.getByRole('link', { name: 'トップページへ戻る' }).click();
    await page.waitForURL(`${site.server.url}/`);
    await expectNoHorizontalScroll(page);
    await context.close();
  });

  it('also covers unknown console paths', async () => {
    const { context, page } = await site.openPage();
    await page.goto('/console/no-such-section');
    await expect.poll(() => page.locator('h1').textContent()).toBe('お探しのページは見つかりませんでした');
    await expectAxeClean(page);
    await context.close();
  });
});
