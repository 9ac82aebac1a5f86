import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import type { LoggedIn } from '../../../../test/helpers/auth.ts';
import { DEMO_PERSON_IDS } from '../support/support.demo.ts';
import { DEMO_AGENCY_IDS, DEMO_CONFERENCE_ID, DEMO_REFERRAL_ID } from './agencies.demo.ts';

let t: TestApp;
let staff: LoggedIn;
let labour: LoggedIn;
let admin: LoggedIn;
let member: LoggedIn;
let kaiStaff: LoggedIn;
let kaiMember: LoggedIn;
let address = 0;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [staff, labour, admin, member, kaiStaff, kaiMember] = await loginDemoStaff(t, [
    'consultation@kofu',
    'labour@kofu',
    'municipal_admin@kofu',
    'agency_member@kofu',
    'consultation@kai',
    'agency_member@kai',
  ]);
});
afterAll(async () => {
  await t?.close();
});

type Body = Record<string, unknown>;
const call = (who: LoggedIn | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Body) =>
  t.request({
    method,
    url,
    ...(payload !== undefined ? { payload } : {}),
    headers: who?.headers() ?? {},
    remoteAddress: `127.72.${Math.floor(++address / 250) % 250}.${(address % 250) + 1}`,
  });

const today = '2026-11-26';
const newPerson = async (nickname: string) => {
  const res = await call(staff, 'POST', '/api/support/persons', {
    person: { nickname },
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
  return res.json() as { id: string };
};
const consent = (personId: string, agencyId: string, status: string, supersedes: string | null = null) =>
  call(staff, 'POST', `/api/support/persons/${personId}/consents`, {
    purpose: 'agency_referral',
    recipient: 'partner_agency',
    recipientAgencyId: agencyId,
    status,
    decidedOn: today,
    method: 'signed_form',
    supersedes,
  });

describe('agencies', () => {
  it('lists the demo agencies with the linked agency member; 401/403/400', async () => {
    expect((await call(null, 'GET', '/api/agencies')).statusCode).toBe(401);
    expect((await call(member, 'GET', '/api/agencies')).statusCode).toBe(403);
    const list = await call(admin, 'GET', '/api/agencies');
    expect(list.statusCode).toBe(200);
    const hw = list.json().items.find((a: { id: string }) => a.id === DEMO_AGENCY_IDS.helloWorkKofu);
    expect(hw).toMatchObject({ kind: 'hello_work', name: 'ハローワーク甲府（デモ）' });
    expect(hw.members).toHaveLength(1);
    const kinds = new Set(list.json().items.map((a: { kind: string }) => a.kind));
    for (const k of [
      'welfare',
      'labour',
      'health',
      'school',
      'hello_work',
      'npo',
      'family_association',
      'hikikomori_center',
    ])
      expect(kinds.has(k)).toBe(true);
    // Another tenant's agencies are not listed.
    const kai = await call(kaiStaff, 'GET', '/api/agencies');
    expect(kai.json().items.some((a: { id: string }) => a.id === DEMO_AGENCY_IDS.helloWorkKofu)).toBe(false);
    expect((await call(admin, 'POST', '/api/agencies', { kind: 'nope', name: 'x' })).statusCode).toBe(400);
    const created = await call(admin, 'POST', '/api/agencies', {
      kind: 'npo',
      name: 'テストNPO',
      contact: '000-0000-0000',
    });
    expect(created.statusCode, created.body).toBe(201);
    const updated = await call(admin, 'PUT', `/api/agencies/${created.json().id}`, {
      kind: 'npo',
      name: 'テストNPO（改称）',
      version: 1,
    });
    expect(updated.statusCode).toBe(200);
    expect(
      (await call(admin, 'PUT', `/api/agencies/${created.json().id}`, { kind: 'npo', name: 'x', version: 1 }))
        .statusCode,
    ).toBe(409);
    // Other tenant → 404.
    expect(
      (
        await call(kaiStaff, 'PUT', `/api/agencies/${created.json().id}`, {
          kind: 'npo',
          name: 'x',
          version: 2,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('agency members', () => {
  it.each([
    ['another tenant’s agency member account', () => kaiMember.body.account.id],
    ['a non-existent account', () => '00000000-0000-4000-8000-00000000dead'],
  ])('refuses %s with 400 naming accountId, writing nothing', async (_what, accountId) => {
    const url = `/api/agencies/${DEMO_AGENCY_IDS.kofuNpo}`;
    const before = (await call(admin, 'GET', url)).json().members;
    const res = await call(admin, 'POST', `${url}/members`, { accountId: accountId() });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].pointer).toBe('/body/accountId');
    expect((await call(admin, 'GET', url)).json().members).toEqual(before);
  });
});

describe('consent to share with an agency', () => {
  it.each([
    ['another tenant’s agency', DEMO_AGENCY_IDS.kaiHelloWork],
    ['a non-existent agency', '00000000-0000-4000-8000-00000000dead'],
  ])(
    'refuses %s as the recipient with 400 naming recipientAgencyId, writing nothing',
    async (_what, agencyId) => {
      const p = await newPerson('参照テスト');
      const before = (await call(staff, 'GET', `/api/support/persons/${p.id}/consents`)).json().records
        .length;
      const res = await consent(p.id, agencyId, 'given');
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors[0].pointer).toBe('/body/recipientAgencyId');
      expect((await call(staff, 'GET', `/api/support/persons/${p.id}/consents`)).json().records).toHaveLength(
        before,
      );
    },
  );
});

describe('referrals', () => {
  it('refuses a referral without covering consent, naming what is missing', async () => {
    const p = await newPerson('紹介テストさん');
    const res = await call(staff, 'POST', '/api/referrals', {
      personId: p.id,
      agencyId: DEMO_AGENCY_IDS.helloWorkKofu,
      summary: '短時間の仕事の相談',
    });
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.code).toBe('referral_basis_missing');
    expect(problem.detail).toContain('ハローワーク甲府（デモ）');
    expect(problem.detail).toContain('同意');
    expect(problem.detail).toContain('記録がありません');
    expect(problem.missing.consent).toMatchObject({ purpose: 'agency_referral', state: 'missing' });
    // A consent for another agency does not cover this one.
    expect((await consent(p.id, DEMO_AGENCY_IDS.kofuNpo, 'given')).statusCode).toBe(201);
    const other = await call(staff, 'POST', '/api/referrals', {
      personId: p.id,
      agencyId: DEMO_AGENCY_IDS.helloWorkKofu,
      summary: 'x',
    });
    expect(other.statusCode).toBe(422);
    // A refused consent is named as refused.
    await consent(p.id, DEMO_AGENCY_IDS.helloWorkKofu, 'refused');
    const refused = await call(staff, 'POST', '/api/referrals', {
      personId: p.id,
      agencyId: DEMO_AGENCY_IDS.helloWorkKofu,
      summary: 'x',
    });
    expect(refused.json().missing.consent.state).toBe('refused');
    // Permission and validation.
    expect(
      (
        await call(labour, 'POST', '/api/referrals', {
          personId: p.id,
          agencyId: DEMO_AGENCY_IDS.helloWorkKofu,
          summary: 'x',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(staff, 'POST', '/api/referrals', {
          personId: p.id,
          agencyId: DEMO_AGENCY_IDS.helloWorkKofu,
          summary: '',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('with consent: sent → accepted → in progress → completed; withdrawing consent stops the agency’s next read', async () => {
    const p = await newPerson('同意ありさん');
    const given = await consent(p.id, DEMO_AGENCY_IDS.helloWorkKofu, 'given');
    expect(given.statusCode).toBe(201);
    const sent = await call(staff, 'POST', '/api/referrals', {
      personId: p.id,
      agencyId: DEMO_AGENCY_IDS.helloWorkKofu,
      summary: '午後の面談を希望。短時間の仕事を知りたい。',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const referral = sent.json();
    expect(referral).toMatchObject({ status: 'requested', basis: 'consent', basisInForce: true });

    // The agency's inbox lists it without content; the detail shows the shared summary only.
    const inbox = await call(member, 'GET', '/api/agency/referrals');
    expect(inbox.statusCode).toBe(200);
    const row = inbox.json().items.find((i: { id: string }) => i.id === referral.id);
    expect(row).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain('午後');
    const shared = await call(member, 'GET', `/api/agency/referrals/${referral.id}`);
    expect(shared.statusCode).toBe(200);
    expect(shared.json().summary).toBe('午後の面談を希望。短時間の仕事を知りたい。');
    expect(shared.json()).not.toHaveProperty('personId');
    // Issue 22: the agency learns whom the referral is about by the nickname, nothing more of the record.
    expect(shared.json().personNickname).toBe('同意ありさん');

    // Another tenant's agency member: 404. Decline needs a reason.
    expect((await call(kaiMember, 'GET', `/api/agency/referrals/${referral.id}`)).statusCode).toBe(404);
    expect(
      (await call(member, 'POST', `/api/agency/referrals/${referral.id}/decline`, { version: 1 })).statusCode,
    ).toBe(400);
    const accepted = await call(member, 'POST', `/api/agency/referrals/${referral.id}/accept`, {
      version: 1,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    expect(
      (await call(member, 'POST', `/api/agency/referrals/${referral.id}/accept`, { version: 2 })).statusCode,
    ).toBe(409);
    const progress = await call(member, 'POST', `/api/agency/referrals/${referral.id}/progress`, {
      version: 2,
      note: '初回面談の日程を調整中',
    });
    expect(progress.json().status).toBe('in_progress');

    // The person withdraws consent: the agency's next read is refused at once.
    const records = (await call(staff, 'GET', `/api/support/persons/${p.id}/consents`)).json().records;
    const givenRecord = records.find(
      (r: { recipientAgencyId: string | null; status: string }) =>
        r.recipientAgencyId === DEMO_AGENCY_IDS.helloWorkKofu && r.status === 'given',
    );
    expect((await consent(p.id, DEMO_AGENCY_IDS.helloWorkKofu, 'withdrawn', givenRecord.id)).statusCode).toBe(
      201,
    );
    const refused = await call(member, 'GET', `/api/agency/referrals/${referral.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('referral_basis_ended');
    const inboxAfter = (await call(member, 'GET', '/api/agency/referrals')).json();
    expect(inboxAfter.items.find((i: { id: string }) => i.id === referral.id)).toMatchObject({
      basisInForce: false,
      personNickname: '',
    });
    // Staff see that the basis has ended.
    const staffView = await call(staff, 'GET', `/api/referrals/${referral.id}`);
    expect(staffView.json()).toMatchObject({ basisInForce: false, status: 'in_progress' });
    // Completing reveals nothing more.
    const done = await call(member, 'POST', `/api/agency/referrals/${referral.id}/complete`, {
      version: 3,
      note: '終了',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ summary: '', personNickname: '' });
  });

  it('staff withdraw a referral; a 支援会議 decision is a basis without consent', async () => {
    const demo = await call(staff, 'GET', `/api/referrals/${DEMO_REFERRAL_ID}`);
    expect(demo.statusCode).toBe(200);
    expect((await call(kaiStaff, 'GET', `/api/referrals/${DEMO_REFERRAL_ID}`)).statusCode).toBe(404);
    // The demo 支援会議 decided to share the 山田さん family case with the ひきこもり地域支援センター.
    const res = await call(staff, 'POST', '/api/referrals', {
      personId: DEMO_PERSON_IDS.yamadaFamily,
      agencyId: DEMO_AGENCY_IDS.hikikomoriCenter,
      summary: '訪問の経過を共有します。',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().basis).toBe('support_conference');
    const w = await call(staff, 'POST', `/api/referrals/${res.json().id}/withdraw`, { version: 1, note: '' });
    expect(w.json().status).toBe('withdrawn');
  });
});

describe('conferences', () => {
  it('a 支援会議 member who has not acknowledged confidentiality is refused; a non-member gets 404', async () => {
    // The demo agency member is a member but has not acknowledged.
    const list = await call(member, 'GET', '/api/conferences');
    expect(list.json().items.find((c: { id: string }) => c.id === DEMO_CONFERENCE_ID)).toMatchObject({
      acknowledged: false,
    });
    const refused = await call(member, 'GET', `/api/conferences/${DEMO_CONFERENCE_ID}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('confidentiality_not_acknowledged');
    expect((await call(member, 'GET', `/api/conferences/${DEMO_CONFERENCE_ID}/materials`)).statusCode).toBe(
      403,
    );

    // Non-members: 404 on the conference and its materials (labour staff of the same tenant, another tenant).
    expect((await call(labour, 'GET', `/api/conferences/${DEMO_CONFERENCE_ID}/materials`)).statusCode).toBe(
      404,
    );
    expect((await call(labour, 'GET', `/api/conferences/${DEMO_CONFERENCE_ID}`)).statusCode).toBe(404);
    expect((await call(kaiStaff, 'GET', `/api/conferences/${DEMO_CONFERENCE_ID}/materials`)).statusCode).toBe(
      404,
    );
    expect(
      (await call(labour, 'POST', `/api/conferences/${DEMO_CONFERENCE_ID}/acknowledge`)).statusCode,
    ).toBe(404);

    const ack = await call(member, 'POST', `/api/conferences/${DEMO_CONFERENCE_ID}/acknowledge`);
    expect(ack.statusCode).toBe(200);
    const detail = await call(member, 'GET', `/api/conferences/${DEMO_CONFERENCE_ID}`);
    expect(detail.statusCode).toBe(200);
    const kinds = detail.json().items.map((i: { kind: string }) => i.kind);
    expect(kinds.sort()).toEqual(['action', 'decision']);
    expect(detail.json().items.find((i: { kind: string }) => i.kind === 'decision')).toMatchObject({
      basis: 'support_conference',
      agencyId: DEMO_AGENCY_IDS.hikikomoriCenter,
    });
    const materials = await call(member, 'GET', `/api/conferences/${DEMO_CONFERENCE_ID}/materials`);
    expect(materials.statusCode).toBe(200);
  });

  it('a 重層的支援会議 needs consent for each agency present; items record owners, due dates and bases', async () => {
    const p = await newPerson('会議テストさん');
    const memberId = member.body.account.id;
    const body = {
      kind: 'multilayer',
      title: '重層的支援会議（テスト）',
      heldOn: today,
      personIds: [p.id],
      agenda: '就労と福祉の役割分担',
      memberAccountIds: [memberId, labour.body.account.id],
    };
    const refused = await call(staff, 'POST', '/api/conferences', body);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('conference_consent_missing');
    await consent(p.id, DEMO_AGENCY_IDS.helloWorkKofu, 'given');
    const created = await call(staff, 'POST', '/api/conferences', body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    // Multilayer: no acknowledgement gate; members read it.
    expect((await call(labour, 'GET', `/api/conferences/${id}`)).statusCode).toBe(200);
    const decision = await call(staff, 'POST', `/api/conferences/${id}/items`, {
      kind: 'decision',
      personId: p.id,
      text: 'ハローワークと職業相談の情報を共有する',
      agencyId: DEMO_AGENCY_IDS.helloWorkKofu,
      scope: '職業相談の希望',
    });
    expect(decision.statusCode, decision.body).toBe(201);
    expect(decision.json().basis).toBe('consent');
    const noConsent = await call(staff, 'POST', `/api/conferences/${id}/items`, {
      kind: 'share',
      personId: p.id,
      text: 'x',
      agencyId: DEMO_AGENCY_IDS.kofuNpo,
      scope: 'x',
    });
    expect(noConsent.statusCode).toBe(422);
    for (const [owner, text] of [
      ['相談支援員', '本人と面談の振り返り'],
      ['就労支援担当', '短時間の職場体験を探す'],
    ])
      expect(
        (
          await call(labour, 'POST', `/api/conferences/${id}/items`, {
            kind: 'action',
            personId: p.id,
            text,
            ownerLabel: owner,
            due: '2026-12-20',
          })
        ).statusCode,
      ).toBe(201);
    const minutes = await call(staff, 'PUT', `/api/conferences/${id}/minutes`, {
      version: 1,
      minutes: '役割分担を確認した。',
    });
    expect(minutes.statusCode).toBe(200);
    const detail = (await call(member, 'GET', `/api/conferences/${id}`)).json();
    expect(
      detail.items
        .filter((i: { kind: string }) => i.kind === 'action')
        .map((i: { ownerLabel: string }) => i.ownerLabel),
    ).toEqual(['相談支援員', '就労支援担当']);
    expect(detail.minutes).toBe('役割分担を確認した。');
    expect(
      (await call(member, 'PUT', `/api/conferences/${id}/minutes`, { version: 2, minutes: 'x' })).statusCode,
    ).toBe(403);
  });
});

describe('支援会議 complete (issue 22)', () => {
  it('a share with the 地域支援センター recorded in a 支援会議 is a basis for the referral (was refused)', async () => {
    const p = await newPerson('共有決定さん');
    const created = await call(staff, 'POST', '/api/conferences', {
      kind: 'support_conference',
      title: '支援会議（共有の決定）',
      heldOn: today,
      personIds: [p.id],
      acknowledge: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const share = await call(staff, 'POST', `/api/conferences/${created.json().id}/items`, {
      kind: 'share',
      personId: p.id,
      text: '地域支援センターと訪問の経過を共有する',
      agencyId: DEMO_AGENCY_IDS.hikikomoriCenter,
      scope: '訪問の経過と本人の希望',
    });
    expect(share.statusCode, share.body).toBe(201);
    expect(share.json()).toMatchObject({ basis: 'support_conference', scope: '訪問の経過と本人の希望' });
    const sent = await call(staff, 'POST', '/api/referrals', {
      personId: p.id,
      agencyId: DEMO_AGENCY_IDS.hikikomoriCenter,
      summary: '訪問の経過を共有します。',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ basis: 'support_conference', basisInForce: true });
    // Another agency the conference did not name stays refused.
    const other = await call(staff, 'POST', '/api/referrals', {
      personId: p.id,
      agencyId: DEMO_AGENCY_IDS.kofuNpo,
      summary: 'x',
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('referral_basis_missing');
  });
});

describe('支援会議: persons, internal staff, scoped decisions, minutes versions, inbox, outbox (issue 22)', () => {
  it('attaches a person and an internal participant, records a scoped decision, keeps every minutes version', async () => {
    const p = await newPerson('議題さん');
    const c = await call(staff, 'POST', '/api/conferences', {
      kind: 'support_conference',
      title: '支援会議（議題の本人）',
      heldOn: today,
      acknowledge: true,
    });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id;
    // Candidates: staff of the tenant (no agency) and agency members; consultation staff may list them.
    const candidates = await call(staff, 'GET', '/api/conferences/candidates');
    expect(candidates.statusCode).toBe(200);
    const labourId = labour.body.account.id;
    expect(candidates.json().items).toContainEqual(
      expect.objectContaining({ accountId: labourId, agencyName: null }),
    );
    expect(
      candidates.json().items.some((a: { accountId: string }) => a.accountId === kaiStaff.body.account.id),
    ).toBe(false);
    expect((await call(member, 'GET', '/api/conferences/candidates')).statusCode).toBe(403);

    // A person of another tenant or unknown: 400, nothing written.
    const wrong = await call(staff, 'POST', `/api/conferences/${id}/persons`, {
      personId: '00000000-0000-4000-8000-000000000000',
    });
    expect(wrong.statusCode).toBe(400);
    const added = await call(staff, 'POST', `/api/conferences/${id}/persons`, { personId: p.id });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().persons).toEqual([{ id: p.id, nickname: '議題さん' }]);
    // Again: no duplicate.
    const again = await call(staff, 'POST', `/api/conferences/${id}/persons`, { personId: p.id });
    expect(again.json().personIds).toEqual([p.id]);

    const joined = await call(staff, 'POST', `/api/conferences/${id}/members`, { accountId: labourId });
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json().members).toContainEqual(
      expect.objectContaining({ accountId: labourId, internal: true, agencyName: null, acknowledged: false }),
    );
    expect(
      (
        await call(staff, 'POST', `/api/conferences/${id}/members`, {
          accountId: kaiStaff.body.account.id,
        })
      ).statusCode,
    ).toBe(400);
    // The internal participant is a member now (gate until they acknowledge, as for everyone).
    expect((await call(labour, 'GET', `/api/conferences/${id}`)).json().code).toBe(
      'confidentiality_not_acknowledged',
    );

    // A decision naming an agency needs what may be shared.
    const noScope = await call(staff, 'POST', `/api/conferences/${id}/items`, {
      kind: 'decision',
      personId: p.id,
      text: '地域支援センターと共有する',
      agencyId: DEMO_AGENCY_IDS.hikikomoriCenter,
    });
    expect(noScope.statusCode).toBe(400);
    expect(noScope.json().errors[0].pointer).toBe('/body/scope');
    const decision = await call(staff, 'POST', `/api/conferences/${id}/items`, {
      kind: 'decision',
      personId: p.id,
      text: '地域支援センターと共有する',
      agencyId: DEMO_AGENCY_IDS.hikikomoriCenter,
      scope: '面談の経過のみ',
    });
    expect(decision.statusCode, decision.body).toBe(201);
    expect(decision.json()).toMatchObject({
      agencyName: '山梨県ひきこもり地域支援センター（デモ）',
      scope: '面談の経過のみ',
      basis: 'support_conference',
    });

    let version = added.json().version;
    for (const text of ['第1版の会議録', '第2版の会議録']) {
      const saved = await call(staff, 'PUT', `/api/conferences/${id}/minutes`, { version, minutes: text });
      expect(saved.statusCode, saved.body).toBe(200);
      version = saved.json().version;
    }
    const detail = (await call(staff, 'GET', `/api/conferences/${id}`)).json();
    expect(detail.minutes).toBe('第2版の会議録');
    expect(detail.minutesVersions).toBe(2);
    const versions = await call(staff, 'GET', `/api/conferences/${id}/minutes/versions`);
    expect(versions.statusCode).toBe(200);
    expect(versions.json().items.map((v: { n: number; minutes: string }) => [v.n, v.minutes])).toEqual([
      [2, '第2版の会議録'],
      [1, '第1版の会議録'],
    ]);
    expect(versions.json().items[0].savedByName).toBe(staff.body.account.displayName);
    // Non-members see nothing of it.
    expect((await call(kaiStaff, 'GET', `/api/conferences/${id}/minutes/versions`)).statusCode).toBe(404);
    // Stale version → 409, no new version.
    expect(
      (await call(staff, 'PUT', `/api/conferences/${id}/minutes`, { version: 1, minutes: 'x' })).statusCode,
    ).toBe(409);
    expect((await call(staff, 'GET', `/api/conferences/${id}`)).json().minutesVersions).toBe(2);
    const audit = await call(admin, 'GET', `/api/admin/audit?recordId=${id}&limit=50`);
    expect(audit.statusCode, audit.body).toBe(200);
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    expect(actions).toContain('agencies.conference.minutes-versions');
    expect(actions.filter((a: string) => a === 'agencies.conference.minutes')).toHaveLength(2);
  });

  it('the agency inbox shows the nickname and the referring worker; the agency members get an outbox alert', async () => {
    const p = await newPerson('受信箱さん');
    await consent(p.id, DEMO_AGENCY_IDS.helloWorkKofu, 'given');
    const sent = await call(staff, 'POST', '/api/referrals', {
      personId: p.id,
      agencyId: DEMO_AGENCY_IDS.helloWorkKofu,
      summary: '職業相談を希望しています。',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const inbox = await call(member, 'GET', '/api/agency/referrals');
    expect(inbox.statusCode).toBe(200);
    const row = inbox.json().items.find((r: { id: string }) => r.id === sent.json().id);
    expect(row).toMatchObject({
      personNickname: '受信箱さん',
      requestedBy: { displayName: staff.body.account.displayName, email: 'consultation@kofu.demo.example' },
    });
    expect(row).not.toHaveProperty('summary');
    expect(row).not.toHaveProperty('personId');
    const opened = await call(member, 'GET', `/api/agency/referrals/${sent.json().id}`);
    expect(opened.json()).toMatchObject({
      personNickname: '受信箱さん',
      summary: '職業相談を希望しています。',
    });

    const outbox = await call(admin, 'GET', '/api/admin/outbox?limit=200');
    expect(outbox.statusCode).toBe(200);
    const alerts = (
      outbox.json().items as { subject: string; body: string; recipient: string; templateKey: string }[]
    ).filter((m) => m.templateKey === 'referral.received' && m.body.includes(sent.json().id));
    expect(alerts.map((m) => m.recipient)).toEqual(['agency_member@kofu.demo.example']);
    // Mail says where to look, never about whom.
    expect(`${alerts[0]!.subject}${alerts[0]!.body}`).not.toContain('受信箱');
  });
});

describe('labour × welfare', () => {
  it('labour staff see a case only with consent; a joint plan shows each department’s actions', async () => {
    const p = await newPerson('合同計画さん');
    expect((await call(labour, 'GET', `/api/support/persons/${p.id}`)).statusCode).toBe(404);
    const consented = await call(staff, 'POST', `/api/support/persons/${p.id}/consents`, {
      purpose: 'labour_collaboration',
      recipient: 'labour_department',
      status: 'given',
      decidedOn: today,
      method: 'signed_form',
    });
    expect(consented.statusCode).toBe(201);
    expect((await call(labour, 'GET', `/api/support/persons/${p.id}`)).statusCode).toBe(200);
    const plan = await call(staff, 'POST', `/api/support/persons/${p.id}/plans`, {
      personWords: '少しずつ外に出たい',
      goals: [{ ownWords: '週に一度、図書館に行く' }],
      actions: [
        { what: '面談で振り返る', owner: 'consultation_staff', due: '2026-12-20' },
        { what: '短時間の職場体験を探す', owner: 'labour_staff', due: '2027-01-15' },
      ],
      reviewOn: '2027-02-01',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const printed = await call(labour, 'GET', `/api/support/persons/${p.id}/plans/${plan.json().id}/print`);
    const joint = printed
      .json()
      .sections.find((s: { heading: string }) => s.heading === '福祉と就労の役割分担');
    expect(joint.lines).toEqual([
      '【相談員】面談で振り返る（令和8年12月20日まで）',
      '【就労支援の担当】短時間の職場体験を探す（令和9年1月15日まで）',
    ]);
  });
});
