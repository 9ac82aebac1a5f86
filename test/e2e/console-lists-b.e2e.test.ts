import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAxeClean, expectNoHorizontalScroll, VIEWPORTS } from './helpers/browser.ts';
import { expectHeading, fetchFromPage, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Issue 22 item 3, part B: the shared filter-and-sort bar on the report queue and business registry,
 * the outbox, the model cases, the navigator's own windows, the returns list and the peer registry —
 * at 360 px, axe clean. Server-paged lists are compared with what the API answers for the same filter
 * and order; lists filtered in the browser are compared with the whole list the API gave.
 */
const site = setUpServerAndBrowser();
const collator = new Intl.Collator('ja');

const cellTexts = (cells: Locator) =>
  cells.evaluateAll((all) => all.map((c) => (c.textContent ?? '').trim()));
const firstCells = (page: Page, region: string) =>
  cellTexts(page.getByRole('region', { name: region, exact: true }).locator('tbody tr td:first-child'));
const items = <T>(body: Record<string, unknown> | null) => (body?.items ?? []) as T[];

async function applyText(page: Page, label: string, q: string) {
  await page.getByLabel(label, { exact: true }).fill(q);
  await page.getByLabel(label, { exact: true }).press('Enter');
}

describe('console lists filter and sort, part B (issue 22)', () => {
  it('report queue by receipt number or business and by time received; the business registry by registration', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'report_triage@kofu.demo.example');
    await page.goto('/console/reports');
    await expectHeading(page, '通報の一覧');
    await page.getByLabel('状態', { exact: true }).selectOption('all');
    await expect.poll(async () => (await firstCells(page, '通報の一覧')).length).toBeGreaterThan(2);
    const triage = await firstCells(page, '通報の一覧');

    await page.getByLabel('通報の並び順').selectOption('oldest');
    const oldest = await fetchFromPage(page, 'GET', '/api/reports?status=all&sort=oldest&limit=50');
    const expected = items<{ receiptNumber: string }>(oldest.body).map((r) => r.receiptNumber);
    await expect.poll(() => firstCells(page, '通報の一覧')).toEqual(expected);
    expect(new Set(expected)).toEqual(new Set(triage));

    // Part of a receipt number as said on the phone (lower case, O for 0).
    await applyText(page, '問い合わせ番号・事業者名で絞り込む', 'dem0-01');
    const found = await fetchFromPage(
      page,
      'GET',
      `/api/reports?status=all&sort=oldest&limit=50&q=${encodeURIComponent('dem0-01')}`,
    );
    const numbers = items<{ receiptNumber: string }>(found.body).map((r) => r.receiptNumber);
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.every((n) => n.startsWith('DEM0-01'))).toBe(true);
    await expect.poll(() => firstCells(page, '通報の一覧')).toEqual(numbers);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    await page.goto('/console/operators');
    await expectHeading(page, '事業者');
    await expect.poll(async () => (await firstCells(page, '事業者の一覧')).length).toBeGreaterThan(0);
    await page.getByLabel('事業者の並び順').selectOption('recent');
    const recent = await fetchFromPage(page, 'GET', '/api/operators?sort=recent&limit=100');
    await expect
      .poll(() => firstCells(page, '事業者の一覧'))
      .toEqual(items<{ displayName: string }>(recent.body).map((o) => o.displayName));
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it('outbox by status and oldest first', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'municipal_admin@kofu.demo.example');
    // Two messages to list: the password links of two new accounts.
    for (const n of [1, 2]) {
      const created = await fetchFromPage(page, 'POST', '/api/admin/accounts', {
        email: `lists-b.outbox.${n}@city.example.jp`,
        displayName: `並び順の確認 ${n}`,
        roles: ['consultation'],
      });
      expect(created.status).toBe(201);
    }
    await page.goto('/console/admin/outbox');
    await expectHeading(page, '送信メッセージ');
    const recipients = () =>
      cellTexts(
        page.getByRole('region', { name: '送信メッセージの一覧' }).locator('tbody tr td:nth-child(3)'),
      );
    await expect.poll(async () => (await recipients()).length).toBeGreaterThan(1);
    await page.getByLabel('送信メッセージの並び順').selectOption('oldest');
    const oldest = await fetchFromPage(page, 'GET', '/api/admin/outbox?sort=oldest&limit=50');
    await expect
      .poll(() => recipients())
      .toEqual(items<{ recipient: string | null }>(oldest.body).map((m) => m.recipient ?? ''));
    // Whatever state the server's mail set-up leaves the new messages in (held without SMTP, pending
    // until the queue's sweep, sent…; not the passing `sending`), that state narrows the list.
    const settled = async () => {
      const res = await fetchFromPage(page, 'GET', '/api/admin/outbox?limit=50');
      return items<{ recipient: string | null; status: string }>(res.body).find(
        (m) => m.recipient === 'lists-b.outbox.2@city.example.jp',
      );
    };
    await expect
      .poll(async () => ['held', 'pending', 'sent', 'failed'].includes((await settled())?.status ?? ''))
      .toBe(true);
    const mine = await settled();
    expect(mine).toBeDefined();
    await page.getByLabel('表示する状態').selectOption(mine!.status);
    const held = await fetchFromPage(
      page,
      'GET',
      `/api/admin/outbox?sort=oldest&status=${mine!.status}&limit=50`,
    );
    const heldRecipients = items<{ recipient: string | null }>(held.body).map((m) => m.recipient ?? '');
    expect(heldRecipients).toContain('lists-b.outbox.2@city.example.jp');
    await expect.poll(() => recipients()).toEqual(heldRecipients);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it('model cases: the library by words in either kana script, then by title', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'municipal_admin@kofu.demo.example');
    await page.goto('/console/cases');
    await expectHeading(page, 'モデル事例');
    const library = '公開中のライブラリ';
    await expect.poll(async () => (await firstCells(page, library)).length).toBeGreaterThan(2);
    const all = await firstCells(page, library);
    const bar = page.getByRole('search', { name: `${library}の絞り込み` });
    for (const q of ['居場所', 'いばしょ']) {
      await bar.getByLabel('事例名・自治体で絞り込む').fill(q);
      await bar.getByLabel('事例名・自治体で絞り込む').press('Enter');
      const api = await fetchFromPage(
        page,
        'GET',
        `/api/cases?view=library&limit=100&q=${encodeURIComponent(q)}`,
      );
      const titles = items<{ title: string }>(api.body).map((c) => c.title);
      expect(titles.length, q).toBeGreaterThan(0);
      expect(titles.length, q).toBeLessThan(all.length);
      await expect.poll(() => firstCells(page, library)).toEqual(titles);
    }
    await bar.getByLabel('事例名・自治体で絞り込む').fill('');
    await bar.getByRole('button', { name: '絞り込む' }).click();
    await bar.getByLabel(`${library}の並び順`).selectOption('title');
    await expect.poll(() => firstCells(page, library)).toEqual([...all].sort(collator.compare));
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it("navigator: the town's own windows by words and by name, in the browser", async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'municipal_admin@kofu.demo.example');
    await page.goto('/console/navigator/local');
    await expectHeading(page, '離職後のナビ: このまちの窓口と制度');
    const names = () => cellTexts(page.getByRole('list', { name: '窓口', exact: true }).locator('li strong'));
    await expect.poll(async () => (await names()).length).toBeGreaterThan(3);
    const api = await fetchFromPage(page, 'GET', '/api/navigator/local');
    const windows = ((api.body?.windows ?? []) as { name: string }[]).map((w) => w.name);
    expect(new Set(await names())).toEqual(new Set(windows));

    await page.getByLabel('窓口の並び順').selectOption('name');
    await expect.poll(() => names()).toEqual([...windows].sort(collator.compare));
    // A part of the names: the town's own offices, then one kind of window by its katakana name.
    await applyText(page, '名前・住所・電話・種類で絞り込む', '甲府市');
    const inKofu = windows.filter((n) => n.includes('甲府市')).sort(collator.compare);
    expect(inKofu.length).toBeGreaterThan(0);
    expect(inKofu.length).toBeLessThan(windows.length);
    await expect.poll(() => names()).toEqual(inKofu);
    await applyText(page, '名前・住所・電話・種類で絞り込む', 'ハローワーク');
    await expect.poll(() => names()).toEqual(windows.filter((n) => n.includes('ハローワーク')));
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it('navigator: the national rules of the version in force by words and by name, in the browser', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'national@demo.example');
    await page.goto('/console/navigator/rules');
    const table = 'ルール';
    await expect.poll(async () => (await firstCells(page, table)).length).toBeGreaterThan(2);
    const all = await firstCells(page, table);
    // The day each rule was checked, in the one staff date format (和暦 with the Western year).
    await expect
      .poll(async () => (await page.getByRole('region', { name: table, exact: true }).textContent()) ?? '')
      .toMatch(/令和\d+年\d+月\d+日（\d{4}年）/);
    await page.getByLabel('ルールの並び順').selectOption('title');
    await expect.poll(() => firstCells(page, table)).toEqual([...all].sort(collator.compare));
    const word = all[0]!.slice(0, 2);
    await applyText(page, 'ルール名・根拠で絞り込む', word);
    const shown = await firstCells(page, table);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThanOrEqual(all.length);
    // The source's title counts too, so every title with the word is shown, in title order.
    const withWord = all.filter((r) => r.includes(word)).sort(collator.compare);
    expect(shown.filter((r) => r.includes(word))).toEqual(withWord);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it('returns: the prefecture finds towns by name and orders them by code or name', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'prefecture@yamanashi.demo.example');
    await page.goto('/console/returns');
    await expectHeading(page, '取組状況の報告');
    const table = '取組状況の報告';
    await expect.poll(async () => (await firstCells(page, table)).length).toBeGreaterThan(10);
    const all = await firstCells(page, table);
    await page.getByLabel('報告の並び順').selectOption('name');
    await expect.poll(() => firstCells(page, table)).toEqual([...all].sort(collator.compare));
    await applyText(page, '市区町村名で絞り込む', '甲');
    const ko = all.filter((n) => n.includes('甲')).sort(collator.compare);
    expect(ko.length).toBeGreaterThan(1);
    await expect.poll(() => firstCells(page, table)).toEqual(ko);
    await page.getByLabel('報告の並び順').selectOption('code');
    // The page shows the current fiscal year (April to March, in Japan).
    const now = new Date(Date.now() + 9 * 3_600_000);
    const fiscalYear = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
    const api = await fetchFromPage(page, 'GET', `/api/returns?fiscalYear=${fiscalYear}&limit=200`);
    const byCode = items<{ municipalityCode: string; municipalityName: string }>(api.body)
      .filter((r) => r.municipalityName.includes('甲'))
      .sort((a, b) => a.municipalityCode.localeCompare(b.municipalityCode))
      .map((r) => r.municipalityName);
    await expect.poll(() => firstCells(page, table)).toEqual(byCode);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it('peer registry: by words, by status, in name order', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'consultation@kofu.demo.example');
    await page.goto('/console/peers');
    await expectHeading(page, 'ピアサポーター');
    const names = () =>
      cellTexts(page.getByRole('list', { name: '名簿', exact: true }).locator('li > p:first-child'));
    await expect.poll(async () => (await names()).length).toBeGreaterThan(1);
    const api = await fetchFromPage(page, 'GET', '/api/peers/supporters');
    const supporters = items<{ displayName: string; status: string }>(api.body);
    expect(await names()).toEqual(supporters.map((s) => s.displayName).sort(collator.compare));
    const one = supporters[0]!.displayName;
    await applyText(page, '名簿をことばで絞り込む', one.slice(-2));
    await expect
      .poll(() => names())
      .toEqual(
        supporters
          .map((s) => s.displayName)
          .filter((n) => n.includes(one.slice(-2)))
          .sort(collator.compare),
      );
    await applyText(page, '名簿をことばで絞り込む', '');
    await page.getByLabel('名簿に表示する状態').selectOption('active');
    await expect
      .poll(() => names())
      .toEqual(
        supporters
          .filter((s) => s.status === 'active')
          .map((s) => s.displayName)
          .sort(collator.compare),
      );
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });
});
