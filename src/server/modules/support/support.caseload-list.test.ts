import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';
import { parseCsv } from '../../platform/text/csv.ts';
import { DEMO_PERSON_IDS } from './support.demo.ts';

/**
 * Issue 22, "lists that work at 300 cases": any part of a nickname or its reading finds the person, the
 * list sorts and filters at 300 persons, and what is on screen exports as CSV with every exported record
 * in the audit log.
 */
let t: TestApp;
let staff: LoggedIn;
let kaiStaff: LoggedIn;
let address = 0;

type Summary = { id: string; nickname: string; ageGroup: string };
type List = { items: Summary[]; total: number; nextCursor: string | null };

const get = (who: LoggedIn, url: string) =>
  t.request({
    method: 'GET',
    url,
    headers: who.headers(),
    remoteAddress: `127.72.${Math.floor(++address / 250) % 250}.${(address % 250) + 1}`,
  });
const list = async (who: LoggedIn, query: string): Promise<List> => {
  const res = await get(who, `/api/support/persons?scope=all&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as List;
};

/** 300 generated persons: 60 each of five given names, written in hiragana, katakana and kanji. */
const GIVEN = ['みどり', 'ケンタ', '花子', 'ゆうき', 'サクラ'];
const generated: { id: string; nickname: string }[] = [];

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  staff = await login(t, 'consultation@kofu.demo.example', DEMO_PASSWORD);
  kaiStaff = await login(t, 'consultation@kai.demo.example', DEMO_PASSWORD);
  for (let i = 0; i < 300; i++) {
    const nickname = `${GIVEN[i % GIVEN.length]}${String(i).padStart(3, '0')}（生成）`;
    const res = await t.request({
      method: 'POST',
      url: '/api/support/persons',
      headers: staff.headers(),
      payload: {
        person: { nickname, ageGroup: i % 2 === 0 ? '30s' : '40s' },
        consents: [
          {
            purpose: 'record_keeping',
            recipient: 'municipality',
            status: 'given',
            decidedOn: '2026-11-26',
            method: 'verbal_in_person',
          },
        ],
      },
      remoteAddress: `127.73.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    });
    expect(res.statusCode, res.body).toBe(201);
    generated.push({ id: (res.json() as { id: string }).id, nickname });
  }
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('finding a person by any part of a name (issue 22)', () => {
  it('finds はるさん by はる and by ハル, and by half-width ﾊﾙ', async () => {
    for (const q of ['はる', 'ハル', 'ﾊﾙ']) {
      const found = await list(staff, `q=${encodeURIComponent(q)}`);
      expect(
        found.items.map((p) => p.id),
        q,
      ).toContain(DEMO_PERSON_IDS.haru);
    }
  });

  it('matches a part in the middle, and every word of the query', async () => {
    const middle = await list(staff, `q=${encodeURIComponent('どり12')}&limit=100`);
    expect(middle.items.map((p) => p.nickname).sort()).toEqual(
      generated
        .filter((g) => g.nickname.includes('どり12'))
        .map((g) => g.nickname)
        .sort(),
    );
    const both = await list(staff, `q=${encodeURIComponent('さくら 生成')}&limit=100`);
    expect(both.total).toBe(60);
    expect(both.items.every((p) => p.nickname.startsWith('サクラ'))).toBe(true);
  });

  it('does not find another town’s persons', async () => {
    const found = await list(kaiStaff, `q=${encodeURIComponent('はる')}`);
    expect(found.items.map((p) => p.id)).not.toContain(DEMO_PERSON_IDS.haru);
    expect((await list(kaiStaff, `q=${encodeURIComponent('生成')}`)).total).toBe(0);
  });
});

describe('a list of 300 generated persons (issue 22)', () => {
  it('filters to the 300 and pages through them without a gap or a repeat', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const page: List = await list(
        staff,
        `q=${encodeURIComponent('生成')}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      total = page.total;
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(total).toBe(300);
    expect(new Set(seen).size).toBe(300);
    expect(new Set(seen)).toEqual(new Set(generated.map((g) => g.id)));
  });

  it('sorts by nickname in 50音 order', async () => {
    const page = await list(staff, `q=${encodeURIComponent('生成')}&sort=nickname&limit=100`);
    const names = page.items.map((p) => p.nickname);
    expect(names).toEqual([...names].sort(new Intl.Collator('ja').compare));
    expect(names[0]).toBe(generated.map((g) => g.nickname).sort(new Intl.Collator('ja').compare)[0]);
  });

  it('refuses an unknown sort with a field error, not a 500', async () => {
    const res = await get(staff, '/api/support/persons?scope=all&sort=employment');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('exports what is on screen as CSV, and every exported record is in the audit log', async () => {
    const before = await asSystem(t.db, (tx) =>
      rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_events where action = 'support.person-list.export'`,
      ),
    );
    const res = await get(
      staff,
      `/api/support/persons.csv?scope=all&q=${encodeURIComponent('みどり')}&sort=nickname`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['cache-control']).toBe('no-store');
    const parsed = parseCsv(res.body.replace(/^\ufeff/, ''));
    expect(parsed.error).toBeNull();
    const [header, ...body] = parsed.rows;
    expect(header?.[0]).toBe('呼び名');
    const expected = generated
      .filter((g) => g.nickname.startsWith('みどり'))
      .map((g) => g.nickname)
      .sort(new Intl.Collator('ja').compare);
    expect(body.map((r) => r[0])).toEqual(expected);
    expect(body.every((r) => r[1] === '30代' || r[1] === '40代')).toBe(true);

    const audited = await asSystem(t.db, (tx) =>
      rows<{ record_id: string }>(
        tx,
        sql`select record_id from audit_events where action = 'support.person-list.export' order by seq`,
      ),
    );
    expect(audited.length - (before[0]?.n ?? 0)).toBe(60);
    const ids = new Set(audited.map((a) => a.record_id));
    for (const g of generated.filter((g) => g.nickname.startsWith('みどり')))
      expect(ids.has(g.id)).toBe(true);
  });
});
