import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import { exportAuditHeads, HEADS_FILE_NAME, verifyAudit } from '../../platform/audit/index.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';
import { runDueJobs } from '../../platform/jobs/due.ts';
import { DEMO_AGENCY_IDS } from '../agencies/agencies.demo.ts';
import { DEMO_PERSON_IDS } from '../support/support.demo.ts';

const KOFU = '192015';
let t: TestApp;
let staff: LoggedIn;
let labour: LoggedIn;
let admin: LoggedIn;
let member: LoggedIn;
let kaiStaff: LoggedIn;
let kaiAdmin: LoggedIn;
let address = 0;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [staff, labour, admin, member, kaiStaff, kaiAdmin] = await loginDemoStaff(t, [
    'consultation@kofu',
    'labour@kofu',
    'municipal_admin@kofu',
    'agency_member@kofu',
    'consultation@kai',
    'municipal_admin@kai',
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
    remoteAddress: `127.73.${Math.floor(++address / 250) % 250}.${(address % 250) + 1}`,
  });

/** Every row the database holds about these person ids, as `table:id`, found from the catalogue. */
async function heldInDatabase(personIds: string[]): Promise<string[]> {
  return asSystem(t.db, async (tx) => {
    const ids = sql.join(
      personIds.map((i) => sql`${i}::uuid`),
      sql`, `,
    );
    const tables = await rows<{ table_name: string }>(
      tx,
      sql`select table_name from information_schema.columns
          where table_schema = 'public' and column_name = 'person_id' order by table_name`,
    );
    const keys: string[] = [];
    for (const { table_name: table } of tables) {
      // A disclosure request is the request itself, not an item held about the person.
      if (table === 'disclosure_requests') continue;
      const found = await rows<{ id: string }>(
        tx,
        sql`select id::text as id from ${sql.identifier(table)} where person_id in (${ids})`,
      );
      keys.push(...found.map((f) => `${table}:${f.id}`));
    }
    const persons = await rows<{ id: string }>(
      tx,
      sql`select id::text as id from support_persons where id in (${ids})`,
    );
    keys.push(...persons.map((p) => `support_persons:${p.id}`));
    const messages = await rows<{ id: string }>(
      tx,
      sql`select m.id::text as id from consultation_messages m join consultations c on c.id = m.consultation_id
          where c.person_id in (${ids})`,
    );
    keys.push(...messages.map((m) => `consultation_messages:${m.id}`));
    const meetings = await rows<{ id: string }>(
      tx,
      sql`select id::text as id from conferences where person_ids && array[${ids}]`,
    );
    keys.push(...meetings.map((m) => `conferences:${m.id}`));
    return keys.sort();
  });
}

