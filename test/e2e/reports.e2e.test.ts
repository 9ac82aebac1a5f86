import { describe, expect, it } from 'vitest';
import { corporateNumberCheckDigit } from '../../src/shared/corporate-number.ts';
import { formatWarekiWithWestern, isoDateInTokyo } from '../../src/shared/text/wareki.ts';
import { addDays } from '../../src/web/features/reports/contract-deadlines.ts';
import { expectAxeClean, expectNoHorizontalScroll, saveScreenshot, VIEWPORTS } from './helpers/browser.ts';
import { consoleNav, expectHeading, fetchFromPage, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Request 10 in a real browser: an urgent report from a phone → the emergency numbers come before any
 * other field → a network failure after the server commits, and a retry that leaves one report →
 * triage lists it first → emergency protection is recorded → the reporter reads the answer with the
 * reply code. axe on every page; 360 px never scrolls sideways.
 */
const site = setUpServerAndBrowser();

const TRIAGE = 'report_triage@kofu.demo.example';
/** A fictional 法人番号: valid check digit, unassigned registry code 9999. */
const BODY = '999900000777';
const CORPORATE_NUMBER = `${corporateNumberCheckDigit(BODY)}${BODY}`;

describe('harmful-support report: the acceptance journey', () => {
  it('urgent report on a phone → numbers first → lost answer retried once → triage first → protection → reply read', async () => {
    // 1. The report form on a 360 px phone: only the danger question at first.
    const reporter = await site.openPage(VIEWPORTS.phone);
    const page = reporter.page;
    await page.goto('/m/192015/report');
    await expectHeading(page, '不適切な「支援」についての通報');
    await expect.poll(() => page.locator('#report-danger').count()).toBe(1);
    expect(await page.locator('#report-reporterRole').count()).toBe(0);
    // No emergency box until the question is answered (the 188 line below the form is always there).
    expect(await page.locator('#report-emergency').count()).toBe(0);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // 2. "Yes": 110 and the on-call contact appear, before any other field.
    await page.locator('#report-danger-yes').check();
    const emergency = page.locator('#report-emergency');
    await expect.poll(() => emergency.count()).toBe(1);
    expect(await emergency.locator('a[href="tel:110"]').count()).toBe(1);
    await expect.poll(() => emergency.getByText('000-0000-1099').count()).toBe(1);
    const order = await page.evaluate(() => {
      const box = document.getElementById('report-emergency')!;
      const fields = [
        ...document.querySelectorAll('main form input, main form textarea, main form select'),
      ].filter((el) => !(el as HTMLInputElement).name?.startsWith('report-danger'));
      return {
        firstFieldAfterBox: fields.every(
          (el) => box.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING,
        ),
        boxTop: box.getBoundingClientRect().top,
        firstFieldTop: Math.min(...fields.map((el) => el.getBoundingClientRect().top)),
        fields: fields.length,
      };
    });
    expect(order.fields).toBeGreaterThan(10);
    expect(order.firstFieldAfterBox).toBe(true);
    expect(order.boxTop).toBeLessThan(order.firstFieldTop);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await saveScreenshot(page, 'report-emergency-360');

    // 3. The rest of the form; a mistyped 法人番号 is caught before sending.
    await page.locator('#report-reporterRole-family').check();
    await page.locator('#report-categories-forced_removal').check();
    await page.locator('#report-categories-confinement').check();
    await page.locator('#report-place').fill('（テスト）県外の寮');
    await page.locator('#report-business-name').fill('（テスト）株式会社みちびき自立塾');
    await page
      .locator('#report-business-corporateNumber')
      .fill(`${(Number(CORPORATE_NUMBER[0]) % 9) + 1}${CORPORATE_NUMBER.slice(1)}`);
    await page.locator('#report-signer-family').check();
    await page.locator('#report-signedOn').fill('2026-11-20');
    await page.locator('#report-salesMethod-visit').check();
    await page.locator('#report-amountContracted').fill('３,３００,０００');
    await page.locator('#report-text').fill('（テスト）朝早く数人が来て、息子を車で連れて行きました。');
    await page.getByRole('button', { name: '送信する' }).click();
    await expect
      .poll(() => page.locator('#report-business-corporateNumber-error').textContent())
      .toContain('法人番号が正しくないようです');
    await expectAxeClean(page);
    // Full-width digits are fine.
    await page
      .locator('#report-business-corporateNumber')
      .fill(CORPORATE_NUMBER.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)));

    // 4. The server commits, but the answer is lost on the way back to the phone.
    let lostAnswer: { receiptNumber: string; replyCode: string } | null = null;
    let idempotencyKeys: string[] = [];
    await page.route('**/api/public/reports', async (route) => {
      idempotencyKeys.push(route.request().headers()['idempotency-key'] ?? '');
      const response = await route.fetch();
      lostAnswer = (await response.json()) as { receiptNumber: string; replyCode: string };
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: '送信する' }).click();
    await expect.poll(() => page.getByText('送信できたか確認できませんでした').count()).toBe(1);
    expect(lostAnswer).not.toBeNull();
    expect(await page.getByRole('heading', { name: '受け付けました' }).count()).toBe(0);
    await expectAxeClean(page);
    await page.unroute('**/api/public/reports');

    // 5. The retry (same Idempotency-Key) gets the same receipt: one report, and only now 受け付けました.
    page.on('request', (request) => {
      if (request.url().endsWith('/api/public/reports'))
        idempotencyKeys.push(request.headers()['idempotency-key'] ?? '');
    });
    await page.getByRole('button', { name: 'もう一度送信する' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '受け付けました' }).count()).toBe(1);
    const receiptNumber = (await page.getByTestId('receipt-number').textContent())!.trim();
    const replyCode = (await page.getByTestId('reply-code').textContent())!.trim();
    expect(receiptNumber).toBe(lostAnswer!.receiptNumber);
    expect(replyCode).toBe(lostAnswer!.replyCode);
    expect(idempotencyKeys).toHaveLength(2);
    expect(new Set(idempotencyKeys).size).toBe(1);
    expect(idempotencyKeys[0]).toMatch(/^report-[0-9a-f]{32}$/);
    // Nothing of the report is left in web storage on a shared phone.
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await saveScreenshot(page, 'report-received-360');
    idempotencyKeys = [];

    // 6. Triage: the report is first in the queue (urgent, newest), and exists once.
    const staff = await site.openPage();
    await signInToConsole(staff.page, TRIAGE);
    await consoleNav(staff.page).getByRole('link', { name: '通報（不適切な支援）' }).click();
    await expectHeading(staff.page, '通報の一覧');
    const firstRow = staff.page.locator('tbody tr').first();
    await expect.poll(() => firstRow.textContent()).toContain(receiptNumber);
    expect(await firstRow.textContent()).toContain('緊急');
    const all = await fetchFromPage(staff.page, 'GET', '/api/reports?status=all&limit=200');
    const items = (all.body as { items: { receiptNumber: string }[] }).items;
    expect(items.filter((r) => r.receiptNumber === receiptNumber)).toHaveLength(1);
    await expectAxeClean(staff.page);
    await saveScreenshot(staff.page, 'reports-queue-1280');

    // 7. The report's page: record emergency protection and answer the reporter.
    await firstRow.getByRole('link', { name: receiptNumber }).click();
    await expectHeading(staff.page, `通報 ${receiptNumber}`);
    await expect.poll(() => staff.page.getByText('朝早く数人が来て').count()).toBe(1);
    await expectAxeClean(staff.page);
    const protection = staff.page.getByRole('form', { name: '緊急保護の記録' });
    await protection.getByLabel('保護した日時').fill('2026-11-26T09:30');
    await protection.getByLabel('フォローアップ日').fill('2026-12-03');
    await protection.getByLabel('保護した場所・保護先').fill('（テスト）市内の一時的な滞在先');
    await protection.getByLabel('対応した人・機関').fill('（テスト）地域福祉課 職員2名');
    await protection.getByRole('button', { name: '記録する' }).click();
    await expect.poll(() => staff.page.getByText('緊急保護を記録しました。').count()).toBe(1);
    await expect.poll(() => staff.page.getByText('（テスト）市内の一時的な滞在先').count()).toBe(1);

    const notes = staff.page.getByRole('form', { name: 'メモ・返信を書く' });
    await notes.getByLabel('通報者への返信').check();
    // An empty reply is stopped before it is sent: the summary takes the focus and links to the field.
    await notes.getByRole('button', { name: '返信を送る' }).click();
    await expect
      .poll(() => staff.page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby')))
      .toBe('note-summary-heading');
    expect(
      await notes
        .getByRole('region', { name: '入力内容を確認してください' })
        .getByRole('link')
        .allInnerTexts(),
    ).toEqual(['内容を入力してください。']);
    await notes
      .getByRole('textbox', { name: '内容' })
      .fill('ご連絡ありがとうございます。明日、担当からお電話します。');
    await notes.getByRole('button', { name: '返信を送る' }).click();
    await expect.poll(() => staff.page.getByText('返信を送りました。').count()).toBe(1);
    await expectAxeClean(staff.page);
    await saveScreenshot(staff.page, 'report-detail-1280');

    // The business is suggested by its 法人番号 once registered; register it from this report.
    await staff.page.getByText('新しい事業者として登録する').click();
    await staff.page.getByRole('button', { name: '登録して、この通報と紐づける' }).click();
    await expect.poll(() => staff.page.getByText('事業者を登録し、この通報と紐づけました。').count()).toBe(1);
    await expectAxeClean(staff.page);

    // 8. The reporter reads the answer with the reply code, on the phone.
    await page.goto('/reports/reply');
    await expectHeading(page, '返事を読む・情報を追加する');
    await expectAxeClean(page);
    await page.getByLabel('受付番号').fill(replyCode.toLowerCase());
    await page.getByRole('button', { name: '読む' }).click();
    await expect.poll(() => page.getByText('明日、担当からお電話します。').count()).toBe(1);
    expect(await page.getByTestId('reply-status').textContent()).toBe('担当が対応しています。');
    expect(await page.getByText('朝早く数人が来て').count()).toBe(0);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await saveScreenshot(page, 'report-reply-360');

    await staff.context.close();
    await reporter.context.close();
  });
});

