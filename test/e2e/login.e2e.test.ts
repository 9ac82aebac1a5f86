import { describe, expect, it } from 'vitest';
import { expectAxeClean, expectNoHorizontalScroll, VIEWPORTS } from './helpers/browser.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

const site = setUpServerAndBrowser();

describe('staff login page', () => {
  it('renders accessibly at phone size', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/login');
    await expect.poll(() => page.locator('h1').textContent()).toBe('職員ログイン');
    expect(await page.locator('#login-email').getAttribute('autocomplete')).toBe('username');
    expect(await page.locator('#login-password').getAttribute('type')).toBe('password');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it('submitting empty fields shows Japanese errors in a focused error summary', async () => {
    const { context, page } = await site.openPage();
    await page.goto('/login');
    await page.getByRole('button', { name: 'ログインする' }).click();

    const summary = page.getByRole('region', { name: '入力内容を確認してください' });
    await expect.poll(() => summary.count()).toBe(1);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby')))
      .toBe('error-summary-heading');
    expect(await summary.getByRole('link').allInnerTexts()).toEqual([
      'メールアドレスを入力してください。',
      'パスワードを入力してください。',
    ]);
    expect(await page.locator('#login-email').getAttribute('aria-invalid')).toBe('true');
    await expectAxeClean(page);

    // The summary's links take the user to the field.
    await summary.getByRole('link', { name: 'パスワードを入力してください。' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');
    await context.close();
  });

  it("shows the server's problem+json title and detail when login is refused", async () => {
    const { context, page } = await site.openPage();
    await page.goto('/login');
    await page.locator('#login-email').fill('nobody@kofu.demo.example');
    await page.locator('#login-password').fill('wrong password');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
      page.getByRole('button', { name: 'ログインする' }).click(),
    ]);
    const problem = (await response.json()) as { title: string; detail?: string };
    expect(response.headers()['content-type']).toContain('application/problem+json');
    const summary = page.getByRole('region', { name: problem.title });
    await expect.poll(() => summary.count()).toBe(1);
    if (problem.detail) expect(await summary.textContent()).toContain(problem.detail);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby')))
      .toBe('error-summary-heading');
    await expectAxeClean(page);
    await context.close();
  });

  it('signs in with a demo account, shows the console, and signs out', async () => {
    const { context, page } = await site.openPage();
    await page.goto('/console');
    await page.waitForURL('**/login');

    await page.locator('#login-email').fill('consultation@kofu.demo.example');
    await page.locator('#login-password').fill('tsunagari-demo');
    await page.getByRole('button', { name: 'ログインする' }).click();
    await page.waitForURL('**/console');
    await expect.poll(() => page.locator('h1').textContent()).toBe('ホーム');
    await expect.poll(() => page.getByText(/ログイン中：/).count()).toBe(1);
    const nav = page.getByRole('navigation', { name: '業務メニュー' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
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
    await expectAxeClean(page);

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL('**/login?signedOut=true');
    await expect.poll(() => page.getByText('ログアウトしました。').count()).toBe(1);
    await page.goto('/console');
    await page.waitForURL('**/login');
    await context.close();
  });
});
