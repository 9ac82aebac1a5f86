import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_AGENCY_IDS } from '../../src/server/modules/agencies/agencies.demo.ts';
import { DEMO_SUBSIDY_APPLICATIONS } from '../../src/server/modules/subsidies/subsidies.demo.ts';
import { DEMO_PERSON_IDS } from '../../src/server/modules/support/support.demo.ts';
import { expectAxeClean, expectNoHorizontalScroll, VIEWPORTS } from './helpers/browser.ts';
import { expectHeading, fetchFromPage, signInToConsole } from './helpers/console.ts';
import { setUpServerAndBrowser } from './helpers/server-and-browser.ts';

/**
 * Issue 22 item 3, second part: the shared filter-and-sort bar on the lists of conferences (agencies),
 * subsidy applications, payments (payable items, batches, ledger) and training courses, at 360 px,
 * axe clean. Server-side lists (the subsidy queue) show what the API answers for the same filter and
 * order; browser-side lists are checked against the whole list the API gives, filtered and ordered here.
 */
const site = setUpServerAndBrowser();
const collator = new Intl.Collator('ja');

/** Applies the text filter of the bar whose field has this label (Enter, as a keyboard user would). */
async function filterBy(page: Page, label: string, q: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(q);
  await field.press('Enter');
}

describe('console lists filter and sort, part A (issue 22)', () => {
  it('conferences: by a part of the name in either kana script, by kind, by name or date', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'consultation@kofu.demo.example');
    for (const [title, kind, heldOn] of [
      ['ひだまり支援会議（一覧テスト）', 'support_conference', '2026-12-20'],
      ['ヒダマリ連絡会（一覧テスト）', 'multilayer', '2026-12-01'],
    ] as const) {
      const made = await fetchFromPage(page, 'POST', '/api/conferences', {
        kind,
        title,
        heldOn,
        acknowledge: true,
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
    }
    const api = await fetchFromPage(page, 'GET', '/api/conferences');
    const all = (api.body?.items ?? []) as { title: string; kind: string; heldOn: string }[];
    expect(all.length).toBeGreaterThan(2);

    await page.goto('/console/conferences');
    await expectHeading(page, '会議');
    const titles = () =>
      page
        .locator('main li > a[href^="/console/conferences/"]')
        .evaluateAll((links) => links.map((l) => (l.textContent ?? '').trim()));
    await expect.poll(async () => (await titles()).length).toBe(all.length);

    for (const q of ['ひだまり', 'ヒダマリ']) {
      await filterBy(page, '会議の名前で絞り込む', q);
      await expect.poll(async () => (await titles()).length).toBe(2);
      expect((await titles()).every((t) => t.includes('一覧テスト'))).toBe(true);
    }
    await page.getByLabel('会議の並び順').selectOption('oldest');
    await expect
      .poll(() => titles())
      .toEqual(['ヒダマリ連絡会（一覧テスト）', 'ひだまり支援会議（一覧テスト）']);
    await page.getByLabel('会議の種類').selectOption('multilayer');
    await expect.poll(() => titles()).toEqual(['ヒダマリ連絡会（一覧テスト）']);
    await filterBy(page, '会議の名前で絞り込む', '該当しない会議');
    await expect.poll(() => page.getByText('条件に合う会議はありません。').count()).toBe(1);

    await filterBy(page, '会議の名前で絞り込む', '');
    await page.getByLabel('会議の種類').selectOption('');
    await page.getByLabel('会議の並び順').selectOption('title');
    await expect.poll(() => titles()).toEqual(all.map((c) => c.title).sort(collator.compare));
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it("a person's referrals and the agency's inbox: by agency or status, newest or oldest first", async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'consultation@kofu.demo.example');
    const person = DEMO_PERSON_IDS.haru;
    const consent = await fetchFromPage(page, 'POST', `/api/support/persons/${person}/consents`, {
      purpose: 'agency_referral',
      recipient: 'partner_agency',
      recipientName: '山梨県ひきこもり地域支援センター（デモ）',
      recipientAgencyId: DEMO_AGENCY_IDS.hikikomoriCenter,
      status: 'given',
      decidedOn: '2026-11-20',
      method: 'signed_form',
    });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    site.server.clock.advance(60_000);
    const sent = await fetchFromPage(page, 'POST', '/api/referrals', {
      personId: person,
      agencyId: DEMO_AGENCY_IDS.hikikomoriCenter,
      summary: '（一覧テスト）日中の居場所について相談したいとのこと。',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);

    await page.goto(`/console/support/persons/${person}/referrals`);
    await expectHeading(page, '関係機関への紹介');
    const agencies = () =>
      page
        .getByTestId('referral')
        .evaluateAll((items) => items.map((i) => (i.querySelector('p')?.textContent ?? '').split('：')[0]));
    await expect
      .poll(() => agencies())
      .toEqual(['山梨県ひきこもり地域支援センター（デモ）', 'ハローワーク甲府（デモ）']);
    await page.getByLabel('これまでの紹介の並び順').selectOption('oldest');
    await expect
      .poll(() => agencies())
      .toEqual(['ハローワーク甲府（デモ）', '山梨県ひきこもり地域支援センター（デモ）']);
    await filterBy(page, '紹介先の機関名で絞り込む', 'はろーわーく');
    await expect.poll(() => agencies()).toEqual(['ハローワーク甲府（デモ）']);
    await page.locator('#referrals-status').selectOption('completed');
    await expect.poll(() => page.getByText('条件に合う紹介はありません。').count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();

    // The agency member's inbox: the referral waiting there, then none of a status it does not have.
    const agency = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(agency.page, 'agency_member@kofu.demo.example');
    await agency.page.goto('/console/agency/referrals');
    await expectHeading(agency.page, '届いた紹介');
    const opens = agency.page.getByRole('link', { name: /^開く/u });
    await expect.poll(() => opens.count()).toBeGreaterThan(0);
    const waiting = await opens.count();
    await agency.page.locator('#inbox-status').selectOption('requested');
    await expect.poll(() => opens.count()).toBe(waiting);
    await agency.page.locator('#inbox-status').selectOption('completed');
    await expect.poll(() => opens.count()).toBe(0);
    await expect.poll(() => agency.page.getByText('条件に合う紹介はありません。').count()).toBe(1);
    await agency.page.locator('#inbox-status').selectOption('');
    await filterBy(agency.page, '本人の呼び名・紹介した職員で絞り込む', '該当しない職員');
    await expect.poll(() => opens.count()).toBe(0);
    await expectNoHorizontalScroll(agency.page);
    await expectAxeClean(agency.page);
    await agency.context.close();
  });

  it('subsidy applications: by destination or receipt number and in another order, on the server', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'consultation@kofu.demo.example');
    await page.goto('/console/subsidies');
    await expectHeading(page, '交通費補助の申請');
    const table = page.locator('section[aria-label="交通費補助の申請"]');
    const numbers = () =>
      table
        .locator('tbody tr td:first-child a')
        .evaluateAll((links) => links.map((l) => (l.textContent ?? '').trim()));
    await expect.poll(async () => (await numbers()).length).toBeGreaterThan(3);
    const all = await numbers();
    const shownFor = async (query: string) => {
      const res = await fetchFromPage(page, 'GET', `/api/subsidies/applications?limit=50&${query}`);
      expect(res.status).toBe(200);
      return ((res.body?.items ?? []) as { receiptNumber: string }[]).map((a) => a.receiptNumber);
    };

    await filterBy(page, '行き先・受付番号で絞り込む', 'ヒダマリ');
    const found = await shownFor(`q=${encodeURIComponent('ヒダマリ')}`);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(all.length);
    await expect.poll(() => numbers()).toEqual(found);
    await expect.poll(() => table.getByText('まちなか居場所 ひだまり').count()).toBe(found.length);

    await filterBy(page, '行き先・受付番号で絞り込む', '');
    await expect.poll(() => numbers()).toEqual(all);
    await page.getByLabel('申請の並び順').selectOption('destination');
    const byDestination = await shownFor('sort=destination');
    expect(byDestination).not.toEqual(all);
    await expect.poll(() => numbers()).toEqual(byDestination);
    await page.getByLabel('申請の並び順').selectOption('oldest');
    await expect.poll(() => numbers()).toEqual([...all].reverse());

    await filterBy(page, '行き先・受付番号で絞り込む', '該当しない行き先');
    await expect.poll(() => page.getByText('条件に合う申請はありません。').count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it('the 額の確定 queue: by applicant on the server, the largest amount first', async () => {
    const entry = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(entry.page, 'consultation@kofu.demo.example');
    for (const [applicationId, tripCount, claimedYen] of [
      [DEMO_SUBSIDY_APPLICATIONS.kofuApproved, 2, 900],
      [DEMO_SUBSIDY_APPLICATIONS.kofuReduced, 4, 1800],
    ] as const) {
      const res = await fetchFromPage(
        entry.page,
        'POST',
        `/api/subsidies/applications/${applicationId}/claims`,
        {
          tripMonth: '2026-11',
          tripCount,
          claimedYen,
        },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    await entry.context.close();

    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'finance@kofu.demo.example');
    await page.goto('/console/subsidies/claims');
    await expectHeading(page, '額の確定を待つ実績報告');
    const applicants = () =>
      page
        .locator('section[aria-label="額の確定を待つ実績報告"] tbody tr td:nth-child(2)')
        .evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').trim()));
    await expect.poll(async () => (await applicants()).length).toBe(2);
    const api = async (query: string) =>
      (
        ((await fetchFromPage(page, 'GET', `/api/subsidies/claims/waiting?limit=50&${query}`)).body?.items ??
          []) as { applicantName: string }[]
      ).map((c) => c.applicantName);

    await page.getByLabel('実績報告の並び順').selectOption('amount');
    const byAmount = await api('sort=amount');
    expect(byAmount).toHaveLength(2);
    await expect.poll(() => applicants()).toEqual(byAmount);
    await filterBy(page, '申請者・制度・受付番号で絞り込む', '笛吹');
    await expect.poll(() => applicants()).toEqual(await api(`sort=amount&q=${encodeURIComponent('笛吹')}`));
    expect((await applicants()).every((name) => name.includes('笛吹'))).toBe(true);
    await expect.poll(async () => (await applicants()).length).toBe(1);
    await filterBy(page, '申請者・制度・受付番号で絞り込む', '該当しない申請者');
    await expect.poll(() => page.getByText('条件に合う実績報告はありません。').count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it('payments: payable items by words and amount, batches by status, the ledger by programme', async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'finance@kofu.demo.example');
    const payable = ((await fetchFromPage(page, 'GET', '/api/payments/payable')).body?.items ?? []) as {
      payeeName: string;
      description: string;
      amount: number;
    }[];
    expect(payable.length).toBeGreaterThan(1);
    await page.goto('/console/payments');
    await expectHeading(page, '支払バッチ');
    const chooseLabels = () =>
      page
        .locator('section[aria-label="支払対象"] tbody input[type="checkbox"]')
        .evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label') ?? ''));
    const labelOf = (i: { payeeName: string; description: string }) =>
      `${i.payeeName} ${i.description} を含める`;
    await expect.poll(() => chooseLabels()).toEqual(payable.map(labelOf));

    await page.getByLabel('支払対象の並び順').selectOption('amount');
    const byAmount = [...payable].sort((a, b) => b.amount - a.amount);
    await expect.poll(() => chooseLabels()).toEqual(byAmount.map(labelOf));

    // A word of one item's description: the list narrows to the items it names.
    const word = payable[0]!.description.split(/\s+/).at(-1)!;
    const matching = byAmount.filter((i) => [i.payeeName, i.description].some((n) => n.includes(word)));
    expect(matching.length).toBeLessThan(payable.length);
    await filterBy(page, '支払先・事業・摘要で絞り込む', word);
    await expect.poll(() => chooseLabels()).toEqual(matching.map(labelOf));
    // Choosing one, then hiding it: the page says the batch still takes it.
    await page.getByRole('checkbox', { name: labelOf(matching[0]!) }).check();
    await filterBy(page, '支払先・事業・摘要で絞り込む', '該当しない支払先');
    await expect.poll(() => page.getByText('条件に合う支払対象はありません。').count()).toBe(1);
    await expect
      .poll(() => page.getByText(/選んだ 1 件のうち 1 件は絞り込みで表示されていません/u).count())
      .toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);

    // The batch built now takes the hidden item, and only it.
    await page.getByLabel('振込日（取組日）').fill('2026-12-10');
    await page.getByRole('button', { name: '選んだ項目で支払バッチを作る' }).click();
    await expect.poll(() => page.getByText('支払バッチを作成しました。').count()).toBe(1);

    // Batches by status: what the page shows is the API's list of that status, newest first.
    const batches = ((await fetchFromPage(page, 'GET', '/api/payments/batches')).body?.items ?? []) as {
      id: string;
      number: number;
      status: string;
    }[];
    const batchNumbers = () =>
      page
        .locator('section[aria-label="支払バッチの一覧"] tbody tr td:first-child')
        .evaluateAll((cells) => cells.map((c) => Number((c.textContent ?? '').trim())));
    expect(batches.filter((b) => b.status === 'draft')).toHaveLength(1);
    const built = await fetchFromPage(
      page,
      'GET',
      `/api/payments/batches/${batches.find((b) => b.status === 'draft')!.id}`,
    );
    expect(((built.body?.lines ?? []) as { description: string }[]).map((l) => l.description)).toEqual([
      matching[0]!.description,
    ]);
    for (const status of ['draft', 'approved', 'exported'] as const) {
      await page.locator('#batches-status').selectOption(status);
      const expected = batches
        .filter((b) => b.status === status)
        .map((b) => b.number)
        .sort((a, b) => b - a);
      await expect.poll(() => batchNumbers()).toEqual(expected);
      await expect
        .poll(() => page.getByText('条件に合う支払バッチはありません。').count())
        .toBe(expected.length === 0 ? 1 : 0);
    }

    // The ledger by programme name.
    const ledger = ((await fetchFromPage(page, 'GET', '/api/payments/ledger')).body?.items ?? []) as {
      programmeName: string;
      fiscalYear: number;
    }[];
    expect(ledger.length).toBeGreaterThan(0);
    const ledgerNames = () =>
      page
        .locator('section[aria-label="予算台帳（事業・年度ごと）"] tbody tr td:first-child')
        .evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').trim()));
    await expect.poll(async () => (await ledgerNames()).length).toBe(ledger.length);
    await page.getByLabel('予算台帳の並び順').selectOption('programme');
    await expect
      .poll(() => ledgerNames())
      .toEqual(
        [...ledger]
          .sort((a, b) => collator.compare(a.programmeName, b.programmeName) || b.fiscalYear - a.fiscalYear)
          .map((r) => r.programmeName),
      );
    await filterBy(page, '事業の名前で絞り込む', '該当しない事業');
    await expect.poll(() => page.getByText('条件に合う台帳の記録はありません。').count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();
  });

  it("training courses by a part of the name, availability or length; the supporter's own record by course and status", async () => {
    const { page, context } = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(page, 'consultation@kofu.demo.example');
    const courseIds: string[] = [];
    for (const [title, minutes] of [
      ['ふりかえり研修（一覧テスト）', 30],
      ['フリカエリ演習（一覧テスト）', 300],
    ] as const) {
      const made = await fetchFromPage(page, 'POST', '/api/training/courses', {
        title,
        curriculum: [{ title: '第1回', sessions: [{ title: 'はじめに', minutes, materials: [] }] }],
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      courseIds.push((made.body as { id: string }).id);
    }
    // The peer supporter takes both (their record then holds them beside the demo course completed).
    const people = ((await fetchFromPage(page, 'GET', '/api/training/people')).body?.items ?? []) as {
      accountId: string;
      displayName: string;
    }[];
    const peer = people.find((p) => p.displayName === 'デモ 甲府市 ピアサポーター');
    expect(peer).toBeDefined();
    for (const id of courseIds) {
      const enrolled = await fetchFromPage(page, 'POST', `/api/training/courses/${id}/enrolments`, {
        accountId: peer!.accountId,
      });
      expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    }
    // A second person in the first course, so that its card lists people to filter.
    const colleague = people.find((p) => p.displayName !== peer!.displayName);
    expect(colleague).toBeDefined();
    const second = await fetchFromPage(page, 'POST', `/api/training/courses/${courseIds[0]}/enrolments`, {
      accountId: colleague!.accountId,
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    await page.goto('/console/training/manage');
    await expectHeading(page, '研修の管理');
    const courseTitles = () =>
      page
        .getByRole('button', { name: /^「.+」を編集する$/u })
        .evaluateAll((buttons) =>
          buttons.map((b) => (b.getAttribute('aria-label') ?? '').replace(/^「(.+)」を編集する$/u, '$1')),
        );
    await expect.poll(async () => (await courseTitles()).length).toBeGreaterThan(2);
    const all = await courseTitles();
    expect(all).toEqual([...all].sort(collator.compare));

    await filterBy(page, '研修の名前で絞り込む', 'ふりかえり');
    await expect
      .poll(() => courseTitles())
      .toEqual(['ふりかえり研修（一覧テスト）', 'フリカエリ演習（一覧テスト）'].sort(collator.compare));
    await page.getByLabel('研修の並び順').selectOption('hours');
    await expect
      .poll(() => courseTitles())
      .toEqual(['フリカエリ演習（一覧テスト）', 'ふりかえり研修（一覧テスト）']);
    await page.getByLabel('受付の状態').selectOption('archived');
    await expect.poll(() => page.getByText('条件に合う研修はありません。').count()).toBe(1);
    await page.getByLabel('受付の状態').selectOption('');
    await filterBy(page, '研修の名前で絞り込む', '');
    await expect.poll(async () => (await courseTitles()).length).toBe(all.length);

    // The people of one course, in its own card: by a part of the name, then by status.
    const card = page
      .getByRole('search', { name: '「ふりかえり研修（一覧テスト）」の受講者の絞り込み' })
      .locator('xpath=..');
    const enrolled = () => card.locator('li').allTextContents();
    await expect.poll(async () => (await enrolled()).length).toBe(2);
    await card.locator(`#enrolments-${courseIds[0]}-q`).fill('ピア');
    await card.locator(`#enrolments-${courseIds[0]}-q`).press('Enter');
    await expect.poll(() => enrolled()).toEqual([expect.stringContaining('デモ 甲府市 ピアサポーター')]);
    await card.getByLabel('受講の状態').selectOption('completed');
    await expect.poll(() => card.getByText('条件に合う受講者はいません。').count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await context.close();

    // The supporter's own record: by course name, by status, the latest completion first.
    const own = await site.openPage(VIEWPORTS.phone);
    await signInToConsole(own.page, 'peer_supporter@kofu.demo.example');
    await own.page.goto('/console/training');
    await expectHeading(own.page, '研修の記録');
    const recordCourses = () =>
      own.page
        .locator('section[aria-label="研修の記録"] tbody tr td:first-child')
        .evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').trim()));
    await expect.poll(async () => (await recordCourses()).length).toBeGreaterThanOrEqual(3);
    const record = await recordCourses();
    expect(record).toEqual([...record].sort(collator.compare));
    await own.page.getByLabel('研修の記録の並び順').selectOption('completed');
    await expect.poll(async () => (await recordCourses())[0]).toBe('寄り添い力 基礎研修（デモ）');
    await own.page.locator('#training-record-status').selectOption('enrolled');
    await expect
      .poll(() => recordCourses())
      .toEqual(['ふりかえり研修（一覧テスト）', 'フリカエリ演習（一覧テスト）'].sort(collator.compare));
    await filterBy(own.page, '研修の名前で絞り込む', 'えんしゅう');
    await expect.poll(() => own.page.getByText('条件に合う研修の記録はありません。').count()).toBe(1);
    await filterBy(own.page, '研修の名前で絞り込む', 'フリカエリ');
    await expect.poll(() => recordCourses()).toHaveLength(2);
    await expectNoHorizontalScroll(own.page);
    await expectAxeClean(own.page);
    await own.context.close();
  });
});