describe('public pages of request 10', () => {
  it('contract help: deadlines in 和暦, voidness, 188, and a printable notice draft, at 360 px', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/reports/contract-help');
    await expectHeading(page, '契約をやめたいとき（クーリング・オフ・取消し）');
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    const today = isoDateInTokyo(new Date());
    const received = addDays(today, -3);
    await page.locator('#help-contractDate').fill(received);
    await page.locator('#help-signer-family').check();
    await page.locator('#help-salesMethod-visit').check();
    await page.locator('#help-document-received').check();
    await page.getByLabel('書面を受け取った日').fill(received);
    await page.getByRole('button', { name: '期限を調べる' }).click();
    const lastDay = formatWarekiWithWestern(new Date(`${addDays(received, 7)}T12:00:00+09:00`));
    await expect.poll(() => page.getByTestId('help-cooling-off').textContent()).toContain(lastDay);
    expect(await page.getByTestId('help-cooling-off').textContent()).toContain('あと 5 日');
    expect(await page.getByText('公序良俗（民法90条）に反して無効の可能性があります').count()).toBe(1);
    expect(await page.getByText('契約書に名前を書いた人（家族）').count()).toBe(1);
    expect(await page.locator('a[href="tel:188"]').count()).toBeGreaterThan(0);

    // A document never received: the period has not started.
    await page.locator('#help-document-never').check();
    await page.getByRole('button', { name: '期限を調べる' }).click();
    await expect
      .poll(() => page.getByTestId('help-cooling-off').textContent())
      .toContain('まだ始まっていません');

    // 特定継続的役務提供 (a long-term service contract such as a 学習塾) has 8 days from the document too.
    await page.locator('#help-salesMethod-continuous_service').check();
    await page.locator('#help-document-received').check();
    await page.getByLabel('書面を受け取った日').fill(received);
    await page.getByRole('button', { name: '期限を調べる' }).click();
    await expect.poll(() => page.getByTestId('help-cooling-off').textContent()).toContain(lastDay);
    expect(await page.getByTestId('help-cooling-off').textContent()).toContain('8日間');

    await page.getByLabel('事業者の名前').fill('（テスト）株式会社みちびき自立塾');
    await page.getByLabel('契約金額（円）').fill('3300000');
    await expect.poll(() => page.getByTestId('notice-draft').textContent()).toContain('3,300,000円');
    expect(await page.getByTestId('notice-draft').textContent()).toContain('次の契約を解除します。');
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: '印刷する' }).isVisible()).toBe(false);
    expect(await page.getByTestId('notice-draft').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await saveScreenshot(page, 'contract-help-360');
    await context.close();
  });

  it('the municipality page links to the report window; やさしい日本語 is offered on the form', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/m/192104');
    await page.getByRole('link', { name: '通報する' }).click();
    await expectHeading(page, '不適切な「支援」についての通報');
    await page.goto('/m/192104/report?lang=easy-ja');
    await expectHeading(page, 'こまった「支援」の ことを しらせる');
    await expect
      .poll(() => page.getByText('いま、あぶない めに あって いる 人は いますか？').count())
      .toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });
});

