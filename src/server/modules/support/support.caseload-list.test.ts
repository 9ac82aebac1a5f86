import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createSupportPersons, phoneNote } from '../../../../test/factories/support-persons.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import type { LoggedIn } from '../../../../test/helpers/auth.ts';
import { AGE_GROUP_LABELS, URGENCY_LABELS } from '../../../shared/support-records.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { parseCsv } from '../../platform/text/csv.ts';
import { DEMO_PERSON_IDS } from './support.demo.ts';

/**
 * Issue 22, "lists that work at 300 cases": any part of a nickname or its reading finds the person, the
 * list sorts and filters at 300 persons, and what is on screen exports as CSV with every exported record
 * in the audit log. Every expectation is worked out here from the generated data, not read back from
 * the server.
 */
let t: TestApp;
let staff: LoggedIn;
let kaiStaff: LoggedIn;
let address = 0;

type Summary = {
  id: string;
  nickname: string;
  ageGroup: string;
  urgency: string | null;
  lastContactAt: string | null;
  nextReviewOn: string | null;
};
type List = { items: Summary[]; total: number; nextCursor: string | null };
type Sort = 'contact' | 'nickname' | 'review' | 'urgency';

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
/** Every page of a list, in order (the cursor the server gives, followed to the end). */
const allPages = async (who: LoggedIn, query: string, scope = 'all'): Promise<Summary[]> => {
  const seen: Summary[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await get(
      who,
      `/api/support/persons?scope=${scope}&${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as List;
    seen.push(...page.items);
    cursor = page.nextCursor;
    expect(++pages).toBeLessThan(20);
  } while (cursor);
  return seen;
};

/**
 * 300 generated persons: 60 each of five given names written in hiragana, katakana and kanji (the
 * kanji ones with a real name and its reading), four age groups, two of three led by the signed-in
 * worker, some with a contact, an intake urgency or a plan review date.
 */
const GIVEN = [
  { name: 'みどり', reading: 'みどり' },
  { name: 'ケンタ', reading: 'けんた' },
  { name: '花子', reading: 'はなこ' },
  { name: 'ゆうき', reading: 'ゆうき' },
  { name: 'サクラ', reading: 'さくら' },
] as const;
const AGES = ['20s', '30s', '40s', '50s'] as const;
const URGENCIES = ['watch', 'urgent', 'emergency'] as const;
type Generated = {
  id: string;
  nickname: string;
  given: (typeof GIVEN)[number]['name'];
  ageGroup: (typeof AGES)[number];
  mine: boolean;
  urgency: (typeof URGENCIES)[number] | null;
  lastContactAt: string | null;
  nextReviewOn: string | null;
};
const generated: Generated[] = [];

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [staff, kaiStaff] = await loginDemoStaff(t, ['consultation@kofu', 'consultation@kai']);
  const me = staff.body.account.id as string;
  const spec = (i: number) => {
    const given = GIVEN[i % GIVEN.length]!;
    return {
      nickname: `${given.name}${String(i).padStart(3, '0')}（生成）`,
      given: given.name,
      realName: given.name === '花子' ? `山梨 花子${i}` : null,
      realNameKana: given.name === '花子' ? `やまなし ${given.reading}` : null,
      ageGroup: AGES[i % AGES.length]!,
      mine: i % 3 !== 0,
    };
  };
  const ids = await createSupportPersons(t, staff, 300, (i) => {
    const s = spec(i);
    return {
      nickname: s.nickname,
      realName: s.realName,
      realNameKana: s.realNameKana,
      ageGroup: s.ageGroup,
      leadWorkerId: s.mine ? me : null,
    };
  });
  ids.forEach((id, i) => {
    const s = spec(i);
    generated.push({
      id,
      nickname: s.nickname,
      given: s.given,
      ageGroup: s.ageGroup,
      mine: s.mine,
      urgency: null,
      lastContactAt: null,
      nextReviewOn: null,
    });
  });
  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await t.request({
      method: 'POST',
      url,
      headers: staff.headers(),
      payload,
      remoteAddress: `127.74.${Math.floor(++address / 250) % 250}.${(address % 250) + 1}`,
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  for (const [i, g] of generated.entries()) {
    // A phone call on a distinct day and minute for every 4th person (some ties of date, none of time).
    if (i % 4 === 1) {
      const day = 1 + (i % 25);
      const at = new Date(Date.UTC(2026, 10, day, 1, i % 60, 0));
      await post(
        `/api/support/persons/${g.id}/notes`,
        phoneNote({ occurredAt: at.toISOString(), text: '（生成）電話で話した。' }),
      );
      g.lastContactAt = at.toISOString();
    }
    if (i % 7 === 2) {
      const level = URGENCIES[i % URGENCIES.length]!;
      await post(`/api/support/persons/${g.id}/intakes`, { content: { urgency: { level } } });
      g.urgency = level;
    }
    if (i % 11 === 3) {
      const reviewOn = `2027-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')}`;
      await post(`/api/support/persons/${g.id}/plans`, {
        goals: [{ ownWords: '（生成）週に1回、外に出る', gasLevels: { expected: '週1回' } }],
        reviewOn,
      });
      g.nextReviewOn = reviewOn;
    }
  }
}, 600_000);

