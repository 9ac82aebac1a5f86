import jsQRImport from 'jsqr';
import type { Browser, Page, Request } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAxeClean,
  expectNoHorizontalScroll,
  launchBrowser,
  newPage,
  saveScreenshot,
  tabUntil,
  VIEWPORTS,
} from './helpers/browser.ts';
import { consoleNav, expectHeading, signInToConsole } from './helpers/console.ts';
import { type RunningServer, startServer } from './helpers/server.ts';

/**
 * Issue 18: a person in 甲府市 who left work on 2026-03-31 uses the navigator on 2026-04-02 (the
 * server's business clock; the page takes "today" from the rule set it is served). Five questions
 * answered, two skipped; the plan starts with 国民健康保険 and 国民年金, both by 2026-04-14; nothing
 * they answer leaves the browser (every request is watched).
 */
/** jsqr is CommonJS typed as an ES default export: take the function whichever way it arrives. */
const jsQR = ((jsQRImport as unknown as { default?: unknown }).default ?? jsQRImport) as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ now: '2026-04-02T10:00:00+09:00' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every request the page makes, with its body: none may carry an answer. */
function watchRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => seen.push(r));
  return seen;
}
const ANSWER_TRACES = [
  '2026-03-31',
  '2026-04-14',
  'own_wish',
  'employee',
  'alone',
  'lastDay',
  'months',
  'insurance',
];
function expectNoAnswerSent(requests: Request[]) {
  const carrying = requests
    .filter((r) => r.url().startsWith('http'))
    .filter((r) => {
      const text = `${decodeURIComponent(r.url())} ${r.postData() ?? ''}`;
      return ANSWER_TRACES.some((trace) => text.includes(trace));
    })
    .map((r) => `${r.method()} ${r.url()}`);
  expect(carrying).toEqual([]);
  // The navigator itself only reads: no request but GET reaches the API while it is used.
  const writes = requests
    .filter((r) => r.url().includes('/api/') && r.method() !== 'GET')
    .map((r) => r.url());
  expect(writes).toEqual([]);
}

const stubPrint = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
const printed = (page: Page) => page.evaluate(() => (window as unknown as { printed: number }).printed);

async function expectPlanStartsWithNhiAndPension(page: Page) {
  const dated = page
    .getByRole('region', { name: '期限のある手続き' })
    .getByRole('listitem')
    .filter({ has: page.locator('h4') });
  await expect.poll(() => dated.count()).toBeGreaterThanOrEqual(2);
  expect(await dated.nth(0).locator('h4').textContent()).toBe('国民健康保険に入る');
  expect(await dated.nth(1).locator('h4').textContent()).toBe('国民年金に切り替える');
  expect(await dated.nth(0).locator('time').getAttribute('datetime')).toBe('2026-04-14');
  expect(await dated.nth(1).locator('time').getAttribute('datetime')).toBe('2026-04-14');
  expect(await dated.nth(0).locator('time').textContent()).toContain('令和8年4月14日');
  return dated;
}

