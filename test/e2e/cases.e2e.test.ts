import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasLocationMetadata, jpegWithGps } from '../factories/receipts.ts';
import { replaceStatusReturns } from '../factories/status-returns.ts';
import { expectAxeClean, expectNoHorizontalScroll, saveScreenshot, VIEWPORTS } from './helpers/browser.ts';
import { expectHeading, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

const site = setUpServerAndBrowser();

const TITLE = '駅前の空き店舗でひらいた小さな居場所';
const PLACE = '竜王の居場所 ほっとスペースりゅうおう';
const KITAKYUSHU_CASE = 'カメラをつけなくていいオンライン学び直し講座';
const KOFU_IBASHO_CASE = '駅から歩ける「夕方の居場所」を週2回ひらく';
const LADDER = '参加のはしごの段数の変化（平均）';
const TRIGGER = '家族会から、駅の近くなら通いやすいという声がありました。';

/**
 * The national layer as "towns like mine" reads it: 甲斐市's latest accepted return (FY2025) has no
 * 居場所 (every other service present); 甲府市 (192015, whose case is about its 居場所) and 北九州市
 * (401005, a case about re-learning) had none in FY2023 and two in FY2025. Earlier years cannot be
 * produced through the screens within a journey, so they are written directly. (The demo's own
 * fictional returns of other towns stay as they are.)
 */
async function seedReturns() {
  await replaceStatusReturns(site.server.db, [
    { municipalityCode: '192104', fiscalYear: 2025, places: 0 },
    { municipalityCode: '192015', fiscalYear: 2023, places: 0 },
    { municipalityCode: '192015', fiscalYear: 2025, places: 2 },
    { municipalityCode: '401005', fiscalYear: 2023, places: 0 },
    { municipalityCode: '401005', fiscalYear: 2025, places: 2 },
  ]);
}

async function openAs(email: string | null) {
  const { context, page } = await site.openPage(VIEWPORTS.phone);
  if (email) await signInToConsole(page, email);
  return { context, page };
}

async function expectStatus(page: Page, text: string) {
  await expect.poll(() => page.getByText(text).count(), { timeout: 10_000 }).toBeGreaterThan(0);
}

async function checkPage(page: Page) {
  await expectNoHorizontalScroll(page);
  await expectAxeClean(page);
}

describe('model cases (issue 17)', () => {
  it('甲斐市 writes a case with an attachment → the prefecture returns it with a comment → resubmitted → accepted → national publishes → the public finds it by いばしょ and by towns like mine → 甲府市 asks and 甲斐市 answers', async () => {
    // 1. 甲斐市's administrator writes a case and attaches a photo.
    const kai = await openAs('municipal_admin@kai.demo.example');
    await kai.page.goto('/console/cases');
    await expectHeading(kai.page, 'モデル事例');
    await checkPage(kai.page);
    await kai.page.getByRole('link', { name: '事例を書く' }).click();
    await expectHeading(kai.page, '事例を書く');
    await kai.page.locator('#case-content-title').fill(TITLE);
    await kai.page
      .locator('#case-content-summary')
      .fill('駅前の空き店舗を借りて、週1回、誰でも立ち寄れる居場所をひらきました。');
    // A name and a phone number slip into the text: submitting is held with a warning (below).
    await kai.page
      .locator('#case-content-trigger')
      .fill(`山田太郎さんの家族（090-1234-5678）から相談があり、${TRIGGER}`);
    await kai.page.getByLabel('居場所', { exact: true }).check();
    await kai.page.locator('#case-populationBand').selectOption('30k_100k');
    // The town's live place that came from it.
    await kai.page.getByRole('checkbox', { name: PLACE }).check();
    await checkPage(kai.page);
    await kai.page.getByRole('button', { name: '保存する' }).click();
    await kai.page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
    const caseId = kai.page.url().split('/').at(-1)!;
    await expectHeading(kai.page, TITLE);
    await kai.page.locator('#attachment-name').fill('活動の様子');
    await kai.page
      .locator('#attachment-file')
      .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpegWithGps() });
    await kai.page.getByRole('button', { name: '添付する' }).click();
    await expect
      .poll(() => kai.page.getByRole('link', { name: '活動の様子' }).count(), { timeout: 10_000 })
      .toBe(1);
    await kai.page.getByRole('button', { name: '都道府県へ提出する' }).click();
    const warning = kai.page.getByRole('alert').filter({ hasText: '個人が特定できる情報' });
    await expect.poll(() => warning.count(), { timeout: 10_000 }).toBe(1);
    expect(await warning.getByText(/^電話番号：/).count()).toBeGreaterThan(0);
    expect(await warning.getByText(/^氏名：/).count()).toBeGreaterThan(0);
    await checkPage(kai.page);
    // The author takes them out, saves and submits.
    await kai.page.locator('#case-content-trigger').fill(TRIGGER);
    await kai.page.getByRole('button', { name: '保存する' }).click();
    await expectStatus(kai.page, '保存しました。');
    await kai.page.getByRole('button', { name: '都道府県へ提出する' }).click();
    await expectStatus(kai.page, '状態：審査中');
    await checkPage(kai.page);

    // 2. The prefecture returns it with a comment.
    const pref = await openAs('prefecture@yamanashi.demo.example');
    await pref.page.goto(`/console/cases/${caseId}`);
    await expectHeading(pref.page, TITLE);
    await pref.page.locator('#review-comment').fill('予算の財源と、参加した人の変化を書き添えてください。');
    await checkPage(pref.page);
    await pref.page.getByRole('button', { name: 'コメントを付けて差し戻す' }).click();
    await expectStatus(pref.page, '状態：差し戻し');

    // 3. 甲斐市 sees the comment, edits and submits again.
    await kai.page.reload();
    await expectHeading(kai.page, TITLE);
    await expectStatus(kai.page, '予算の財源と、参加した人の変化を書き添えてください。');
    await kai.page.locator('#case-content-outcomes').fill('家から出る回数が増えた、と話す人がいます。');
    // The town allows one of its national figures to be shown with the case (none by default).
    const ladder = kai.page.getByRole('checkbox', { name: LADDER });
    expect(await ladder.isChecked()).toBe(false);
    await ladder.check();
    await kai.page.getByRole('button', { name: '保存する' }).click();
    await expectStatus(kai.page, '保存しました。');
    await kai.page.getByRole('button', { name: '都道府県へ提出する' }).click();
    await expectStatus(kai.page, '状態：審査中');

    // 4. The prefecture accepts; 5. national staff publish.
    await pref.page.reload();
    await expectHeading(pref.page, TITLE);
    await pref.page.getByRole('button', { name: '受理する' }).click();
    await expectStatus(pref.page, '状態：受理（公開待ち）');
    await pref.context.close();
    const nation = await openAs('national@demo.example');
    await nation.page.goto(`/console/cases/${caseId}`);
    await expectHeading(nation.page, TITLE);
    await checkPage(nation.page);
    await nation.page.getByRole('button', { name: '全国の事例ライブラリに公開する' }).click();
    await expectStatus(nation.page, '状態：公開中');
    await nation.context.close();

    // 6. The public finds it by いばしょ, without signing in.
    const visitor = await openAs(null);
    await visitor.page.goto('/cases');
    await expectHeading(visitor.page, '全国のモデル事例');
    await visitor.page.locator('#cases-q').fill('いばしょ');
    await visitor.page.getByRole('button', { name: 'さがす', exact: true }).click();
    await visitor.page.waitForURL(/q=/);
    await expect
      .poll(() => visitor.page.getByRole('link', { name: TITLE }).count(), { timeout: 10_000 })
      .toBe(1);
    await checkPage(visitor.page);
    await visitor.page.getByRole('link', { name: TITLE }).click();
    await expectHeading(visitor.page, TITLE);
    await expectStatus(visitor.page, 'きっかけ');
    expect(await visitor.page.getByRole('button', { name: '事例シートを印刷する' }).count()).toBe(1);
    expect(await visitor.page.getByRole('link', { name: /活動の様子/ }).count()).toBe(1);
    // The photo comes back to the public without its Exif/GPS.
    const photoHref = await visitor.page.getByRole('link', { name: /活動の様子/ }).getAttribute('href');
    const photo = await visitor.page.request.get(photoHref!);
    expect(photo.status()).toBe(200);
    expect(hasLocationMetadata(await photo.body())).toBe(false);
    await expect
      .poll(() => visitor.page.getByRole('link', { name: PLACE }).count(), { timeout: 10_000 })
      .toBe(1);
    // The linked figure, in the table beside what changed (its value or its state in words).
    const figures = visitor.page.getByRole('table');
    await expect.poll(() => figures.getByRole('rowheader', { name: LADDER }).count()).toBe(1);
    await checkPage(visitor.page);
    await saveScreenshot(visitor.page, 'case-sheet');

    // 7. …and by "towns like mine" from 甲斐市's page: its own cases first, then a town that had no
    // 居場所 and started one (甲斐市's latest accepted return has none), then the similar towns.
    await seedReturns();
    await visitor.page.goto('/m/192104');
    await expectHeading(visitor.page, '甲斐市');
    await visitor.page.getByRole('link', { name: '似た町の事例を見る' }).click();
    await visitor.page.waitForURL(/similarTo=/);
    await expectStatus(visitor.page, '甲斐市と似た町の事例');
    await expect
      .poll(() => visitor.page.getByRole('link', { name: TITLE }).count(), { timeout: 10_000 })
      .toBe(1);
    const firstTitles = await visitor.page.locator('main ul > li h3').allTextContents();
    expect(firstTitles.slice(0, 2)).toContain(TITLE);
    // Then the towns that had no 居場所 and started one: first 甲府市's case about its 居場所; then
    // the other cases of such towns (北九州市's, and those of the demo's fictional returns), each
    // saying why it is there; then the rest.
    expect(firstTitles[2]).toBe(KOFU_IBASHO_CASE);
    const notes = await visitor.page
      .locator('main ul > li:has(h3)')
      .evaluateAll((items) =>
        items.map((li) =>
          li.textContent?.includes('居場所がなかった町が始めた例')
            ? 'example'
            : li.textContent?.includes('居場所がなかった後に始めた町の事例')
              ? 'town'
              : null,
        ),
      );
    const lastNote = Math.max(notes.lastIndexOf('example'), notes.lastIndexOf('town'));
    expect(notes.slice(0, 2)).toEqual([null, null]);
    expect(notes[2]).toBe('example');
    expect(notes.slice(3, lastNote + 1).every((n) => n === 'town')).toBe(true);
    expect(notes.slice(lastNote + 1).every((n) => n === null)).toBe(true);
    expect(firstTitles.slice(3, lastNote + 1)).toContain(KITAKYUSHU_CASE);
    await expectStatus(visitor.page, '甲斐市にはまだ「居場所」がありません。');
    await checkPage(visitor.page);
    await saveScreenshot(visitor.page, 'cases-towns-like-mine');
    await visitor.context.close();

    // 8. 甲府市's staff ask a question; 甲斐市 answers it.
    const kofu = await openAs('consultation@kofu.demo.example');
    await kofu.page.goto(`/console/cases/${caseId}`);
    await expectHeading(kofu.page, TITLE);
    await kofu.page.locator('#case-question').fill('空き店舗の家賃はどのように工面しましたか。');
    await checkPage(kofu.page);
    await kofu.page.getByRole('button', { name: '質問を送る' }).click();
    await expectStatus(kofu.page, '質問を送りました。回答があると通知が届きます。');

    await kai.page.goto('/console/cases');
    await expectHeading(kai.page, 'モデル事例');
    await expectStatus(kai.page, '空き店舗の家賃はどのように工面しましたか。');
    await kai.page
      .getByLabel('回答')
      .first()
      .fill('商店街の振興事業と組み合わせて、家賃の半分を補助してもらいました。');
    await kai.page.getByRole('button', { name: '回答を送る' }).first().click();
    await expect
      .poll(
        () =>
          kai.page.getByText('商店街の振興事業と組み合わせて、家賃の半分を補助してもらいました。').count(),
        { timeout: 10_000 },
      )
      .toBe(1);
    await checkPage(kai.page);
    await kai.context.close();

    await kofu.page.goto('/console/cases');
    await expectHeading(kofu.page, 'モデル事例');
    await expectStatus(kofu.page, '商店街の振興事業と組み合わせて、家賃の半分を補助してもらいました。');
    await kofu.context.close();
  });

  it('the public library reads in English and やさしい日本語 too, at 360 px and axe clean', async () => {
    const { context, page } = await site.openPage(VIEWPORTS.phone);
    await page.goto('/cases');
    await expectHeading(page, '全国のモデル事例');
    // Filters: life stage and urban/rural next to theme, prefecture, type and size.
    await page.locator('#cases-area').selectOption('rural');
    await page.locator('#cases-life-stage').selectOption('working_age');
    await page.getByRole('button', { name: 'さがす', exact: true }).click();
    await page.waitForURL(/areaClass=rural/);
    expect(page.url()).toContain('lifeStage=working_age');
    await expect.poll(() => page.locator('main ul > li h3').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await checkPage(page);
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Model cases from across Japan');
    await checkPage(page);
    await page.getByRole('button', { name: 'やさしい日本語' }).click();
    await expectHeading(page, 'ほかの まちの とりくみ（モデル じれい）');
    await checkPage(page);
    await context.close();
  }, 60_000);
});
