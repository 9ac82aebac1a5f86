import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupportPerson, phoneNote } from '../../../../test/factories/support-persons.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';

/** `GET /api/console/calendar` (issue 22 item 3): the caller's dated work, from each module it may see. */
let t: TestApp;
type Entry = {
  kind: string;
  date: string;
  start: string | null;
  end: string | null;
  title: string;
  href: string;
};
const as = (email: string) => login(t, email, DEMO_PASSWORD);
const calendar = (who: LoggedIn | null, query: string) =>
  t.request({ method: 'GET', url: `/api/console/calendar${query}`, headers: who?.headers() ?? {} });
const entries = async (who: LoggedIn, query: string): Promise<Entry[]> => {
  const res = await calendar(who, query);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  return res.json().items;
};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(async () => {
  await t?.close();
});

describe('the console calendar (issue 22)', () => {
  it('lists a planned contact of the own caseload on its day, by nickname; not for another town or worker', async () => {
    const worker = await as('consultation@kofu.demo.example');
    const id = await createSupportPerson(t, worker, { nickname: '（テスト）よていさん', ageGroup: '40s' });
    const note = await t.request({
      method: 'POST',
      url: `/api/support/persons/${id}/notes`,
      headers: worker.headers(),
      payload: phoneNote({ text: '（テスト）来月また電話する。', nextContactOn: '2027-01-12' }),
    });
    expect(note.statusCode, note.body).toBe(201);

    const mine = await entries(worker, '?from=2027-01-01&to=2027-01-31');
    expect(mine).toContainEqual({
      kind: 'support.contact',
      date: '2027-01-12',
      start: null,
      end: null,
      title: '（テスト）よていさん',
      href: `/console/support/persons/${id}`,
    });
    // Ordered by day, whole-day items first within a day.
    const keys = mine.map((e) => `${e.date} ${e.start ?? ''}`);
    expect(keys).toEqual([...keys].sort());
    // Another town's worker, and a colleague who does not lead the person, do not see it.
    const kai = await entries(await as('consultation@kai.demo.example'), '?from=2027-01-01&to=2027-01-31');
    expect(kai.some((e) => e.href.endsWith(id))).toBe(false);
    const labour = await entries(await as('labour@kofu.demo.example'), '?from=2027-01-01&to=2027-01-31');
    expect(labour.some((e) => e.href.endsWith(id))).toBe(false);
    // The read names persons: it is in the audit log.
    const audit = await t.request({
      method: 'GET',
      url: '/api/admin/audit?action=console.calendar.read',
      headers: (await as('municipal_admin@kofu.demo.example')).headers(),
    });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.json().items.length).toBeGreaterThan(0);
  });

  it('gives each role only its own kinds of entry', async () => {
    const range = '?from=2026-11-01&to=2026-12-31';
    const kinds = async (email: string) =>
      new Set((await entries(await as(email), range)).map((e) => e.kind));
    for (const kind of await kinds('family_association@kofu.demo.example'))
      expect(kind).toBe('events.session');
    for (const kind of await kinds('peer_supporter@kofu.demo.example')) expect(kind).toBe('peers.shift');
    expect((await kinds('finance@kofu.demo.example')).size).toBe(0);
    expect((await kinds('national@demo.example')).size).toBe(0);
    // Timed entries carry HH:MM in Tokyo time.
    for (const e of await entries(await as('consultation@kofu.demo.example'), range))
      if (e.start) expect(`${e.start}${e.end}`).toMatch(/^\d{2}:\d{2}\d{2}:\d{2}$/);
  });

  it('refuses a range that is reversed, longer than 62 days or not a date, and a caller not signed in', async () => {
    const worker = await as('consultation@kofu.demo.example');
    for (const query of [
      '?from=2027-02-01&to=2027-01-01',
      '?from=2027-01-01&to=2027-03-31',
      '?from=来週',
      '?to=1999-01-01',
    ]) {
      const res = await calendar(worker, query);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await calendar(null, '')).statusCode).toBe(401);
  });
});