describe('disclosure (開示請求)', () => {
  it('drafts every item held for a demo person, marks withheld items with the reason; approve → document', async () => {
    // A correction request is also something held about the person.
    const corr = await call(
      staff,
      'POST',
      `/api/rights/persons/${DEMO_PERSON_IDS.yamadaFamily}/corrections`,
      {
        receivedOn: '2026-11-20',
        item: '2026-10 の支援経過記録',
        request: '父の年齢が違います',
      },
    );
    expect(corr.statusCode, corr.body).toBe(201);

    for (const personId of [DEMO_PERSON_IDS.haru, DEMO_PERSON_IDS.yamadaFamily]) {
      const res = await call(staff, 'POST', `/api/rights/persons/${personId}/disclosures`, {
        receivedOn: '2026-11-25',
      });
      expect(res.statusCode, res.body).toBe(201);
      const draft = res.json();
      const keys = draft.items.map(
        (i: { source: { table: string; id: string } }) => `${i.source.table}:${i.source.id}`,
      );
      expect(keys.sort()).toEqual(await heldInDatabase([personId]));
      expect(draft.itemCount).toBe(keys.length);
      for (const item of draft.items)
        expect(item.withhold ? typeof item.reason : item.reason, JSON.stringify(item.source)).toBe(
          item.withhold ? 'string' : null,
        );
      expect(draft.status).toBe('draft');
    }

    // The 山田さん family case: family members' details are third-party information; the 支援会議 is closed.
    const draft = (
      await call(staff, 'POST', `/api/rights/persons/${DEMO_PERSON_IDS.yamadaFamily}/disclosures`, {
        receivedOn: '2026-11-25',
      })
    ).json();
    const byKind = (kind: string) => draft.items.filter((i: { kind: string }) => i.kind === kind);
    expect(byKind('family_member').length).toBeGreaterThan(0);
    for (const i of byKind('family_member'))
      expect(i).toMatchObject({ withhold: true, reason: 'third_party_statement' });
    expect(byKind('conference')).toHaveLength(1);
    expect(byKind('conference')[0]).toMatchObject({ withhold: true, reason: 'closed_support_conference' });
    for (const i of byKind('conference_decision'))
      expect(i).toMatchObject({ withhold: true, reason: 'closed_support_conference' });
    expect(byKind('correction_request')).toHaveLength(1);

    // Not yet approved: no document. Staff change a decision, then approve.
    expect((await call(staff, 'GET', `/api/rights/disclosures/${draft.id}/document`)).statusCode).toBe(409);
    const person = byKind('person')[0];
    const bad = await call(staff, 'PUT', `/api/rights/disclosures/${draft.id}/items`, {
      version: 1,
      items: [{ key: person.key, withhold: true }],
    });
    expect(bad.statusCode).toBe(400);
    const decided = await call(staff, 'PUT', `/api/rights/disclosures/${draft.id}/items`, {
      version: 1,
      items: [{ key: person.key, withhold: true, reason: 'harm_to_person' }],
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().withheldCount).toBe(draft.withheldCount + 1);
    expect(
      (await call(staff, 'POST', `/api/rights/disclosures/${draft.id}/approve`, { version: 1 })).statusCode,
    ).toBe(409);
    const approved = await call(staff, 'POST', `/api/rights/disclosures/${draft.id}/approve`, { version: 2 });
    expect(approved.json().status).toBe('approved');
    const doc = await call(staff, 'GET', `/api/rights/disclosures/${draft.id}/document`);
    expect(doc.statusCode).toBe(200);
    expect(doc.json().released.length + doc.json().withheld.length).toBe(draft.itemCount);
    expect(doc.json().withheld.map((w: { reason: string }) => w.reason)).toContain(
      'closed_support_conference',
    );
    expect(JSON.stringify(doc.json().withheld)).not.toContain('訪問');
    expect(doc.json().approvedOn).toMatch(/^令和/);

    // Access: 401, 403 (labour, admin), other tenant 404.
    expect((await call(null, 'GET', `/api/rights/disclosures/${draft.id}`)).statusCode).toBe(401);
    expect((await call(labour, 'GET', `/api/rights/disclosures/${draft.id}`)).statusCode).toBe(403);
    expect((await call(admin, 'GET', `/api/rights/disclosures/${draft.id}`)).statusCode).toBe(403);
    expect((await call(kaiStaff, 'GET', `/api/rights/disclosures/${draft.id}`)).statusCode).toBe(404);
    expect(
      (
        await call(kaiStaff, 'POST', `/api/rights/persons/${DEMO_PERSON_IDS.haru}/disclosures`, {
          receivedOn: '2026-11-25',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await call(staff, 'POST', `/api/rights/persons/${DEMO_PERSON_IDS.haru}/disclosures`, {
          receivedOn: 'x',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('records a correction request with its outcome', async () => {
    const created = await call(staff, 'POST', `/api/rights/persons/${DEMO_PERSON_IDS.haru}/corrections`, {
      receivedOn: '2026-11-20',
      item: '呼び名',
      request: '「はる」と書いてほしい',
    });
    expect(created.statusCode).toBe(201);
    const decided = await call(staff, 'POST', `/api/rights/corrections/${created.json().id}/decide`, {
      version: 1,
      outcome: 'corrected',
      explanation: '呼び名を直しました。',
    });
    expect(decided.json()).toMatchObject({ outcome: 'corrected', explanation: '呼び名を直しました。' });
    expect(
      (
        await call(staff, 'POST', `/api/rights/corrections/${created.json().id}/decide`, {
          version: 2,
          outcome: 'corrected',
          explanation: 'x',
        })
      ).statusCode,
    ).toBe(409);
    const list = await call(staff, 'GET', `/api/rights/persons/${DEMO_PERSON_IDS.haru}/corrections`);
    expect(list.json().items[0].outcome).toBe('corrected');
  });
});

describe('access report', () => {
  it('lists which roles and agencies read the record, and when — no staff names or ids', async () => {
    // The agency reads the demo referral about はるさん.
    const inbox = (await call(member, 'GET', '/api/agency/referrals')).json();
    const read = await call(member, 'GET', `/api/agency/referrals/${inbox.items[0].id}`);
    expect(read.statusCode).toBe(200);
    await call(labour, 'GET', `/api/support/persons/${DEMO_PERSON_IDS.haru}`);
    const report = await call(staff, 'GET', `/api/rights/persons/${DEMO_PERSON_IDS.haru}/access-report`);
    expect(report.statusCode).toBe(200);
    const items = report.json().items as { role: string; agency: string | null; at: string }[];
    expect(items.find((i) => i.role === 'agency_member')).toMatchObject({
      agency: 'ハローワーク甲府（デモ）',
    });
    expect(items.find((i) => i.role === 'labour')).toBeTruthy();
    const text = JSON.stringify(report.json());
    expect(text).not.toContain('デモ 甲府市');
    expect(text).not.toContain(member.body.account.id);
    expect(
      (await call(kaiStaff, 'GET', `/api/rights/persons/${DEMO_PERSON_IDS.haru}/access-report`)).statusCode,
    ).toBe(404);
  });
});

describe('retention and purge', () => {
  it('settings: administrators only, 12 months at least', async () => {
    expect((await call(staff, 'GET', '/api/rights/retention')).statusCode).toBe(403);
    const current = await call(admin, 'GET', '/api/rights/retention');
    expect(current.json().policies).toEqual([
      { recordClass: 'closed_case', months: 60, isDefault: true },
      { recordClass: 'conference_minutes', months: 60, isDefault: true },
    ]);
    expect(
      (
        await call(admin, 'PUT', '/api/rights/retention', {
          policies: [{ recordClass: 'closed_case', months: 3 }],
        })
      ).statusCode,
    ).toBe(400);
    const set = await call(admin, 'PUT', '/api/rights/retention', {
      policies: [{ recordClass: 'closed_case', months: 36 }],
    });
    expect(set.json().policies[0]).toEqual({ recordClass: 'closed_case', months: 36, isDefault: false });
    // Another tenant's settings are its own.
    expect((await call(kaiAdmin, 'GET', '/api/rights/retention')).json().policies[0].months).toBe(60);
  });

  it('after the clock passes retention, a closed case’s content is gone, its audit rows remain, audit:verify passes', async () => {
    const created = await call(staff, 'POST', '/api/support/persons', {
      person: { nickname: '保存期間テストさん', realName: '山梨 花子' },
      consents: [
        {
          purpose: 'record_keeping',
          recipient: 'municipality',
          status: 'given',
          decidedOn: '2026-11-26',
          method: 'signed_form',
        },
        {
          purpose: 'agency_referral',
          recipient: 'partner_agency',
          recipientAgencyId: DEMO_AGENCY_IDS.helloWorkKofu,
          status: 'given',
          decidedOn: '2026-11-26',
          method: 'signed_form',
        },
      ],
    });
    const id = created.json().id as string;
    await call(staff, 'POST', `/api/support/persons/${id}/notes`, {
      contactType: 'phone',
      occurredAt: '2026-11-25T10:00:00+09:00',
      participants: ['person'],
      text: '保存期間テストの記録',
    });
    const referral = await call(staff, 'POST', '/api/referrals', {
      personId: id,
      agencyId: DEMO_AGENCY_IDS.helloWorkKofu,
      summary: '保存期間テストの紹介',
    });
    expect(referral.statusCode).toBe(201);
    await call(member, 'GET', `/api/agency/referrals/${referral.json().id}`);
    const closed = await call(staff, 'PUT', `/api/support/persons/${id}`, {
      nickname: '保存期間テストさん',
      status: 'closed',
      version: 1,
    });
    expect(closed.statusCode, closed.body).toBe(200);

    const auditOf = () =>
      asSystem(t.db, (tx) =>
        rows<{ action: string }>(
          tx,
          sql`select action from audit_events where record_id = ${id} order by seq`,
        ),
      );
    const auditBefore = await auditOf();
    expect(auditBefore.length).toBeGreaterThan(3);
    const headsDir = t.config.auditHeadDir;
    await exportAuditHeads(t.db, { dir: headsDir, signer: t.config.auditSigner() });

    // Before retention: nothing of it is purged.
    await runDueJobs(
      { db: t.db, config: t.config, clock: t.clock },
      { only: ['rights.retention-purge'], trigger: 'test' },
    );
    expect((await heldInDatabase([id])).length).toBeGreaterThan(0);

    // 36 months (this tenant's setting) and a day later.
    t.clock.set(new Date('2029-11-28T10:00:00+09:00'));
    const run = await runDueJobs(
      { db: t.db, config: t.config, clock: t.clock },
      { only: ['rights.retention-purge'], trigger: 'test' },
    );
    expect(run.results[0]).toMatchObject({ status: 'ok' });
    expect(await heldInDatabase([id])).toEqual([]);
    const leftovers = await asSystem(t.db, (tx) =>
      rows<{ n: number }>(tx, sql`select count(*)::int as n from referrals where person_id = ${id}`),
    );
    expect(leftovers[0]!.n).toBe(0);
    // Sessions have expired in three years: sign in again.
    staff = await login(t, 'consultation@kofu.demo.example', DEMO_PASSWORD);
    admin = await login(t, 'municipal_admin@kofu.demo.example', DEMO_PASSWORD);
    expect((await call(staff, 'GET', `/api/support/persons/${id}`)).statusCode).toBe(404);

    // Audit rows remain (ids only), plus the purge itself; the chain still verifies.
    const auditAfter = await auditOf();
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect(auditAfter.map((a) => a.action)).toContain('rights.person.purge');
    const verified = await verifyAudit(t.db, path.join(headsDir, HEADS_FILE_NAME), t.config.auditSigner());
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);

    // The report names ids and counts only.
    const report = await call(admin, 'GET', '/api/rights/purges');
    const entry = report.json().items[0].purged.find((p: { recordId: string }) => p.recordId === id);
    expect(entry).toMatchObject({ recordClass: 'closed_case' });
    expect(entry.rows.support_note_versions).toBe(1);
    expect(entry.rows.referrals).toBe(1);
    expect(JSON.stringify(report.json())).not.toContain('保存期間テスト');

    // A second run purges nothing more.
    const again = await runDueJobs(
      { db: t.db, config: t.config, clock: t.clock },
      { only: ['rights.retention-purge'], trigger: 'test' },
    );
    expect(again.results[0]!.processed).toBe(0);
  });
});
void KOFU;
