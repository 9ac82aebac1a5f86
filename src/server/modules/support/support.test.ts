import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import type { LoggedIn } from '../../../../test/helpers/auth.ts';
import { personsReadBy } from '../../platform/audit/search.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { runDueJobs } from '../../platform/jobs/due.ts';
import { DEMO_PERSON_IDS } from './support.demo.ts';

const KOFU = '192015';
let t: TestApp;
let staff: LoggedIn;
let staff2: LoggedIn;
let labour: LoggedIn;
let admin: LoggedIn;
let kaiStaff: LoggedIn;
let address = 0;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [staff, staff2, labour, admin, kaiStaff] = await loginDemoStaff(t, [
    'consultation@kofu',
    'consultation@kofu',
    'labour@kofu',
    'municipal_admin@kofu',
    'consultation@kai',
  ]);
});
afterAll(async () => {
  await t?.close();
});

type Body = Record<string, unknown> | unknown[];
const call = (who: LoggedIn | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Body) =>
  t.request({
    method,
    url,
    ...(payload !== undefined ? { payload: payload as object } : {}),
    headers: who?.headers() ?? {},
    remoteAddress: `127.70.${Math.floor(++address / 250) % 250}.${(address % 250) + 1}`,
  });
const publicPost = (url: string, payload: Body, headers: Record<string, string> = {}) =>
  t.request({
    method: 'POST',
    url,
    payload: payload as object,
    headers,
    remoteAddress: `127.71.${Math.floor(++address / 250) % 250}.${(address % 250) + 1}`,
  });

