import { describe, expect, it } from 'vitest';
import { expectAxeClean, expectNoHorizontalScroll, VIEWPORTS } from './helpers/browser.ts';
import { expectHeading, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Issue 9 in a real browser: a peer supporter records an activity and claims the month (on a phone)
 * → the coordinator approves → a finance user builds a batch with it (and the demo's other approved
 * claim; subsidy claims join once issue 8 registers its source) and approves → the approver cannot
 * export → a second finance user exports the 全銀 file → marks one line returned → it appears again,
 * marked as a re-issue, and goes into the next batch. axe on every page.
 */
const site = setUpServerAndBrowser();

describe('peer compensation to a 全銀 file: the acceptance journey', () => {
  it('activity → claim → approval → batch → export by another user → returned → next batch', async () => {
    // 1. The peer supporter, on a 360 px phone.
    const peer = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(peer.page, 'peer_supporter@kofu.demo.example');
    await peer.page.goto('/console/peers/me');
    await expectHeading(peer.page, '自分の活動');
    await expect.poll(() => peer.page.getByText('ひだまり', { exact: false }).count()).toBeGreaterThan(0);
    await expectNoHorizontalScroll(peer.page);
    await expectAxeClean(peer.page);
    await peer.page.getByLabel('活動日').fill('2026-11-10');
    await peer.page.getByLabel('活動時間（分）').fill('450');
    await peer.page.getByRole('button', { name: '記録する' }).click();
    await expect.poll(() => peer.page.getByText('活動を記録しました。').count()).toBe(1);
    await peer.page.getByLabel('対象月').fill('2026-11');
    await peer.page.getByRole('button', { name: 'この月の報酬を請求する' }).click();
    await expect.poll(() => peer.page.getByText('請求しました。', { exact: false }).count()).toBe(1);
    // 450 min × 1,100 yen = ￥8,250; 10.21 % withholding ￥842; net ￥7,408.
    await expect.poll(() => peer.page.getByRole('cell', { name: '￥7,408' }).count()).toBe(1);
    await expectAxeClean(peer.page);
    await peer.context.close();

    // 2. The coordinator approves it.
    const staff = await site.openPage();
    await signInToConsole(staff.page, 'consultation@kofu.demo.example');
    // The registry shows lived experience to the coordinator, and the coming shifts.
    await staff.page.goto('/console/peers');
    await expectHeading(staff.page, 'ピアサポーター');
    await expect.poll(() => staff.page.getByText('経験の記録:', { exact: false }).count()).toBeGreaterThan(0);
    await expectAxeClean(staff.page);
    await staff.page.goto('/console/peers/claims');
    await expectHeading(staff.page, 'ピアサポーターの報酬請求');
    await expectAxeClean(staff.page);
    await staff.page.getByRole('button', { name: 'デモ ひなた さんの 2026-11 の請求を承認する' }).click();
    await expect.poll(() => staff.page.getByText('承認しました。', { exact: false }).count()).toBe(1);
    await staff.context.close();

    // 3. Finance builds a batch with it, the other approved peer claim and the two confirmed transport
    //    subsidy claims of the demo (額の確定 done), and approves it.
    const finance = await site.openPage();
    await signInToConsole(finance.page, 'finance@kofu.demo.example');
    await finance.page.goto('/console/payments');
    await expectHeading(finance.page, '支払バッチ');
    await expect.poll(() => finance.page.getByRole('checkbox').count()).toBe(4);
    await expect.poll(() => finance.page.getByText(/^交通費補助 2026年(9|10)月分/u).count()).toBe(2);
    await expectAxeClean(finance.page);
    for (const box of await finance.page.getByRole('checkbox').all()) await box.check();
    await finance.page.getByLabel('振込日（取組日）').fill('2026-12-10');
    await finance.page.getByRole('button', { name: '選んだ項目で支払バッチを作る' }).click();
    await expect.poll(() => finance.page.getByText('支払バッチを作成しました。').count()).toBe(1);
    await finance.page.getByRole('link', { name: 'バッチ 1 を開く' }).click();
    await expectHeading(finance.page, '支払バッチ 1');
    await expectAxeClean(finance.page);
    // Approval asks first, stating what is approved: 4 claims, the two of one payee joined → 3 transfers.
    await finance.page.getByRole('button', { name: '承認する' }).click();
    const dialog = finance.page.getByRole('dialog', { name: '支払バッチ 1 を承認しますか' });
    await expect.poll(() => dialog.getByText('請求 4 件（振込 3 件）', { exact: false }).count()).toBe(1);
    await expectAxeClean(finance.page);
    await dialog.getByRole('button', { name: '承認する' }).click();
    await expect
      .poll(() => finance.page.getByRole('button', { name: '全銀ファイルを出力する' }).count())
      .toBe(1);
    // The approver cannot export.
    await finance.page.getByRole('button', { name: '全銀ファイルを出力する' }).click();
    await expect
      .poll(() => finance.page.getByText('承認した人は出力できません', { exact: false }).count())
      .toBe(1);
    const batchUrl = finance.page.url();

    // 4. A second finance user exports the file and marks one line returned.
    const exporter = await site.openPage();
    await signInToConsole(exporter.page, 'finance2@kofu.demo.example');
    await exporter.page.goto(batchUrl);
    await expectHeading(exporter.page, '支払バッチ 1');
    const [download] = await Promise.all([
      exporter.page.waitForEvent('download'),
      exporter.page.getByRole('button', { name: '全銀ファイルを出力する' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^zengin-192015-00001-20261210\.txt$/u);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const file = Buffer.concat(chunks);
    // header, 3 data (the demo applicant's two subsidy months are one transfer), trailer, end — 120 bytes + CRLF
    expect(file.length).toBe(6 * 122);
    const trailer = file.subarray(4 * 122, 4 * 122 + 120).toString('latin1');
    expect(trailer.slice(0, 7)).toBe('8000003');
    await expect.poll(() => exporter.page.getByText('出力済み').count()).toBeGreaterThan(0);
    await expectAxeClean(exporter.page);
    // Finance may unmask an account (each time audited); the masked form shows only the last 4 digits.
    await exporter.page.getByRole('button', { name: '行 1 の口座を表示（記録されます）' }).click();
    await expect.poll(() => exporter.page.getByText(/^\d{4}-\d{3} 1 \d{7} /u).count()).toBeGreaterThan(0);
    await exporter.page.getByRole('button', { name: '行 1 を組戻しにする' }).click();
    await expect.poll(() => exporter.page.getByRole('cell', { name: '組戻し', exact: true }).count()).toBe(1);
    await exporter.page.getByRole('button', { name: '行 2 を振込済みにする' }).click();
    await expect
      .poll(() => exporter.page.getByRole('cell', { name: '振込済み', exact: true }).count())
      .toBe(1);
    await exporter.context.close();

    // 5. The returned line is payable again, marked as a re-issue, and goes into the next batch.
    await finance.page.goto('/console/payments');
    await expect.poll(() => finance.page.getByText('（再振込）').count()).toBe(1);
    await finance.page.getByRole('checkbox').first().check();
    await finance.page.getByRole('button', { name: '選んだ項目で支払バッチを作る' }).click();
    await expect.poll(() => finance.page.getByRole('link', { name: 'バッチ 2 を開く' }).count()).toBe(1);
    // The budget ledger is on the same page (the demo programme's budget).
    await expect
      .poll(() => finance.page.getByRole('heading', { name: '予算台帳（事業・年度ごと）' }).count())
      .toBe(1);
    await expect.poll(() => finance.page.getByRole('cell', { name: '￥1,200,000' }).count()).toBe(1);
    await expectAxeClean(finance.page);
    await finance.context.close();
  });

  it('a peer supporter prints a training certificate and the yearly statement, by keyboard', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'peer_supporter@kofu.demo.example');
    await page.goto('/console/training');
    await expectHeading(page, '研修の記録');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    const link = page.getByRole('link', { name: /「寄り添い力 基礎研修（デモ）」の修了証/u });
    await link.focus();
    await page.keyboard.press('Enter');
    await expectHeading(page, '修了証');
    await expect.poll(() => page.locator('article').getByText('デモ 甲府市 ピアサポーター').count()).toBe(1);
    await expect.poll(() => page.getByText(/^修了証番号: 192015-\d{4}-\d{4}$/u).count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await page.goto('/console/peers/statement/2026');
    await expectHeading(page, '2026年 報酬の年間明細');
    await expect.poll(() => page.getByRole('rowheader', { name: '合計' }).count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });
});
