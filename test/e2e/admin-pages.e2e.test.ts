import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAxeClean, expectNoHorizontalScroll, saveScreenshot, VIEWPORTS } from './helpers/browser.ts';
import { consoleNav, expectHeading, fetchFromPage, signIn, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';
import { totp } from './helpers/totp.ts';

const site = setUpServerAndBrowser();

const KOFU_ADMIN = 'municipal_admin@kofu.demo.example';

function signInAsAdmin(page: Page): Promise<void> {
  return signInToConsole(page, KOFU_ADMIN);
}

type Account = { id: string; email: string; displayName: string; status: string; roles: string[] };

async function accountByEmail(page: Page, email: string): Promise<Account> {
  const list = await fetchFromPage(page, 'GET', `/api/admin/accounts?q=${encodeURIComponent(email)}`);
  const found = ((list.body?.items ?? []) as Account[]).find((a) => a.email === email);
  if (!found) throw new Error(`no account ${email}`);
  return found;
}

describe('second factor at login and the security page', () => {
  it('an enrolled account is asked for its TOTP code after the password, then manages its security', async () => {
    const email = 'taro.kai@kofu.demo.example';
    const password = 'Seven quiet lanterns over the river';
    const admin = await site.openPage();
    await signInAsAdmin(admin.page);
    const created = await fetchFromPage(admin.page, 'POST', '/api/admin/accounts', {
      email,
      displayName: '甲斐 太郎',
      roles: ['labour'],
    });
    expect(created.status).toBe(201);
    const outbox = await fetchFromPage(admin.page, 'GET', '/api/admin/outbox');
    const message = ((outbox.body?.items ?? []) as { recipient: string; body: string }[]).find(
      (m) => m.recipient === email,
    );
    const link = message?.body.match(/https?:\/\/\S+\/password-reset#token=[A-Za-z0-9_-]+/)?.[0];
    expect(link).toBeTruthy();

    const { context, page } = await site.openPage();
    await page.goto(link!);
    await page.locator('#reset-newPassword').fill(password);
    await page.locator('#reset-confirmation').fill(password);
    await page.getByRole('button', { name: 'パスワードを設定する' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'パスワードを設定しました' }).count()).toBe(1);

    // Enrol (as in the acceptance journey), then log out.
    await signIn(page, email, password);
    await page.waitForURL('**/console/security/setup');
    await page.getByRole('button', { name: '認証アプリの設定を始める' }).click();
    const secret = (await page.locator('#totp-secret').textContent())!;
    await page.getByLabel('確認コード（6桁）').fill(totp(secret, site.server.clock.now()));
    await page.getByRole('button', { name: '設定を完了する' }).click();
    await page.getByLabel('回復コードを印刷するか書き写して、安全な場所に保管しました').check();
    const recoveryCodes = await page
      .getByRole('list', { name: '回復コードの一覧' })
      .getByRole('listitem')
      .allInnerTexts();
    await page.getByRole('button', { name: '職員画面へ進む' }).click();
    await page.waitForURL('**/console');
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL('**/login?signedOut=true');

    // Log in again: the second step asks for the code; a wrong one is refused with the server's words.
    await signIn(page, email, password);
    await page.waitForURL('**/login/verify');
    await expectHeading(page, '本人確認の2つ目の手順');
    await expectAxeClean(page);
    await page.getByLabel('確認コード（6桁）').fill('000000');
    await page.getByRole('button', { name: '確認する' }).first().click();
    await expect
      .poll(() => page.getByRole('region', { name: '確認コードが正しくありません' }).count())
      .toBe(1);
    await expectAxeClean(page);
    // The server refuses a code it has already seen: move its clock to the next 30-second step.
    site.server.clock.advance(30_000);
    await page.getByLabel('確認コード（6桁）').fill(totp(secret, site.server.clock.now()));
    await page.getByRole('button', { name: '確認する' }).first().click();
    await page.waitForURL('**/console');
    await expectHeading(page, 'ホーム');

    // The security page: TOTP on, sessions with this one marked, new recovery codes, password change.
    await consoleNav(page).getByRole('link', { name: 'セキュリティ設定' }).click();
    await expectHeading(page, 'セキュリティ設定');
    await expect.poll(() => page.getByText('設定済みです。').count()).toBe(1);
    await expect.poll(() => page.locator('tr[aria-current="true"]').count()).toBe(1);
    await expectAxeClean(page);

    await page.getByRole('button', { name: '回復コードを作り直す' }).click();
    const dialog = page.getByRole('dialog', { name: '回復コードを作り直しますか' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAxeClean(page);
    await dialog.getByRole('button', { name: '回復コードを作り直す' }).click();
    const fresh = page.getByRole('list', { name: '回復コードの一覧' });
    await expect.poll(() => fresh.getByRole('listitem').count()).toBe(recoveryCodes.length);
    expect(await fresh.getByRole('listitem').allInnerTexts()).not.toEqual(recoveryCodes);
    await page.getByLabel('回復コードを印刷するか書き写して、安全な場所に保管しました').check();
    await page.getByRole('button', { name: '回復コードを閉じる' }).click();

    // Password change: wrong current password → the server's message at the field.
    await page.locator('#password-currentPassword').fill('not my password at all');
    await page.locator('#password-newPassword').fill('Another river, another lantern');
    await page.locator('#password-confirmation').fill('Another river, another lantern');
    await page.getByRole('button', { name: 'パスワードを変更する' }).click();
    await expect
      .poll(() => page.locator('#password-currentPassword-error').textContent())
      .toContain('現在のパスワードが正しくありません');
    await page.locator('#password-currentPassword').fill(password);
    await page.getByRole('button', { name: 'パスワードを変更する' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('パスワードを変更しました');
    // The new CSRF token was adopted: the next state-changing request still works.
    await page.getByRole('button', { name: 'すべての端末からログアウトする' }).click();
    await page
      .getByRole('dialog', { name: 'すべての端末からログアウトしますか' })
      .getByRole('button', { name: 'すべての端末からログアウトする' })
      .click();
    await page.waitForURL('**/login?signedOut=true');
    await context.close();
    await admin.context.close();
  });
});

describe('April rotation', () => {
  it('stages changes, previews them (dryRun), then applies them after a confirmation', async () => {
    const { context, page } = await site.openPage();
    await signInAsAdmin(page);
    await consoleNav(page).getByRole('link', { name: '人事異動' }).click();
    await expectHeading(page, '人事異動（4月の一括変更）');
    await expectAxeClean(page);
    // Today (the earliest date the field allows) applies at once.
    const dateField = page.locator('#rotation-effectiveOn');
    await expect.poll(() => dateField.getAttribute('min')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await dateField.fill((await dateField.getAttribute('min'))!);
    await expect.poll(() => page.getByTestId('rotation-date-summary').textContent()).toContain('今日');
    const apply = page.getByRole('button', { name: 'この内容で適用する' });
    expect(await apply.isDisabled()).toBe(true);

    await page.getByRole('button', { name: '役割の変更を追加' }).click();
    await page
      .locator('#rotation-roleChanges-0-accountId')
      .selectOption({ label: 'デモ 甲府市 家族会（family_association@kofu.demo.example）' });
    await page.getByRole('group', { name: '変更後の役割' }).getByLabel('ピアサポーター').check();
    await page.getByRole('button', { name: '無効にするアカウントを追加' }).click();
    await page
      .locator('#rotation-disable-0')
      .selectOption({ label: 'デモ 甲府市 ピアサポーター（peer_supporter@kofu.demo.example）' });
    await page.getByRole('button', { name: '引き継ぎを追加' }).click();
    await page
      .locator('#rotation-caseloadTransfers-0-fromAccountId')
      .selectOption({ label: 'デモ 甲府市 就労支援担当（labour@kofu.demo.example）' });
    await page
      .locator('#rotation-caseloadTransfers-0-toAccountId')
      .selectOption({ label: 'デモ 甲府市 相談支援員（consultation@kofu.demo.example）' });

    const [preview] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/admin/rotation')),
      page.getByRole('button', { name: '確認する（まだ適用しません）' }).click(),
    ]);
    expect(preview.status()).toBe(200);
    expect(preview.request().postDataJSON()).toMatchObject({ dryRun: true });
    const table = page.getByRole('table');
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    expect(await table.getByRole('row').nth(1).textContent()).toContain('家族会、ピアサポーター');
    expect(await apply.isDisabled()).toBe(false);
    await expectAxeClean(page);

    // Nothing changed yet.
    expect((await accountByEmail(page, 'peer_supporter@kofu.demo.example')).status).toBe('active');

    await apply.click();
    const dialog = page.getByRole('dialog', { name: '人事異動を適用しますか' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'この内容で適用する' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('人事異動を適用しました');
    await expectAxeClean(page);
    expect((await accountByEmail(page, 'peer_supporter@kofu.demo.example')).status).toBe('disabled');
    expect((await accountByEmail(page, 'family_association@kofu.demo.example')).roles).toEqual([
      'family_association',
      'peer_supporter',
    ]);
    await context.close();
  });
  it('reads a Shift_JIS CSV, lists bad lines first, previews names and cases at 360 px, schedules and cancels', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await signInAsAdmin(page);
    await page.goto('/console/admin/rotation');
    await expectHeading(page, '人事異動（4月の一括変更）');

    // The date proposed is the next 4月1日 after today (the business clock's).
    const dateField = page.locator('#rotation-effectiveOn');
    await expect.poll(() => dateField.getAttribute('min')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const today = (await dateField.getAttribute('min'))!;
    const year = Number(today.slice(0, 4));
    const april = `${year}-04-01` >= today ? `${year}-04-01` : `${year + 1}-04-01`;
    expect(await dateField.inputValue()).toBe(april);
    const summary = await page.getByTestId('rotation-date-summary').textContent();
    expect(summary).toMatch(/^令和\d+年4月1日（\d{4}年）に適用するよう予約します。$/);

    const fileInput = page.locator('#rotation-csv-file');
    const read = page.getByRole('button', { name: 'ファイルを読み込んで確認する' });
    const header = 'メールアドレス,氏名,役割,担当の引き継ぎ先,無効にする';

    // A bad line: listed with its line number and reason; nothing else happens.
    await fileInput.setInputFiles({
      name: 'rotation.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\ufeff${header}\r\nlabour@kofu.demo.example,就労,社長,,\r\n`),
    });
    await read.click();
    const problems = page.getByTestId('rotation-csv-problems');
    await expect.poll(() => problems.isVisible()).toBe(true);
    const problemRow = problems.locator('tbody tr').first();
    expect(await problemRow.locator('td').first().textContent()).toBe('2');
    expect(await problemRow.textContent()).toContain('役割「社長」がわかりません');
    expect(await page.getByRole('button', { name: 'この内容で予約する' }).isDisabled()).toBe(true);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // A good file as Excel writes it in Japan (Shift_JIS): the form fills and the preview follows.
    await fileInput.setInputFiles({
      name: 'rotation.csv',
      mimeType: 'text/csv',
      buffer: iconv.encode(
        [
          header,
          'labour@kofu.demo.example,就労,就労支援担当・相談支援員,,',
          'consultation@kofu.demo.example,相談,,report_triage@kofu.demo.example,いいえ',
        ].join('\r\n'),
        'cp932',
      ),
    });
    await read.click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '行を読み込みました' }).textContent())
      .toContain('Shift_JIS');
    const preview = page.locator('section[aria-labelledby="rotation-preview-heading"]');
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(2);
    const text = (await preview.textContent()) ?? '';
    expect(text).toMatch(/適用する日：令和\d+年4月1日/);
    expect(text).toContain('デモ 甲府市 就労支援担当（labour@kofu.demo.example）');
    expect(text).toContain('相談支援員、就労支援担当');
    expect(text).toMatch(/担当ケース：\d+ 件/);
    expect(text).toContain('デモ 甲府市 消費生活・福祉窓口（report_triage@kofu.demo.example）');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    expect(text).not.toContain('support.cases');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await saveScreenshot(page, 'rotation-csv-preview-360');

    // Confirm: scheduled, not applied.
    await page.getByRole('button', { name: 'この内容で予約する' }).click();
    const dialog = page.getByRole('dialog', { name: '人事異動を予約しますか' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toMatch(/令和\d+年4月1日/);
    await dialog.getByRole('button', { name: 'この内容で予約する' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('に適用するよう予約しました');
    const row = page.getByTestId('rotation-scheduled-row').first();
    await expect.poll(() => row.textContent()).toContain('予約中');
    expect(await row.textContent()).toContain(
      '役割の変更：デモ 甲府市 就労支援担当（labour@kofu.demo.example）',
    );
    expect((await accountByEmail(page, 'labour@kofu.demo.example')).roles).toEqual(['labour']);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await saveScreenshot(page, 'rotation-scheduled-360');

    // Cancelled before its day.
    await row.getByRole('button', { name: /の予約を取り消す$/ }).click();
    const cancel = page.getByRole('dialog', { name: /人事異動の予約を取り消しますか$/ });
    await expect.poll(() => cancel.isVisible()).toBe(true);
    await cancel.getByRole('button', { name: /の予約を取り消す$/ }).click();
    await expect.poll(() => row.textContent()).toContain('取り消し済み');
    await expectAxeClean(page);
    await context.close();
  });
});

describe('audit log', () => {
  it('lists events with 和暦 times, filters by action, and makes the persons-read report', async () => {
    const { context, page } = await site.openPage();
    await signInAsAdmin(page);
    await consoleNav(page).getByRole('link', { name: '監査ログ' }).click();
    await expectHeading(page, '監査ログ');
    const table = page.getByRole('table');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await table.locator('tbody tr').first().textContent()).toMatch(
      /令和\d+年\d+月\d+日（\d{4}年） \d{2}:\d{2}:\d{2}/,
    );
    await expectAxeClean(page);

    // Actions read in words and accounts by name, not as codes and UUIDs.
    await page.getByLabel('操作コード').fill('audit.*');
    await page.getByRole('button', { name: '検索する' }).click();
    await expect
      .poll(async () => {
        const actions = await table.locator('tbody tr td:nth-child(4)').allInnerTexts();
        return actions.length > 0 && actions.every((a) => a.startsWith('監査ログ'));
      })
      .toBe(true);
    expect(await table.locator('tbody tr td:nth-child(2)').first().textContent()).toBe(
      'デモ 甲府市 自治体管理者',
    );
    await page.getByRole('button', { name: '条件をクリア' }).click();

    // A 開示請求 about はるさん: a worker opened her record; the administrator finds her by part of her
    // nickname, sees who read it, and exports exactly that search.
    const worker = await site.openPage();
    await signInToConsole(worker.page, 'consultation@kofu.demo.example');
    const haru = await fetchFromPage(
      worker.page,
      'GET',
      '/api/support/persons?scope=all&q=%E3%81%AF%E3%82%8B',
    );
    const haruId = ((haru.body?.items as Array<{ id: string }>) ?? [])[0]?.id ?? '';
    expect((await fetchFromPage(worker.page, 'GET', `/api/support/persons/${haruId}`)).status).toBe(200);
    await worker.context.close();
    await page.locator('#audit-person').fill('ハル');
    await page.getByRole('button', { name: '本人（呼び名）を探す' }).click();
    await page.getByRole('button', { name: 'はるさん（デモ） を選ぶ' }).click();
    await expect
      .poll(() => page.getByTestId('audit-person-picked').textContent())
      .toContain('はるさん（デモ）');
    await page.locator('#audit-account').fill('相談支援員');
    await page.getByRole('button', { name: '職員を探す' }).first().click();
    await page.getByRole('button', { name: 'デモ 甲府市 相談支援員 を選ぶ' }).click();
    await page.getByRole('button', { name: '検索する' }).click();
    await expect
      .poll(() => table.locator('tbody tr').filter({ hasText: '本人の記録：閲覧' }).count())
      .toBeGreaterThan(0);
    expect(await table.locator('tbody tr td:nth-child(2)').allInnerTexts()).toEqual(
      expect.arrayContaining(['デモ 甲府市 相談支援員']),
    );
    await expectAxeClean(page);
    const exportLink = page.getByRole('link', { name: '開示請求・漏えい報告用に書き出す（この条件の CSV）' });
    const href = (await exportLink.getAttribute('href')) ?? '';
    expect(href).toContain(`recordId=${haruId}`);
    expect(href).toContain('accountId=');
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(csv).toContain('本人の記録：閲覧');
    expect(csv).toContain('デモ 甲府市 相談支援員');
    // The export is in the log.
    const exported = await fetchFromPage(page, 'GET', '/api/admin/audit?action=audit.log.export');
    expect((exported.body?.items as unknown[] | undefined)?.length).toBeGreaterThan(0);

    await page.locator('#persons-read-accountId').fill('管理者');
    await page.getByRole('button', { name: '職員を探す' }).last().click();
    await page.getByRole('button', { name: 'デモ 甲府市 自治体管理者 を選ぶ' }).click();
    await page.locator('#persons-read-from').fill('2026-11-01');
    await page.locator('#persons-read-to').fill('2026-11-30');
    await page.getByRole('button', { name: '一覧を作成する' }).click();
    await expect.poll(() => page.getByText(/閲覧された本人：\d+ 人/).count()).toBe(1);
    await expectAxeClean(page);

    // In English too (staff console: Japanese and English).
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Audit log');
    expect(await table.locator('tbody tr').first().textContent()).toMatch(
      /\d{1,2} \w{3} 2026, \d{2}:\d{2}:\d{2}/,
    );
    await expectAxeClean(page);
    await page.getByRole('button', { name: '日本語' }).click();
    await context.close();
  });
});

describe('tenant profile', () => {
  it('sets and removes the logo printed on documents', async () => {
    const { context, page } = await site.openPage();
    await signInAsAdmin(page);
    await consoleNav(page).getByRole('link', { name: '自治体情報' }).click();
    await expectHeading(page, '自治体情報');
    const png = Buffer.concat([
      Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
      Buffer.from(
        '1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f2a4e60000000049454e44ae426082',
        'hex',
      ),
    ]);
    await page
      .getByLabel('画像を選ぶ')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.getByRole('img', { name: '現在のロゴ' }).count()).toBe(1);
    await page.getByRole('button', { name: '保存する' }).click();
    await expect
      .poll(
        async () =>
          ((await fetchFromPage(page, 'GET', '/api/tenant/profile')).body as { logo: unknown }).logo,
      )
      .toEqual({
        mediaType: 'image/png',
        base64: png.toString('base64'),
      });
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'ロゴを削除する' }).click();
    await page.getByRole('button', { name: '保存する' }).click();
    await expect
      .poll(
        async () =>
          ((await fetchFromPage(page, 'GET', '/api/tenant/profile')).body as { logo: unknown }).logo,
      )
      .toBeNull();
    await context.close();
  });

  it('on 409 shows the saved and the edited values side by side and keeps the edit', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await signInAsAdmin(page);
    await consoleNav(page).getByRole('link', { name: '自治体情報' }).click();
    await expectHeading(page, '自治体情報');
    await expect.poll(() => page.locator('#profile-documentName').inputValue()).toContain('甲府市');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // My edits: the document name, and a new consultation number.
    await page.locator('#profile-documentName').fill('甲府市 福祉保健部 ひきこもり支援室（デモ）');
    await page.getByRole('button', { name: '相談窓口を追加' }).click();
    await page.locator('#profile-consultationNumbers-2-label').fill('夜間の相談（デモ）');
    await page.locator('#profile-consultationNumbers-2-phone').fill('000-0000-1012');

    // Meanwhile a colleague saves a new population.
    const current = (await fetchFromPage(page, 'GET', '/api/tenant/profile')).body as Record<string, unknown>;
    const { municipalityCode: _m, isDemo: _d, updatedAt: _u, ...rest } = current;
    const colleague = await fetchFromPage(page, 'PUT', '/api/tenant/profile', {
      ...rest,
      population: 184_321,
    });
    expect(colleague.status).toBe(200);

    const [conflict] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/tenant/profile') && r.request().method() === 'PUT'),
      page.getByRole('button', { name: '保存する' }).click(),
    ]);
    expect(conflict.status()).toBe(409);
    const resolver = page.getByRole('region', { name: 'ほかの人が先に保存しました' });
    await expect.poll(() => resolver.count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('conflict-heading');
    const population = resolver.getByRole('group', { name: '人口' });
    expect(await population.textContent()).toContain('184,321');
    expect(await population.textContent()).toContain('185,000');
    expect(await resolver.getByRole('group', { name: '文書に記載する名称' }).textContent()).toContain(
      'ひきこもり支援室',
    );
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // Keep my name and number, take the colleague's population.
    await population.getByRole('radio', { name: /保存されている内容/ }).check();
    await resolver.getByRole('button', { name: '選んだ内容をフォームに反映する' }).click();
    expect(await page.locator('#profile-population').inputValue()).toBe('184321');
    expect(await page.locator('#profile-documentName').inputValue()).toContain('ひきこもり支援室');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('自治体情報を保存しました');

    const saved = (await fetchFromPage(page, 'GET', '/api/tenant/profile')).body as {
      documentName: string;
      population: number;
      consultationNumbers: { label: string }[];
    };
    expect(saved.documentName).toBe('甲府市 福祉保健部 ひきこもり支援室（デモ）');
    expect(saved.population).toBe(184_321);
    expect(saved.consultationNumbers.map((n) => n.label)).toContain('夜間の相談（デモ）');
    await context.close();
  });
});

describe('passkeys', () => {
  it('enrols a passkey at set-up, passes the second step with it, and removes it on the security page', async () => {
    const email = 'passkey.user@kofu.demo.example';
    const password = 'Morning fog on the Fuefuki river';
    const admin = await site.openPage();
    await signInAsAdmin(admin.page);
    expect(
      (
        await fetchFromPage(admin.page, 'POST', '/api/admin/accounts', {
          email,
          displayName: 'パスキー 利用者',
          roles: ['finance'],
        })
      ).status,
    ).toBe(201);
    const outbox = await fetchFromPage(admin.page, 'GET', '/api/admin/outbox');
    const message = ((outbox.body?.items ?? []) as { recipient: string; body: string }[]).find(
      (m) => m.recipient === email,
    );
    const token = message?.body.match(/#token=([A-Za-z0-9_-]+)/)?.[1];
    await admin.context.close();

    const { context, page } = await site.openPage();
    // Chromium's virtual authenticator: a platform passkey that always says "user verified".
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await page.goto(`/password-reset#token=${token}`);
    await page.locator('#reset-newPassword').fill(password);
    await page.locator('#reset-confirmation').fill(password);
    await page.getByRole('button', { name: 'パスワードを設定する' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'パスワードを設定しました' }).count()).toBe(1);

    await signIn(page, email, password);
    await page.waitForURL('**/console/security/setup');
    await page.getByLabel(/パスキーの名前/).fill('テスト用の端末');
    await page.getByRole('button', { name: 'パスキーを登録する' }).click();
    const codes = page.getByRole('list', { name: '回復コードの一覧' });
    await expect.poll(() => codes.getByRole('listitem').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.getByLabel('回復コードを印刷するか書き写して、安全な場所に保管しました').check();
    await page.getByRole('button', { name: '職員画面へ進む' }).click();
    await page.waitForURL('**/console');
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL('**/login?signedOut=true');

    await signIn(page, email, password);
    await page.waitForURL('**/login/verify');
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'パスキーで確認する' }).click();
    await page.waitForURL('**/console');

    await consoleNav(page).getByRole('link', { name: 'セキュリティ設定' }).click();
    await expectHeading(page, 'セキュリティ設定');
    const passkeys = page.getByRole('region', { name: 'パスキー' }).last();
    await expect.poll(() => passkeys.getByText('テスト用の端末').count()).toBe(1);
    await expectAxeClean(page);
    // The last second factor: the dialog asks for the current password.
    await page.getByRole('button', { name: 'パスキー「テスト用の端末」を削除する' }).click();
    const dialog = page.getByRole('dialog', { name: 'パスキー「テスト用の端末」を削除しますか' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAxeClean(page);
    await dialog.getByLabel('現在のパスワード').fill(password);
    await dialog.getByRole('button', { name: '削除する' }).click();
    // The role (finance) must have a second factor: with the last one gone, the server opens only the
    // set-up, and the page goes there at once, saying why.
    await page.waitForURL('**/console/security/setup?removed=true');
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('二段階認証の方法を削除しました');
    await expectHeading(page, '二段階認証の設定');
    await expectAxeClean(page);
    await context.close();
  });
});
