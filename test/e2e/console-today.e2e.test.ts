import { describe, expect, it } from 'vitest';
import { expectAxeClean, expectNoHorizontalScroll, tabUntil, VIEWPORTS } from './helpers/browser.ts';
import { fetchFromPage, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

const site = setUpServerAndBrowser();

type Item = { kind: string; count: number; href: string };

/** Issue 22: every role's home page shows its waiting work from the demo data, counted by the server. */
const ROLES = [
  'consultation@kofu.demo.example',
  'municipal_admin@kofu.demo.example',
  'finance@kofu.demo.example',
  'report_triage@kofu.demo.example',
  'peer_supporter@kofu.demo.example',
  'family_association@kofu.demo.example',
  'agency_member@kofu.demo.example',
  'labour@kofu.demo.example',
  'prefecture@yamanashi.demo.example',
  'national@demo.example',
];

describe('the console home page shows today’s work (issue 22)', () => {
  for (const email of ROLES) {
    it(`${email}: every count of its roles, on a phone, axe clean`, async () => {
      const { page, context } = await site.openPage(VIEWPORTS.phone);
      await signInToConsole(page, email);
      const today = await page.getByRole('region', { name: '今日の仕事' });
      await expect.poll(() => today.getByText('件数を読み込んでいます').count()).toBe(0);
      const api = await fetchFromPage(page, 'GET', '/api/console/today');
      const items = (api.body?.items ?? []) as Item[];
      expect(items.length, email).toBeGreaterThan(0);
      const waiting = items.filter((i) => i.count > 0);
      const links = today.getByRole('link');
      expect(await links.count()).toBe(waiting.length);
      for (const item of waiting) {
        const link = today.locator(`a[href="${item.href}"]`).filter({ hasText: `${item.count} 件` });
        expect(await link.count(), `${email} ${item.kind}`).toBeGreaterThan(0);
      }
      const quiet = items.filter((i) => i.count === 0);
      if (quiet.length > 0) expect(await today.getByText('：なし').count()).toBe(quiet.length);
      await expectNoHorizontalScroll(page);
      await expectAxeClean(page);
      await context.close();
    });
  }

  it('a consultation worker reaches the waiting consultations from the home page by keyboard alone', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.desktop);
    await signInToConsole(page, 'consultation@kofu.demo.example');
    const link = page
      .getByRole('region', { name: '今日の仕事' })
      .getByRole('link', { name: /返事を待っている相談/ });
    await expect.poll(() => link.count()).toBe(1);
    await tabUntil(page, 'section[aria-labelledby="today-heading"] a[href="/console/consultations"]', 60);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/console/consultations');
    await context.close();
  });

  it('the calendar lists the same dated work as the API, four weeks at a time, on a phone and by keyboard', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'consultation@kofu.demo.example');
    await page.goto('/console/calendar');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: '予定' }).count()).toBe(1);
    await expect.poll(() => page.getByText('読み込んでいます').count()).toBe(0);
    const api = await fetchFromPage(page, 'GET', '/api/console/calendar');
    const items = (api.body?.items ?? []) as { kind: string; title: string }[];
    // The demo town has event sessions and plan reviews in the coming weeks.
    expect(items.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('calendar').locator('li').count()).toBe(items.length);
    // The one staff date format: 和暦 with the 西暦 year of the same day, then the weekday.
    const firstDay = page.getByTestId('calendar').locator('section').first();
    const heading = (await firstDay.locator('h2').textContent()) ?? '';
    const westernYear = ((await firstDay.getAttribute('data-day')) ?? '').slice(0, 4);
    expect(heading).toMatch(/^令和\d+年\d+月\d+日（(\d{4})年）（.）/);
    expect(heading).toContain(`（${westernYear}年）`);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    // The next four weeks, by keyboard: the period changes and the list follows.
    const before = await page.getByTestId('calendar-period').textContent();
    await page.getByRole('button', { name: '次の4週間' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('calendar-period').textContent()).not.toBe(before);
    await expect.poll(() => page.getByText('読み込んでいます').count()).toBe(0);
    await page.getByRole('button', { name: '今日から' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('calendar-period').textContent()).toBe(before);
    await context.close();
  });
});
