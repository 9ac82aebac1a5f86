import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { municipalityCheckDigit } from '../../src/shared/municipality-code.ts';
import { expectAxeClean, expectNoHorizontalScroll, tabUntil, VIEWPORTS } from './helpers/browser.ts';
import { expectHeading, fetchFromPage, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Issue 21 item 7 in a real browser at 360 × 640, by keyboard alone: from the home page to a report
 * without knowing the town (only the prefecture), 110 on the first screen right after "はい", an
 * honest receipt (when staff read it; 110 is for danger now), and the prefecture's triage staff —
 * and only they — find it in their queue.
 */
const site = setUpServerAndBrowser();

/** Whether the 110 link is wholly inside the viewport (the first screen the person sees). */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => {
    const box = document.querySelector(s)?.getBoundingClientRect();
    return !!box && box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
  }, selector);
}

describe('the report path from the home page', () => {
  it('home → prefecture only → はい shows 110 on screen → receipt → the prefecture triage queue', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/');
    await expectHeading(page, 'ひとりで抱えこまずに、つながれる場所を');
    // Reachable from the home page by keyboard, without choosing a town.
    await tabUntil(page, 'a[href="/report"]');
    await page.keyboard.press('Enter');
    await expectHeading(page, '不適切な支援の業者について知らせる');
    expect(await page.locator('main a[href="tel:110"]').count()).toBeGreaterThan(0);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // Only the prefecture: where the person is now, or where they live.
    await tabUntil(page, 'main select');
    await expect.poll(() => page.locator('main select option').count()).toBe(48);
    // Closed select: arrow keys change the value (19 = 山梨県, after the placeholder).
    for (let i = 0; i < 19; i++) await page.keyboard.press('ArrowDown');
    expect(await page.locator('main select').inputValue()).toBe('19');
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('山梨県の担当が受け付けています');
    await expectAxeClean(page);
    await tabUntil(page, 'a[href="/m/190004/report"]');
    await page.keyboard.press('Enter');
    await expectHeading(page, '不適切な「支援」についての通報');

    // "はい" by keyboard: 110 is within the first screen right away.
    await tabUntil(page, '#report-danger-yes, #report-danger input[type=radio]');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('#report-danger-yes').isChecked()).toBe(true);
    await expect.poll(() => onScreen(page, '#report-emergency-police a[href="tel:110"]')).toBe(true);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // The rest by keyboard: who, what, send.
    await tabUntil(page, '#report-reporterRole input[type=radio]');
    await page.keyboard.press('Space');
    await tabUntil(page, '#report-categories-forced_removal');
    await page.keyboard.press('Space');
    await tabUntil(page, 'button[type=submit]', 80);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: '受け付けました' }).count()).toBe(1);
    const receipt = (await page.getByTestId('receipt-number').textContent())!.trim();
    const officeHours = await page.getByTestId('office-hours').textContent();
    expect(officeHours).toContain('開庁時間');
    const text = await page.locator('main').textContent();
    expect(text).toContain('110番は、いま危険があるときの番号です');
    expect(text).not.toContain('緊急の通報として');
    expect(text).toContain('山梨県に通報が届きました');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();

    // The prefecture's triage desk finds it; 甲府市's does not.
    const staff = await site.openPage();
    await signInToConsole(staff.page, 'report_triage@yamanashi.demo.example');
    const pref = await fetchFromPage(staff.page, 'GET', '/api/reports?status=all&limit=200');
    expect(pref.status).toBe(200);
    const prefItems = (pref.body as { items: { receiptNumber: string; urgent: boolean }[] }).items;
    expect(prefItems.filter((r) => r.receiptNumber === receipt)).toEqual([
      expect.objectContaining({ receiptNumber: receipt, urgent: true }),
    ]);
    await staff.context.close();
    const town = await site.openPage();
    await signInToConsole(town.page, 'report_triage@kofu.demo.example');
    const kofu = await fetchFromPage(town.page, 'GET', '/api/reports?status=all&limit=200');
    expect(
      (kofu.body as { items: { receiptNumber: string }[] }).items.map((r) => r.receiptNumber),
    ).not.toContain(receipt);
    await town.context.close();
  });

  it("a town's form at 360 × 640: 110 on screen right after はい; the receipt gives the town's office hours", async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/m/192015/report');
    await expectHeading(page, '不適切な「支援」についての通報');
    await page.locator('#report-danger-yes').check();
    await expect.poll(() => onScreen(page, '#report-emergency-police a[href="tel:110"]')).toBe(true);
    await page.locator('#report-reporterRole-self').check();
    await page.locator('#report-categories-high_fees').check();
    // The choice to receive the 受付番号 by e-mail appears once an address is given.
    expect(await page.locator('#report-sendCodeByEmail').count()).toBe(0);
    await page.locator('#report-contact-email').fill('reporter@test.example');
    await page.getByLabel('受付番号を、このメールアドレスにも送る').check();
    await page.getByRole('button', { name: '送信する' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '受け付けました' }).count()).toBe(1);
    expect(await page.getByTestId('office-hours').textContent()).toBe(
      '担当の職員がこの通報を読むのは、開庁時間（平日 8:30〜17:15）です。夜間や休日に届いた通報は、次の開庁日に読みます。',
    );
    expect(await page.getByTestId('code-emailed').textContent()).toContain('メールでもお送りしました');
    // One name for the kept code, with a copy button; the phone number is the 問い合わせ番号.
    expect(await page.locator('main dt').allTextContents()).toEqual(['問い合わせ番号', '受付番号']);
    expect(await page.getByRole('button', { name: 'コピーする' }).count()).toBe(1);
    await expectAxeClean(page);
    await context.close();
  });
});

describe('a town that does not use Tsunagari (issue 21 item 8)', () => {
  it("shows what is known: the prefecture's centre, places of the prefecture, national lines, a report path", async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    // 北杜市 (山梨県): no profile, no return in the demo data.
    await page.goto(`/m/19209${municipalityCheckDigit('19209')}`);
    await expectHeading(page, '北杜市');
    const status = page.getByTestId('municipality-status');
    await expect.poll(() => status.getByText(/山梨県ひきこもり地域支援センター/).count()).toBe(1);
    const nearby = page.getByTestId('nearby-places');
    await expect.poll(() => nearby.getByRole('link').count()).toBeGreaterThan(0);
    expect(await nearby.getByRole('heading').textContent()).toBe('山梨県の居場所・相談先');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toContain('まだこの窓口を使えません');
    expect(await page.locator('main a[href^="tel:"]').count()).toBeGreaterThan(2);
    expect(await page.locator('main a[href="/report"]').count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    // By keyboard: to the first listed place of the prefecture, and open it.
    const first = nearby.getByRole('link').first();
    const name = ((await first.textContent()) ?? '').trim();
    const href = (await first.getAttribute('href'))!;
    await tabUntil(page, `[data-testid="nearby-places"] a[href="${href}"]`, 80);
    await page.keyboard.press('Enter');
    await expectHeading(page, name);
    await context.close();
  });
});
