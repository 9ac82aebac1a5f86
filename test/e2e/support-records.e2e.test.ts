import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  expectAxeClean,
  expectNoHorizontalScroll,
  saveScreenshot,
  tabUntil,
  VIEWPORTS,
} from './helpers/browser.ts';
import { consoleNav, expectHeading, signIn, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Issue 6, the rest of the Deliver list in a real browser: search before create → a record with a
 * nickname only (by keyboard alone) → a family member (household) → intake/assessment in versions →
 * consent given, then withdrawn as a new record → UCLA-3 and the participation ladder → the chart and
 * its table → a plan with an agreed action, and a stale plan save showing both versions → a case-list
 * import whose preview lists a bad row, then confirm. axe on every page; 360 px never scrolls sideways.
 */
const site = setUpServerAndBrowser();

const STAFF = 'consultation@kofu.demo.example';
const NAME = '（テスト）みなと';

const recordNav = (page: Page) => page.getByRole('navigation', { name: 'この人の記録' });

let personPath = '';
const visited: string[] = [];

describe('support records: the staff pages beyond the first journey', () => {
  it('search → create (keyboard only) → family → intake → consent → measures → plan → 409 → import', async () => {
    const { page } = await site.openPage();
    await signInToConsole(page, STAFF);

    // 1. From the caseload to search-before-create.
    await consoleNav(page).getByRole('link', { name: '担当ケース' }).click();
    await expectHeading(page, '担当ケース');
    await page.getByRole('link', { name: '本人の記録を探す・作る' }).click();
    await expectHeading(page, '本人の記録を探す・作る');
    visited.push(new URL(page.url()).pathname);
    await expectAxeClean(page);

    // 2. Keyboard only: search by nickname, nothing found, create with the nickname only.
    await tabUntil(page, '#search-nickname', 80);
    await page.keyboard.type(NAME);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('search-results').textContent()).toContain('0 件');
    expect(await page.locator('#person-nickname').inputValue()).toBe(NAME);
    await expectAxeClean(page);
    await tabUntil(page, '#create-heading ~ form button[type="submit"]', 120);
    await page.keyboard.press('Enter');
    await expectHeading(page, NAME);
    personPath = new URL(page.url()).pathname;
    expect(personPath).toMatch(/^\/console\/support\/persons\/[0-9a-f-]{36}$/);
    visited.push(personPath);
    // The contact wishes are on the record page, where whoever contacts the person looks first.
    expect(await page.getByTestId('contact-preferences').count()).toBe(1);

    // Searching again now finds the record (so nobody creates a second one).
    await page.goto('/console/support/persons');
    await expectHeading(page, '本人の記録を探す・作る');
    await page.locator('#search-nickname').fill(NAME);
    await page.getByRole('button', { name: '探す', exact: true }).click();
    await expect.poll(() => page.getByTestId('search-results').textContent()).toContain('1 件');
    await page.getByTestId('search-results').getByRole('link', { name: NAME }).click();
    await expectHeading(page, NAME);

    // 3. A family member: the mother, 82, living together, the main contact.
    await page.getByText('家族を追加する', { exact: true }).first().click();
    await page.locator('#family-relationship').selectOption('mother');
    await page.locator('#family-age').fill('82');
    await page.locator('#family-isMainContact').check();
    await page.locator('#family-note').fill('（テスト）平日の昼は在宅');
    await page.getByRole('button', { name: '家族を追加する' }).click();
    await expect.poll(() => page.getByTestId('family-member').count()).toBe(1);
    expect(await page.getByTestId('family-member').textContent()).toContain('82歳');
    expect(await page.getByTestId('family-member').textContent()).toContain('主な連絡先');
    await expect.poll(() => page.getByTestId('household').textContent()).toMatch(/\d+ 人/);
    await expectAxeClean(page);
    await saveScreenshot(page, 'support-records-person');

    // 4. Intake and assessment: saved twice → two versions; the first can be read again.
    await recordNav(page).getByRole('link', { name: '受付・アセスメント' }).click();
    await expectHeading(page, `${NAME}さん：受付・アセスメント`);
    visited.push(new URL(page.url()).pathname);
    await page.locator('#intake-referral-who').selectOption('family');
    await page.locator('#intake-referral-how').selectOption('phone');
    await page.locator('#intake-mainConcern-words').fill('（テスト）息子が昼夜逆転している。');
    await page.locator('#intake-mainConcern-whose').selectOption('family');
    await page.locator('#intake-personSituation-goingOut').selectOption('nearby_errands');
    await page.locator('#intake-urgency-level').selectOption('watch');
    await page.getByRole('button', { name: '受付・アセスメントを保存する' }).click();
    await expect.poll(() => page.getByText('第 1 版を保存しました。').count()).toBe(1);
    await page.locator('#intake-personWishes').fill('（テスト）夜に散歩を続けたい');
    await page.getByRole('button', { name: '第 2 版として保存する' }).click();
    await expect.poll(() => page.getByText('第 2 版を保存しました。').count()).toBe(1);
    const versions = page.getByTestId('intake-versions');
    await expect.poll(() => versions.getByRole('listitem').count()).toBe(2);
    await versions.getByRole('button', { name: '第 1 版を読む' }).click();
    await expect.poll(() => page.getByTestId('intake-version-view').textContent()).toContain('昼夜逆転');
    expect(await page.getByTestId('intake-version-view').textContent()).not.toContain('夜に散歩を続けたい');
    await expectAxeClean(page);

    // 5. Consent to labour collaboration given, then withdrawn: a new record, the first one kept.
    await recordNav(page).getByRole('link', { name: '同意' }).click();
    await expectHeading(page, `${NAME}さん：同意`);
    visited.push(new URL(page.url()).pathname);
    await page.locator('#consent-purpose').selectOption('labour_collaboration');
    await page.locator('#consent-recipient').selectOption('labour_department');
    await page.locator('#consent-status').selectOption('given');
    await page.locator('#consent-method').selectOption('signed_form');
    await page.getByRole('button', { name: '同意の記録を追加する' }).click();
    await expect.poll(() => page.getByTestId('consent-record').count()).toBe(1);
    expect(await page.getByTestId('consents-effective').textContent()).toContain('同意あり');
    await page.getByRole('button', { name: '就労支援との連携の同意の撤回を記録する' }).click();
    expect(await page.locator('#consent-status').inputValue()).toBe('withdrawn');
    expect(await page.locator('#consent-supersedes').inputValue()).not.toBe('');
    await page.locator('#consent-method').selectOption('verbal_phone');
    await page.getByRole('button', { name: '同意の記録を追加する' }).click();
    await expect.poll(() => page.getByTestId('consent-record').count()).toBe(2);
    const records = page.getByTestId('consent-record');
    expect(await records.nth(0).textContent()).toContain('撤回');
    expect(await records.nth(0).textContent()).toContain('前の記録に続く記録');
    expect(await records.nth(1).textContent()).toContain('同意あり');
    expect(await page.getByTestId('consents-effective').textContent()).toContain('撤回');
    // Who recorded it, by name, not an id.
    expect(await records.nth(0).textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    await expectAxeClean(page);
    await saveScreenshot(page, 'support-records-consents');

    // 6. UCLA-3 and the participation ladder, then the chart and its table.
    await recordNav(page).getByRole('link', { name: '評価尺度' }).click();
    await expectHeading(page, `${NAME}さん：評価尺度`);
    visited.push(new URL(page.url()).pathname);
    await expect.poll(() => page.locator('#ucla3-answers-0').count()).toBe(1);
    for (const [i, value] of [3, 2, 3].entries()) await page.locator(`#ucla3-answers-${i}-${value}`).check();
    await page.getByRole('button', { name: 'UCLA 孤独感尺度（3項目）を記録する' }).click();
    await expect.poll(() => page.getByTestId('ucla3-row').count()).toBe(1);
    expect(await page.getByTestId('ucla3-row').textContent()).toContain('8');
    await page.locator('#ladder-level-2').check();
    await page.getByRole('button', { name: '社会参加の段階を記録する' }).click();
    await expect.poll(() => page.getByTestId('ladder-row').count()).toBe(1);
    expect(await page.getByTestId('ladder-row').textContent()).toMatch(/^.*2：/);
    // HQ-25 as scored on the official form: a value out of range is caught before sending.
    await page.locator('#hq25-total').fill('48');
    await page.locator('#hq25-socialization').fill('20');
    await page.locator('#hq25-isolation').fill('40');
    await page.locator('#hq25-dailyActivities').fill('8');
    await page.getByRole('button', { name: 'HQ-25（公式の用紙で採点した値）を記録する' }).click();
    await expect.poll(() => page.locator('#hq25-isolation-error').count()).toBe(1);
    await page.locator('#hq25-isolation').fill('20');
    await page.getByRole('button', { name: 'HQ-25（公式の用紙で採点した値）を記録する' }).click();
    await expect.poll(() => page.getByTestId('hq25-row').count()).toBe(1);
    expect(await page.getByTestId('hq25-row').textContent()).toContain('42 点以上');
    expect(await page.getByTestId('ucla3-chart').locator('svg circle').count()).toBe(1);
    expect(await page.getByTestId('ladder-chart').locator('svg').getAttribute('aria-hidden')).toBe('true');
    await expectAxeClean(page);
    await saveScreenshot(page, 'support-records-measures');

    // 7. A plan with an agreed action (owner and date), then a second session saves first.
    await recordNav(page).getByRole('link', { name: '支援計画' }).click();
    await expectHeading(page, `${NAME}さんの支援計画`);
    const planPath = new URL(page.url()).pathname;
    visited.push(planPath);
    await page.locator('#plan-goals-0-ownWords').fill('（テスト）夕方に近所を歩く');
    await page.getByRole('button', { name: '取り組みを追加する' }).click();
    await page.locator('#plan-actions-0-what').fill('（テスト）週に一度、電話で様子を聞く');
    await page.locator('#plan-actions-0-owner').selectOption('consultation_staff');
    await page.locator('#plan-actions-0-ownerName').fill('相談員 テスト');
    await page.locator('#plan-actions-0-due').fill('2026-12-25');
    await expectAxeClean(page);
    await page.getByRole('button', { name: '計画を保存する' }).click();
    await expectHeading(page, /わたしの支援計画/);
    await expect.poll(() => page.locator('.plan-sheet').textContent()).toContain('電話で様子を聞く');

    const other = await site.openPage();
    await signInToConsole(other.page, STAFF);
    for (const p of [page, other.page]) {
      await p.goto(planPath);
      await expectHeading(p, `${NAME}さんの支援計画`);
      await expect.poll(() => p.locator('#plan-actions-0-what').count()).toBe(1);
    }
    expect(await page.getByTestId('plan-versions').getByRole('listitem').count()).toBe(1);
    await other.page.locator('#plan-actions-0-what').fill('（テスト）月に一度、家族と面談する（Aの変更）');
    await other.page.getByRole('button', { name: '計画を保存する' }).click();
    await expectHeading(other.page, /わたしの支援計画/);

    await page.locator('#plan-actions-0-what').fill('（テスト）週に二度、メールで様子を聞く（Bの変更）');
    await page.getByRole('button', { name: '計画を保存する' }).click();
    const conflict = page.getByTestId('plan-conflict');
    await expect.poll(() => conflict.count()).toBe(1);
    expect(await conflict.getByTestId('conflict-current').textContent()).toContain('Aの変更');
    expect(await conflict.getByTestId('conflict-current').textContent()).toContain('第 2 版');
    expect(await conflict.getByTestId('conflict-yours').textContent()).toContain('Bの変更');
    await expectAxeClean(page);
    await saveScreenshot(page, 'support-records-plan-conflict');
    await conflict.getByRole('button', { name: '自分の変更で上書きする' }).click();
    await expectHeading(page, /わたしの支援計画/);
    await expect.poll(() => page.locator('.plan-sheet').textContent()).toContain('Bの変更');
    await page.goto(planPath);
    await expect.poll(() => page.getByTestId('plan-versions').getByRole('listitem').count()).toBe(3);
    await other.context.close();

    // GAS: the plan's goal rated on the measures page; the T-score joins the chart and its table.
    await recordNav(page).getByRole('link', { name: '評価尺度' }).click();
    await expectHeading(page, `${NAME}さん：評価尺度`);
    await expect.poll(() => page.locator('#gas-ratings-0').count()).toBe(1);
    await page.locator('#gas-ratings-0-1').check();
    await page.getByRole('button', { name: '目標の達成（GAS）を記録する' }).click();
    await expect.poll(() => page.getByTestId('gas-row').count()).toBe(1);
    expect(
      Number((await page.getByTestId('gas-row').locator('td').nth(1).textContent()) ?? 0),
    ).toBeGreaterThan(50);
    await expectAxeClean(page);

    // 8. Import an existing case list: the preview lists every bad row; confirm the valid ones.
    await page.goto('/console/support/import');
    await expectHeading(page, '既存のケース一覧を取り込む');
    visited.push('/console/support/import');
    const csv = [
      '外部ID,呼び名,年代,家族のみ,備考',
      'T-001,（テスト）あさひ,30代,いいえ,（テスト）初回は母親から電話',
      ',（テスト）なぎ,20代,いいえ,',
      'T-003,（テスト）そら,よく分からない,はい,',
    ].join('\r\n');
    await page
      .locator('#support-import-file')
      .setInputFiles({ name: 'cases.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: '確かめる' }).click();
    const problems = page.getByTestId('import-problems');
    await expect.poll(() => problems.count()).toBe(1);
    const problemText = (await problems.textContent()) ?? '';
    expect(problemText).toContain('外部ID');
    expect(problemText).toContain('年代');
    await expect.poll(() => page.getByTestId('import-row').count()).toBe(3);
    const confirm = page.getByRole('button', { name: /件を反映する/ });
    expect(await confirm.isDisabled()).toBe(true);
    await expectAxeClean(page);
    await saveScreenshot(page, 'support-records-import-preview');
    await page.locator('#support-import-skip').check();
    await confirm.click();
    await expect.poll(() => page.getByText(/反映しました：新規 1/).count()).toBe(1);
    await page.goto('/console/support/persons');
    await expectHeading(page, '本人の記録を探す・作る');
    await expect.poll(() => page.getByRole('link', { name: '（テスト）あさひ' }).count()).toBe(1);
  });

  it('every new page reflows at 360 px and stays accessible there', async () => {
    expect(visited.length).toBeGreaterThanOrEqual(7);
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await signIn(page, STAFF);
    await page.waitForURL('**/console');
    for (const path of [...visited, `${personPath}/edit`]) {
      await page.goto(path);
      await expect.poll(() => page.locator('h1').count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => page.getByText('読み込んでいます').count()).toBe(0);
      await expectNoHorizontalScroll(page);
      await expectAxeClean(page);
    }
    await saveScreenshot(page, 'support-records-edit-360');
    await context.close();
  });

  it('edit and merge: a duplicate is merged into the chosen record and all history is kept', async () => {
    const { context, page } = await site.openPage();
    await signInToConsole(page, STAFF);
    // A duplicate of the same person, made by someone who did not search first.
    await page.goto('/console/support/persons');
    await expectHeading(page, '本人の記録を探す・作る');
    await page.locator('#search-phone').fill('000-0000-0000');
    await page.getByRole('button', { name: '探す', exact: true }).click();
    await expect.poll(() => page.locator('#person-nickname').count()).toBe(1);
    await page.locator('#person-nickname').fill(NAME);
    await page.getByRole('button', { name: '記録を作る' }).click();
    await expectHeading(page, NAME);
    const duplicatePath = new URL(page.url()).pathname;
    expect(duplicatePath).not.toBe(personPath);

    // Edit the original: contact wishes (no home visits) shown on every page of the record.
    await page.goto(`${personPath}/edit`);
    await expectHeading(page, `${NAME}さん：基本情報・連絡の希望`);
    await page.locator('#person-noHomeVisits').check();
    await page.locator('#person-channels-sms').check();
    await page.locator('#person-times').fill('平日の15時以降');
    await page.getByRole('button', { name: '保存する', exact: true }).click();
    await expect.poll(() => page.getByText('保存しました。').count()).toBe(1);
    await expect.poll(() => page.getByTestId('contact-wishes').textContent()).toContain('訪問はしない');
    expect(await page.getByTestId('contact-wishes').textContent()).toContain('平日の15時以降');

    // Merge: find the duplicate, keep this record, confirm in the dialog.
    await page.getByRole('button', { name: '探す', exact: true }).click();
    await page.locator('#merge-other input[type="radio"]').first().check();
    await page.locator('#merge-survivor-this').check();
    await page.getByRole('button', { name: 'まとめる内容を確かめる' }).click();
    const dialog = page.getByRole('dialog', { name: '記録をまとめますか' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAxeClean(page);
    await dialog.getByRole('button', { name: 'まとめる', exact: true }).click();
    await expect.poll(() => page.getByTestId('merge-result').count()).toBe(1);
    expect(await page.getByTestId('merge-result').textContent()).toContain('1 件の履歴');
    await page.getByTestId('merge-result').getByRole('link').click();
    await expectHeading(page, NAME);
    await expect.poll(() => page.getByText(/まとめた 1 件の記録/).count()).toBe(1);
    // The family member and the plan are still there after the merge.
    expect(await page.getByTestId('family-member').count()).toBe(1);
    await expectAxeClean(page);
    await context.close();
  });
});
