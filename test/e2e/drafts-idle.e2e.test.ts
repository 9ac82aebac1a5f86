import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAxeClean } from './helpers/browser.ts';
import { DEMO_PASSWORD, fetchFromPage, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

const site = setUpServerAndBrowser();

const WORKER = 'consultation@kofu.demo.example';
const HARU = '5a990000-0000-4000-8000-000000000001';
const PERSON_PATH = `/console/support/persons/${HARU}`;
const MINUTE = 60_000;

/** A long note, typed as a worker types during a phone call. */
const NOTE = [
  '本人から電話。最近は夜に近所を散歩しているとのこと。',
  '母親とは朝の挨拶ができるようになった。来週、居場所の見学に一緒に行くか考えてみると話していた。',
  '次回は来週火曜の午後に電話する約束をした。',
].join('');

/** Both clocks move: the server's business clock (session expiry) and the page's (the warning's timer). */
async function passTime(page: Page, ms: number): Promise<void> {
  site.server.clock.advance(ms);
  await page.clock.fastForward(ms);
}

async function notesWith(page: Page, text: string): Promise<number> {
  const timeline = await fetchFromPage(page, 'GET', `/api/support/persons/${HARU}/timeline?limit=100`);
  const items = (timeline.body?.items ?? []) as { kind: string; text?: string; note?: { text?: string } }[];
  return items.filter((i) => JSON.stringify(i).includes(text)).length;
}

async function typeNote(page: Page): Promise<void> {
  await page.goto(PERSON_PATH);
  const text = page.getByLabel('内容', { exact: true });
  await text.waitFor();
  await text.fill(NOTE);
  // The draft is saved a moment after typing stops.
  await page.clock.runFor(3000);
  await expect
    .poll(async () => (await fetchFromPage(page, 'GET', `/api/drafts/note:${HARU}`)).status, {
      timeout: 10_000,
    })
    .toBe(200);
}

describe('nothing typed is lost when a session runs out (issue 22)', () => {
  it('warns before the idle timeout; “続ける” keeps the session and the text', async () => {
    const { page, context } = await site.openPage();
    await page.clock.install();
    await signInToConsole(page, WORKER);
    await typeNote(page);

    // 28 of the 30 idle minutes pass without a request: the warning appears, focus on “続ける”.
    await passTime(page, 28 * MINUTE);
    const dialog = page.getByRole('alertdialog', { name: 'まもなく自動でログアウトします' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAxeClean(page);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('続ける');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible()).toBe(false);

    // 20 more minutes (48 since the last request before the warning): “続ける” renewed the session.
    await passTime(page, 20 * MINUTE);
    const me = await fetchFromPage(page, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(await page.getByLabel('内容', { exact: true }).inputValue()).toBe(NOTE);
    await fetchFromPage(page, 'DELETE', `/api/drafts/note:${HARU}`);
    await context.close();
  });

  it('when the session expires anyway, signing in again brings the draft back, and it is saved once', async () => {
    const { page, context } = await site.openPage();
    await page.clock.install();
    await signInToConsole(page, WORKER);
    await typeNote(page);

    // The worker is away for 35 minutes: the session has ended at the server.
    await passTime(page, 35 * MINUTE);
    const expired = page.getByRole('alertdialog', { name: 'ログインの有効時間が過ぎました' });
    await expect.poll(() => expired.isVisible()).toBe(true);
    await expectAxeClean(page);
    await expired.getByRole('button', { name: 'もう一度ログインする' }).click();

    await page.waitForURL('**/login?**');
    expect(new URL(page.url()).searchParams.get('next')).toBe(PERSON_PATH);
    // The login form of this page (it carries where to come back to), filled as a person would.
    await page.locator('#login-email').fill(WORKER);
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'ログインする' }).click();
    await page.waitForURL(`**${PERSON_PATH}`);
    const text = page.getByLabel('内容', { exact: true });
    await expect.poll(() => text.inputValue()).toBe(NOTE);
    await expect.poll(() => page.getByText('保存した下書きを戻しました').count()).toBe(1);

    await page.getByRole('button', { name: '記録する', exact: true }).click();
    await expect.poll(() => page.getByText('記録しました。').count()).toBeGreaterThan(0);
    expect(await notesWith(page, '居場所の見学に一緒に行くか')).toBe(1);
    // The draft is gone once the note is saved: reopening the page does not offer it again.
    expect((await fetchFromPage(page, 'GET', `/api/drafts/note:${HARU}`)).status).toBe(404);
    await page.reload();
    await page.getByLabel('内容', { exact: true }).waitFor();
    expect(await page.getByLabel('内容', { exact: true }).inputValue()).toBe('');
    expect(await notesWith(page, '居場所の見学に一緒に行くか')).toBe(1);
    await context.close();
  });

  it('the plan and the intake keep their drafts too: back after a reload, gone once saved', async () => {
    const { page, context } = await site.openPage();
    await signInToConsole(page, WORKER);
    const draftStatus = async (key: string) =>
      (await fetchFromPage(page, 'GET', `/api/drafts/${key}`)).status;
    const WORDS = '（テスト）朝に起きて、週に一度は外を歩きたい';

    await page.goto(`${PERSON_PATH}/plan`);
    await page.getByLabel('本人が望むこと（本人のことばで）').fill(WORDS);
    await expect.poll(() => draftStatus(`plan:${HARU}`), { timeout: 15_000 }).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByLabel('本人が望むこと（本人のことばで）').inputValue()).toBe(WORDS);
    await expect.poll(() => page.getByText(/保存した下書きを戻しました/).count()).toBe(1);
    await expectAxeClean(page);
    await page.getByRole('button', { name: '計画を保存する' }).click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}\/print$/);
    expect(await draftStatus(`plan:${HARU}`)).toBe(404);

    const LIFE = '（テスト）昼夜逆転。夜にコンビニへ行くことはある';
    await page.goto(`${PERSON_PATH}/intake`);
    await page.getByLabel('日常生活', { exact: true }).fill(LIFE);
    await expect.poll(() => draftStatus(`intake:${HARU}`), { timeout: 15_000 }).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByLabel('日常生活', { exact: true }).inputValue()).toBe(LIFE);
    await page.getByRole('button', { name: /保存する$/ }).click();
    await expect.poll(() => page.getByText(/版を保存しました。/).count()).toBe(1);
    expect(await draftStatus(`intake:${HARU}`)).toBe(404);
    await context.close();
  });
  it('a reply to an anonymous consultation keeps its draft: back after signing in again, gone once sent', async () => {
    const { page, context } = await site.openPage();
    await signInToConsole(page, WORKER);
    const queue = await fetchFromPage(page, 'GET', '/api/consultations?filter=open&limit=100');
    const first = ((queue.body?.items ?? []) as { id: string }[])[0];
    expect(first).toBeDefined();
    const id = first!.id;
    const key = `reply:${id}`;
    const draftStatus = async () => (await fetchFromPage(page, 'GET', `/api/drafts/${key}`)).status;
    const REPLY = '（テスト）書いてくださってありがとうございます。来週の水曜日に、また返事を書きます。';

    await page.goto(`/console/consultations/${id}`);
    await page.getByLabel('返事', { exact: true }).fill(REPLY);
    await expect.poll(draftStatus, { timeout: 15_000 }).toBe(200);

    // Signed out (as when the session runs out) and in again, on the same shared machine.
    await context.clearCookies();
    await signInToConsole(page, WORKER);
    await page.goto(`/console/consultations/${id}`);
    const reply = page.getByLabel('返事', { exact: true });
    await expect.poll(() => reply.inputValue()).toBe(REPLY);
    await expect.poll(() => page.getByText(/保存した返事の下書きを戻しました/).count()).toBe(1);
    await expectAxeClean(page);

    await page.getByRole('button', { name: '返事を送る' }).click();
    await expect.poll(() => page.getByText('返事を送りました。').count()).toBeGreaterThan(0);
    expect(await draftStatus()).toBe(404);
    const detail = await fetchFromPage(page, 'GET', `/api/consultations/${id}`);
    const sent = ((detail.body?.messages ?? []) as { author: string; text: string }[]).filter(
      (m) => m.author === 'staff' && m.text === REPLY,
    );
    expect(sent).toHaveLength(1);
    await page.reload();
    await page.getByLabel('返事', { exact: true }).waitFor();
    expect(await page.getByLabel('返事', { exact: true }).inputValue()).toBe('');
    await context.close();
  });
});