describe('staff pages of request 10', () => {
  it('protection board, operators and statistics are accessible', async () => {
    const consultation = await site.openPage();
    await signInToConsole(consultation.page, 'consultation@kofu.demo.example');
    await consoleNav(consultation.page).getByRole('link', { name: '緊急保護' }).click();
    await expectHeading(consultation.page, '緊急保護');
    await expect.poll(() => consultation.page.getByText('DEM0-0101').count()).toBeGreaterThan(0);
    await expectAxeClean(consultation.page);
    await consoleNav(consultation.page).getByRole('link', { name: '事業者' }).click();
    await expectHeading(consultation.page, '事業者');
    await consultation.page.getByRole('link', { name: /ひだまり自立支援センター/ }).click();
    await expect
      .poll(() => consultation.page.getByTestId('operator-total').textContent())
      .toContain('2 市区町村');
    await expectAxeClean(consultation.page);
    await consultation.context.close();

    const national = await site.openPage();
    await signInToConsole(national.page, 'national@demo.example');
    await consoleNav(national.page).getByRole('link', { name: '通報の統計' }).click();
    await expectHeading(national.page, '通報の統計');
    await expect.poll(() => national.page.getByText('＜10').count()).toBeGreaterThan(10);
    await expectAxeClean(national.page);
    const csvLink = national.page.getByRole('link', { name: /CSV/ });
    const href = await csvLink.getAttribute('href');
    const csv = await national.page.evaluate(async (url) => {
      const response = await fetch(url);
      // text() would drop the BOM (the Encoding standard strips it): look at the bytes.
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        head: [...bytes.slice(0, 3)],
      };
    }, href!);
    expect(csv).toEqual({ status: 200, type: 'text/csv; charset=utf-8', head: [0xef, 0xbb, 0xbf] });
    await national.context.close();
  });
});
