import { describe, expect, it } from 'vitest';
import { expectAxeClean, expectNoHorizontalScroll, VIEWPORTS } from './helpers/browser.ts';
import { expectHeading, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Issue 9, the coordinator's side in a real browser: the coordinator registers a peer supporter and
 * their bank account (holder typed in hiragana, shown in half-width bank kana; bank and branch chosen
 * keyboard-only) → schedules a shift at a published 居場所 for the demo supporter → the supporter sees
 * it on a 360 px phone and asks for a swap → the coordinator assigns it to the new supporter.
 * axe on every page state.
 */
const site = setUpServerAndBrowser();

/** A date ten days ahead in Japan time (YYYY-MM-DD), inside the registry's 31-day window. */
function tenDaysAhead(): string {
  return new Date(Date.now() + 9 * 3_600_000 + 10 * 86_400_000).toISOString().slice(0, 10);
}

describe('peer coordinator: registry, bank details, shifts and swaps', () => {
  it('create supporter + bank → schedule shift → supporter asks for a swap → coordinator assigns it', async () => {
    const staff = await site.openPage();
    const p = staff.page;
    await signInToConsole(p, 'consultation@kofu.demo.example');
    await p.goto('/console/peers');
    await expectHeading(p, 'ピアサポーター');
    await expectAxeClean(p);

    // 1. A new supporter, lived experience typed by the coordinator.
    await p.getByLabel('活動名').fill('テスト みなと');
    await p.getByLabel('資格').selectOption('certified');
    await p.getByLabel('活動できる日時').fill('平日の午前');
    await p.getByLabel('経験の記録').fill('本人として長くひきこもった経験（テスト）。');
    await p.getByRole('button', { name: '登録する', exact: true }).click();
    await expect.poll(() => p.getByText('テスト みなと さんを登録しました。').count()).toBe(1);
    await expect.poll(() => p.getByText('本人として長くひきこもった経験', { exact: false }).count()).toBe(1);

    // 2. Bank details: bank and branch found and chosen with the keyboard only.
    const bankSection = p.locator('section', { has: p.locator('#coord-bank-heading') });
    await bankSection.getByLabel('ピアサポーター').selectOption({ label: 'テスト みなと' });
    await p.locator('#apply-bank-q').focus();
    await p.keyboard.type('0005');
    await p.keyboard.press('Enter');
    await expect
      .poll(() => bankSection.getByRole('button', { name: /これにする/ }).count())
      .toBeGreaterThan(0);
    await p.keyboard.press('Tab'); // 探す
    await p.keyboard.press('Tab'); // the first hit
    await p.keyboard.press('Enter');
    await expect.poll(() => bankSection.getByText(/金融機関: .*（0005）/).count()).toBe(1);
    await p.locator('#apply-branch-q').focus();
    await p.keyboard.type('001');
    await p.keyboard.press('Enter');
    await expect
      .poll(() => bankSection.getByRole('button', { name: /これにする/ }).count())
      .toBeGreaterThan(0);
    await p.keyboard.press('Tab');
    await p.keyboard.press('Tab');
    await p.keyboard.press('Enter');
    await expect.poll(() => bankSection.getByText(/支店: .*（001）/).count()).toBe(1);
    await p.locator('#coord-bank-number').fill('1234567');
    // A character the bank cannot carry is named, and the account cannot be saved with it.
    await p.locator('#coord-bank-holder').fill('てすと☆みなと');
    await expect.poll(() => p.locator('#coord-bank-holder-error').textContent()).toContain('☆');
    await expect
      .poll(() => bankSection.getByRole('button', { name: '口座を登録する' }).isDisabled())
      .toBe(true);
    await p.locator('#coord-bank-holder').fill('てすと みなと');
    await expect.poll(() => p.getByTestId('coord-holder-preview').textContent()).toContain('ﾃｽﾄ ﾐﾅﾄ');
    await expectAxeClean(p);
    await bankSection.getByRole('button', { name: '口座を登録する' }).click();
    await expect.poll(() => p.getByText('口座を登録しました。').count()).toBe(1);

    // A programme with its rates, then a rate change.
    await p.getByLabel('事業名').fill('テスト 訪問ピアサポート');
    await p.locator('#coord-programme-rate').fill('1300');
    await p.getByRole('button', { name: '事業を作る' }).click();
    await expect.poll(() => p.getByText('事業「テスト 訪問ピアサポート」を作りました。').count()).toBe(1);
    const row = p.getByRole('form', { name: 'テスト 訪問ピアサポート' });
    await row.getByLabel('時間単価（円）').fill('1400');
    await Promise.all([
      p.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/peers/programmes/')),
      row.getByRole('button', { name: '「テスト 訪問ピアサポート」を保存する' }).click(),
    ]);
    await p.reload();
    await expect
      .poll(() =>
        p.getByRole('form', { name: 'テスト 訪問ピアサポート' }).getByLabel('時間単価（円）').inputValue(),
      )
      .toBe('1400');

    // 3. A shift for the demo supporter at a published 居場所.
    const shiftSection = p.locator('section', { has: p.locator('#coord-shift-heading') });
    await shiftSection.getByLabel('ピアサポーター').selectOption({ label: 'デモ ひなた' });
    await p.locator('#coord-shift-place').fill('ひだまり');
    await shiftSection.getByRole('button', { name: '探す' }).click();
    await shiftSection.getByRole('button', { name: 'これにする: まちなか居場所 ひだまり' }).click();
    await p.locator('#coord-shift-date').fill(tenDaysAhead());
    await p.locator('#coord-shift-start').fill('10:00');
    await p.locator('#coord-shift-end').fill('12:00');
    await shiftSection.getByRole('button', { name: 'シフトを登録する' }).click();
    await expect.poll(() => p.getByText('シフトを登録しました。').count()).toBe(1);
    await expectAxeClean(p);

    // 4. The supporter, on a phone, sees it and asks for a swap.
    const peer = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(peer.page, 'peer_supporter@kofu.demo.example');
    await peer.page.goto('/console/peers/me');
    await expectHeading(peer.page, '自分の活動');
    const ask = peer.page.getByRole('button', {
      // Shifts read with their start and end, without seconds (issue 22).
      name: /10:00〜12:00 まちなか居場所 ひだまり のシフトの交代を頼む/,
    });
    await expect.poll(() => ask.count()).toBe(1);
    await expectNoHorizontalScroll(peer.page);
    await expectAxeClean(peer.page);
    await ask.click();
    await expect.poll(() => peer.page.getByText('交代を依頼しました。', { exact: false }).count()).toBe(1);
    await expect.poll(() => peer.page.getByText('交代を依頼中', { exact: false }).count()).toBe(1);
    await expectNoHorizontalScroll(peer.page);
    await expectAxeClean(peer.page);
    await peer.context.close();

    // 5. The coordinator assigns the swap to the new supporter.
    await p.reload();
    await expectHeading(p, 'ピアサポーター');
    const actions = p.locator('section', { has: p.locator('#coord-shift-actions') });
    await expect.poll(() => actions.getByText('交代の依頼が出ています。').count()).toBe(1);
    await actions.getByLabel('交代するピアサポーター').selectOption({ label: 'テスト みなと' });
    await actions.getByRole('button', { name: '交代を割り当てる' }).click();
    await expect.poll(() => p.getByText('交代を割り当てました。').count()).toBe(1);
    await expect.poll(() => actions.getByText(/まちなか居場所 ひだまり テスト みなと/).count()).toBe(1);
    await expectAxeClean(p);

    // The coordinator edits the new supporter, then cancels the shift.
    await p.getByLabel('編集するピアサポーター').selectOption({ label: 'テスト みなと' });
    await expect.poll(() => p.getByLabel('活動できる日時').inputValue()).toBe('平日の午前');
    await p.getByLabel('活動できる日時').fill('平日の午前と土曜');
    await p.getByRole('button', { name: '変更を保存する' }).click();
    await expect.poll(() => p.getByText('保存しました。', { exact: true }).count()).toBe(1);
    await expect.poll(() => p.getByText('平日の午前と土曜', { exact: false }).count()).toBeGreaterThan(0);
    await actions
      .getByRole('button', { name: /シフトを取り消す: .*まちなか居場所 ひだまり テスト みなと/ })
      .click();
    await expect.poll(() => p.getByText('シフトを取り消しました。').count()).toBe(1);
    await expect.poll(() => actions.getByText(/まちなか居場所 ひだまり テスト みなと/).count()).toBe(0);
    await staff.context.close();
  });

  it('training: create a course → enrol → record completion → certificate; the administrator sets a requirement', async () => {
    const staff = await site.openPage();
    const p = staff.page;
    await signInToConsole(p, 'consultation@kofu.demo.example');
    await p.goto('/console/training/manage');
    await expectHeading(p, '研修の管理');
    await expectAxeClean(p);
    await p.getByLabel('研修名').fill('テスト 傾聴の基礎');
    await p.getByLabel('モジュール 1 の名前').fill('聴くこと');
    await p.getByLabel('セッション 1-1 の名前').fill('沈黙を待つ');
    await p.getByLabel('セッション 1-1 の時間（分）').fill('90');
    await p.getByRole('button', { name: 'セッション 1-1 に教材を追加' }).click();
    await p.getByLabel('教材 1-1-1 の名前').fill('手引き（テスト）');
    await p.getByRole('button', { name: 'モジュールを追加' }).click();
    await p.getByLabel('モジュール 2 の名前').fill('ふりかえり');
    await p.getByLabel('セッション 2-1 の名前').fill('事例を話し合う');
    await expectAxeClean(p);
    await p.getByRole('button', { name: '研修を作る' }).click();
    await expect.poll(() => p.getByText('「テスト 傾聴の基礎」を保存しました。').count()).toBe(1);
    // Every active account of the town can be enrolled; the peer supporter's account is one of them.
    await p
      .getByLabel('「テスト 傾聴の基礎」に受講登録する人')
      .selectOption({ label: 'デモ 甲府市 ピアサポーター（ピアサポーター）' });
    await p
      .getByRole('listitem')
      .filter({ hasText: 'テスト 傾聴の基礎' })
      .getByRole('button', { name: '受講登録する' })
      .click();
    await expect
      .poll(() => p.getByText('デモ 甲府市 ピアサポーター さんを受講登録しました。').count())
      .toBe(1);
    await p
      .getByRole('button', { name: 'デモ 甲府市 ピアサポーター さんの「テスト 傾聴の基礎」の修了を記録する' })
      .click();
    await expect.poll(() => p.getByText(/修了を記録しました。修了証番号 \S+/).count()).toBe(1);
    await expectAxeClean(p);
    await staff.context.close();

    // The supporter sees the certificate in their training record and opens it.
    const peer = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(peer.page, 'peer_supporter@kofu.demo.example');
    await peer.page.goto('/console/training');
    const certificate = peer.page.getByRole('link', { name: /「テスト 傾聴の基礎」の修了証/ });
    await expect.poll(() => certificate.count()).toBe(1);
    await certificate.click();
    await expectHeading(peer.page, '修了証');
    await expect
      .poll(() => peer.page.getByText('テスト 傾聴の基礎', { exact: false }).count())
      .toBeGreaterThan(0);
    await expectAxeClean(peer.page);
    await peer.context.close();

    // The administrator requires the course before the peer-supporter role.
    const admin = await site.openPage();
    await signInToConsole(admin.page, 'municipal_admin@kofu.demo.example');
    await admin.page.goto('/console/training/requirements');
    await expectHeading(admin.page, '役割に必要な研修');
    await expectAxeClean(admin.page);
    await admin.page.getByLabel('研修', { exact: true }).selectOption({ label: 'テスト 傾聴の基礎' });
    await admin.page.getByLabel('役割', { exact: true }).selectOption('peer_supporter');
    await admin.page.getByRole('button', { name: '設定を追加する' }).click();
    await expect
      .poll(() => admin.page.getByText('ピアサポーター になる前に「テスト 傾聴の基礎」').count())
      .toBe(1);
    await expectAxeClean(admin.page);
    await admin.context.close();
  });
});
