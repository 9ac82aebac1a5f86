import { describe, expect, it } from 'vitest';
import { expectAxeClean, expectNoHorizontalScroll, VIEWPORTS } from './helpers/browser.ts';
import { expectHeading, fetchFromPage, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Issue 22 item 3 on the records list: a text filter that finds はるさん by part of the nickname or
 * its reading (はる, ハル), a sort, and the CSV of exactly what is on screen through the audited route.
 */
const site = setUpServerAndBrowser();

describe('the records list filters, sorts and exports what is on screen', () => {
  it('finds はるさん by はる and ハル, sorts by nickname and exports the filtered list', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'consultation@kofu.demo.example');
    await page.goto('/console/support/persons');
    await expectHeading(page, '本人の記録を探す・作る');
    const table = page.getByRole('region', { name: '記録の一覧' }).getByRole('table');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(1);
    const all = await table.locator('tbody tr').count();

    for (const q of ['はる', 'ハル']) {
      await page.getByLabel('呼び名・名前で絞り込む').fill(q);
      await page.getByRole('button', { name: '絞り込む' }).click();
      await expect.poll(() => table.getByRole('link', { name: 'はるさん（デモ）' }).count()).toBe(1);
      await expect.poll(() => table.locator('tbody tr').count()).toBeLessThan(all);
    }
    await page.getByLabel('並び順').selectOption('nickname');
    const href =
      (await page.getByRole('link', { name: /^画面の一覧を書き出す/u }).getAttribute('href')) ?? '';
    expect(href).toContain(`q=${encodeURIComponent('ハル')}`);
    expect(href).toContain('sort=nickname');
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(csv).toContain('はるさん（デモ）');
    const shown = await table.locator('tbody tr').count();
    expect(
      csv
        .replace(/^\uFEFF/u, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(shown + 1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();

    // The export is in the audit log, one entry per exported person.
    const admin = await site.openPage();
    await signInToConsole(admin.page, 'municipal_admin@kofu.demo.example');
    const exported = await fetchFromPage(
      admin.page,
      'GET',
      '/api/admin/audit?action=support.person-list.export',
    );
    expect((exported.body?.items as unknown[] | undefined)?.length).toBe(shown);
    await admin.context.close();
  });
});
