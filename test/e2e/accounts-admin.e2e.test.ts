import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  expectAxeClean,
  expectNoHorizontalScroll,
  saveScreenshot,
  tabUntil,
  VIEWPORTS,
} from './helpers/browser.ts';
import { consoleNav, expectHeading, fetchFromPage, signIn, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';
import { totp } from './helpers/totp.ts';

const site = setUpServerAndBrowser();

const KOFU_ADMIN = 'municipal_admin@kofu.demo.example';
const KAI_ADMIN = 'municipal_admin@kai.demo.example';
const TENANT_ROLE_LABELS = [
  '自治体管理者',
  '相談支援員',
  '就労支援担当',
  '会計担当',
  'ピアサポーター',
  '家族会',
  '消費生活・福祉窓口',
  '関係機関',
];

function signInAsAdmin(page: Page, email = KOFU_ADMIN): Promise<void> {
  return signInToConsole(page, email);
}

describe('the test TOTP helper', () => {
  it('matches the RFC 6238 SHA-1 vectors', () => {
    // Secret: the ASCII of "12345678901234567890" in base32; 8-digit codes (RFC 6238 Appendix B).
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totp(secret, new Date(59_000), 30, 8)).toBe('94287082');
    expect(totp(secret, new Date(1_111_111_109_000), 30, 8)).toBe('07081804');
    expect(totp(secret, new Date(1_234_567_890_000), 30, 8)).toBe('89005924');
    expect(totp(secret, new Date(2_000_000_000_000), 30, 8)).toBe('69279037');
  });
});

