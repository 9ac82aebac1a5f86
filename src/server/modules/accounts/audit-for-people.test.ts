import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import type { LoggedIn } from '../../../../test/helpers/auth.ts';
import { parseCsv } from '../../platform/text/csv.ts';
import { DEMO_PERSON_IDS } from '../support/support.demo.ts';

/** The audit log for people (issue 22 item 7): names and actions in words, searched by record, exported. */
let t: TestApp;
let admin: LoggedIn;
let worker: LoggedIn;
let kaiAdmin: LoggedIn;

type Entry = {
  action: string;
  actorAccountId: string | null;
  actorName: string | null;
  recordId: string | null;
  label: { ja: string; en: string };
};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [admin, worker, kaiAdmin] = await loginDemoStaff(t, [
    'municipal_admin@kofu',
    'consultation@kofu',
    'municipal_admin@kai',
  ]);
  // The worker opens はるさん's record: the read the administrator will look for.
  const read = await t.request({
    method: 'GET',
    url: `/api/support/persons/${DEMO_PERSON_IDS.haru}`,
    headers: worker.headers(),
  });
  expect(read.statusCode, read.body).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('the audit log for people (issue 22)', () => {
  it('finds who read a person’s record, by the record, with the worker’s name and the action in words', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/admin/audit?recordId=${DEMO_PERSON_IDS.haru}&action=support.person.read`,
      headers: admin.headers(),
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: Entry[] }).items;
    expect(items.length).toBeGreaterThan(0);
    const entry = items[0]!;
    expect(entry.actorName).toBe('デモ 甲府市 相談支援員');
    expect(entry.label).toEqual({ ja: '本人の記録：閲覧', en: 'Person record: viewed' });
  });

  it('lists oldest first on request, paged in that order, the same entries as newest first reversed', async () => {
    const pages = async (order: string) => {
      const seqs: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.request({
          method: 'GET',
          url: `/api/admin/audit?recordId=${DEMO_PERSON_IDS.haru}${order}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          headers: admin.headers(),
        });
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as { items: { seq: number }[]; nextCursor: string | null };
        seqs.push(...page.items.map((i) => i.seq));
        cursor = page.nextCursor;
      } while (cursor);
      return seqs;
    };
    // Four more reads of the record, so that the trail spans pages of three.
    for (let i = 0; i < 4; i++) {
      const read = await t.request({
        method: 'GET',
        url: `/api/support/persons/${DEMO_PERSON_IDS.haru}`,
        headers: worker.headers(),
      });
      expect(read.statusCode).toBe(200);
    }
    const newest = await pages('');
    const oldest = await pages('&order=oldest');
    expect(newest.length).toBeGreaterThan(3);
    expect(oldest).toEqual([...newest].reverse());
    expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
    const csv = await t.request({
      method: 'GET',
      url: `/api/admin/audit.csv?recordId=${DEMO_PERSON_IDS.haru}&order=oldest`,
      headers: admin.headers(),
    });
    const dates = parseCsv(csv.body.replace(/^\ufeff/, '')).rows.slice(1);
    expect(dates.length).toBe(oldest.length);
    const bad = await t.request({
      method: 'GET',
      url: '/api/admin/audit?order=random',
      headers: admin.headers(),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('exports the same search as CSV for a disclosure or breach report, and the export is itself audited', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/admin/audit.csv?recordId=${DEMO_PERSON_IDS.haru}`,
      headers: admin.headers(),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['cache-control']).toBe('no-store');
    const parsed = parseCsv(res.body.replace(/^\ufeff/, ''));
    expect(parsed.error).toBeNull();
    const [header, ...rows] = parsed.rows;
    expect(header?.slice(0, 4)).toEqual(['日時', '操作', '操作コード', '職員']);
    const read = rows.find((r) => r[2] === 'support.person.read');
    expect(read?.[1]).toBe('本人の記録：閲覧');
    expect(read?.[3]).toBe('デモ 甲府市 相談支援員');
    expect(read?.[0]).toMatch(/^令和\d+年\d+月\d+日（\d{4}年） \d{1,2}:\d{2}:\d{2}$/);
    expect(rows.every((r) => r[7] === DEMO_PERSON_IDS.haru)).toBe(true);

    const audit = await t.request({
      method: 'GET',
      url: '/api/admin/audit?action=audit.log.export',
      headers: admin.headers(),
    });
    expect((audit.json() as { items: Entry[] }).items.length).toBeGreaterThan(0);
  });

  it('shows another town nothing of this town’s log', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/admin/audit.csv?recordId=${DEMO_PERSON_IDS.haru}`,
      headers: kaiAdmin.headers(),
    });
    expect(res.statusCode).toBe(200);
    const rows = parseCsv(res.body.replace(/^\ufeff/, '')).rows;
    expect(rows).toHaveLength(1);
  });

  it('finds the person to search for by part of the nickname or its reading, id and nickname only, and audits the lookup', async () => {
    for (const q of ['はる', 'ハル', 'ﾊﾙ']) {
      const res = await t.request({
        method: 'GET',
        url: `/api/admin/audit/person-lookup?q=${encodeURIComponent(q)}`,
        headers: admin.headers(),
      });
      expect(res.statusCode, res.body).toBe(200);
      const items = (res.json() as { items: Array<Record<string, unknown>> }).items;
      expect(items.find((p) => p.id === DEMO_PERSON_IDS.haru)).toEqual({
        id: DEMO_PERSON_IDS.haru,
        nickname: 'はるさん（デモ）',
        status: 'active',
      });
    }
    // Another town's administrator finds nobody of this town.
    const kai = await t.request({
      method: 'GET',
      url: `/api/admin/audit/person-lookup?q=${encodeURIComponent('はる')}`,
      headers: kaiAdmin.headers(),
    });
    expect(kai.statusCode).toBe(200);
    expect((kai.json() as { items: Array<{ id: string }> }).items.map((p) => p.id)).not.toContain(
      DEMO_PERSON_IDS.haru,
    );
    const empty = await t.request({
      method: 'GET',
      url: '/api/admin/audit/person-lookup?q=',
      headers: admin.headers(),
    });
    expect(empty.statusCode).toBe(400);
    const lookups = await t.request({
      method: 'GET',
      url: '/api/admin/audit?action=audit.person.lookup',
      headers: admin.headers(),
    });
    const entries = (lookups.json() as { items: Entry[] }).items;
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(entries[0]?.label.ja).toBe('本人の記録：呼び名での検索');
    // Case workers search persons through their own list; the lookup is for auditors only.
    const denied = await t.request({
      method: 'GET',
      url: `/api/admin/audit/person-lookup?q=${encodeURIComponent('はる')}`,
      headers: worker.headers(),
    });
    expect(denied.statusCode).toBe(403);
  });

  it('refuses a worker without the audit permission', async () => {
    const res = await t.request({ method: 'GET', url: '/api/admin/audit.csv', headers: worker.headers() });
    expect(res.statusCode).toBe(403);
  });
});
