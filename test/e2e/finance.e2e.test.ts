import { describe, expect, it } from 'vitest';
import { readTransferFile } from '../../src/server/modules/payments/zengin-transfer-file.ts';
import { DEMO_SUBSIDY_APPLICATIONS } from '../../src/server/modules/subsidies/subsidies.demo.ts';
import { expectAxeClean, VIEWPORTS } from './helpers/browser.ts';
import { expectHeading, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Issue 22 item 6 in a real browser, as finance works it: a person reported 4,800円 for four trips
 * over a 4,000円 grant; the report is entered as reported → finance finds it in the queue of claims
 * waiting for 額の確定 and confirms 4,000円 → builds a batch, approves it after a confirmation that
 * states the count and the total → another finance user exports the 全銀 file, where the demo
 * applicant's two confirmed months are one transfer → the ledger CSV names the programmes. axe on
 * every page and on the dialog.
 */
const site = setUpServerAndBrowser();

describe('finance readable: queue → 額の確定 → batch → joined transfer → ledger CSV', () => {
  it('confirms 4,000円 of a 4,800円 report and pays two claims of one payee in one transfer', async () => {
    // 1. Consultation staff enter the report as the person made it.
    const staff = await site.openPage(VIEWPORTS.desktop);
    const s = staff.page;
    await signInToConsole(s, 'consultation@kofu.demo.example');
    await s.goto(`/console/subsidies/applications/${DEMO_SUBSIDY_APPLICATIONS.kofuReduced}`);
    await expect.poll(() => s.locator('#claim-tripMonth').count()).toBe(1);
    await s.locator('#claim-tripMonth').fill('2026-11');
    await s.locator('#claim-tripCount').fill('4');
    await s.locator('#claim-claimedYen').fill('4800');
    await s.getByRole('button', { name: '実績報告を入力する' }).click();
    await expect.poll(() => s.getByTestId('claim-2026-11').textContent()).toContain('確定待ち');
    expect(await s.getByTestId('claim-2026-11').textContent()).toContain(
      '報告額 4,800円（うち補助の対象 4,000円）',
    );
    await staff.context.close();

    // 2. Finance works the queue of claims waiting for 額の確定 (across applications).
    const fin = await site.openPage(VIEWPORTS.desktop);
    const f = fin.page;
    await signInToConsole(f, 'finance@kofu.demo.example');
    await f.goto('/console/subsidies');
    await f.getByRole('link', { name: '額の確定を待つ実績報告' }).click();
    await expectHeading(f, '額の確定を待つ実績報告');
    const row = f.getByRole('row').filter({ hasText: '芦川 みのり' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('4,800円');
    expect(await row.textContent()).toContain('4,000円');
    expect(await row.textContent()).toContain('甲府市ひきこもり支援 居場所等交通費補助（デモ）');
    expect(await row.getByLabel('確定額（円）').inputValue()).toBe('4000');
    await expectAxeClean(f);
    await row.getByRole('button', { name: '芦川 みのりさん（デモ）の2026年11月分を確定する' }).click();
    await expect
      .poll(() => f.getByText('芦川 みのりさん（デモ）の2026年11月分を 4,000円 で確定しました。').count())
      .toBe(1);
    await expect.poll(() => f.getByRole('row').filter({ hasText: '芦川 みのり' }).count()).toBe(0);
    // The application keeps both figures.
    await f.goto(`/console/subsidies/applications/${DEMO_SUBSIDY_APPLICATIONS.kofuReduced}`);
    await expect.poll(() => f.getByTestId('claim-2026-11').textContent()).toContain('額が確定');
    const claimText = await f.getByTestId('claim-2026-11').textContent();
    expect(claimText).toContain('報告額 4,800円（うち補助の対象 4,000円）');
    expect(claimText).toContain('確定額（円） 4,000円');

    // 3. The batch: payees and programmes by name; approval asks first with the count and the total.
    await f.goto('/console/payments');
    await expectHeading(f, '支払バッチ');
    await expect.poll(() => f.getByRole('checkbox').count()).toBe(4);
    await expect.poll(() => f.getByRole('cell', { name: '笛吹 大地（デモ）', exact: true }).count()).toBe(2);
    await expect
      .poll(() => f.getByRole('cell', { name: '芦川 みのり（デモ）', exact: true }).count())
      .toBe(1);
    expect(await f.getByText(/(peer|subsidy):[0-9a-f]{8}-/u).count()).toBe(0);
    await expectAxeClean(f);
    for (const box of await f.getByRole('checkbox').all()) await box.check();
    await f.getByLabel('振込日（取組日）').fill('2026-12-10');
    await f.getByRole('button', { name: '選んだ項目で支払バッチを作る' }).click();
    await expect.poll(() => f.getByText('支払バッチを作成しました。').count()).toBe(1);
    await f.getByRole('link', { name: 'バッチ 1 を開く' }).click();
    await expectHeading(f, '支払バッチ 1');
    // 2,880 + 3,360 (笛吹, one payee) + 4,000 (芦川) + the demo peer's net fee.
    const total = await f.getByText(/^￥[\d,]+（4）$/u).textContent();
    const totalYen = Number((total ?? '').replace(/[^\d]/gu, '').slice(0, -1));
    expect(totalYen).toBeGreaterThan(2_880 + 3_360 + 4_000);
    await f.getByRole('button', { name: '承認する' }).click();
    const dialog = f.getByRole('dialog', { name: '支払バッチ 1 を承認しますか' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const body = (await dialog.textContent()) ?? '';
    expect(body).toContain('請求 4 件（振込 3 件）');
    expect(body).toContain(`合計 ￥${totalYen.toLocaleString('ja-JP')}`);
    await expectAxeClean(f);
    // Cancelling approves nothing.
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await f.getByRole('button', { name: '全銀ファイルを出力する' }).count()).toBe(0);
    await f.getByRole('button', { name: '承認する' }).click();
    await dialog.getByRole('button', { name: '承認する' }).click();
    await expect.poll(() => f.getByRole('button', { name: '全銀ファイルを出力する' }).count()).toBe(1);
    const batchUrl = f.url();

    // 4. Another finance user exports: the two claims of 笛吹 are one transfer line of 6,240円.
    const exporter = await site.openPage(VIEWPORTS.desktop);
    await signInToConsole(exporter.page, 'finance2@kofu.demo.example');
    await exporter.page.goto(batchUrl);
    await expectHeading(exporter.page, '支払バッチ 1');
    const [download] = await Promise.all([
      exporter.page.waitForEvent('download'),
      exporter.page.getByRole('button', { name: '全銀ファイルを出力する' }).click(),
    ]);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const file = readTransferFile(Buffer.concat(chunks), 'crlf');
    expect(file.lines).toHaveLength(3);
    expect(file.trailer).toEqual({ count: 3, total: totalYen });
    expect(file.lines.filter((l) => l.holderName === 'ﾌｴﾌｷ ﾀﾞｲﾁ').map((l) => l.amount)).toEqual([6_240]);
    expect(file.lines.filter((l) => l.holderName === 'ｱｼｶﾞﾜ ﾐﾉﾘ').map((l) => l.amount)).toEqual([4_000]);
    // The batch detail keeps one line per claim, with the transfer each is paid in.
    await expect.poll(() => exporter.page.getByText('出力済み').count()).toBeGreaterThan(0);
    const fuefuki = exporter.page.getByRole('row').filter({ hasText: '笛吹 大地（デモ）' });
    await expect.poll(() => fuefuki.count()).toBe(2);
    const transferNos = await fuefuki.evaluateAll((rows) => rows.map((r) => r.children[1]?.textContent));
    expect(new Set(transferNos).size).toBe(1);
    await expectAxeClean(exporter.page);
    await exporter.context.close();

    // 5. The ledger, on screen and in its CSV, names the programmes.
    await f.goto('/console/payments');
    await expect
      .poll(() =>
        f.getByRole('cell', { name: '甲府市ひきこもり支援 居場所等交通費補助（デモ）', exact: true }).count(),
      )
      .toBe(1);
    await expect
      .poll(() => f.getByRole('cell', { name: 'ピアサポート活動（居場所・訪問）', exact: true }).count())
      .toBe(1);
    expect(await f.getByRole('cell', { name: '令和8年度', exact: true }).count()).toBeGreaterThan(0);
    const csv = await f.evaluate(async () => (await fetch('/api/payments/ledger.csv')).text());
    const rows = csv
      .replace(/^\uFEFF/u, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('事業,年度,年度（和暦）,予算,執行予定,確定,支払済,残額,事業キー');
    expect(
      rows.some((r) => r.startsWith('甲府市ひきこもり支援 居場所等交通費補助（デモ）,2026,令和8年度,')),
    ).toBe(true);
    expect(rows.some((r) => r.startsWith('ピアサポート活動（居場所・訪問）,'))).toBe(true);
    expect(rows.filter((r) => /^(peer|subsidy):/u.test(r))).toEqual([]);
    await fin.context.close();
  });
});