describe('account administration: the acceptance journey', () => {
  it('admin creates a consultation account → link from the outbox → password → TOTP enrolment → console; disabling ends its session', async () => {
    const email = 'hanako.kofu@kofu.demo.example';
    const displayName = '甲府 花子';
    const password = 'Castle ruins in late autumn, 2026';

    // 1. The 甲府 municipal administrator logs in and creates the account.
    const admin = await site.openPage();
    await admin.page.goto('/login');
    await expectAxeClean(admin.page);
    await signInAsAdmin(admin.page);
    await expectAxeClean(admin.page);

    await consoleNav(admin.page).getByRole('link', { name: 'アカウント' }).click();
    await admin.page.waitForURL('**/console/admin/accounts');
    await expectHeading(admin.page, 'アカウント');
    await expect.poll(() => admin.page.getByRole('status').first().textContent()).toMatch(/\d+ 件/);
    await expectAxeClean(admin.page);
    await saveScreenshot(admin.page, 'accounts-list-1280');

    await admin.page.getByRole('link', { name: '新しいアカウントを作成' }).click();
    await expectHeading(admin.page, 'アカウントの作成');
    await expectAxeClean(admin.page);
    await admin.page.getByLabel('メールアドレス').fill(email);
    await admin.page.getByLabel('表示名').fill(displayName);
    await admin.page.getByRole('group', { name: '役割' }).getByLabel('相談支援員').check();
    await admin.page.getByRole('button', { name: 'アカウントを作成する' }).click();
    await admin.page.waitForURL(/\/console\/admin\/accounts\/[0-9a-f-]{36}\?created=true$/);
    await expectHeading(admin.page, displayName);
    await expect
      .poll(() => admin.page.getByRole('status').first().textContent())
      .toContain('パスワード設定用のリンクを送信しました');
    await expectAxeClean(admin.page);

    // 2. The set-up link is read from the outbox page (no SMTP in tests: the message is held).
    await consoleNav(admin.page).getByRole('link', { name: '送信メッセージ' }).click();
    await expectHeading(admin.page, '送信メッセージ');
    const row = admin.page.getByRole('row').filter({ hasText: email }).first();
    await expect.poll(() => row.count()).toBe(1);
    await expectAxeClean(admin.page);
    await row.getByText('つながり: アカウントのパスワード設定').click();
    const body = await row.locator('pre').textContent();
    const link = body?.match(/https?:\/\/\S+\/password-reset#token=[A-Za-z0-9_-]+/)?.[0];
    expect(link, `no set-up link in the outbox body: ${body}`).toBeTruthy();
    expect(link?.startsWith(site.server.url)).toBe(true);
    await expectAxeClean(admin.page);

    // 3. The new staff member opens the link in a browser of their own and sets a password.
    const staff = await site.openPage();
    await staff.page.goto(link!);
    await expectHeading(staff.page, 'パスワードを設定する');
    // The token is taken out of the address bar at once.
    await expect.poll(() => staff.page.evaluate(() => window.location.hash)).toBe('');
    expect(staff.page.url()).toBe(`${site.server.url}/password-reset`);
    await expect
      .poll(() => staff.page.getByText('15文字以上。長い文章のようなパスワードがおすすめです').count())
      .toBe(1);
    await expectAxeClean(staff.page);

    // A too-short password: the server's own policy message is shown at the field.
    await staff.page.locator('#reset-newPassword').fill('short-pass');
    await staff.page.locator('#reset-confirmation').fill('short-pass');
    await staff.page.getByRole('button', { name: 'パスワードを設定する' }).click();
    await expect
      .poll(() => staff.page.locator('#reset-newPassword-error').textContent())
      .toMatch(/15文字以上/);
    await expectAxeClean(staff.page);

    await staff.page.locator('#reset-newPassword').fill(password);
    await staff.page.locator('#reset-confirmation').fill(password);
    await staff.page.getByRole('button', { name: 'パスワードを設定する' }).click();
    await expect
      .poll(() => staff.page.getByRole('heading', { name: 'パスワードを設定しました' }).count())
      .toBe(1);
    await expectAxeClean(staff.page);
    await staff.page.getByRole('link', { name: 'ログイン画面へ進む' }).click();

    // 4. Logging in sends the account to enrolment: its role reads personal data.
    await staff.page.waitForURL('**/login');
    await signIn(staff.page, email, password);
    await staff.page.waitForURL('**/console/security/setup');
    await expectHeading(staff.page, '二段階認証の設定');
    await expect.poll(() => consoleNav(staff.page).getByRole('link').count()).toBe(0);
    await expectAxeClean(staff.page);

    // 5. TOTP enrolment: the code is computed from the key the page shows, for the server's time.
    await staff.page.getByRole('button', { name: '認証アプリの設定を始める' }).click();
    const secretText = await staff.page.locator('#totp-secret').textContent();
    expect(secretText).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    await expect
      .poll(() => staff.page.getByRole('link', { name: /otpauth/ }).getAttribute('href'))
      .toMatch(/^otpauth:\/\/totp\//);
    await expectAxeClean(staff.page);
    await saveScreenshot(staff.page, 'totp-enrolment-1280');
    await staff.page.getByLabel('確認コード（6桁）').fill(totp(secretText!, site.server.clock.now()));
    await staff.page.getByRole('button', { name: '設定を完了する' }).click();

    const codes = staff.page.getByRole('list', { name: '回復コードの一覧' });
    await expect.poll(() => codes.getByRole('listitem').count()).toBeGreaterThanOrEqual(8);
    await expect
      .poll(() =>
        staff.page
          .getByText('この回復コードは今だけ表示されます。もう一度表示することはできません。')
          .count(),
      )
      .toBe(1);
    await expectAxeClean(staff.page);
    const continueButton = staff.page.getByRole('button', { name: '職員画面へ進む' });
    expect(await continueButton.isDisabled()).toBe(true);
    await staff.page.getByLabel('回復コードを印刷するか書き写して、安全な場所に保管しました').check();
    await continueButton.click();
    await staff.page.waitForURL('**/console');
    await expectHeading(staff.page, 'ホーム');
    expect(await consoleNav(staff.page).getByRole('link').allInnerTexts()).toEqual([
      'ホーム',
      '予定',
      '担当ケース',
      '名前を書かない相談',
      '居場所・相談先',
      '緊急保護',
      '事業者',
      '催しの管理',
      '関係機関',
      '会議',
      '交通費補助',
      'ピア報酬の承認',
      '研修の記録',
      'モデル事例',
      'セキュリティ設定',
    ]);
    await expectAxeClean(staff.page);
    // Nothing of this (codes, key) was put in web storage.
    expect(await staff.page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

    // 6. The administrator disables the account (with a confirmation dialog).
    await consoleNav(admin.page).getByRole('link', { name: 'アカウント' }).click();
    await expectHeading(admin.page, 'アカウント');
    await admin.page.getByRole('link', { name: displayName }).click();
    await expectHeading(admin.page, displayName);
    await admin.page.getByRole('button', { name: 'アカウントを無効にする' }).click();
    const dialog = admin.page.getByRole('dialog', { name: `${displayName}さんのアカウントを無効にしますか` });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Focus starts on the safe choice.
    expect(await admin.page.evaluate(() => document.activeElement?.textContent)).toBe('キャンセル');
    await expectAxeClean(admin.page);
    await dialog.getByRole('button', { name: 'アカウントを無効にする' }).click();
    await expect
      .poll(() => admin.page.getByRole('status').first().textContent())
      .toContain('アカウントを無効にしました');
    await expect.poll(() => admin.page.getByText('無効', { exact: true }).count()).toBeGreaterThan(0);

    // 7. The staff member's open page: its next API call answers 401 and it lands on /login.
    const [unauthorised] = await Promise.all([
      staff.page.waitForResponse((r) => r.url().includes('/api/') && r.status() === 401),
      consoleNav(staff.page).getByRole('link', { name: 'セキュリティ設定' }).click(),
    ]);
    expect(unauthorised.status()).toBe(401);
    await staff.page.waitForURL('**/login?expired=true**');
    await expect
      .poll(() => staff.page.getByRole('status').first().textContent())
      .toContain('もう一度ログインしてください');
    await expectAxeClean(staff.page);

    await staff.context.close();
    await admin.context.close();
  });
});

describe('account administration: scope', () => {
  it('offers only tenant roles, refuses a crafted national grant, and hides other tenants (404)', async () => {
    const { context, page } = await site.openPage();
    await signInAsAdmin(page);
    await page.goto('/console/admin/accounts/new');
    await expectHeading(page, 'アカウントの作成');
    const roles = page.getByRole('group', { name: '役割' });
    await expect.poll(() => roles.getByRole('checkbox').count()).toBe(TENANT_ROLE_LABELS.length);
    const labels = await roles.locator('label').allInnerTexts();
    expect(labels).toEqual(TENANT_ROLE_LABELS);
    expect(labels).not.toContain('国');
    expect(labels).not.toContain('都道府県');

    // Server errors are shown in the form: 409 email_taken, at the e-mail field.
    await page.getByLabel('メールアドレス').fill('consultation@kofu.demo.example');
    await page.getByLabel('表示名').fill('重複');
    await roles.getByLabel('家族会').check();
    await page.getByRole('button', { name: 'アカウントを作成する' }).click();
    const summary = page.getByRole('region', { name: 'このメールアドレスは既に使われています' });
    await expect.poll(() => summary.count()).toBe(1);
    expect(await page.locator('#account-email').getAttribute('aria-invalid')).toBe('true');
    await expectAxeClean(page);

    // A request crafted in the admin's own page (session + CSRF token) granting `national`.
    const crafted = await fetchFromPage(page, 'POST', '/api/admin/accounts', {
      email: 'crafted@kofu.demo.example',
      displayName: 'crafted',
      roles: ['national'],
    });
    expect(crafted.status).toBe(403);
    expect(crafted.body?.code).toBe('role_outside_scope');

    // An account of 甲斐市 (another tenant) does not exist for the 甲府 administrator.
    const kai = await site.openPage();
    await signInAsAdmin(kai.page, KAI_ADMIN);
    const kaiList = await fetchFromPage(kai.page, 'GET', '/api/admin/accounts?q=consultation');
    const kaiItems = (kaiList.body?.items ?? []) as { id: string; email: string }[];
    const kaiAccount = kaiItems.find((a) => a.email === 'consultation@kai.demo.example');
    expect(kaiAccount).toBeTruthy();
    await kai.context.close();

    const crossTenant = await fetchFromPage(page, 'GET', `/api/admin/accounts/${kaiAccount!.id}`);
    expect(crossTenant.status).toBe(404);
    const crossTenantRoles = await fetchFromPage(page, 'PUT', `/api/admin/accounts/${kaiAccount!.id}/roles`, {
      roles: ['consultation'],
    });
    expect(crossTenantRoles.status).toBe(404);
    await page.goto(`/console/admin/accounts/${kaiAccount!.id}`);
    await expectHeading(page, 'アカウントが見つかりません');
    await expectAxeClean(page);
    await context.close();
  });
});

describe('account administration: keyboard and small screens', () => {
  it('logs in and reaches the accounts list with Tab and Enter only', async () => {
    const { context, page } = await site.openPage();
    await page.goto('/login');
    await expectHeading(page, '職員ログイン');
    await tabUntil(page, '#login-email');
    await page.keyboard.type(KOFU_ADMIN);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');
    await page.keyboard.type('tsunagari-demo');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/console');
    await expectHeading(page, 'ホーム');

    await tabUntil(page, 'nav a[href="/console/admin/accounts"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/console/admin/accounts');
    await expectHeading(page, 'アカウント');
    // Focus went to the new page's heading; the next Tabs reach the list's links.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('page-heading');
    await tabUntil(page, 'table a[href^="/console/admin/accounts/"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/admin\/accounts\/[0-9a-f-]{36}$/);
    await expectAxeClean(page);
    await context.close();
  });

  it('the security page and the accounts list do not scroll sideways at 360 px', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await signInAsAdmin(page);

    await page.goto('/console/security');
    await expectHeading(page, 'セキュリティ設定');
    await expect
      .poll(() => page.locator('tr[aria-current="true"]').getByText('この端末', { exact: true }).count())
      .toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await saveScreenshot(page, 'security-360');

    await page.goto('/console/admin/accounts');
    await expectHeading(page, 'アカウント');
    await expect.poll(() => page.locator('table tbody tr').count()).toBeGreaterThan(5);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await saveScreenshot(page, 'accounts-list-360');

    // Search narrows the list; the filter is kept in the address.
    await page.getByLabel('名前・メールアドレス').fill('finance');
    await page.getByRole('button', { name: '検索する' }).click();
    await page.waitForURL('**/console/admin/accounts?q=finance');
    // finance@ and finance2@ (the second finance account payment batches need, issue 9).
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(2);
    await expectNoHorizontalScroll(page);
    await context.close();
  });
});
