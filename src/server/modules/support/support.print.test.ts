import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import type { LoggedIn } from '../../../../test/helpers/auth.ts';
import { personsReadBy } from '../../platform/audit/search.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_PERSON_IDS } from './support.demo.ts';

/** Print views (帳票) of a record: issue 22, item 3. The demo clock is 2026-11-26 10:00 in Japan. */
const KOFU = '192015';
const HARU = DEMO_PERSON_IDS.haru;
let t: TestApp;
let staff: LoggedIn;
let labour: LoggedIn;
let admin: LoggedIn;
let kaiStaff: LoggedIn;
let address = 0;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [staff, labour, admin, kaiStaff] = await loginDemoStaff(t, [
    'consultation@kofu',
    'labour@kofu',
    'municipal_admin@kofu',
    'consultation@kai',
  ]);
});
afterAll(async () => {
  await t?.close();
});

const get = (who: LoggedIn | null, url: string) =>
  t.request({
    method: 'GET',
    url,
    headers: who?.headers() ?? {},
    remoteAddress: `127.72.${Math.floor(++address / 250) % 250}.${(address % 250) + 1}`,
  });

const caseFile = (who: LoggedIn | null, id: string) => get(who, `/api/support/persons/${id}/print/case-file`);
const notes = (who: LoggedIn | null, id: string, from: string, to: string) =>
  get(who, `/api/support/persons/${id}/print/notes?from=${from}&to=${to}`);

describe('print views of a case file and of progress notes (issue 22)', () => {
  it('記録の概要: the person, lead worker, consents, plan goals in their words and the intake summary', async () => {
    const res = await caseFile(staff, HARU);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const doc = res.json();
    expect(doc.municipalityName).toBe('甲府市');
    expect(doc.nickname).toBe('はるさん（デモ）');
    expect(doc.ageGroup).toBe('30s');
    expect(doc.leadWorkerName).toBeTruthy();
    expect(doc.preparedBy).toBe(staff.body.account.displayName);
    expect(doc.preparedAt).toBe(t.clock.now().toISOString());
    expect(doc.consents.map((c: { purpose: string }) => c.purpose)).toEqual(
      expect.arrayContaining(['record_keeping', 'labour_collaboration']),
    );
    expect(doc.plan.goals).toEqual(['（デモ）週に1回、散歩に出る', '（デモ）居場所に一度行ってみる']);
    expect(doc.plan.personWords).toContain('自分のペースで');
    expect(doc.intake.mainConcern).toBe('（デモ）人と話すのがこわい。でも、何かしたい気持ちはある。');
    // Identity fields stay on screen: the paper carries no real name, birth date or contact.
    expect(res.body).not.toContain('甲府 春');
    expect(doc).not.toHaveProperty('realName');
  });

  it('経過記録: the notes of the period, oldest first, with their writer; 配慮が必要な記録 only for its readers', async () => {
    const forStaff = await notes(staff, HARU, '2026-09-01', '2026-11-26');
    expect(forStaff.statusCode, forStaff.body).toBe(200);
    const items = forStaff.json().items as { text: string; occurredAt: string; authorName: string }[];
    expect(items.map((i) => i.text)).toEqual([
      '（デモ）チャットで初めてやりとりした。好きなゲームの話ができた。',
      '（デモ）支援計画を一緒に作った。目標は本人の言葉のまま記録した。',
      '（デモ）家族から体調についての相談。配慮が必要な内容のため、読める人を限定した。',
    ]);
    expect(items.every((i) => i.authorName.length > 0)).toBe(true);
    expect(forStaff.json().truncated).toBe(false);

    // Only the days asked for (both ends included, days in Japan): 20 days ago is 2026-11-06.
    const oneDay = (await notes(staff, HARU, '2026-11-06', '2026-11-06')).json();
    expect(oneDay.items.map((i: { text: string }) => i.text)).toEqual([
      '（デモ）支援計画を一緒に作った。目標は本人の言葉のまま記録した。',
    ]);

    // Labour staff (the person consented to labour collaboration) do not get the sensitive note.
    const forLabour = await notes(labour, HARU, '2026-09-01', '2026-11-26');
    expect(forLabour.statusCode).toBe(200);
    expect(forLabour.body).not.toContain('配慮が必要な内容');
    expect(forLabour.json().items).toHaveLength(2);
  });

  it('refuses a period that ends before it starts, and a date that is not one (400)', async () => {
    const backwards = await notes(staff, HARU, '2026-11-26', '2026-11-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('終わりの日');
    expect((await notes(staff, HARU, '2026-13-01', '2026-11-01')).statusCode).toBe(400);
  });

  it('only those who may read the record open it: 404 without access, 403 without the permission, 401 signed out', async () => {
    // Labour staff without the person's consent, and staff of another municipality: as if it did not exist.
    expect((await caseFile(labour, DEMO_PERSON_IDS.sora)).statusCode).toBe(404);
    expect((await notes(labour, DEMO_PERSON_IDS.sora, '2026-01-01', '2026-11-26')).statusCode).toBe(404);
    expect((await caseFile(kaiStaff, HARU)).statusCode).toBe(404);
    expect((await notes(kaiStaff, HARU, '2026-01-01', '2026-11-26')).statusCode).toBe(404);
    // The municipal administrator manages accounts, not case content.
    expect((await caseFile(admin, HARU)).statusCode).toBe(403);
    expect((await notes(admin, HARU, '2026-01-01', '2026-11-26')).statusCode).toBe(403);
    expect((await caseFile(null, HARU)).statusCode).toBe(401);
  });

  it('opening a print view is a read of the person in the audit log (and in the breach report)', async () => {
    const me = staff.body.account.id;
    const from = new Date(Date.now() - 60_000);
    expect((await caseFile(staff, HARU)).statusCode).toBe(200);
    expect((await notes(staff, HARU, '2026-10-01', '2026-11-26')).statusCode).toBe(200);
    const actions = await asSystem(t.db, (tx) =>
      rows<{ action: string }>(
        tx,
        sql`select action from audit_events where record_type = 'person' and record_id = ${HARU}
            and actor_account_id = ${me} and action like '%print.read' order by seq`,
      ),
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['support.case-file-print.read', 'support.notes-print.read']),
    );
    const read = await asSystem(t.db, (tx) =>
      personsReadBy(tx, { chain: KOFU, accountId: me, from, to: new Date(Date.now() + 60_000) }),
    );
    expect(read).toContain(HARU);
  });
});
