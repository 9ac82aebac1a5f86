import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasLocationMetadata, jpegWithGps } from '../factories/receipts.ts';
import { expectAxeClean, expectNoHorizontalScroll, VIEWPORTS } from './helpers/browser.ts';
import { consoleNav, expectHeading, fetchFromPage, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Issue 8 in a real browser: a family member applies from a 360 px phone with a receipt photo that
 * carries a GPS position → the status by receipt number → consultation staff check identity and
 * approve a lower amount → the notice is printed (和暦, document number, the tenant, 教示) → two
 * monthly claims → finance confirms both amounts. axe on every page.
 */
const site = setUpServerAndBrowser();

const KOFU = '192015';

async function choose(page: Page, name: RegExp | string) {
  await page.getByRole('button', { name }).first().click();
}

describe('transport subsidy: the acceptance journey', () => {
  it('phone application with a GPS photo → check → reduced grant → notice → two claims → confirmed', async () => {
    // 1. The public application, step by step, on a 360 px phone.
    const applicant = await site.openPage(VIEWPORTS.phone);
    const page = applicant.page;
    await page.goto(`/m/${KOFU}/subsidy`);
    await expectHeading(page, '交通費の補助を申し込む');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // Nothing filled in: the errors are named before anything is sent.
    await page.getByRole('button', { name: '次へ' }).click();
    await expect.poll(() => page.locator('#apply-applicant-name-error').count()).toBe(1);
    await expectAxeClean(page);

    await page.locator('#apply-relation-family').check();
    await page.locator('#apply-applicant-name').fill('試験 花子');
    await page.locator('#apply-applicant-nameKana').fill('しけん はなこ');
    await page.locator('#apply-person-name').fill('試験 太郎');
    await page.locator('#apply-person-nameKana').fill('しけん たろう');
    await page.locator('#apply-contact-email').fill('hanako@example.jp');
    await page.getByRole('button', { name: '次へ' }).click();

    await expect.poll(() => page.locator('#apply-destination-q').count()).toBe(1);
    await page.locator('#apply-destination-q').fill('ひだまり');
    await page.getByRole('button', { name: '探す' }).click();
    // The town's published events are destinations too (here the place's open day), marked as such.
    await expect
      .poll(() =>
        page.getByRole('button', { name: 'これにする: まちなか居場所 ひだまり 見学・公開日' }).count(),
      )
      .toBe(1);
    await expect.poll(() => page.getByText('【催し】').count()).toBeGreaterThan(0);
    await choose(page, /これにする: まちなか居場所 ひだまり$/);
    await expect
      .poll(() => page.getByTestId('destination-chosen').textContent())
      .toContain('まちなか居場所 ひだまり');
    await page.locator('#apply-route').fill('自宅近くのバス停からバスで甲府駅、徒歩（往復）');
    await page.locator('#apply-legs-0-fareYen').fill('900');
    await page.locator('#apply-tripsPerMonth').fill('6');
    await expect.poll(() => page.getByText(/1か月 5,000円/).count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await page.getByRole('button', { name: '次へ' }).click();

    await expect.poll(() => page.locator('#apply-bank-q').count()).toBe(1);
    await page.locator('#apply-bank-q').fill('やまなし');
    await page.getByRole('button', { name: '探す' }).click();
    await choose(page, /これにする: 山梨中央（0142）/);
    await page.locator('#apply-branch-q').fill('ほんてん');
    await page.getByRole('button', { name: '探す' }).click();
    await choose(page, /これにする: 本店営業部（101）/);
    await page.locator('#apply-bank-accountNumber').fill('1234567');
    // The holder name is shown in the bank's half-width form; characters it cannot carry are named.
    await page.locator('#apply-bank-holderName').fill('しけん 花子');
    await expect.poll(() => page.locator('#apply-bank-holderName-error').textContent()).toContain('花 子');
    await page.locator('#apply-bank-holderName').fill('しけん　はなこ');
    await expect.poll(() => page.getByTestId('holder-preview').textContent()).toContain('ｼｹﾝ ﾊﾅｺ');
    await page.locator('#apply-receipts').setInputFiles({
      name: 'IMG_0001.jpg',
      mimeType: 'image/jpeg',
      buffer: jpegWithGps(),
    });
    await page.locator('#apply-consent').check();
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await page.getByRole('button', { name: '申し込む' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '申し込みを受け付けました' }).count()).toBe(1);
    const receiptNumber = (await page.getByTestId('receipt-number').textContent())?.trim() ?? '';
    expect(receiptNumber).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // The steps ahead, with where the person is now (issue 21 item 9): 本人確認 next, said in words.
    const steps = page.getByTestId('subsidy-steps');
    await expect
      .poll(() => steps.locator('li[aria-current="step"]').textContent())
      .toContain('本人確認（いまここ）');
    expect(await steps.textContent()).toContain('本人確認書類（マイナンバーカード');
    expect(await steps.locator('li').allTextContents()).toEqual([
      expect.stringContaining('申し込み（済み）'),
      expect.stringContaining('本人確認（いまここ）'),
      expect.stringContaining('交付の決定（これから）'),
      expect.stringContaining('毎月の請求（これから）'),
    ]);
    expect(await page.getByRole('button', { name: 'コピーする' }).count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // 2. The status by receipt number.
    await page.getByRole('link', { name: '状況を確かめる' }).click();
    await expectHeading(page, '申し込みの状況を確かめる');
    await page.locator('#status-receiptNumber').fill(receiptNumber.toLowerCase());
    await page.getByRole('button', { name: '確かめる' }).click();
    await expect.poll(() => page.getByTestId('status-value').textContent()).toBe('受け付けました');
    expect(
      await page.getByTestId('subsidy-steps').locator('li[aria-current="step"]').textContent(),
    ).toContain('本人確認');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // 3. Consultation staff: the queue, the receipt without GPS, the identity check.
    const staff = await site.openPage(VIEWPORTS.desktop);
    const s = staff.page;
    await signInToConsole(s, 'consultation@kofu.demo.example');
    await consoleNav(s).getByRole('link', { name: '交通費補助' }).click();
    await expectHeading(s, '交通費補助の申請');
    await expectAxeClean(s);
    await s.getByRole('link', { name: receiptNumber }).click();
    await expectHeading(s, `申請 ${receiptNumber}`);
    const receiptHref = await s.getByRole('link', { name: /領収書 1/ }).getAttribute('href');
    const stored = await s.evaluate(async (href) => {
      const response = await fetch(href!);
      return {
        type: response.headers.get('content-type'),
        bytes: Array.from(new Uint8Array(await response.arrayBuffer())),
      };
    }, receiptHref);
    expect(stored.type).toBe('image/jpeg');
    expect(hasLocationMetadata(Uint8Array.from(stored.bytes))).toBe(false);
    // The stored photo still decodes as an image.
    const decoded = await s.evaluate(async (bytes) => {
      const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }));
      return [bitmap.width, bitmap.height];
    }, stored.bytes);
    expect(decoded).toEqual([40, 24]);
    await expectAxeClean(s);
    await s.locator('#check-identityDocument').selectOption('drivers_licence');
    await s.getByRole('button', { name: '確認を記録する' }).click();
    await expect.poll(() => s.getByTestId('check-record').textContent()).toContain('運転免許証');

    // 4. Approve a lower amount, with reasons.
    await s.locator('#decision-decision').selectOption('approve_reduced');
    await s.locator('#decision-grantedMonthlyYen').fill('3600');
    await s.locator('#decision-reasons').fill('月 4 回分（往復 900 円 × 4 回）を交付します。');
    await s.getByRole('button', { name: '決定する' }).click();
    await expect.poll(() => s.getByTestId('decision-record').textContent()).toContain('3,600円');
    await expect.poll(() => s.getByTestId('application-status').textContent()).toBe('交付が決まりました');
    await expectAxeClean(s);

    // 5. The printable notice: 和暦, document number, the tenant, 教示; printing shows the sheet only.
    await s.getByRole('link', { name: '通知書を印刷する' }).click();
    await expect.poll(() => s.getByTestId('document-number').textContent()).toBe('甲福地第4号');
    expect(await s.getByTestId('notice-date').textContent()).toBe('令和8年11月26日');
    expect(await s.getByTestId('notice-tenant').textContent()).toContain('甲府市');
    expect(await s.getByTestId('notice-granted').textContent()).toBe('3,600円');
    expect(await s.getByTestId('notice-instruction').textContent()).toContain('審査請求');
    await expectAxeClean(s);
    await s.emulateMedia({ media: 'print' });
    expect(await s.getByRole('button', { name: '印刷する' }).isVisible()).toBe(false);
    expect(await s.getByTestId('document-number').isVisible()).toBe(true);
    await s.emulateMedia({ media: 'screen' });
    await s.getByRole('link', { name: '申請に戻る' }).click();

    // 6. Two monthly claims. November's report over the grant is recorded as reported, covering the grant.
    await expect.poll(() => s.locator('#claim-tripMonth').count()).toBe(1);
    await s.locator('#claim-tripMonth').fill('2026-11');
    await s.locator('#claim-tripCount').fill('5');
    await s.locator('#claim-claimedYen').fill('4500');
    await s.getByRole('button', { name: '実績報告を入力する' }).click();
    await expect.poll(() => s.getByTestId('claim-2026-11').textContent()).toContain('確定待ち');
    expect(await s.getByTestId('claim-2026-11').textContent()).toContain(
      '報告額 4,500円（うち補助の対象 3,600円）',
    );
    await expectAxeClean(s);

    // December's trips, reported in January.
    site.server.clock.set(new Date('2027-01-06T10:00:00+09:00'));
    await staff.context.clearCookies();
    await signInToConsole(s, 'consultation@kofu.demo.example');
    const id = (receiptHref ?? '').split('/')[4] ?? '';
    await s.goto(`/console/subsidies/applications/${id}`);
    await expect.poll(() => s.locator('#claim-tripMonth').count()).toBe(1);
    await s.locator('#claim-tripMonth').fill('2026-12');
    await s.locator('#claim-tripCount').fill('3');
    await s.locator('#claim-claimedYen').fill('2700');
    await s.getByRole('button', { name: '実績報告を入力する' }).click();
    await expect.poll(() => s.getByTestId('claim-2026-12').textContent()).toContain('確定待ち');

    // 7. Finance confirms both amounts (額の確定); finance sees the account in clear.
    const fin = await site.openPage(VIEWPORTS.desktop);
    const f = fin.page;
    await signInToConsole(f, 'finance@kofu.demo.example');
    await f.goto(`/console/subsidies/applications/${id}`);
    await expectHeading(f, `申請 ${receiptNumber}`);
    await expect.poll(() => f.getByText('1234567').count()).toBe(1);
    await f.getByTestId('claim-2026-11').getByRole('button', { name: '額を確定する' }).click();
    await expect.poll(() => f.getByTestId('claim-2026-11').textContent()).toContain('額が確定');
    await f.getByTestId('claim-2026-12').locator('input').fill('2500');
    await f.getByTestId('claim-2026-12').getByRole('button', { name: '額を確定する' }).click();
    await expect.poll(() => f.getByTestId('claim-2026-12').textContent()).toContain('2,500円');
    expect(await f.getByTestId('claim-2026-12').textContent()).toContain('令和8年度');
    await expectAxeClean(f);

    // Consultation staff see the account masked; the applicant sees both months confirmed.
    const masked = await fetchFromPage(s, 'GET', `/api/subsidies/applications/${id}`);
    expect(masked.body?.bank).toMatchObject({ accountNumber: '****567' });
    await page.goto('/subsidies/status');
    await page.locator('#status-receiptNumber').fill(receiptNumber);
    await page.getByRole('button', { name: '確かめる' }).click();
    await expect.poll(() => page.getByText('額が確定').count()).toBe(2);
    site.server.clock.set(new Date('2026-11-26T10:00:00+09:00'));
  });
  it('staff enter an application at the counter with the person', async () => {
    const { page: s } = await site.openPage(VIEWPORTS.desktop);
    await signInToConsole(s, 'consultation@kofu.demo.example');
    await s.goto('/console/subsidies');
    await expectHeading(s, '交通費補助の申請');
    await s.getByRole('link', { name: '窓口で申請を入力する' }).click();
    await expectHeading(s, '交通費の補助を申し込む');
    await expectAxeClean(s);
    await s.locator('#apply-applicant-name').fill('窓口 一郎');
    await s.locator('#apply-applicant-nameKana').fill('まどぐち いちろう');
    await s.keyboard.press('Enter');
    await expect.poll(() => s.locator('#apply-destination-q').count()).toBe(1);
    await s.locator('#apply-destination-q').fill('ゆるり');
    await s.keyboard.press('Enter');
    await choose(s, /これにする: コミュニティカフェ ゆるり/);
    await s.locator('#apply-route').fill('自転車で往復');
    await s.locator('#apply-legs-0-mode').selectOption('bicycle');
    await s.locator('#apply-legs-0-distanceKm').fill('4.5');
    await s.locator('#apply-tripsPerMonth').fill('8');
    await expect.poll(() => s.getByText(/1回 45円 × 8 回/).count()).toBe(1);
    await s.getByRole('button', { name: '次へ' }).click();
    await s.locator('#apply-bank-q').fill('ゆうちょ');
    await s.keyboard.press('Enter');
    await choose(s, /これにする: ゆうちょ（9900）/);
    await s.locator('#apply-branch-q').fill('028');
    await s.keyboard.press('Enter');
    await choose(s, /（028）/);
    await s.locator('#apply-bank-accountNumber').fill('7654321');
    await s.locator('#apply-bank-holderName').fill('マドグチ イチロウ');
    await s.locator('#apply-consent').check();
    await s.getByRole('button', { name: '申し込む' }).click();
    await s.getByRole('link', { name: '入力した申請を開く' }).click();
    await expect.poll(() => s.getByTestId('application-status').textContent()).toBe('受け付けました');
    await expectAxeClean(s);
  });
  it('offers the form in easy Japanese, and the programme settings to the administrator', async () => {
    const { page } = await site.openPage(VIEWPORTS.phone);
    await page.goto(`/m/${KOFU}/subsidy?lang=easy-ja`);
    await expectHeading(page, 'こうつうひの ほじょを もうしこむ');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    const { page: admin } = await site.openPage(VIEWPORTS.desktop);
    await signInToConsole(admin, 'municipal_admin@kofu.demo.example');
    await admin.goto('/console/subsidies/programme');
    await expectHeading(admin, '交通費補助の制度');
    await expect.poll(() => admin.locator('#programme-instructionText').inputValue()).toContain('審査請求');
    await expectAxeClean(admin);
    // Saving makes a new version of the programme and the form anew; the page still says it was saved.
    await admin.locator('#programme-name').fill('交通費補助（テスト保存）');
    await admin.getByRole('button', { name: '保存する', exact: true }).click();
    await expect.poll(() => admin.getByRole('status').filter({ hasText: '保存しました。' }).count()).toBe(1);
    expect(await admin.locator('#programme-name').inputValue()).toBe('交通費補助（テスト保存）');
  });
});