const today = '2026-11-26';
const note = (text: string, extra: Record<string, unknown> = {}) => ({
  contactType: 'phone',
  occurredAt: '2026-11-25T15:00:00+09:00',
  durationMinutes: 20,
  participants: ['person', 'consultation_staff'],
  text,
  ...extra,
});
const newPerson = async (nickname: string, extra: Record<string, unknown> = {}) => {
  const res = await call(staff, 'POST', '/api/support/persons', {
    person: { nickname, ...extra },
    consents: [
      {
        purpose: 'record_keeping',
        recipient: 'municipality',
        status: 'given',
        decidedOn: today,
        method: 'verbal_in_person',
      },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
};

describe('the API journey: anonymous consultation → record → plan → note → WHO-5 → printed plan', () => {
  it('works end to end', async () => {
    // 1. Anonymous consultation from a phone: no account.
    t.clock.advance(60_000);
    const sent = await publicPost(
      '/api/public/consultations',
      {
        municipalityCode: KOFU,
        writer: 'person',
        message: '外に出られなくなって3年になります。',
        easyJapanese: true,
      },
      { 'idempotency-key': 'journey-0001' },
    );
    expect(sent.statusCode).toBe(201);
    const { replyCode } = sent.json();

    // 2. Staff see it in the queue and reply.
    const queue = (await call(staff, 'GET', '/api/consultations')).json();
    const item = queue.items.find((i: { receivedAt: string }) => i.receivedAt === sent.json().receivedAt);
    expect(item).toBeTruthy();
    const consultationId: string = item.id;
    const replied = await call(staff, 'POST', `/api/consultations/${consultationId}/replies`, {
      message: 'かいて くれて ありがとう。いっしょに かんがえましょう。',
    });
    expect(replied.statusCode).toBe(201);

    // 3. The person reads the reply with the code.
    const view = await publicPost('/api/public/consultations/read', { municipalityCode: KOFU, replyCode });
    expect(view.json().messages.at(-1)).toMatchObject({
      from: 'staff',
      text: 'かいて くれて ありがとう。いっしょに かんがえましょう。',
    });

    // 4. With the person's agreement, staff open a record (search first: nothing found).
    const search = await call(staff, 'POST', '/api/support/persons/search', { nickname: 'ゆきさん' });
    expect(search.json().items).toEqual([]);
    const withoutConsent = await call(staff, 'POST', '/api/support/persons', {
      person: { nickname: 'ゆきさん' },
      fromConsultationId: consultationId,
    });
    expect(withoutConsent.statusCode).toBe(400);
    const opened = await call(staff, 'POST', '/api/support/persons', {
      person: {
        nickname: 'ゆきさん',
        ageGroup: '20s',
        leadWorkerId: staff.body.account.id,
        contactPreferences: {
          channels: ['online_chat'],
          avoid: ['phone'],
          noHomeVisits: true,
          times: '夕方',
        },
      },
      consents: [
        {
          purpose: 'record_keeping',
          recipient: 'municipality',
          status: 'given',
          decidedOn: today,
          method: 'online',
        },
      ],
      fromConsultationId: consultationId,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const person = opened.json();
    expect(person).toMatchObject({
      nickname: 'ゆきさん',
      realName: null,
      contactPreferences: { noHomeVisits: true, channels: ['online_chat'] },
      consents: [{ purpose: 'record_keeping', status: 'given' }],
      access: { via: 'consultation', canManage: true },
    });
    const linked = (await call(staff, 'GET', `/api/consultations/${consultationId}`)).json();
    expect(linked.personId).toBe(person.id);

    // 5. Matching from the directory, with reasons; a plan with two goals and the matched 居場所.
    const matches = await call(staff, 'GET', `/api/support/persons/${person.id}/matches?kind=ibasho`);
    expect(matches.statusCode).toBe(200);
    const place = matches.json().items[0];
    expect(place).toMatchObject({
      kind: 'ibasho',
      reasons: expect.arrayContaining([expect.objectContaining({ ja: expect.any(String) })]),
    });
    expect(place.reasons.length).toBeGreaterThan(1);
    const plan = await call(staff, 'POST', `/api/support/persons/${person.id}/plans`, {
      personWords: '少しずつ、外に出られるようになりたい',
      goals: [
        { ownWords: '週に1回、コンビニまで歩く', gasLevels: { expected: '週1回' } },
        { ownWords: '居場所に1回行ってみる', gasLevels: { expected: '1回行く' } },
      ],
      actions: [{ what: '見学に付き添う', owner: 'consultation_staff' }],
      places: [
        {
          placeId: place.placeId,
          name: place.name,
          kind: place.kind,
          reasons: place.reasons.map((r: { ja: string }) => r.ja),
        },
      ],
      reviewOn: '2026-12-24',
      agreedBy: 'person',
      agreedOn: today,
    });
    expect(plan.statusCode, plan.body).toBe(201);
    expect(plan.json().content.goals).toHaveLength(2);
    expect(plan.json().content.goals[0].id).toEqual(expect.any(String));

    // 6. A progress note and a WHO-5.
    const written = await call(
      staff,
      'POST',
      `/api/support/persons/${person.id}/notes`,
      note('チャットで30分話した。', { contactType: 'online' }),
    );
    expect(written.statusCode).toBe(201);
    const who5 = await call(staff, 'POST', `/api/support/persons/${person.id}/measures`, {
      kind: 'who5',
      takenOn: today,
      answers: [2, 2, 3, 2, 2],
    });
    expect(who5.statusCode).toBe(201);
    expect(who5.json()).toMatchObject({ score: 44, flagged: true, details: { raw: 11 } });

    // 7. The printable plan, in plain words, with 和暦 dates.
    const printed = await call(
      staff,
      'GET',
      `/api/support/persons/${person.id}/plans/${plan.json().id}/print`,
    );
    expect(printed.statusCode).toBe(200);
    const doc = printed.json();
    expect(doc.title).toContain('甲府市');
    expect(doc.sections[0]).toEqual({
      heading: 'あなたが望むこと',
      lines: ['少しずつ、外に出られるようになりたい'],
    });
    expect(doc.reviewOn).toBe('令和8年12月24日');
    expect(JSON.stringify(doc.sections)).toContain(place.name);

    // The record shows the review date and the contact.
    const detail = (await call(staff, 'GET', `/api/support/persons/${person.id}`)).json();
    expect(detail.nextReviewOn).toBe('2026-12-24');
    expect(detail.lastContactAt).toBe('2026-11-25T06:00:00.000Z');
  });
});

describe('access', () => {
  const haru = DEMO_PERSON_IDS.haru;
  it('401 without a session, 403 without the permission (the administrator reads no case content)', async () => {
    expect((await call(null, 'GET', `/api/support/persons/${haru}`)).statusCode).toBe(401);
    expect((await call(admin, 'GET', `/api/support/persons/${haru}`)).statusCode).toBe(403);
    expect((await call(admin, 'GET', '/api/support/caseload')).statusCode).toBe(403);
    expect(
      (await call(labour, 'POST', '/api/support/persons', { person: { nickname: 'x' } })).statusCode,
    ).toBe(403);
  });

  it('400 with field pointers for bad input; unknown fields refused', async () => {
    const res = await call(staff, 'POST', `/api/support/persons/${haru}/notes`, {
      ...note(''),
      colour: 'red',
    });
    expect(res.statusCode).toBe(400);
    const bad = await call(staff, 'POST', `/api/support/persons/${haru}/measures`, {
      kind: 'who5',
      takenOn: today,
      answers: [6, 1, 1, 1, 1],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toMatch(/answers/);
  });

  it('甲斐市 staff get 404 on every 甲府市 support route', async () => {
    const plans = (await call(staff, 'GET', `/api/support/persons/${haru}/plans`)).json().items;
    const planId = plans[0].id;
    const noteId = (await call(staff, 'GET', `/api/support/persons/${haru}/timeline`)).json().items[0].id;
    const intakeId = (await call(staff, 'GET', `/api/support/persons/${haru}/intakes`)).json().items[0].id;
    const familyId = (await call(staff, 'GET', `/api/support/persons/${DEMO_PERSON_IDS.yamadaFamily}`)).json()
      .family[0].id;
    const imported = await uploadCsv(staff, '外部ID,呼び名\r\nK-1,テスト\r\n');
    const p = `/api/support/persons/${haru}`;
    const requests: ['GET' | 'POST' | 'PUT', string, Body?][] = [
      ['GET', p],
      ['PUT', p, { nickname: 'x', version: 1 }],
      ['POST', `${p}/merge`, { duplicateId: DEMO_PERSON_IDS.sora, version: 1, duplicateVersion: 1 }],
      ['POST', `${p}/family`, { relationship: 'mother' }],
      [
        'PUT',
        `/api/support/persons/${DEMO_PERSON_IDS.yamadaFamily}/family/${familyId}`,
        { relationship: 'mother', version: 1 },
      ],
      ['GET', `${p}/consents`],
      [
        'POST',
        `${p}/consents`,
        {
          purpose: 'research_use',
          recipient: 'research',
          status: 'given',
          decidedOn: today,
          method: 'online',
        },
      ],
      ['GET', `${p}/intakes`],
      ['POST', `${p}/intakes`, { content: {} }],
      ['GET', `${p}/intakes/${intakeId}`],
      ['PUT', `${p}/intakes/${intakeId}`, { version: 1, content: {} }],
      ['GET', `${p}/plans`],
      ['POST', `${p}/plans`, { goals: [{ ownWords: 'x' }], reviewOn: today }],
      ['GET', `${p}/plans/${planId}`],
      ['PUT', `${p}/plans/${planId}`, { goals: [{ ownWords: 'x' }], reviewOn: today, version: 1 }],
      ['GET', `${p}/plans/${planId}/print`],
      ['GET', `${p}/matches`],
      ['GET', `${p}/timeline`],
      ['POST', `${p}/notes`, note('x')],
      ['GET', `${p}/notes/${noteId}`],
      ['PUT', `${p}/notes/${noteId}`, { version: 1, note: note('x') }],
      ['GET', `${p}/measures`],
      ['POST', `${p}/measures`, { kind: 'participation_ladder', takenOn: today, level: 1 }],
      ['GET', `/api/support/imports/${imported.id}`],
      ['POST', `/api/support/imports/${imported.id}/confirm`, {}],
    ];
    const wrong: string[] = [];
    for (const [method, url, body] of requests) {
      const res = await call(kaiStaff, method, url, body);
      if (res.statusCode !== 404) wrong.push(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
    // Lists and searches of 甲斐市 never contain 甲府市 cases.
    const kaiList = (await call(kaiStaff, 'GET', '/api/support/persons?scope=all')).json();
    expect(kaiList.items.map((i: { id: string }) => i.id)).toEqual([DEMO_PERSON_IDS.kai]);
    const kaiSearch = (
      await call(kaiStaff, 'POST', '/api/support/persons/search', { nickname: 'はるさん（デモ）' })
    ).json();
    expect(kaiSearch.items).toEqual([]);
  });

  it('labour staff see a case only while consent to labour collaboration is given; withdrawal hides it at once', async () => {
    const seen = await call(labour, 'GET', `/api/support/persons/${haru}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().access).toEqual({ via: 'labour_consent', canManage: false });
    // そらさん withdrew consent in the demo; the family-only case never gave it.
    expect((await call(labour, 'GET', `/api/support/persons/${DEMO_PERSON_IDS.sora}`)).statusCode).toBe(404);
    expect(
      (await call(labour, 'GET', `/api/support/persons/${DEMO_PERSON_IDS.yamadaFamily}/timeline`)).statusCode,
    ).toBe(404);
    const all = (await call(labour, 'GET', '/api/support/persons?scope=all')).json();
    expect(all.items.map((i: { id: string }) => i.id)).toEqual([haru]);

    // Labour staff may write a note on a consented case.
    expect(
      (
        await call(
          labour,
          'POST',
          `/api/support/persons/${haru}/notes`,
          note('就労支援の面談', { participants: ['person', 'labour_staff'] }),
        )
      ).statusCode,
    ).toBe(201);

    // A new person consents, labour sees them; the consent is withdrawn (a new record), labour loses them.
    const p = await newPerson('ろうどうさん');
    expect((await call(labour, 'GET', `/api/support/persons/${p.id}`)).statusCode).toBe(404);
    const given = await call(staff, 'POST', `/api/support/persons/${p.id}/consents`, {
      purpose: 'labour_collaboration',
      recipient: 'labour_department',
      status: 'given',
      decidedOn: today,
      method: 'signed_form',
    });
    expect(given.statusCode).toBe(201);
    expect((await call(labour, 'GET', `/api/support/persons/${p.id}`)).statusCode).toBe(200);
    const givenId = given
      .json()
      .effective.find((e: { purpose: string }) => e.purpose === 'labour_collaboration').recordId;
    const withdrawn = await call(staff, 'POST', `/api/support/persons/${p.id}/consents`, {
      purpose: 'labour_collaboration',
      recipient: 'labour_department',
      status: 'withdrawn',
      decidedOn: today,
      method: 'verbal_phone',
      supersedes: givenId,
    });
    expect(withdrawn.statusCode).toBe(201);
    expect((await call(labour, 'GET', `/api/support/persons/${p.id}`)).statusCode).toBe(404);
    // Both records are kept, newest first; the consent itself was never edited.
    const history = withdrawn.json();
    expect(history.records.map((r: { status: string }) => r.status)).toEqual(['withdrawn', 'given', 'given']);
    // Each record says who recorded it, by name (the history page shows it).
    const me = (await call(staff, 'GET', '/api/auth/me')).json();
    expect(me.account.displayName).not.toBe('');
    expect(history.records[0].recordedByName).toBe(me.account.displayName);
    expect(
      history.effective.find((e: { purpose: string }) => e.purpose === 'labour_collaboration').status,
    ).toBe('withdrawn');

    // Labour staff cannot record consent themselves.
    expect(
      (
        await call(labour, 'POST', `/api/support/persons/${haru}/consents`, {
          purpose: 'research_use',
          recipient: 'research',
          status: 'given',
          decidedOn: today,
          method: 'online',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('an expired consent no longer opens the case', async () => {
    const p = await newPerson('きげんさん');
    await call(staff, 'POST', `/api/support/persons/${p.id}/consents`, {
      purpose: 'labour_collaboration',
      recipient: 'labour_department',
      status: 'given',
      decidedOn: '2026-01-01',
      expiresOn: '2026-11-01',
      method: 'signed_form',
    });
    expect((await call(labour, 'GET', `/api/support/persons/${p.id}`)).statusCode).toBe(404);
    const consents = (await call(staff, 'GET', `/api/support/persons/${p.id}/consents`)).json();
    expect(
      consents.effective.find((e: { purpose: string }) => e.purpose === 'labour_collaboration').status,
    ).toBe('expired');
  });

  it('consent records cannot be changed, even by a direct UPDATE as the application role', async () => {
    await expect(
      t.db.orm.transaction(async (tx) => {
        await tx.execute(sql`set local role tsunagari_app`);
        await tx.execute(sql`select set_config('app.tenant', ${KOFU}, true)`);
        await tx.execute(sql`update support_consents set status = 'given'`);
      }),
    ).rejects.toThrow();
  });
});

describe('sensitive notes', () => {
  it('are absent (not redacted) for roles not named, present for the named ones', async () => {
    const p = await newPerson('はいりょさん');
    await call(staff, 'POST', `/api/support/persons/${p.id}/consents`, {
      purpose: 'labour_collaboration',
      recipient: 'labour_department',
      status: 'given',
      decidedOn: today,
      method: 'signed_form',
    });
    const open = await call(staff, 'POST', `/api/support/persons/${p.id}/notes`, note('通常の記録'));
    const secret = await call(
      staff,
      'POST',
      `/api/support/persons/${p.id}/notes`,
      note('通院歴についての記録', { sensitive: true, readableBy: ['consultation'] }),
    );
    expect(secret.statusCode).toBe(201);
    expect(secret.json().readableBy).toEqual(['consultation']);
    const forStaff = (await call(staff, 'GET', `/api/support/persons/${p.id}/timeline`)).json();
    expect(forStaff.items.map((n: { id: string }) => n.id).sort()).toEqual(
      [open.json().id, secret.json().id].sort(),
    );
    const forLabour = await call(labour, 'GET', `/api/support/persons/${p.id}/timeline`);
    expect(forLabour.statusCode).toBe(200);
    expect(forLabour.json().items.map((n: { id: string }) => n.id)).toEqual([open.json().id]);
    expect(forLabour.body).not.toContain('通院歴');
    expect(
      (await call(labour, 'GET', `/api/support/persons/${p.id}/notes/${secret.json().id}`)).statusCode,
    ).toBe(404);
    expect(
      (
        await call(labour, 'PUT', `/api/support/persons/${p.id}/notes/${secret.json().id}`, {
          version: 1,
          note: note('x'),
        })
      ).statusCode,
    ).toBe(404);
    // Sensitive without naming anyone is refused.
    expect(
      (await call(staff, 'POST', `/api/support/persons/${p.id}/notes`, note('x', { sensitive: true })))
        .statusCode,
    ).toBe(400);
  });
});

describe('versioned notes', () => {
  it('two sessions edit one note: the second save gets 409 with the current version and what it sent', async () => {
    const p = await newPerson('へんしゅうさん');
    const created = (
      await call(staff, 'POST', `/api/support/persons/${p.id}/notes`, note('最初の記録'))
    ).json();
    const url = `/api/support/persons/${p.id}/notes/${created.id}`;
    const first = await call(staff, 'PUT', url, { version: 1, note: note('一人目の訂正') });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, text: '一人目の訂正' });
    const second = await call(staff2, 'PUT', url, { version: 1, note: note('二人目の訂正') });
    expect(second.statusCode).toBe(409);
    const body = second.json();
    expect(body.code).toBe('conflict');
    expect(body.current).toMatchObject({ id: created.id, version: 2, text: '一人目の訂正' });
    expect(body.yours).toMatchObject({ version: 1, note: { text: '二人目の訂正' } });
    // No lost edit: the second session saves on top of the current version.
    const retry = await call(staff2, 'PUT', url, { version: 2, note: note('二人目の訂正') });
    expect(retry.statusCode).toBe(200);
    const history = (await call(staff, 'GET', url)).json();
    expect(history.versions.map((v: { text: string }) => v.text)).toEqual([
      '最初の記録',
      '一人目の訂正',
      '二人目の訂正',
    ]);
    // The timeline shows the current version only.
    const tl = (await call(staff, 'GET', `/api/support/persons/${p.id}/timeline`)).json();
    expect(tl.items).toHaveLength(1);
    expect(tl.items[0]).toMatchObject({ version: 3, text: '二人目の訂正' });
  });

  it('two concurrent saves of the same version: exactly one wins, the other answers 409', async () => {
    const p = await newPerson('どうじさん');
    const created = (await call(staff, 'POST', `/api/support/persons/${p.id}/notes`, note('並行'))).json();
    const url = `/api/support/persons/${p.id}/notes/${created.id}`;
    const results = await Promise.all([
      call(staff, 'PUT', url, { version: 1, note: note('A') }),
      call(staff2, 'PUT', url, { version: 1, note: note('B') }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('intake and plans keep every version; a stale plan save is a 409', async () => {
    const p = await newPerson('けいかくさん');
    const intake = await call(staff, 'POST', `/api/support/persons/${p.id}/intakes`, {
      content: {
        mainConcern: { words: '人と会うのがこわい', whose: 'person' },
        urgency: { level: 'watch', reason: '睡眠が不規則' },
      },
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const iid = intake.json().id;
    const v2 = await call(staff, 'PUT', `/api/support/persons/${p.id}/intakes/${iid}`, {
      version: 1,
      content: { urgency: { level: 'none' } },
    });
    expect(v2.json()).toMatchObject({
      version: 2,
      latestVersion: 2,
      versions: [{ version: 1 }, { version: 2 }],
    });
    const old = await call(staff, 'GET', `/api/support/persons/${p.id}/intakes/${iid}?version=1`);
    expect(old.json().content.mainConcern.words).toBe('人と会うのがこわい');
    const stale = await call(staff, 'PUT', `/api/support/persons/${p.id}/intakes/${iid}`, {
      version: 1,
      content: {},
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(2);

    const plan = (
      await call(staff, 'POST', `/api/support/persons/${p.id}/plans`, {
        goals: [{ ownWords: '朝起きる' }],
        reviewOn: '2027-01-10',
      })
    ).json();
    const goalId = plan.content.goals[0].id;
    const next = await call(staff, 'PUT', `/api/support/persons/${p.id}/plans/${plan.id}`, {
      version: 1,
      goals: [{ id: goalId, ownWords: '朝9時に起きる' }, { ownWords: '散歩する' }],
      reviewOn: '2026-12-01',
    });
    expect(next.statusCode).toBe(200);
    expect(next.json().content.goals[0].id).toBe(goalId);
    expect(
      (
        await call(staff, 'PUT', `/api/support/persons/${p.id}/plans/${plan.id}`, {
          version: 1,
          goals: [{ ownWords: 'x' }],
          reviewOn: today,
        })
      ).statusCode,
    ).toBe(409);
    // GAS against the plan: T = 50 + 10(1 + 0)/√(0.7·2 + 0.3·4) = 56.2
    const gas = await call(staff, 'POST', `/api/support/persons/${p.id}/measures`, {
      kind: 'gas',
      takenOn: today,
      planId: plan.id,
      ratings: next
        .json()
        .content.goals.map((g: { id: string }, i: number) => ({ goalId: g.id, score: i === 0 ? 1 : 0 })),
    });
    expect(gas.statusCode, gas.body).toBe(201);
    expect(gas.json().score).toBe(56.2);
  });
});

describe('measures', () => {
  it('score WHO-5, UCLA-3, HQ-25 as entered and the ladder; the chart series leaves replaced ones out', async () => {
    const p = await newPerson('そくていさん');
    const url = `/api/support/persons/${p.id}/measures`;
    const first = (
      await call(staff, 'POST', url, { kind: 'who5', takenOn: '2026-10-01', answers: [1, 1, 1, 1, 1] })
    ).json();
    await call(staff, 'POST', url, {
      kind: 'who5',
      takenOn: '2026-10-01',
      answers: [2, 1, 1, 1, 1],
      replaces: first.id,
    });
    await call(staff, 'POST', url, { kind: 'who5', takenOn: '2026-11-01', answers: [3, 3, 3, 3, 3] });
    expect(
      (await call(staff, 'POST', url, { kind: 'ucla3', takenOn: today, answers: [2, 3, 4] })).json().score,
    ).toBe(9);
    const hq = await call(staff, 'POST', url, {
      kind: 'hq25',
      takenOn: today,
      total: 45,
      socialization: 20,
      isolation: 15,
      dailyActivities: 10,
    });
    expect(hq.json()).toMatchObject({ score: 45, flagged: true });
    expect(
      (
        await call(staff, 'POST', url, {
          kind: 'hq25',
          takenOn: today,
          total: 40,
          socialization: 20,
          isolation: 15,
          dailyActivities: 10,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await call(staff, 'POST', url, { kind: 'participation_ladder', takenOn: today, level: 4 })).json()
        .details.label,
    ).toBe('居場所などに通う');
    const list = (await call(staff, 'GET', url)).json();
    expect(list.series.who5).toEqual([
      { takenOn: '2026-10-01', score: 24, flagged: true },
      { takenOn: '2026-11-01', score: 60, flagged: false },
    ]);
    expect(list.series.ucla3).toEqual([{ takenOn: today, score: 9, flagged: false }]);
    const instruments = (await call(staff, 'GET', '/api/support/instruments')).json();
    expect(instruments.who5.items[0]).toBe('明るく、楽しい気分で過ごした');
    expect(instruments.ucla3.choices.map((c: { label: string }) => c.label)).toEqual([
      '決してない',
      'ほとんどない',
      '時々ある',
      '常にある',
    ]);
  });
});

describe('persons: search before create, family and household, merge', () => {
  it('finds by folded exact matches (kana forms, 異体字, phone digits) without any plaintext search', async () => {
    const created = await newPerson('タロウ', {
      realName: '髙橋 太郎',
      realNameKana: 'たかはし たろう',
      birthDate: '1990-04-01',
      contact: { phone: '000-1234-5678' },
    });
    const byKana = (
      await call(staff, 'POST', '/api/support/persons/search', { realNameKana: 'タカハシ　タロウ' })
    ).json();
    expect(byKana.items[0]).toMatchObject({ id: created.id, matchedOn: ['realNameKana'] });
    const byName = (
      await call(staff, 'POST', '/api/support/persons/search', {
        realName: '高橋太郎',
        birthDate: '1990-04-01',
        phone: '０００１２３４５６７８',
      })
    ).json();
    expect(byName.items[0]).toMatchObject({ id: created.id });
    expect(byName.items[0].matchedOn.sort()).toEqual(['birthDate', 'phone', 'realName']);
    expect((await call(staff, 'POST', '/api/support/persons/search', {})).statusCode).toBe(400);
  });

  it('records the family and flags an 8050 household', async () => {
    const detail = (await call(staff, 'GET', `/api/support/persons/${DEMO_PERSON_IDS.yamadaFamily}`)).json();
    expect(detail).toMatchObject({ familyOnly: true, household: { size: 3, eightyFifty: true } });
    expect(detail.family.find((m: { isMainContact: boolean }) => m.isMainContact)).toMatchObject({
      relationship: 'mother',
      age: 82,
    });
    expect(detail.contactPreferences).toMatchObject({ channels: ['via_family'], noHomeVisits: true });
  });

  it('merges a duplicate keeping all history of both; a stale version is a 409', async () => {
    const a = await newPerson('まーじA');
    const b = await newPerson('まーじB', { realName: '統合 花子' });
    await call(staff, 'POST', `/api/support/persons/${a.id}/notes`, note('Aの記録'));
    await call(
      staff,
      'POST',
      `/api/support/persons/${b.id}/notes`,
      note('Bの記録', { occurredAt: '2026-11-20T10:00:00+09:00' }),
    );
    await call(staff, 'POST', `/api/support/persons/${b.id}/measures`, {
      kind: 'participation_ladder',
      takenOn: today,
      level: 2,
    });
    const stale = await call(staff, 'POST', `/api/support/persons/${a.id}/merge`, {
      duplicateId: b.id,
      version: a.version + 1,
      duplicateVersion: b.version,
    });
    expect(stale.statusCode).toBe(409);
    const merged = await call(staff, 'POST', `/api/support/persons/${a.id}/merge`, {
      duplicateId: b.id,
      version: a.version,
      duplicateVersion: b.version,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ id: a.id, mergedIds: [b.id], realName: '統合 花子' });
    expect(merged.json().consents.length).toBe(1);
    const tl = (await call(staff, 'GET', `/api/support/persons/${a.id}/timeline`)).json();
    expect(tl.items.map((n: { text: string }) => n.text)).toEqual(['Aの記録', 'Bの記録']);
    expect((await call(staff, 'GET', `/api/support/persons/${a.id}/measures`)).json().items).toHaveLength(1);
    // The duplicate's id opens the survivor; it no longer appears in search results.
    expect((await call(staff, 'GET', `/api/support/persons/${b.id}`)).json().id).toBe(a.id);
    const search = (
      await call(staff, 'POST', '/api/support/persons/search', { realName: '統合 花子' })
    ).json();
    expect(search.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect(
      (
        await call(staff, 'POST', `/api/support/persons/${a.id}/merge`, {
          duplicateId: b.id,
          version: 2,
          duplicateVersion: 2,
        })
      ).statusCode,
    ).toBe(409);
  });
});

describe('protection of personal data', () => {
  it('a raw SELECT shows no plaintext name, note text or contact', async () => {
    const p = await newPerson('ひみつのニックネーム', {
      realName: '秘密 太郎',
      contact: { phone: '000-9999-8888', email: 'himitsu@example.jp' },
    });
    await call(staff, 'POST', `/api/support/persons/${p.id}/notes`, note('誰にも見せない経過記録の本文'));
    await call(staff, 'POST', `/api/support/persons/${p.id}/family`, {
      relationship: 'mother',
      name: '秘密 花子',
    });
    await call(staff, 'POST', `/api/support/persons/${p.id}/intakes`, {
      content: { mainConcern: { words: '秘密の主訴' } },
    });
    const dump = await asSystem(t.db, (tx) =>
      rows<{ row: string }>(
        tx,
        sql`select row_to_json(x)::text as row from support_persons x
            union all select row_to_json(x)::text from support_note_versions x
            union all select row_to_json(x)::text from support_family_members x
            union all select row_to_json(x)::text from support_intake_versions x
            union all select row_to_json(x)::text from audit_events x`,
      ),
    );
    const all = dump.map((r) => r.row).join('\n');
    for (const secret of [
      'ひみつのニックネーム',
      '秘密',
      '000-9999-8888',
      '00099998888',
      'himitsu@',
      '経過記録の本文',
      '主訴',
    ]) {
      expect(all, secret).not.toContain(secret);
    }
  });

  it('every read of a record appears in the audit, as a read of that person', async () => {
    const me = staff.body.account.id;
    const from = new Date(Date.now() - 60_000);
    const p = await newPerson('かんささん');
    for (const path of ['', '/timeline', '/plans', '/measures', '/consents', '/intakes']) {
      expect((await call(staff, 'GET', `/api/support/persons/${p.id}${path}`)).statusCode).toBe(200);
    }
    const actions = await asSystem(t.db, (tx) =>
      rows<{ action: string }>(
        tx,
        sql`select action from audit_events where record_type = 'person' and record_id = ${p.id} and actor_account_id = ${me}
            order by seq`,
      ),
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'support.person.create',
        'support.person.read',
        'support.timeline.read',
        'support.plan.read',
        'support.measure.read',
        'support.consent.read',
        'support.intake.read',
      ]),
    );
    const read = await asSystem(t.db, (tx) =>
      personsReadBy(tx, { chain: KOFU, accountId: me, from, to: new Date(Date.now() + 60_000) }),
    );
    expect(read).toContain(p.id);
  });
});

describe('caseload, review reminders and April rotation', () => {
  it('shows my cases, reviews due, long gaps and unanswered consultations — nothing about employment', async () => {
    const res = await call(staff, 'GET', '/api/support/caseload');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const ids = (list: { id: string }[]) => list.map((p) => p.id);
    expect(ids(body.myCases)).toContain(DEMO_PERSON_IDS.haru);
    expect(ids(body.reviewsDue)).toContain(DEMO_PERSON_IDS.haru);
    expect(ids(body.longGaps)).toContain(DEMO_PERSON_IDS.yamadaFamily);
    expect(body.unansweredConsultations.count).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toMatch(/employ|就労率|就職/);
    // Labour staff: only consented cases, and no consultation queue.
    const forLabour = (await call(labour, 'GET', '/api/support/caseload?scope=all')).json();
    expect(ids(forLabour.myCases)).toContain(DEMO_PERSON_IDS.haru);
    expect(ids(forLabour.myCases)).not.toContain(DEMO_PERSON_IDS.sora);
    expect(ids(forLabour.myCases)).not.toContain(DEMO_PERSON_IDS.yamadaFamily);
    expect(forLabour.unansweredConsultations.count).toBe(0);
  });

  it('reminds the lead worker before the review date, once', async () => {
    const ctx = { db: t.db, config: t.config, clock: t.clock };
    const first = await runDueJobs(ctx, { only: ['support.review-reminders'], trigger: 'test' });
    expect(first.results[0]).toMatchObject({ status: 'ok' });
    expect(first.results[0]!.processed).toBeGreaterThan(0);
    const second = await runDueJobs(ctx, { only: ['support.review-reminders'], trigger: 'test' });
    expect(second.results[0]!.processed).toBe(0);
    const outbox = (await call(admin, 'GET', '/api/admin/outbox?limit=200')).json();
    const alerts = outbox.items.filter(
      (m: { templateKey: string }) => m.templateKey === 'support.review-due',
    );
    expect(alerts.length).toBe(first.results[0]!.processed);
    expect(alerts[0].body).toMatch(/\/console\/support\/persons\/[0-9a-f-]{36}/);
    expect(alerts[0].body).not.toContain('はる');
  });

  it('April rotation hands a leaving worker’s cases to the successor', async () => {
    const from = staff.body.account.id;
    const [successor] = await asSystem(t.db, (tx) =>
      rows<{ id: string }>(tx, sql`select id from accounts where email = 'labour@kofu.demo.example'`),
    );
    const dry = await call(admin, 'POST', '/api/admin/rotation', {
      dryRun: true,
      caseloadTransfers: [{ fromAccountId: from, toAccountId: successor!.id }],
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(JSON.stringify(dry.json().caseloadTransfers)).toContain('support.cases');
  });
});

describe('import of an existing case list', () => {
  it('previews every row’s problems and writes nothing; confirm applies; re-import does not duplicate', async () => {
    const csv = [
      '外部ID,呼び名,氏名,ふりがな,生年月日,電話番号,年代,家族のみ,担当者,最終連絡日,備考',
      'C-001,いちさん,一 太郎,いち たろう,平成2年4月1日,000-1111-2222,30代,いいえ,consultation@kofu.demo.example,2026/10/01,以前の一覧のメモ',
      'C-002,,二宮 花子,,1985-13-01,,40代,はい,,,',
      'C-003,さんさん,,,,,百代,たぶん,nobody@example.jp,,',
      ',よんさん,,,,,,,,,',
      'C-001,重複,,,,,,,,,',
      'C-006,ろくさん,,,,,50代,はい,,令和8年11月1日,',
    ].join('\r\n');
    const before = await countPersons();
    const preview = await uploadCsv(staff, csv, 'shift_jis');
    expect(preview.encoding).toBe('shift_jis');
    expect(preview.status).toBe('previewed');
    const problems = preview.problems.map(
      (p: { row: number; column: string; code: string }) => `${p.row}:${p.column}:${p.code}`,
    );
    expect(problems).toEqual([
      '2:生年月日:invalid_date',
      '3:年代:invalid_age_group',
      '3:家族のみ:invalid_flag',
      '3:担当者:unknown_worker',
      '4:外部ID:missing_external_id',
      '5:外部ID:duplicate_external_id',
    ]);
    expect(preview.problems[0].reason).toContain('日付を読み取れません');
    expect(preview.plan).toEqual({ create: 2, update: 0, unchanged: 0, invalid: 4 });
    expect(await countPersons()).toBe(before);

    expect((await call(staff, 'POST', `/api/support/imports/${preview.id}/confirm`, {})).statusCode).toBe(
      422,
    );
    const applied = await call(staff, 'POST', `/api/support/imports/${preview.id}/confirm`, {
      skipInvalid: true,
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().result).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: 4 });
    expect(await countPersons()).toBe(before + 2);
    expect(
      (await call(staff, 'POST', `/api/support/imports/${preview.id}/confirm`, { skipInvalid: true }))
        .statusCode,
    ).toBe(409);

    const found = (await call(staff, 'POST', '/api/support/persons/search', { realName: '一 太郎' })).json()
      .items[0];
    expect(found).toMatchObject({
      nickname: 'いちさん',
      ageGroup: '30s',
      lastContactAt: '2026-10-01T03:00:00.000Z',
    });
    const detail = (await call(staff, 'GET', `/api/support/persons/${found.id}`)).json();
    expect(detail.birthDate).toBe('1990-04-01');
    const tl = (await call(staff, 'GET', `/api/support/persons/${found.id}/timeline`)).json();
    expect(tl.items[0].text).toContain('以前の一覧のメモ');

    // Re-import (UTF-8 with BOM this time): C-001 unchanged, C-006 updated, nothing duplicated.
    const again = await uploadCsv(
      staff,
      '\uFEFF外部ID,呼び名,年代\r\nC-001,いちさん,30代\r\nC-006,ろくさん,60代\r\n',
    );
    expect(again.encoding).toBe('utf-8-bom');
    expect(again.plan).toEqual({ create: 0, update: 1, unchanged: 1, invalid: 0 });
    const reapplied = await call(staff, 'POST', `/api/support/imports/${again.id}/confirm`, {});
    expect(reapplied.json().result).toEqual({ created: 0, updated: 1, unchanged: 1, skipped: 0 });
    expect(await countPersons()).toBe(before + 2);
  });

  it('refuses non-multipart uploads (415), empty files (400) and other roles (403)', async () => {
    expect((await call(staff, 'POST', '/api/support/imports', { a: 1 })).statusCode).toBe(415);
    const empty = await uploadRaw(staff, Buffer.from('外部ID,呼び名\r\n'));
    expect(empty.statusCode).toBe(400);
    expect((await uploadRaw(labour, Buffer.from('外部ID,呼び名\r\nX,y\r\n'))).statusCode).toBe(403);
  });

  it('answers a broken multipart body with 400 problem+json, never 500 (issue 19)', async () => {
    for (const contentType of [
      'multipart/form-data',
      `multipart/form-data; boundary=${'b'.repeat(300)}`,
      'multipart/form-data; boundary=supportboundary',
    ]) {
      const res = await t.request({
        method: 'POST',
        url: '/api/support/imports',
        payload: Buffer.from(
          '--supportboundary\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n外部ID',
        ),
        headers: { ...staff.headers(), 'content-type': contentType },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('upload.malformed');
    }
  });
});

async function countPersons(): Promise<number> {
  const [row] = await asSystem(t.db, (tx) =>
    rows<{ n: number }>(tx, sql`select count(*)::int as n from support_persons`),
  );
  return row!.n;
}

function uploadRaw(who: LoggedIn, bytes: Buffer) {
  const boundary = 'supportboundary';
  return t.request({
    method: 'POST',
    url: '/api/support/imports',
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cases.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { ...who.headers(), 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

async function uploadCsv(who: LoggedIn, text: string, encoding: 'utf-8' | 'shift_jis' = 'utf-8') {
  const res = await uploadRaw(
    who,
    encoding === 'shift_jis' ? iconv.encode(text, 'cp932') : Buffer.from(text, 'utf8'),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
