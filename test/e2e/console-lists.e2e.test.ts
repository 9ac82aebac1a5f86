import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAxeClean, expectNoHorizontalScroll, VIEWPORTS } from './helpers/browser.ts';
import { expectHeading, fetchFromPage, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Issue 22 item 3, "filters and sort on every console list": the shared filter-and-sort bar on the
 * events, consultation queue and directory lists, at 360 px, by keyboard-reachable controls, axe clean.
 * What each list shows is compared with what the API answers for the same filter and order (the API
 * tests prove the orders themselves).
 */
const site = setUpServerAndBrowser();

const rowTexts = (page: Page, table: string) =>
  page
    .getByRole('region', { name: table })
    .locator('tbody tr td:first-child')
    .evaluateAll((cells) => cells.map((c) => (c.querySelector('a')?.textContent ?? '').trim()));

describe('console lists filter and sort (issue 22)', () => {
  it('events: a part of a title in either kana script, then by title and by date', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'municipal_admin@kofu.demo.example');
    await page.goto('/console/events');
    await expectHeading(page, '催しの管理');
    await expect.poll(async () => (await rowTexts(page, '催しの管理')).length).toBeGreaterThan(3);
    const all = await rowTexts(page, '催しの管理');

    for (const q of ['サロン', 'さろん']) {
      await page.getByLabel('名称・主催者で絞り込む').fill(q);
      await page.getByLabel('名称・主催者で絞り込む').press('Enter');
      await expect.poll(async () => (await rowTexts(page, '催しの管理')).length).toBeLessThan(all.length);
      const shown = await rowTexts(page, '催しの管理');
      expect(shown.length, q).toBeGreaterThanOrEqual(2);
      const api = await fetchFromPage(page, 'GET', `/api/events?limit=200&q=${encodeURIComponent(q)}`);
      expect(shown).toEqual(((api.body?.items ?? []) as { title: string }[]).map((e) => e.title));
      expect(shown.every((title) => title.includes('サロン'))).toBe(true);
    }

    await page.getByLabel('名称・主催者で絞り込む').fill('');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await expect.poll(async () => (await rowTexts(page, '催しの管理')).length).toBe(all.length);
    await page.getByLabel('催しの並び順').selectOption('title');
    await expect
      .poll(() => rowTexts(page, '催しの管理'))
      .toEqual([...all].sort(new Intl.Collator('ja').compare));
    await page.getByLabel('催しの並び順').selectOption('date');
    const byDate = await fetchFromPage(page, 'GET', '/api/events?limit=200&sort=date');
    await expect
      .poll(() => rowTexts(page, '催しの管理'))
      .toEqual(((byDate.body?.items ?? []) as { title: string }[]).map((e) => e.title));
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it('consultation queue: the longest waiting first, or the newest first', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'consultation@kofu.demo.example');
    await page.goto('/console/consultations');
    await expectHeading(page, '名前を書かない相談');
    const table = page.getByRole('region', { name: /^相談の一覧/u });
    const opens = () =>
      table.getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('aria-label')));
    await page.getByLabel('表示する相談').selectOption('all');
    await expect.poll(async () => (await opens()).length).toBeGreaterThan(1);
    const sortSelect = page.getByLabel('相談の並び順');
    await expect.poll(() => sortSelect.inputValue()).toBe('newest');
    const newest = await opens();
    await sortSelect.selectOption('oldest');
    await expect.poll(() => opens()).toEqual([...newest].reverse());
    const api = await fetchFromPage(page, 'GET', '/api/consultations?filter=all&sort=oldest&limit=100');
    expect(((api.body?.items ?? []) as unknown[]).length).toBe(newest.length);
    // Another filter starts from its own default order again.
    await page.getByLabel('表示する相談').selectOption('awaiting');
    await expect.poll(() => sortSelect.inputValue()).toBe('oldest');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it('directory entries: by name or reading, then the least recently verified first', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'municipal_admin@kofu.demo.example');
    await page.goto('/console/places');
    await expectHeading(page, '居場所・相談先の掲載');
    const table = '掲載の一覧';
    await expect.poll(async () => (await rowTexts(page, table)).length).toBeGreaterThan(3);
    const all = await rowTexts(page, table);

    await page.getByLabel('掲載の並び順').selectOption('verified');
    await expect.poll(() => page.url()).toContain('sort=verified');
    const verified = await fetchFromPage(page, 'GET', '/api/places?sort=verified&limit=50');
    const expected = ((verified.body?.items ?? []) as { name: string }[]).map((p) => p.name);
    await expect.poll(() => rowTexts(page, table)).toEqual(expected);
    expect(expected).not.toEqual(all);

    await page.getByLabel('名前・よみ').fill('居場所');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await expect.poll(() => page.url()).toContain('q=');
    const found = await fetchFromPage(
      page,
      'GET',
      `/api/places?sort=verified&limit=50&q=${encodeURIComponent('居場所')}`,
    );
    const names = ((found.body?.items ?? []) as { name: string }[]).map((p) => p.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.length).toBeLessThan(all.length);
    await expect.poll(() => rowTexts(page, table)).toEqual(names);
    await expect.poll(() => page.getByLabel('掲載の並び順').inputValue()).toBe('verified');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it('accounts by newest first, and the audit log oldest first with its CSV in the same order', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'municipal_admin@kofu.demo.example');
    await page.goto('/console/admin/accounts');
    await expectHeading(page, 'アカウント');
    const table = 'アカウントの一覧';
    await expect.poll(async () => (await rowTexts(page, table)).length).toBeGreaterThan(3);
    await page.getByLabel('アカウントの並び順').selectOption('created');
    await expect.poll(() => page.url()).toContain('sort=created');
    const api = await fetchFromPage(page, 'GET', '/api/admin/accounts?sort=created&limit=50');
    const expected = ((api.body?.items ?? []) as { displayName: string }[]).map((a) => a.displayName);
    await expect.poll(() => rowTexts(page, table)).toEqual(expected);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    await page.goto('/console/admin/audit');
    await expectHeading(page, '監査ログ');
    const exportLink = page.getByRole('link', { name: /^開示請求・漏えい報告用に書き出す/u });
    await expect.poll(() => exportLink.count()).toBe(1);
    expect(await exportLink.getAttribute('href')).not.toContain('order=');
    await page.getByLabel('監査ログの並び順').selectOption('oldest');
    await expect.poll(() => exportLink.getAttribute('href')).toContain('order=oldest');
    const oldest = await fetchFromPage(page, 'GET', '/api/admin/audit?order=oldest&limit=5');
    const seqs = ((oldest.body?.items ?? []) as { seq: number }[]).map((i) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });
});
