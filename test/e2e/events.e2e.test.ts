import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  expectAxeClean,
  expectNoHorizontalScroll,
  saveScreenshot,
  tabUntil,
  VIEWPORTS,
} from './helpers/browser.ts';
import { consoleNav, expectHeading, fetchFromPage, signIn } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

const site = setUpServerAndBrowser();

const SERIES = 'e7e17000-0000-4000-8000-000000000001';
const SERIES_TITLE = '家族学習会「ひきこもりを知り、家族が楽になる」';

/** A public POST made by the page (no session, no CSRF: as any phone would). */
async function publicRegister(page: Page, body: Record<string, unknown>) {
  return page.evaluate(
    async ({ url, body }) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { token: string; sessions: Array<{ seq: number; status: string }> };
    },
    { url: `/api/public/events/${SERIES}/registrations`, body },
  );
}

describe('events and registrations (issue 5)', () => {
  it('find the 家族学習会 series → register anonymously by keyboard → reminder the day before → cancel one session by the link → the first on the waiting list is promoted and notified', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);

    // 1. From the town's page to its events, by keyboard.
    await page.goto('/m/192015');
    await tabUntil(page, 'a[href^="/events"]', 80);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/events\?municipality=192015/);
    await expectHeading(page, '催し・家族学習会をさがす');
    await expect
      .poll(() => page.getByRole('link', { name: SERIES_TITLE }).count(), { timeout: 10_000 })
      .toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    // The draft never appears.
    expect(await page.getByText('準備中').count()).toBe(0);

    // 2. The series: every one of its six sessions, with topics.
    await tabUntil(page, `a[href="/events/${SERIES}"]`, 80);
    await page.keyboard.press('Enter');
    await expectHeading(page, SERIES_TITLE);
    await expect.poll(() => page.getByText('8050問題とお金・暮らしの備え').count()).toBe(1);
    expect(await page.getByText(/^第\d回/).count()).toBe(6);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await saveScreenshot(page, 'event-series');

    // 3. Register without an account, keyboard only.
    await tabUntil(page, `a[href="/events/${SERIES}/register"]`, 80);
    await page.keyboard.press('Enter');
    await expectHeading(page, `申し込み：${SERIES_TITLE}`);
    await expectAxeClean(page);
    await tabUntil(page, '#reg-nickname');
    await page.keyboard.type('ゆきの母');
    await tabUntil(page, '#reg-people');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2');
    await tabUntil(page, '#reg-email');
    await page.keyboard.type('yuki-family@example.com');
    await tabUntil(page, '#reg-needs');
    await page.keyboard.type('入口で待ち合わせたいです');
    await page.keyboard.press('Enter'); // a newline in the textarea, not a submit
    await tabUntil(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await expectHeading(page, '申し込みを受け付けました');
    expect(await page.getByText('参加できます').count()).toBe(6);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    const link = await page.getByTestId('registration-link').getAttribute('href');
    expect(link).toMatch(/\/events\/registration#token=192015-[A-Za-z0-9_-]{32}$/);

    // 4. Others fill the series; the next person waits (with an e-mail address for the notice).
    const full = await publicRegister(page, { nickname: '満席にする家族', people: 10 });
    expect(full.sessions.every((s) => s.status === 'confirmed')).toBe(true);
    const waiting = await publicRegister(page, { nickname: 'まつ', people: 1, email: 'matsu@example.com' });
    expect(waiting.sessions.every((s) => s.status === 'waitlisted')).toBe(true);

    // 5. The day before the first session (Tokyo), `jobs:run-due` puts the reminder in the outbox.
    const series = await page.evaluate(
      async (id) =>
        (await (await fetch(`/api/public/events/${id}`)).json()) as { sessions: Array<{ startsAt: string }> },
      SERIES,
    );
    const firstStart = new Date(series.sessions[0]!.startsAt);
    site.server.clock.set(new Date(firstStart.getTime() - 30 * 3_600_000)); // 07:30 the day before
    const run = await site.server.runDueJobs();
    expect(run.results.find((r) => r.name === 'events.reminder-day-before')).toMatchObject({ status: 'ok' });

    const admin = await site.openPage(VIEWPORTS.desktop);
    await signIn(admin.page, 'municipal_admin@kofu.demo.example');
    await admin.page.waitForURL(/\/console/);
    await consoleNav(admin.page).getByRole('link', { name: '送信メッセージ' }).click();
    await expectHeading(admin.page, '送信メッセージ');
    const reminder = admin.page
      .getByRole('row')
      .filter({ hasText: 'yuki-family@example.com' })
      .filter({ hasText: '明日の催しのお知らせ' });
    await expect.poll(() => reminder.count(), { timeout: 10_000 }).toBe(1);
    await expectAxeClean(admin.page);
    // Never twice.
    await site.server.runDueJobs();
    await admin.page.reload();
    await expectHeading(admin.page, '送信メッセージ');
    await expect.poll(() => reminder.count(), { timeout: 10_000 }).toBe(1);

    // 6. The private link: cancel the first session only, by keyboard.
    await page.goto(link!);
    await expectHeading(page, '申し込みの確認');
    await expect
      .poll(() => page.getByTestId('seat-1').textContent(), { timeout: 10_000 })
      .toBe('参加できます');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    page.once('dialog', (dialog) => void dialog.accept());
    await tabUntil(page, 'button[aria-label*="第1回"]', 80);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('seat-1').textContent(), { timeout: 10_000 })
      .toBe('取り消しました');
    expect(await page.getByTestId('seat-2').textContent()).toBe('参加できます');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '第1回を取り消しました' }).count())
      .toBe(1);
    await expectAxeClean(page);

    // 7. The first on the waiting list has the seat for session 1 and is told so through the outbox.
    const waitingView = await page.evaluate(
      async (token) =>
        (await (await fetch(`/api/public/event-registrations/${token}`)).json()) as {
          sessions: Array<{ seq: number; status: string }>;
        },
      waiting.token,
    );
    expect(waitingView.sessions.find((s) => s.seq === 1)!.status).toBe('confirmed');
    expect(waitingView.sessions.find((s) => s.seq === 2)!.status).toBe('waitlisted');
    await admin.page.reload();
    await expectHeading(admin.page, '送信メッセージ');
    await expect
      .poll(
        () =>
          admin.page
            .getByRole('row')
            .filter({ hasText: 'matsu@example.com' })
            .filter({ hasText: 'キャンセル待ちから参加できるようになりました' })
            .count(),
        { timeout: 10_000 },
      )
      .toBe(1);
    const outbox = await fetchFromPage(admin.page, 'GET', '/api/admin/outbox?limit=200');
    const promoted = ((outbox.body?.items ?? []) as Array<{ recipient: string; templateKey: string }>).filter(
      (m) => m.templateKey === 'events.waitlist-promoted',
    );
    expect(promoted.map((m) => m.recipient)).toEqual(['matsu@example.com']);

    await admin.context.close();
    await context.close();
  });

  it('a family association manages its own event: registrations, attendance count, a message to registrants', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.desktop);
    await signIn(page, 'family_association@kofu.demo.example');
    await page.waitForURL(/\/console/);
    await consoleNav(page).getByRole('link', { name: '催しの管理' }).click();
    await expectHeading(page, '催しの管理');
    await expectAxeClean(page);
    // Only the association's own events.
    expect(await page.getByRole('link', { name: '講演会「長い時間をかけて、ともに」' }).count()).toBe(0);
    await page.getByRole('link', { name: '家族サロン あじさい' }).click();
    await expectHeading(page, '家族サロン あじさい');
    await expect
      .poll(() => page.getByRole('cell', { name: 'たろうの母' }).count(), { timeout: 10_000 })
      .toBe(1);
    await expectAxeClean(page);
    // The registrations filter in the browser: a part of the nickname, in katakana too.
    const registrationRows = page.getByRole('region', { name: '申し込んだ人' }).locator('tbody tr');
    const everyone = await registrationRows.count();
    await page.getByLabel('ニックネーム・配慮で絞り込む').fill('タロウ');
    await page.getByLabel('ニックネーム・配慮で絞り込む').press('Enter');
    await expect.poll(() => registrationRows.count()).toBe(1);
    await page.getByLabel('申し込みの状態').selectOption('cancelled');
    await expect.poll(() => page.getByText('条件に合う申し込みはありません。').count()).toBe(1);
    await page.getByLabel('申し込みの状態').selectOption('');
    await page.getByLabel('ニックネーム・配慮で絞り込む').fill('');
    await page.getByLabel('ニックネーム・配慮で絞り込む').press('Enter');
    await expect.poll(() => registrationRows.count()).toBe(everyone);

    await page.getByLabel('出席者数（第1回）').fill('6');
    await page.getByRole('button', { name: '記録する' }).first().click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '出席者数を記録しました' }).count())
      .toBe(1);

    await page.getByLabel('件名').fill('持ち物のお知らせ');
    await page.getByLabel('本文').fill('温かい飲み物を用意しています。');
    await page.getByRole('button', { name: '送る' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '1 人に送りました' }).count()).toBe(1);
    await expectAxeClean(page);

    // A new salon, created in the console and published.
    await consoleNav(page).getByRole('link', { name: '催しの管理' }).click();
    await page.getByRole('link', { name: '催しを作る' }).click();
    await expectHeading(page, '催しを作る');
    await expectAxeClean(page);
    await page.getByLabel('名称', { exact: true }).fill('年末の家族サロン');
    await page.getByLabel('会場の名称').fill('相生地区公民館');
    await page.getByLabel('定員（各回・人数。空欄は定員なし）').fill('8');
    await page.getByLabel('状態').selectOption('published');
    await page.getByLabel('日付（1）').fill('2026-12-26');
    await page.getByRole('button', { name: '保存する' }).click();
    await expectHeading(page, '年末の家族サロン');
    const created = page.url().split('/').at(-1)!;
    const publicView = await page.evaluate(
      async (id) => (await fetch(`/api/public/events/${id}`)).status,
      created,
    );
    expect(publicView).toBe(200);
    await context.close();
  });

  it('an administrator registers a family association as an organiser and picks the account acting for it', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.desktop);
    await signIn(page, 'municipal_admin@kofu.demo.example');
    await page.waitForURL(/\/console/);
    await consoleNav(page).getByRole('link', { name: '催しの管理' }).click();
    await expectHeading(page, '催しの管理');
    await expect.poll(() => page.getByRole('heading', { name: '主催者', exact: true }).count()).toBe(1);
    const form = page.getByRole('form', { name: '主催者を追加' });
    await expect.poll(() => form.getByRole('checkbox').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expectAxeClean(page);
    await form.getByLabel('名称').fill('北部ひきこもり家族会');
    await form.getByRole('checkbox', { name: /family_association@kofu\.demo\.example/ }).check();
    await form.getByRole('button', { name: '追加する' }).click();
    await expect
      .poll(() =>
        page.getByRole('status').filter({ hasText: '「北部ひきこもり家族会」を保存しました' }).count(),
      )
      .toBe(1);
    await expect.poll(() => page.getByRole('form', { name: '北部ひきこもり家族会' }).count()).toBe(1);
    await context.close();
  });

  it('the receipt shows a 受付番号 and a short cancel code; the event’s cancel page takes them as typed, by keyboard, at 360 px', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto(`/events/${SERIES}/register`);
    await expectHeading(page, `申し込み：${SERIES_TITLE}`);
    await page.locator('#reg-nickname').fill('こうよう');
    await page.getByRole('button', { name: '申し込む' }).click();
    await expectHeading(page, '申し込みを受け付けました');
    const receiptNumber = (await page.getByTestId('registration-receiptNumber').textContent())!;
    const cancelCode = (await page.getByTestId('registration-cancelCode').textContent())!;
    expect(receiptNumber).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(cancelCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // From the receipt to the cancel page, then keyboard only; codes typed in lower case without hyphens.
    await tabUntil(page, `a[href="/events/${SERIES}/cancel"]`, 80);
    await page.keyboard.press('Enter');
    await expectHeading(page, '申し込みの取り消し');
    await expectAxeClean(page);
    await tabUntil(page, '#bycode-receiptNumber');
    await page.keyboard.type(receiptNumber.toLowerCase().replace('-', ''));
    await tabUntil(page, '#bycode-cancelCode');
    await page.keyboard.type('ZZZZ-ZZZZ');
    await tabUntil(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByText('この催しの申し込みが見つかりません。', { exact: false }).count())
      .toBeGreaterThan(0);
    await expectAxeClean(page);
    await page.locator('#bycode-cancelCode').fill('');
    await tabUntil(page, '#bycode-cancelCode');
    await page.keyboard.type(cancelCode.toLowerCase());
    await tabUntil(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('seat-1').count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    page.once('dialog', (dialog) => void dialog.accept());
    await tabUntil(page, 'button[aria-label*="第1回"]', 80);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('seat-1').textContent()).toBe('取り消しました');
    await expectAxeClean(page);
    await context.close();
  });

  it('English and やさしい日本語 on the public list; no horizontal scroll on a phone', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/events?lang=en');
    await expectHeading(page, 'Find events and family study groups');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await page.goto('/events?lang=easy-ja');
    await expectHeading(page, 'あつまりを さがす');
    await expectAxeClean(page);
    await context.close();
  });
});
