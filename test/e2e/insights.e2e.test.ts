import { describe, expect, it } from 'vitest';
import { expectAxeClean, tabUntil } from './helpers/browser.ts';
import { expectHeading, fetchFromPage, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Issue 16 in a real browser: 甲斐市 opens this year's status return (pre-filled figures with their
 * sources), corrects one with a reason and submits → 山梨県 sends it back with a comment → 甲斐市
 * resubmits → 山梨県 accepts → national staff see 山梨県's reporting rate change, open the map of
 * "places for 40–64 per municipality" and find 甲斐市 coloured and 北杜市 hatched as not reported,
 * the same in the table; the map page by keyboard alone. Then the public page of a town with no
 * Tsunagari data shows the window its prefecture entered. axe on every page state.
 */
const site = setUpServerAndBrowser();
const FY = 2026;

describe('national layer: return round trip, map, public status', () => {
  it('municipality → prefecture → national, map and table, keyboard only on the map', async () => {
    // National staff first read 山梨県's reporting rate.
    const nat = await site.openPage();
    await signInToConsole(nat.page, 'national@demo.example');
    await nat.page.goto('/console/insights');
    await expectHeading(nat.page, '全国の取組状況');
    const rateBefore = await nat.page.getByTestId('reporting-19').textContent();
    await expectAxeClean(nat.page);

    // 1. 甲斐市 opens its return: pre-filled figures show where they come from.
    const kai = await site.openPage();
    const k = kai.page;
    await signInToConsole(k, 'municipal_admin@kai.demo.example');
    await k.goto('/console/returns');
    await expectHeading(k, `取組状況の報告（甲斐市・${FY}）`);
    await expect
      .poll(() => k.getByText(/出典: 公開中の居場所 \d+ 件（40〜64歳 \d+ 件）から/).count())
      .toBeGreaterThan(0);
    await expectAxeClean(k);
    const field = k.getByLabel('居場所（40〜64歳）', { exact: true });
    const before = Number(await field.inputValue());
    await field.fill(String(before + 2));
    await k.getByLabel('居場所（40〜64歳） を変える理由').fill('公民館の居場所がまだ掲載されていないため');
    await expectAxeClean(k);
    await k.getByRole('button', { name: '提出する' }).click();
    await expect.poll(() => k.getByText('提出しました。').count()).toBe(1);

    // 2. 山梨県 sends it back with a comment.
    const pref = await site.openPage();
    const p = pref.page;
    await signInToConsole(p, 'prefecture@yamanashi.demo.example');
    await p.goto('/console/returns');
    await expectHeading(p, '取組状況の報告');
    await expectAxeClean(p);
    await p.getByRole('link', { name: '甲斐市 の報告を開く' }).click();
    await expectHeading(p, `取組状況の報告（甲斐市・${FY}）`);
    await p.getByLabel('差し戻しの理由').fill('家族学習会の回数も確認してください');
    await expectAxeClean(p);
    await p.getByRole('button', { name: '差し戻す' }).click();
    await expect.poll(() => p.getByText('差し戻しました。').count()).toBe(1);

    // 3. 甲斐市 sees the comment and resubmits.
    await k.goto('/console/returns');
    await expect
      .poll(() => k.getByText('都道府県からのコメント: 家族学習会の回数も確認してください').count())
      .toBe(1);
    await expectAxeClean(k);
    await k.getByRole('button', { name: '提出する' }).click();
    await expect.poll(() => k.getByText('提出しました。').count()).toBe(1);

    // 4. 山梨県 accepts.
    await p.reload();
    await expect.poll(() => p.getByRole('button', { name: '受理する' }).count()).toBe(1);
    await p.getByRole('button', { name: '受理する' }).click();
    await expect.poll(() => p.getByText('受理しました。').count()).toBe(1);

    // 5. National: the reporting rate of 山梨県 changed.
    const n = nat.page;
    await n.reload();
    await expectHeading(n, '全国の取組状況');
    await expect.poll(() => n.getByTestId('reporting-19').textContent()).not.toBe(rateBefore);

    // 6. The map: 40–64 places per municipality, 山梨県; 甲斐市 coloured, 北杜市 hatched.
    await n.goto('/console/insights/map');
    await expectHeading(n, '取組状況の地図');
    await n.getByLabel('都道府県で絞り込む').selectOption({ label: '山梨県' });
    const kaiShape = n.locator('path[data-code="192104"]').first();
    await expect.poll(() => kaiShape.getAttribute('data-state'), { timeout: 20_000 }).toBe('value');
    expect(await kaiShape.getAttribute('fill')).toMatch(/^#[0-9a-f]{6}$/);
    const hokuto = n.locator('path[data-code="192091"]').first();
    expect(await hokuto.getAttribute('data-state')).toBe('not_reported');
    expect(await hokuto.getAttribute('fill')).toMatch(/^url\(#/);
    await expect
      .poll(() => n.getByText('出典：国土交通省「国土数値情報（行政区域データ）」を加工して作成').count())
      .toBe(1);
    await expectAxeClean(n);

    // 7. Keyboard alone: find 北杜市 with the search box, then read the table.
    await n.goto('/console/insights/map');
    await expectHeading(n, '取組状況の地図');
    await tabUntil(n, 'input[placeholder="名前の一部（例：甲斐）"]', 80);
    await n.keyboard.type('北杜');
    await n.keyboard.press('Enter');
    await expect.poll(() => n.getByText('北杜市 は「未報告」です。').count()).toBe(1);
    await tabUntil(n, 'input[type="radio"][value="map"]', 20);
    await n.keyboard.press('ArrowRight');
    await expect.poll(() => n.locator('table tr[data-code="192104"]').count()).toBe(1);
    const kaiRow = n.locator('tr[data-code="192104"] td[data-state]');
    expect(await kaiRow.getAttribute('data-state')).toBe('value');
    expect(await n.locator('tr[data-code="192091"] td[data-state]').textContent()).toBe('未報告');
    await expectAxeClean(n);
  });

  it('the public page of a town with no Tsunagari data shows the window its prefecture entered', async () => {
    const pref = await site.openPage();
    await signInToConsole(pref.page, 'prefecture@yamanashi.demo.example');
    const entered = await fetchFromPage(pref.page, 'PUT', `/api/returns/193640/${FY}/on-behalf`, {
      items: {
        'window.exists': true,
        'window.name': '早川町 ひきこもり相談窓口（県が入力）',
        'window.department': '福祉保健課',
        'window.phone': '000-0000-3640',
        'window.hours': '平日 9:00〜16:00',
      },
    });
    expect(entered.status).toBe(200);
    const visitor = await site.openPage();
    await visitor.page.goto('/m/193640');
    await expectHeading(visitor.page, '早川町');
    const section = visitor.page.getByTestId('municipality-status');
    await expect.poll(() => section.getByText('早川町 ひきこもり相談窓口（県が入力）').count()).toBe(1);
    await expect.poll(() => section.getByText('都道府県が入力した情報です。').count()).toBe(1);
    await expect.poll(() => section.getByText(/山梨県ひきこもり地域支援センター/).count()).toBe(1);
    await expectAxeClean(visitor.page);

    // The public map of Japan, in its own chunk.
    await visitor.page.goto('/japan');
    await expectHeading(visitor.page, '全国の取組状況');
    await expect
      .poll(() => visitor.page.locator('path[data-code]').count(), { timeout: 20_000 })
      .toBeGreaterThan(1000);
    await expectAxeClean(visitor.page);
  });
});