afterAll(async () => {
  await t?.close();
});

/** The order the issue asks of each sort, with the time since contact and the id as tie-breakers. */
const collator = new Intl.Collator('ja');
const URGENCY_RANK = { emergency: 0, urgent: 1, watch: 2, none: 3 } as const;
function expectedOrder(items: readonly Generated[], sort: Sort): string[] {
  const contact = (g: Generated) => (g.lastContactAt ? Date.parse(g.lastContactAt) : Number.MIN_SAFE_INTEGER);
  const primary: Record<Sort, (a: Generated, b: Generated) => number> = {
    contact: () => 0,
    nickname: (a, b) => collator.compare(a.nickname, b.nickname),
    review: (a, b) => (a.nextReviewOn ?? '9999-12-31').localeCompare(b.nextReviewOn ?? '9999-12-31'),
    urgency: (a, b) => URGENCY_RANK[a.urgency ?? 'none'] - URGENCY_RANK[b.urgency ?? 'none'],
  };
  return [...items]
    .sort(
      (a, b) => primary[sort](a, b) || contact(a) - contact(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((g) => g.id);
}
const ids = (items: readonly { id: string }[]) => items.map((i) => i.id);
const subset = (pick: (g: Generated) => boolean) => generated.filter(pick);

describe('finding a person by any part of a name (issue 22)', () => {
  it('finds はるさん by はる and by ハル, and by half-width ﾊﾙ', async () => {
    for (const q of ['はる', 'ハル', 'ﾊﾙ']) {
      const found = await list(staff, `q=${encodeURIComponent(q)}`);
      expect(ids(found.items), q).toContain(DEMO_PERSON_IDS.haru);
    }
  });

  it('a part of a nickname, in the middle, returns exactly the persons whose nickname holds it', async () => {
    for (const part of ['どり12', 'ンタ0', '子29', '（生成）']) {
      const found = await allPages(staff, `q=${encodeURIComponent(part)}`);
      expect(new Set(ids(found)), part).toEqual(new Set(ids(subset((g) => g.nickname.includes(part)))));
    }
  });

  it('a reading in hiragana or katakana finds the names written in the other script, and the kanji ones by their ふりがな', async () => {
    const cases: [string, (typeof GIVEN)[number]['name']][] = [
      ['ミドリ 生成', 'みどり'],
      ['けんた 生成', 'ケンタ'],
      ['ﾕｳｷ 生成', 'ゆうき'],
      ['さくら 生成', 'サクラ'],
      ['ハナコ 生成', '花子'],
    ];
    for (const [q, given] of cases) {
      const found = await allPages(staff, `q=${encodeURIComponent(q)}`);
      expect(found.length, q).toBe(60);
      expect(new Set(ids(found)), q).toEqual(new Set(ids(subset((g) => g.given === given))));
    }
  });

  it('every word of the query must match', async () => {
    const found = await allPages(staff, `q=${encodeURIComponent('ケンタ 12')}`);
    expect(new Set(ids(found))).toEqual(
      new Set(ids(subset((g) => g.given === 'ケンタ' && g.nickname.includes('12')))),
    );
  });

  it('my cases are those I lead, in the same filter', async () => {
    const found = await allPages(staff, `q=${encodeURIComponent('生成')}`, 'mine');
    expect(new Set(ids(found))).toEqual(new Set(ids(subset((g) => g.mine))));
    expect(found.length).toBe(200);
  });

  it('does not find another town’s persons', async () => {
    const found = await list(kaiStaff, `q=${encodeURIComponent('はる')}`);
    expect(ids(found.items)).not.toContain(DEMO_PERSON_IDS.haru);
    expect((await list(kaiStaff, `q=${encodeURIComponent('生成')}`)).total).toBe(0);
  });
});

describe('a list of 300 generated persons (issue 22)', () => {
  it('the generated contacts, urgencies and review dates are what the list shows', async () => {
    const byId = new Map((await allPages(staff, `q=${encodeURIComponent('生成')}`)).map((s) => [s.id, s]));
    for (const g of generated) {
      const s = byId.get(g.id)!;
      expect(s.nickname).toBe(g.nickname);
      expect(s.ageGroup).toBe(g.ageGroup);
      expect(s.urgency ?? null).toBe(g.urgency);
      expect(s.lastContactAt ? new Date(s.lastContactAt).toISOString() : null).toBe(g.lastContactAt);
      expect(s.nextReviewOn).toBe(g.nextReviewOn);
    }
  });

  for (const sort of ['contact', 'nickname', 'review', 'urgency'] as const) {
    it(`sorts by ${sort}: all 300 in the right order, each once across pages of 100`, async () => {
      const page1 = await list(staff, `q=${encodeURIComponent('生成')}&sort=${sort}&limit=100`);
      expect(page1.total).toBe(300);
      const seen = await allPages(staff, `q=${encodeURIComponent('生成')}&sort=${sort}`);
      expect(seen.length).toBe(300);
      expect(new Set(ids(seen)).size).toBe(300);
      expect(ids(seen)).toEqual(expectedOrder(generated, sort));
    });
  }

  it('without a filter, the default order (longest since contact) pages the generated persons in order among the others', async () => {
    const seen = await allPages(staff, 'status=active');
    const mineOnly = ids(seen).filter((id) => generated.some((g) => g.id === id));
    expect(new Set(ids(seen)).size).toBe(seen.length);
    expect(mineOnly).toEqual(expectedOrder(generated, 'contact'));
  });

  it('refuses an unknown sort with a field error, not a 500', async () => {
    const res = await get(staff, '/api/support/persons?scope=all&sort=employment');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('exports what is on screen as CSV, in the same order, and every exported record is in the audit log once', async () => {
    const exportCount = async () =>
      asSystem(t.db, (tx) =>
        rows<{ record_id: string; n: number }>(
          tx,
          sql`select record_id, count(*)::int as n from audit_events
              where action = 'support.person-list.export' group by record_id`,
        ),
      );
    for (const [q, sort, pick] of [
      ['ミドリ 生成', 'urgency', (g: Generated) => g.given === 'みどり'],
      ['ハナコ', 'review', (g: Generated) => g.given === '花子'],
      ['（生成）', 'nickname', () => true],
    ] as const) {
      const before = new Map((await exportCount()).map((r) => [r.record_id, r.n]));
      const res = await get(
        staff,
        `/api/support/persons.csv?scope=all&q=${encodeURIComponent(q)}&sort=${sort}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['cache-control']).toBe('no-store');
      const parsed = parseCsv(res.body.replace(/^\ufeff/, ''));
      expect(parsed.error).toBeNull();
      const [header, ...body] = parsed.rows;
      expect(header?.slice(0, 4)).toEqual(['呼び名', '年代', '状態', '緊急性']);
      const expected = expectedOrder(subset(pick), sort);
      const byId = new Map(generated.map((g) => [g.id, g]));
      expect(
        body.map((r) => r[0]),
        q,
      ).toEqual(expected.map((id) => byId.get(id)!.nickname));
      expect(
        body.map((r) => [r[1], r[3]]),
        q,
      ).toEqual(
        expected.map((id) => {
          const g = byId.get(id)!;
          return [AGE_GROUP_LABELS.ja[g.ageGroup], g.urgency ? URGENCY_LABELS.ja[g.urgency] : ''];
        }),
      );

      const after = await exportCount();
      const added = after
        .map((r) => ({ id: r.record_id, n: r.n - (before.get(r.record_id) ?? 0) }))
        .filter((r) => r.n > 0);
      expect(
        added.every((r) => r.n === 1),
        q,
      ).toBe(true);
      expect(new Set(added.map((r) => r.id)), q).toEqual(new Set(expected));
    }
  });
});
