import { describe, expect, it } from 'vitest';
import { DEMO_AGENCY_IDS } from '../../src/server/modules/agencies/agencies.demo.ts';
import { DEMO_PERSON_IDS } from '../../src/server/modules/support/support.demo.ts';
import { expectAxeClean, expectNoHorizontalScroll, VIEWPORTS } from './helpers/browser.ts';
import { consoleNav, expectHeading, fetchFromPage, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Issue 22 (支援会議 complete) in a real browser: a 支援会議 with the person, one internal participant
 * and one agency decides to share with the ひきこもり地域支援センター; the referral resting on that
 * decision is sent (it used to be refused); the agency member sees whom it is about and who sent it,
 * and has an alert in the outbox; the minutes are saved as a version. axe on every page.
 */
const site = setUpServerAndBrowser();

const TITLE = '（テスト）支援会議 はるさんの件';
const SCOPE = '訪問の経過と本人の希望';

describe('支援会議 → decision to share → referral → the agency inbox and outbox', () => {
  it('works end to end', async () => {
    // 0. The administrator links the agency-member account to the 地域支援センター.
    const admin = await site.openPage();
    await signInToConsole(admin.page, 'municipal_admin@kofu.demo.example');
    await consoleNav(admin.page).getByRole('link', { name: '関係機関' }).click();
    await expectHeading(admin.page, '関係機関');
    await admin.page.locator('#member-agency').selectOption(DEMO_AGENCY_IDS.hikikomoriCenter);
    await admin.page.getByRole('button', { name: '所属させる' }).click();
    await expect.poll(() => admin.page.getByText('所属させました。').count()).toBe(1);

    // 1. Consultation staff create the 支援会議 with an internal participant and the agency member.
    const staff = await site.openPage(VIEWPORTS.phone);
    const page = staff.page;
    await signInToConsole(page, 'consultation@kofu.demo.example');
    await consoleNav(page).getByRole('link', { name: '会議' }).click();
    await expectHeading(page, '会議');
    await page.locator('#conference-title').fill(TITLE);
    await page.getByLabel('デモ 甲府市 就労支援担当（自治体の職員）').check();
    await page.getByLabel(/（山梨県ひきこもり地域支援センター（デモ））/).check();
    await page.locator('#conference-ack').check();
    await page.getByRole('button', { name: '作る' }).click();
    await expect.poll(() => page.getByRole('link', { name: TITLE }).count()).toBe(1);
    await expectAxeClean(page);
    await page.getByRole('link', { name: TITLE }).click();
    await expectHeading(page, TITLE);

    // 2. The person goes on the agenda, found by part of the nickname.
    await page.locator('#conf-person-q').fill('はる');
    await page.getByRole('button', { name: '探す' }).click();
    await page.getByRole('button', { name: /会議に加える.*はるさん/ }).click();
    await expect.poll(() => page.getByText('本人を会議に加えました。').count()).toBe(1);
    const persons = page.getByRole('region', { name: '会議で扱う本人' });
    await expect.poll(() => persons.getByRole('listitem').first().textContent()).toContain('はるさん');
    expect(await persons.textContent()).not.toContain('さんさん');
    const members = page.getByRole('region', { name: '参加者' });
    expect(await members.textContent()).toContain('（自治体の職員）');
    expect(await members.textContent()).toContain('（山梨県ひきこもり地域支援センター（デモ））');
    await expectAxeClean(page);

    // 3. The decision names the person, the agency and what may be shared.
    await page.locator('#item-kind').selectOption('decision');
    await page.locator('#item-personId').selectOption(DEMO_PERSON_IDS.haru);
    await page.locator('#item-agencyId').selectOption(DEMO_AGENCY_IDS.hikikomoriCenter);
    await page.locator('#item-scope').fill(SCOPE);
    await page.locator('#item-text').fill('地域支援センターと訪問の経過を共有し、訪問を一緒に行う。');
    await page.getByRole('button', { name: '追加する', exact: true }).click();
    await expect.poll(() => page.getByText(`共有してよい内容：${SCOPE}`, { exact: false }).count()).toBe(1);
    expect(
      await page.getByText('共有先：山梨県ひきこもり地域支援センター（デモ）', { exact: false }).count(),
    ).toBe(1);

    // 4. Minutes: saved as version 1, readable in the list of versions.
    await page.locator('#minutes-minutes').fill('（テスト）訪問の進め方と役割分担を確認した。');
    await page.getByRole('button', { name: '会議録を保存する' }).click();
    await expect.poll(() => page.getByText('会議録を保存しました。').count()).toBe(1);
    expect(await page.getByText('会議録はまだありません。').count()).toBe(0);
    await page.getByRole('button', { name: /以前の版を見る（1版）/ }).click();
    await expect.poll(() => page.getByText(/第1版/).count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // 5. The referral resting on that decision is sent (no consent to this agency on record).
    site.server.clock.advance(60_000);
    await page.goto(`/console/support/persons/${DEMO_PERSON_IDS.haru}/referrals`);
    await expectHeading(page, '関係機関への紹介');
    await page.locator('#referral-agencyId').selectOption(DEMO_AGENCY_IDS.hikikomoriCenter);
    await page.locator('#referral-summary').fill('（テスト）訪問の経過を共有します。');
    await page.getByRole('button', { name: '紹介する', exact: true }).click();
    await expect.poll(() => page.getByText('紹介しました。').count()).toBe(1);
    expect(await page.getByText('この紹介には根拠がありません').count()).toBe(0);
    await expectAxeClean(page);

    // 6. The agency member sees whom it is about and who sent it, and how to reach them.
    const agency = await site.openPage(VIEWPORTS.phone);
    const ap = agency.page;
    await signInToConsole(ap, 'agency_member@kofu.demo.example');
    await consoleNav(ap).getByRole('link', { name: '届いた紹介' }).click();
    await expectHeading(ap, '届いた紹介');
    const first = ap.getByRole('listitem').filter({ hasText: '本人（呼び名）' }).first();
    await expect.poll(() => first.textContent()).toContain('はるさん');
    expect(await first.textContent()).toContain('紹介した職員');
    expect(await first.textContent()).toContain('consultation@kofu.demo.example');
    await expectNoHorizontalScroll(ap);
    await expectAxeClean(ap);

    // 7. …and an alert waits in the outbox for the agency member (no content in it).
    await admin.page.goto('/console/admin/outbox');
    await expectHeading(admin.page, '送信メッセージ');
    const row = admin.page.getByRole('row').filter({ hasText: 'agency_member@kofu.demo.example' });
    await expect
      .poll(() => row.filter({ hasText: '関係機関への紹介が届きました' }).count())
      .toBeGreaterThan(0);
    await expectAxeClean(admin.page);
    const outbox = await fetchFromPage(admin.page, 'GET', '/api/admin/outbox?limit=200');
    const alerts = (outbox.body?.items ?? []) as { templateKey: string; body: string }[];
    const alert = alerts.find((m) => m.templateKey === 'referral.received');
    expect(alert?.body).not.toContain('はる');

    await staff.context.close();
    await agency.context.close();
    await admin.context.close();
  });
});