describe('navigator journey (360 px)', () => {
  it('five answers, two skipped → 国民健康保険 and 国民年金 by 2026-04-14; why; print; anonymous consultation; nothing sent', async () => {
    const { context, page } = await newPage(browser, server.url, VIEWPORTS.phone);
    const requests = watchRequests(page);
    await page.goto('/m/192015');
    await page.getByRole('link', { name: '離職後のナビを使う' }).click();
    await page.waitForURL('**/m/192015/navigator');
    await expect.poll(() => page.locator('h1').textContent()).toBe('仕事をやめたあとの手続きと相談先');
    await expectAxeClean(page);
    await page.getByRole('button', { name: '自分のこととして使う' }).click();

    // 1 last day (answered)
    await page.getByLabel('日付を入力する').check();
    await page.locator('#nav-lastDay-day').fill('2026-03-31');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await page.getByRole('button', { name: '次へ' }).click();
    // 2 how it ended (answered)
    await page.getByLabel('自分から辞めた（自己都合）').check();
    await page.getByRole('button', { name: '次へ' }).click();
    // 3 employment insurance (answered, with months)
    await page.getByLabel('入っていた', { exact: true }).check();
    await page.getByLabel(/入っていた月数/).fill('24');
    await page.getByRole('button', { name: '次へ' }).click();
    // 4 health insurance (answered)
    await page.getByLabel('会社の健康保険（協会けんぽ・健康保険組合など）').check();
    await page.getByRole('button', { name: '次へ' }).click();
    // 5 age (skipped)
    await expect.poll(() => page.locator('#navigator-question-heading').textContent()).toBe('質問 5 / 8');
    await page.getByRole('button', { name: 'この質問はとばす' }).click();
    // 6 living (answered)
    await page.getByLabel('ひとりで暮らしている').check();
    await page.getByRole('button', { name: '次へ' }).click();
    // 7 worries (skipped), then the plan
    await page.getByRole('button', { name: 'この質問はとばす' }).click();
    await page.getByRole('button', { name: 'ここまでの答えで計画を見る' }).click();

    await expect.poll(() => page.getByRole('heading', { name: '次にすること' }).count()).toBe(1);
    const dated = await expectPlanStartsWithNhiAndPension(page);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await saveScreenshot(page, 'navigator-plan-360');

    // "なぜ表示されているか" on the first step.
    const first = dated.nth(0);
    await first.getByText('なぜ表示されているか').click();
    await expect
      .poll(() =>
        first
          .getByText('「やめる前の健康保険は 会社の健康保険（協会けんぽ・健康保険組合など）」と答えたので')
          .isVisible(),
      )
      .toBe(true);
    await expect
      .poll(() => first.getByText(/会社の健康保険に入っていた: 満たしています/).isVisible())
      .toBe(true);
    await expectAxeClean(page);

    // Print the checklist (the print dialog is stubbed; the print rendering is checked).
    await stubPrint(page);
    await page.getByRole('button', { name: 'チェックリストを印刷する' }).click();
    expect(await printed(page)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    const checklist = page.locator('.navigator-checklist');
    await expect.poll(() => checklist.isVisible()).toBe(true);
    expect(await checklist.textContent()).toContain(
      '国民健康保険に入る — 期限: 令和8年4月14日（2026年）まで',
    );
    expect(await page.locator('header').first().isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // Tap into the anonymous consultation: only a topic comes along.
    await page.getByRole('link', { name: '名前を言わずにオンラインで相談する' }).click();
    await page.waitForURL('**/m/192015/consultation?topic=job_leaving');
    await expect
      .poll(() => page.locator('textarea').inputValue())
      .toBe('仕事をやめたあとのことについて相談したいです。');
    await expectAxeClean(page);

    expectNoAnswerSent(requests);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    await context.close();
  });

  it('the same by keyboard alone', async () => {
    const { context, page } = await newPage(browser, server.url, VIEWPORTS.phone);
    const requests = watchRequests(page);
    await page.goto('/m/192015/navigator');
    await expect.poll(() => page.getByRole('button', { name: '自分のこととして使う' }).count()).toBe(1);
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    // Each step renders after the answer before it is sent: tab only once the control is on the page
    // (under load, tabbing began on the previous step's controls and ran past the new ones).
    const answerRadio = async (id: string) => {
      await expect.poll(() => page.locator(`#${id}`).count()).toBe(1);
      await tabUntil(page, `#${id}`);
      await page.keyboard.press('Space');
      expect(await page.locator(`#${id}`).isChecked()).toBe(true);
    };
    // Each press waits for the step it leaves to go (its heading's text changes, or the plan replaces
    // it): under load the next press otherwise landed on the old step's button before the new rendered.
    const question = () =>
      page
        .locator('#navigator-question-heading')
        .textContent({ timeout: 1_000 })
        .catch(() => null);
    const press = async (button: string) => {
      const before = await question();
      await tabUntil(page, button);
      await page.keyboard.press('Enter');
      await expect.poll(question).not.toBe(before);
    };
    const next = () => press('#nav-next');
    const skip = () => press('#nav-skip');

    await tabUntil(page, '#nav-start-self');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('navigator-question-heading');
    await answerRadio('nav-lastDay-date');
    await tabUntil(page, '#nav-lastDay-day');
    // Typed field by field as a keyboard user does. This Chromium's own UI language is English, so its
    // date fields are month / day / year (a Japanese browser shows 年 / 月 / 日).
    await page.keyboard.type('03312026');
    expect(await page.locator('#nav-lastDay-day').inputValue()).toBe('2026-03-31');
    await next();
    await expect.poll(focused).toBe('navigator-question-heading');
    await answerRadio('nav-reason-own_wish');
    await next();
    await answerRadio('nav-ei-yes');
    await tabUntil(page, '#nav-ei-months');
    await page.keyboard.type('24');
    await next();
    await answerRadio('nav-health-employee');
    await next();
    await skip();
    await answerRadio('nav-household-alone');
    await next();
    await skip();
    await next(); // question 8: "ここまでの答えで計画を見る"

    await expect.poll(() => page.getByRole('heading', { name: '次にすること' }).count()).toBe(1);
    const dated = await expectPlanStartsWithNhiAndPension(page);
    await tabUntil(page, 'summary', 60);
    await page.keyboard.press('Enter');
    expect(await dated.nth(0).locator('details').getAttribute('open')).not.toBeNull();

    await tabUntil(page, 'a[href*="/consultation?topic=job_leaving"]', 200);
    await stubPrint(page);
    await tabUntil(page, '#nav-print', 200);
    await page.keyboard.press('Enter');
    expect(await printed(page)).toBe(1);
    // Back to the consultation link with Shift+Tab, then Enter.
    for (let i = 0; i < 200; i++) {
      if (
        await page.evaluate(() =>
          document.activeElement?.matches('a[href*="/consultation?topic=job_leaving"]'),
        )
      )
        break;
      await page.keyboard.press('Shift+Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL('**/m/192015/consultation?topic=job_leaving');
    await expectAxeClean(page);
    expectNoAnswerSent(requests);
    await context.close();
  });

  it('a family member gets family classes; the search leads a job leaver to the navigator', async () => {
    const { context, page } = await newPage(browser, server.url, VIEWPORTS.phone);
    await page.goto('/m/192015/navigator?lang=easy-ja');
    await page.getByRole('button', { name: /家族の ことで 使う/ }).click();
    await page.getByRole('button', { name: 'ここまでの こたえで 見る' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: '家族の ための あつまり・学習会' }).count())
      .toBe(1);
    await expectAxeClean(page);
    await page.goto('/?lang=ja');
    await page.getByLabel('市区町村の名前で探す').fill('仕事をやめた');
    await page.getByRole('link', { name: '離職後のナビを使う' }).first().click();
    await page.waitForURL('**/navigator');
    await expectAxeClean(page);
    await context.close();
  });
});

async function pdfPages(page: Page): Promise<number> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

describe('employer sheet', () => {
  for (const lang of ['ja', 'easy-ja'] as const) {
    it(`prints on one A4 page with a QR code that leads to the town's navigator (${lang})`, async () => {
      const { context, page } = await newPage(browser, server.url, VIEWPORTS.desktop);
      await page.goto(`/navigator/employer/192015?lang=${lang}`);
      const qr = page.locator('img.employer-sheet-qr');
      await expect.poll(() => qr.count()).toBe(1);
      await expect.poll(() => page.getByText('ハローワーク甲府（デモ）').count()).toBeGreaterThan(0);
      await expectAxeClean(page);
      expect(await pdfPages(page)).toBe(1);
      await saveScreenshot(page, `employer-sheet-${lang}`);

      const png = await qr.screenshot();
      const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const decoded = jsQR(
        new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
        info.width,
        info.height,
      );
      expect(decoded?.data).toBe(`${server.url}/m/192015/navigator`);
      await page.goto(decoded!.data);
      await expect.poll(() => page.getByRole('button', { name: /使う/ }).count()).toBeGreaterThan(0);
      await context.close();
    });
  }

  it('is offered on the municipality page', async () => {
    const { context, page } = await newPage(browser, server.url, VIEWPORTS.phone);
    await page.goto('/m/192015');
    await page.getByRole('link', { name: /事業所の方へ/ }).click();
    await page.waitForURL('**/navigator/employer/192015');
    await expectNoHorizontalScroll(page);
    await context.close();
  });
});

describe('console', () => {
  it("a municipal administrator adds a local scheme; it appears in that town's navigator", async () => {
    const { context, page } = await newPage(browser, server.url, VIEWPORTS.desktop);
    await signInToConsole(page, 'municipal_admin@kai.demo.example');
    await consoleNav(page).getByRole('link', { name: '離職後のナビ（このまちの窓口）' }).click();
    await expectHeading(page, '離職後のナビ: このまちの窓口と制度');
    await expectAxeClean(page);
    await page.locator('#nav-scheme-title').fill('甲斐市 離職者のための相談日（テスト）');
    await page.locator('#nav-scheme-summary').fill('毎週水曜に、仕事をやめた人と家族の相談を受けます。');
    await page.locator('#nav-scheme-effectiveFrom').fill('2026-04-01');
    await page.locator('#nav-scheme-source-title').fill('甲斐市 要綱（テスト）');
    await page.locator('#nav-scheme-source-url').fill('https://kai.demo.example/scheme');
    await page.locator('#nav-scheme-checkedOn').fill('2026-03-20');
    await page.getByRole('button', { name: '制度を追加する' }).click();
    await expect
      .poll(() =>
        page.getByRole('button', { name: '甲斐市 離職者のための相談日（テスト） を削除する' }).count(),
      )
      .toBe(1);

    const visitor = await newPage(browser, server.url, VIEWPORTS.phone);
    await visitor.page.goto('/m/192104/navigator');
    await visitor.page.getByRole('button', { name: '自分のこととして使う' }).click();
    await visitor.page.getByRole('button', { name: 'ここまでの答えで計画を見る' }).click();
    await expect
      .poll(() =>
        visitor.page.getByRole('heading', { name: '甲斐市 離職者のための相談日（テスト）' }).count(),
      )
      .toBe(1);
    await visitor.page.goto('/m/192015/navigator');
    await visitor.page.getByRole('button', { name: '自分のこととして使う' }).click();
    await visitor.page.getByRole('button', { name: 'ここまでの答えで計画を見る' }).click();
    await expect.poll(() => visitor.page.getByRole('heading', { name: '次にすること' }).count()).toBe(1);
    expect(await visitor.page.getByText('甲斐市 離職者のための相談日（テスト）').count()).toBe(0);
    await visitor.context.close();
    await context.close();
  });

  it('national staff see the rule versions with sources and checked-on dates', async () => {
    const { context, page } = await newPage(browser, server.url, VIEWPORTS.desktop);
    await signInToConsole(page, 'national@demo.example');
    await consoleNav(page).getByRole('link', { name: '離職後のナビ（全国のルール）' }).click();
    await expectHeading(page, '離職後のナビ: 全国のルール');
    await expect.poll(() => page.getByRole('cell', { name: '国民健康保険に入る' }).count()).toBe(1);
    await expectAxeClean(page);
    await context.close();
  });
});
