import { describe, expect, it } from 'vitest';
import { expectAxeClean, expectNoHorizontalScroll, saveScreenshot, VIEWPORTS } from './helpers/browser.ts';
import { consoleNav, expectHeading, fetchFromPage, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Issue 22, item 3: print views (帳票) of a case file and of progress notes. A consultation worker
 * opens はるさん's record, prints 記録の概要 and then 経過記録 of a period; on paper only the sheet shows,
 * marked 取扱注意, dated in 和暦 with 西暦; both openings are reads of the person in the audit log.
 * The server's clock is 2026-11-26 10:00 in Japan; the demo notes are 45, 20 and 18 days before it.
 */
const site = setUpServerAndBrowser();

const WORKER = 'consultation@kofu.demo.example';
const HARU = '5a990000-0000-4000-8000-000000000001';
const STAFF_DATE = /令和\d+年\d+月\d+日（20\d\d年）/u;

describe('print views of a record (帳票)', () => {
  it('記録の概要 and 経過記録: headings, marking, 和暦 dates, nothing but the sheet on paper, audited', async () => {
    const { page, context } = await site.openPage();
    await signInToConsole(page, WORKER);
    await page.goto(`/console/support/persons/${HARU}`);
    await page
      .getByRole('navigation', { name: 'この人の記録' })
      .getByRole('link', { name: '印刷（帳票）' })
      .click();

    // 記録の概要: the person as staff address them (no double さん), the plan's goals in their words.
    await expectHeading(page, '記録の概要');
    const marking = page.getByTestId('sensitive-marking');
    expect(await marking.textContent()).toBe('取扱注意（要配慮個人情報）');
    expect(await page.getByTestId('print-person').textContent()).toBe('はるさん（デモ）');
    expect(await page.locator('body').textContent()).not.toContain('さんさん');
    expect(await page.getByTestId('prepared-at').textContent()).toMatch(
      /^令和8年11月26日（2026年） \d\d:\d\d$/u,
    );
    expect(await page.getByTestId('print-goals').getByRole('listitem').allTextContents()).toEqual([
      '（デモ）週に1回、散歩に出る',
      '（デモ）居場所に一度行ってみる',
    ]);
    await expect.poll(() => page.getByRole('heading', { name: '受付・アセスメントの概要' }).count()).toBe(1);
    expect(await page.getByText('（デモ）人と話すのがこわい。', { exact: false }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'いま有効な同意' }).count()).toBe(1);
    await expectAxeClean(page);

    // 印刷する opens the browser's print dialog.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.getByRole('button', { name: '印刷する' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // On paper: the console's navigation and the buttons are gone, the sheet and its marking stay.
    await page.emulateMedia({ media: 'print' });
    expect(await consoleNav(page).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '印刷する' }).isVisible()).toBe(false);
    expect(await page.getByLabel('印刷するもの').isVisible()).toBe(false);
    expect(await marking.isVisible()).toBe(true);
    expect(await page.locator('h1').isVisible()).toBe(true);
    await saveScreenshot(page, 'print-case-file');
    await page.emulateMedia({ media: 'screen' });

    // 経過記録 of a period: oldest first, the 配慮が必要 note marked, dates in the staff format.
    await page.getByLabel('印刷するもの').selectOption('notes');
    await expectHeading(page, '経過記録');
    await page.getByLabel('期間の始め').fill('2026-10-01');
    await page.getByLabel('期間の終わり').fill('2026-11-26');
    await page.getByRole('button', { name: 'この期間を表示する' }).click();
    await expect
      .poll(() => page.getByTestId('print-period').textContent())
      .toBe('令和8年10月1日（2026年）〜令和8年11月26日（2026年）');
    const notes = page.getByRole('list', { name: '経過記録 3 件（古い順）' }).getByRole('listitem');
    await expect.poll(() => notes.count()).toBe(3);
    expect(await notes.first().textContent()).toContain('（デモ）チャットで初めてやりとりした。');
    expect(await notes.first().textContent()).toMatch(STAFF_DATE);
    expect(await notes.nth(2).textContent()).toContain('配慮が必要（相談支援員のみ）');
    expect(new URL(page.url()).searchParams.get('view')).toBe('notes');
    expect(await page.getByTestId('sensitive-marking').textContent()).toBe('取扱注意（要配慮個人情報）');
    await expectAxeClean(page);
    await page.emulateMedia({ media: 'print' });
    expect(await consoleNav(page).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'この期間を表示する' }).isVisible()).toBe(false);
    expect(await notes.first().isVisible()).toBe(true);
    await saveScreenshot(page, 'print-notes');
    await page.emulateMedia({ media: 'screen' });

    // On a phone-sized screen the sheet reflows (no sideways scrolling) and stays accessible.
    await page.setViewportSize(VIEWPORTS.phone);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await page.setViewportSize(VIEWPORTS.desktop);

    // A period that ends before it starts is refused on the page, before any request.
    await page.getByLabel('期間の始め').fill('2026-11-26');
    await page.getByLabel('期間の終わり').fill('2026-11-01');
    await page.getByRole('button', { name: 'この期間を表示する' }).click();
    await expect.poll(() => page.getByText('始め ≦ 終わり', { exact: false }).count()).toBe(1);
    await context.close();

    // Both openings are reads of はるさん's record in the audit log.
    const admin = await site.openPage();
    await signInToConsole(admin.page, 'municipal_admin@kofu.demo.example');
    for (const action of ['support.case-file-print.read', 'support.notes-print.read']) {
      const found = await fetchFromPage(admin.page, 'GET', `/api/admin/audit?action=${action}`);
      const items = (found.body?.items ?? []) as { recordType: string; recordId: string }[];
      expect(items.length, action).toBeGreaterThan(0);
      expect(items.every((i) => i.recordType === 'person' && i.recordId === HARU)).toBe(true);
    }
    await admin.context.close();
  });
});
