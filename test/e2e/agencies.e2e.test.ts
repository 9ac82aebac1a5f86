import { describe, expect, it } from 'vitest';
import { DEMO_AGENCY_IDS, DEMO_CONFERENCE_ID } from '../../src/server/modules/agencies/agencies.demo.ts';
import { DEMO_PERSON_IDS } from '../../src/server/modules/support/support.demo.ts';
import {
  expectAxeClean,
  expectNoHorizontalScroll,
  saveScreenshot,
  tabUntil,
  VIEWPORTS,
} from './helpers/browser.ts';
import { consoleNav, expectHeading, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Issue 7 in a real browser: consultation staff refer a case to ハローワーク甲府 (refused until the
 * person's consent naming the agency is recorded) → the agency member opens the shared summary,
 * accepts and completes → the person's access report lists the agency's read. Then the 支援会議
 * confidentiality gate, and a disclosure draft approved and opened as a printable document.
 * axe on every page; 360 px never scrolls sideways.
 */
const site = setUpServerAndBrowser();

const SUMMARY = '（テスト）短時間から試せる仕事の情報を知りたいとのこと。午後の面談を希望。';
const PERSON = DEMO_PERSON_IDS.sora;

describe('agencies: refer with consent → accept → complete → access report', () => {
  it('works across the two organisations, and the person can see who read the record', async () => {
    // 1. Consultation staff open the person's referrals from the record, on a phone.
    const staff = await site.openPage(VIEWPORTS.phone);
    const page = staff.page;
    await signInToConsole(page, 'consultation@kofu.demo.example');
    await page.goto(`/console/support/persons/${PERSON}`);
    await page.getByRole('link', { name: '関係機関への紹介' }).first().click();
    await expectHeading(page, '関係機関への紹介');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // Without consent naming ハローワーク甲府 the referral is refused, saying what is missing.
    await page.locator('#referral-agencyId').selectOption(DEMO_AGENCY_IDS.helloWorkKofu);
    await page.locator('#referral-summary').fill(SUMMARY);
    await page.getByRole('button', { name: '紹介する', exact: true }).click();
    await expect.poll(() => page.getByText('この紹介には根拠がありません').count()).toBeGreaterThan(0);
    expect(await page.getByText(/本人の同意がありません（記録がありません）/).count()).toBeGreaterThan(0);
    await expectAxeClean(page);

    // The person consents in writing; staff record it, then refer.
    await page.locator('#referral-consented').check();
    await page.getByRole('button', { name: '同意を記録する' }).click();
    await expect.poll(() => page.getByText('同意を記録しました。').count()).toBe(1);
    // A minute later than the demo referral, so the inbox lists this one first.
    site.server.clock.advance(60_000);
    await page.getByRole('button', { name: '紹介する', exact: true }).click();
    await expect.poll(() => page.getByText('紹介しました。').count()).toBe(1);
    await expect.poll(() => page.getByTestId('referral').first().textContent()).toContain('依頼中');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // 2. The agency member sees it in the inbox and opens the shared summary only.
    const agency = await site.openPage(VIEWPORTS.phone);
    const ap = agency.page;
    await signInToConsole(ap, 'agency_member@kofu.demo.example');
    await consoleNav(ap).getByRole('link', { name: '届いた紹介' }).click();
    await expectHeading(ap, '届いた紹介');
    await expectNoHorizontalScroll(ap);
    await expectAxeClean(ap);
    await ap.getByRole('link', { name: /^開く/ }).first().click();
    await expectHeading(ap, '紹介の内容');
    await expect.poll(() => ap.getByText(SUMMARY).count()).toBe(1);
    expect(await ap.getByText('そらさん').count()).toBe(0);
    await expectNoHorizontalScroll(ap);
    await expectAxeClean(ap);
    await ap.getByRole('button', { name: '受ける' }).click();
    await expect.poll(() => ap.getByTestId('referral-status').textContent()).toContain('受付済み');
    await ap.locator('#shared-note').fill('（テスト）初回面談を行い、職業相談につなぎました。');
    await ap.getByRole('button', { name: '完了にする' }).click();
    await expect.poll(() => ap.getByTestId('referral-status').textContent()).toContain('完了');
    await expectAxeClean(ap);

    // 3. Staff see the outcome, and the person's access report lists the agency's read (no names).
    await page.reload();
    await expect.poll(() => page.getByTestId('referral').first().textContent()).toContain('完了');
    await page.goto(`/console/support/persons/${PERSON}/rights`);
    await expectHeading(page, '本人の権利');
    const report = page.getByTestId('access-report');
    await expect.poll(() => report.textContent()).toContain('ハローワーク甲府（デモ）');
    expect(await report.textContent()).toContain('関係機関');
    expect(await report.textContent()).not.toContain('デモ 甲府市 関係機関');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await saveScreenshot(page, 'agencies-access-report-360');

    await staff.context.close();
    await agency.context.close();
  });
});

describe('支援会議: the confidentiality gate', () => {
  it('staff create one with an agency member; a member must acknowledge confidentiality first', async () => {
    const staff = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(staff.page, 'consultation@kofu.demo.example');
    await consoleNav(staff.page).getByRole('link', { name: '会議' }).click();
    await expectHeading(staff.page, '会議');
    await staff.page.locator('#conference-title').fill('（テスト）支援会議 12月');
    await staff.page.getByLabel(/ハローワーク甲府（デモ）/).check();
    await staff.page.locator('#conference-ack').check();
    await staff.page.getByRole('button', { name: '作る' }).click();
    await expect
      .poll(() => staff.page.getByRole('link', { name: '（テスト）支援会議 12月' }).count())
      .toBe(1);
    await expectNoHorizontalScroll(staff.page);
    await expectAxeClean(staff.page);
    await staff.context.close();

    const { context, page } = await site.openPage();
    await signInToConsole(page, 'agency_member@kofu.demo.example');
    await consoleNav(page).getByRole('link', { name: '会議' }).click();
    await expectHeading(page, '会議');
    await expect.poll(() => page.getByText('（テスト）支援会議 12月').count()).toBe(1);
    await expectAxeClean(page);
    await page.goto(`/console/conferences/${DEMO_CONFERENCE_ID}`);
    await expect.poll(() => page.getByRole('heading', { name: '守秘義務の確認' }).count()).toBe(1);
    expect(await page.getByText('訪問の進め方').count()).toBe(0);
    await expectAxeClean(page);
    // The confidentiality gate by keyboard alone: Tab to the checkbox, Space, Tab to the button, Enter.
    await tabUntil(page, '#gate-confirm');
    await page.keyboard.press('Space');
    expect(await page.locator('#gate-confirm').isChecked()).toBe(true);
    let presses = 0;
    while (
      !(await page.evaluate(() => document.activeElement?.textContent?.trim() === '確認して開く')) &&
      presses++ < 10
    )
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText(/訪問の進め方/).count()).toBeGreaterThan(0);
    await expectAxeClean(page);
    await context.close();
  });
});

describe('開示請求: draft → approve → printable document', () => {
  it('lists the items, marks withheld ones with the reason, and prints after approval', async () => {
    const { context, page } = await site.openPage();
    await signInToConsole(page, 'consultation@kofu.demo.example');
    await page.goto(`/console/support/persons/${DEMO_PERSON_IDS.yamadaFamily}/rights`);
    await expectHeading(page, '本人の権利');
    await page.getByRole('button', { name: '下書きを作る' }).click();
    await expectHeading(page, '開示の下書き');
    await expect.poll(() => page.getByTestId('disclosure-status').textContent()).toContain('下書き');
    // The items come with the status, never a moment later (a click in between once saved none).
    expect(await page.getByRole('combobox', { name: '理由' }).count()).toBeGreaterThan(0);
    await expectAxeClean(page);
    // One more item withheld, for a reason no draft proposes, and approved without pressing 保存:
    // approval is of what the screen shows, so the unsaved choice must reach the document.
    const released = page.locator('input[id^="withhold-"]:not(:checked)').first();
    const reasonId = (await released.getAttribute('id'))!.replace('withhold-', 'reason-');
    await released.check();
    await page.locator(`#${reasonId}`).selectOption('harm_to_person');
    await page.getByRole('button', { name: '承認する' }).click();
    await expect.poll(() => page.getByTestId('disclosure-status').textContent()).toContain('承認済み');
    await page.getByRole('link', { name: /開示文書を開く/ }).click();
    await expectHeading(page, '保有個人情報の開示');
    await expect.poll(() => page.getByText(/支援会議の非公開資料/).count()).toBeGreaterThan(0);
    expect(await page.getByText(/本人の生命・身体等を害するおそれ/).count()).toBe(1);
    await expectAxeClean(page);
    await context.close();
  });
});

describe('administrator pages: agencies and retention', () => {
  it('list agencies, add one, set retention, read the purge report — axe clean at 360 px', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'municipal_admin@kofu.demo.example');
    await consoleNav(page).getByRole('link', { name: '関係機関' }).click();
    await expectHeading(page, '関係機関');
    await expect.poll(() => page.getByText('ハローワーク甲府（デモ）').count()).toBeGreaterThan(0);
    await page.locator('#agency-kind').selectOption('family_association');
    await page.locator('#agency-name').fill('（テスト）甲府の家族のつどい');
    await page.getByRole('button', { name: '登録する' }).click();
    await expect.poll(() => page.getByRole('cell', { name: '（テスト）甲府の家族のつどい' }).count()).toBe(1);
    // The agency-member account is linked to its agency (here: confirmed where it already is).
    await page.locator('#member-agency').selectOption(DEMO_AGENCY_IDS.helloWorkKofu);
    await page.getByRole('button', { name: '所属させる' }).click();
    await expect.poll(() => page.getByText('所属させました。').count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    await consoleNav(page).getByRole('link', { name: '保存期間と消去' }).click();
    await expectHeading(page, '保存期間と消去');
    await page.locator('#retention-policies-0-months').fill('3');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.getByText('12 か月以上にしてください').count()).toBeGreaterThan(0);
    await expectAxeClean(page);
    await page.locator('#retention-policies-0-months').fill('84');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.getByText('保存しました。').count()).toBe(1);
    // Kept, and shown with every other class's period as soon as the form is there.
    await page.reload();
    await expectHeading(page, '保存期間と消去');
    await expect.poll(() => page.locator('#retention-policies-0-months').inputValue()).toBe('84');
    expect(await page.locator('#retention-policies-1-months').inputValue()).toMatch(/^\d+$/);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });
});
