import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupportPerson, phoneNote } from '../../../../test/factories/support-persons.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';

/** `GET /api/console/today` (issue 22): each role's waiting work as counts and links. */
let t: TestApp;
let address = 0;
type Item = { kind: string; count: number; href: string };

const today = async (who: LoggedIn): Promise<Item[]> => {
  const res = await t.request({ method: 'GET', url: '/api/console/today', headers: who.headers() });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  return (res.json() as { items: Item[] }).items;
};
const countOf = (items: Item[], kind: string) => items.find((i) => i.kind === kind)?.count;
const as = (email: string) => login(t, email, DEMO_PASSWORD);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(async () => {
  await t?.close();
});

describe('today’s work per role (issue 22)', () => {
  it('gives each demo role the kinds of work it does, and no other', async () => {
    const expected: Record<string, string[]> = {
      'consultation@kofu.demo.example': [
        'consultations.waiting',
        'support.reviews-due',
        'support.contacts-due',
        'support.watch',
        'peers.claims-to-approve',
        'events.sessions-this-week',
        'places.in-review',
        'subsidies.applications-to-check',
      ],
      'report_triage@kofu.demo.example': ['reports.new-urgent', 'reports.new'],
      'finance@kofu.demo.example': [
        'subsidies.claims-to-confirm',
        'payments.batches-to-approve',
        'payments.batches-to-export',
      ],
      'peer_supporter@kofu.demo.example': ['peers.my-shifts-this-week'],
      'family_association@kofu.demo.example': ['events.sessions-this-week'],
      'agency_member@kofu.demo.example': ['agencies.referrals-received'],
      'labour@kofu.demo.example': ['support.reviews-due', 'support.contacts-due', 'support.watch'],
      'prefecture@yamanashi.demo.example': ['returns.to-review', 'cases.to-review'],
      'national@demo.example': ['cases.to-publish'],
    };
    for (const [email, kinds] of Object.entries(expected)) {
      const items = await today(await as(email));
      expect(
        items.map((i) => i.kind),
        email,
      ).toEqual(kinds);
      for (const item of items) {
        expect(item.href.startsWith('/console/'), `${email} ${item.kind}`).toBe(true);
        expect(Number.isInteger(item.count) && item.count >= 0).toBe(true);
      }
    }
    const admin = (await today(await as('municipal_admin@kofu.demo.example'))).map((i) => i.kind);
    expect(admin).toEqual(
      expect.arrayContaining([
        'reports.new',
        'places.in-review',
        'subsidies.claims-to-confirm',
        'returns.own-to-submit',
      ]),
    );
    expect(admin).not.toContain('consultations.waiting');
  });

  it('counts a new anonymous consultation for its own town only', async () => {
    const kofu = await as('consultation@kofu.demo.example');
    const kai = await as('consultation@kai.demo.example');
    const before = countOf(await today(kofu), 'consultations.waiting')!;
    const kaiBefore = countOf(await today(kai), 'consultations.waiting')!;
    const sent = await t.request({
      method: 'POST',
      url: '/api/public/consultations',
      payload: { municipalityCode: '192015', writer: 'family', message: '息子のことで相談したいです。' },
      remoteAddress: `127.74.0.${++address}`,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(countOf(await today(kofu), 'consultations.waiting')).toBe(before + 1);
    expect(countOf(await today(kai), 'consultations.waiting')).toBe(kaiBefore);
  });

  it('counts a new report as urgent when someone may be in danger', async () => {
    const triage = await as('report_triage@kofu.demo.example');
    const before = await today(triage);
    const sent = await t.request({
      method: 'POST',
      url: '/api/public/reports',
      payload: {
        municipalityCode: '192015',
        danger: 'yes',
        reporterRole: 'family',
        categories: ['high_fees'],
      },
      remoteAddress: `127.74.1.${++address}`,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const after = await today(triage);
    expect(countOf(after, 'reports.new-urgent')).toBe(countOf(before, 'reports.new-urgent')! + 1);
    expect(countOf(after, 'reports.new')).toBe(countOf(before, 'reports.new'));
  });

  it('counts a planned contact on its day for the lead worker: set with a note, cleared with another', async () => {
    const worker = await as('consultation@kofu.demo.example');
    const before = countOf(await today(worker), 'support.contacts-due')!;
    const id = await createSupportPerson(t, worker, { nickname: '（テスト）れんらくさん' });
    const note = (nextContactOn: string | null | undefined) =>
      t.request({
        method: 'POST',
        url: `/api/support/persons/${id}/notes`,
        headers: worker.headers(),
        payload: phoneNote({ nextContactOn }),
      });
    const person = async () =>
      (
        await t.request({ method: 'GET', url: `/api/support/persons/${id}`, headers: worker.headers() })
      ).json();
    // A day already reached counts today; the date is on the person, not in the note's text.
    expect((await note('2026-01-05')).statusCode).toBe(201);
    expect((await person()).nextContactOn).toBe('2026-01-05');
    expect(countOf(await today(worker), 'support.contacts-due')).toBe(before + 1);
    // A note that does not name a date leaves it; one that clears it takes it off the home page.
    expect((await note(undefined)).statusCode).toBe(201);
    expect((await person()).nextContactOn).toBe('2026-01-05');
    expect((await note(null)).statusCode).toBe(201);
    expect((await person()).nextContactOn).toBeNull();
    expect(countOf(await today(worker), 'support.contacts-due')).toBe(before);
    // Not a date: refused with a field error, and nothing written.
    const bad = await note('来週');
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a caller who is not signed in', async () => {
    const res = await t.request({ method: 'GET', url: '/api/console/today' });
    expect(res.statusCode).toBe(401);
  });
});
