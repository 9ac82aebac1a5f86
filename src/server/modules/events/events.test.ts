import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createEvent, eventBody } from '../../../../test/factories/events.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import type { LoggedIn } from '../../../../test/helpers/auth.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { runDueJobs } from '../../platform/jobs/due.ts';
import { DEMO_PLACE_IDS } from '../places/places.demo.ts';
import { parseRegistrationToken } from './events.codes.ts';
import { DEMO_EVENT_IDS as E, DEMO_ORGANISER_IDS as O } from './events.demo.ts';
import { EVENT_COLUMNS } from './events.opendata.ts';

let t: TestApp;
let kofuAdmin: LoggedIn;
let kofuConsultation: LoggedIn;
let kofuFamily: LoggedIn;
let kofuLabour: LoggedIn;
let kaiAdmin: LoggedIn;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [kofuAdmin, kofuConsultation, kofuFamily, kofuLabour, kaiAdmin] = await loginDemoStaff(t, [
    'municipal_admin@kofu',
    'consultation@kofu',
    'family_association@kofu',
    'labour@kofu',
    'municipal_admin@kai',
  ]);
});
afterAll(async () => {
  await t?.close();
});

let address = 0;
const from = () => `127.60.${Math.floor(++address / 250) % 250}.${(address % 250) + 1}`;
const get = (url: string, headers: Record<string, string> = {}) =>
  t.request({ method: 'GET', url, headers, remoteAddress: from() });
const send = (who: LoggedIn | null, method: 'POST' | 'PUT', url: string, payload: unknown, headers = {}) =>
  t.request({
    method,
    url,
    payload: payload as Record<string, unknown>,
    headers: { ...(who ? who.headers() : {}), ...headers },
    remoteAddress: from(),
  });

type Seat = { sessionId: string; seq: number; status: string; waitlistPosition: number | null };
const registerFor = async (eventId: string, body: Record<string, unknown>, headers = {}) => {
  const res = await send(null, 'POST', `/api/public/events/${eventId}/registrations`, body, headers);
  return res;
};
const outbox = async () =>
  (await get('/api/admin/outbox?limit=200', kofuAdmin.headers())).json().items as Array<{
    recipient: string;
    templateKey: string;
    subject: string;
    body: string;
  }>;
const staffEvent = async (id: string, who = kofuAdmin) => {
  const res = await get(`/api/events/${id}`, who.headers());
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    version: number;
    sessions: Array<{ id: string; seq: number; confirmedPeople: number; waitlistedPeople: number }>;
    [k: string]: unknown;
  };
};

const newEventBody = (overrides: Record<string, unknown> = {}) =>
  eventBody({ organiserId: O.kofuCity, title: 'テストの家族サロン', ...overrides });

describe('public events', () => {
  it("a directory entry's events: held there, or run by the organiser whose entry it is (issue 21)", async () => {
    const family = await get(`/api/public/events?place=${DEMO_PLACE_IDS.kofuFamily}&limit=200`);
    expect(family.statusCode).toBe(200);
    const own = family.json().items as Array<{ id: string; organiser: { name: string } }>;
    expect(own.map((i) => i.id)).toEqual(expect.arrayContaining([E.kofuStudySeries, E.kofuSalon]));
    expect(own.every((i) => i.organiser.name === '甲府ひきこもり家族会 あじさいの会')).toBe(true);
    const [{ n } = { n: 0 }] = await rows<{ n: number }>(
      t.db.orm,
      sql`select count(*)::int as n from events where place_id = ${DEMO_PLACE_IDS.hidamari} and status = 'published'`,
    );
    expect(n).toBeGreaterThan(0);
    const held = (await get(`/api/public/events?place=${DEMO_PLACE_IDS.hidamari}&limit=200`)).json();
    expect(held.items.length).toBeGreaterThan(0);
    expect(held.items.map((i: { id: string }) => i.id)).not.toContain(E.kofuStudySeries);
    expect((await get('/api/public/events?place=not-a-uuid')).statusCode).toBe(400);
  });

  it('lists upcoming published events by area, kind and audience; drafts never appear', async () => {
    const all = await get('/api/public/events?limit=200');
    expect(all.statusCode, all.body).toBe(200);
    const items = all.json().items as Array<{ id: string; nextSession: { startsAt: string } | null }>;
    const ids = items.map((i) => i.id);
    expect(ids).toContain(E.kofuStudySeries);
    expect(ids).toContain(E.kaiSalon);
    expect(ids).not.toContain(E.kofuDraft);
    expect(all.json().total).toBeGreaterThanOrEqual(10);
    const starts = items.map((i) => i.nextSession!.startsAt);
    expect([...starts].sort()).toEqual(starts);

    const series = await get('/api/public/events?kind=family_study_series&municipality=192015');
    expect(series.json().items.map((i: { id: string }) => i.id)).toEqual([E.kofuStudySeries]);
    const kai = await get('/api/public/events?municipality=192104&limit=200');
    expect(kai.json().items.every((i: { municipalityCode: string }) => i.municipalityCode === '192104')).toBe(
      true,
    );
    const salons = await get('/api/public/events?kind=family_salon&prefecture=19&limit=200');
    const salonIds = salons.json().items.map((i: { id: string }) => i.id);
    expect(salonIds).toEqual(expect.arrayContaining([E.kofuSalon, E.kaiSalon]));
    const persons = await get('/api/public/events?audience=person');
    expect(persons.json().items.map((i: { id: string }) => i.id)).toEqual([E.kofuPeerMeeting]);
  });

  it('finds events by words of their title, reading or description (q), folding kana and related words', async () => {
    const ids = async (q: string) =>
      (await get(`/api/public/events?q=${encodeURIComponent(q)}&limit=200`))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await ids('親なきあと')).toEqual([E.kaiLecture]);
    expect(await ids('オヤナキアト')).toEqual([E.kaiLecture]);
    expect(await ids('8050問題')).toEqual([E.kaiLecture]);
    // 学習会 is related to 勉強会 (related-words.ts): the word a person uses need not be the organiser's.
    expect(await ids('勉強会')).toEqual(expect.arrayContaining([E.kofuStudySeries, E.kaiLecture]));
    // q narrows the other filters, never widens them: this lecture is in 甲斐市, not 甲府市.
    const inKofu = await get(`/api/public/events?q=${encodeURIComponent('親なきあと')}&municipality=192015`);
    expect(inKofu.json().total).toBe(0);
    expect(await ids('存在しないことば')).toEqual([]);
    expect((await get(`/api/public/events?q=${'あ'.repeat(101)}`)).statusCode).toBe(400);
  });

  it('pages with a cursor and refuses bad filters with 400', async () => {
    const first = await get('/api/public/events?limit=3');
    const page1 = first.json();
    expect(page1.items).toHaveLength(3);
    const second = await get(`/api/public/events?limit=3&cursor=${page1.nextCursor}`);
    const ids2 = second.json().items.map((i: { id: string }) => i.id);
    for (const id of ids2) expect(page1.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await get('/api/public/events?limit=500')).statusCode).toBe(400);
    expect((await get('/api/public/events?municipality=192016')).statusCode).toBe(400);
    expect((await get('/api/public/events?kind=party')).statusCode).toBe(400);
    expect((await get('/api/public/events?cursor=nonsense')).statusCode).toBe(400);
  });

  it('shows every session of a series; a draft or unknown id is 404', async () => {
    const res = await get(`/api/public/events/${E.kofuStudySeries}`);
    expect(res.statusCode, res.body).toBe(200);
    const event = res.json();
    expect(event.isSeries).toBe(true);
    expect(event.sessions).toHaveLength(6);
    expect(event.sessions.map((s: { topic: string }) => s.topic)).toContain('8050問題とお金・暮らしの備え');
    expect(event.organiser.name).toBe('甲府ひきこもり家族会 あじさいの会');
    expect((await get(`/api/public/events/${E.kofuDraft}`)).statusCode).toBe(404);
    expect((await get('/api/public/events/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/api/public/events/not-an-id')).statusCode).toBe(400);
  });
});

describe('registration without an account', () => {
  it('registers for every session of a series once per Idempotency-Key; contact is encrypted', async () => {
    const body = { nickname: 'さくら', people: 2, email: 'sakura@example.com', needs: '筆談を希望します' };
    const key = { 'idempotency-key': 'events-test-key-0001' };
    const first = await registerFor(E.kofuStudySeries, body, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['cache-control']).toBe('no-store');
    const again = await registerFor(E.kofuStudySeries, body, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().token).toBe(first.json().token);
    const result = first.json();
    expect(result.sessions).toHaveLength(6);
    expect(result.sessions.every((s: Seat) => s.status === 'confirmed')).toBe(true);

    const stored = await asSystem(t.db, (tx) =>
      rows<{ n: number; contact_email: string; nickname: string; token_hash: string }>(
        tx,
        sql`select count(*) over ()::int as n, contact_email, nickname, token_hash from event_registrations
            where event_id = ${E.kofuStudySeries}`,
      ),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.contact_email).not.toContain('sakura');
    expect(stored[0]!.nickname).not.toContain('さくら');
    // The random part follows `<tenant>-` and is base64url, so it may itself contain '-': split once.
    const secret = result.token.slice(result.token.indexOf('-') + 1);
    expect(secret).toHaveLength(32);
    expect(stored[0]!.token_hash).not.toContain(secret);
    expect(stored[0]!.token_hash).toBe(parseRegistrationToken(result.token)?.hash);
    const series = await staffEvent(E.kofuStudySeries);
    expect(series.sessions.every((s) => s.confirmedPeople === 2)).toBe(true);

    // The private link shows the state, never the contact.
    const view = await get(`/api/public/event-registrations/${result.token}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.body).not.toContain('sakura@example.com');
    expect(view.json().hasContact).toBe(true);
    expect(
      (await get('/api/public/event-registrations/192015-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).statusCode,
    ).toBe(404);
    expect((await get('/api/public/event-registrations/garbage')).statusCode).toBe(404);

    const messages = await outbox();
    expect(
      messages.some(
        (m) => m.recipient === 'sakura@example.com' && m.templateKey === 'events.registration-received',
      ),
    ).toBe(true);
  });

  it('refuses bad input with 400 and writes nothing; closed registration is 409', async () => {
    const before = await asSystem(t.db, (tx) =>
      rows<{ n: number }>(tx, sql`select count(*)::int as n from event_registrations`),
    );
    expect((await registerFor(E.kofuSalon, { nickname: '', people: 1 })).statusCode).toBe(400);
    expect((await registerFor(E.kofuSalon, { nickname: 'a', people: 0 })).statusCode).toBe(400);
    expect((await registerFor(E.kofuSalon, { nickname: 'a', people: 1, email: 'not-mail' })).statusCode).toBe(
      400,
    );
    expect((await registerFor(E.kofuSalon, { nickname: 'a', people: 1, extra: 1 })).statusCode).toBe(400);
    expect((await registerFor(E.kofuDraft, { nickname: 'a', people: 1 })).statusCode).toBe(404);
    const closed = await registerFor(E.kofuOpenDay, { nickname: 'a', people: 1 });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('events_registration_closed');
    const after = await asSystem(t.db, (tx) =>
      rows<{ n: number }>(tx, sql`select count(*)::int as n from event_registrations`),
    );
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('waiting list: full → waitlisted; cancelling one session by the link promotes the first in line and notifies them', async () => {
    const created = await send(kofuAdmin, 'POST', '/api/events', newEventBody({ capacity: 3 }));
    expect(created.statusCode, created.body).toBe(201);
    const eventId = created.json().id as string;
    const a = (await registerFor(eventId, { nickname: 'A', people: 2 })).json();
    const b = (await registerFor(eventId, { nickname: 'B', people: 2, email: 'b@example.com' })).json();
    const c = (await registerFor(eventId, { nickname: 'C', people: 1, email: 'c@example.com' })).json();
    expect(a.sessions[0].status).toBe('confirmed');
    expect(b.sessions[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // C (1 person) fits the one free seat that B (2 people) cannot take: B keeps its place and does
    // not block C (issue 19; before, C waited behind B while the seat stayed free).
    expect(c.sessions[0]).toMatchObject({ status: 'confirmed', waitlistPosition: null });

    const cancel = await send(
      null,
      'POST',
      `/api/public/event-registrations/${a.token}/sessions/${a.sessions[0].sessionId}/cancel`,
      {},
    );
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().sessions[0].status).toBe('cancelled');
    const bView = (await get(`/api/public/event-registrations/${b.token}`)).json();
    expect(bView.sessions[0].status).toBe('confirmed');
    const cView = (await get(`/api/public/event-registrations/${c.token}`)).json();
    expect(cView.sessions[0]).toMatchObject({ status: 'confirmed' });
    const promoted = (await outbox()).filter((m) => m.templateKey === 'events.waitlist-promoted');
    expect(promoted.map((m) => m.recipient).sort()).toEqual(['b@example.com']);
    const again = await send(
      null,
      'POST',
      `/api/public/event-registrations/${a.token}/sessions/${a.sessions[0].sessionId}/cancel`,
      {},
    );
    expect(again.statusCode).toBe(409);
    const session = (await staffEvent(eventId)).sessions[0]!;
    expect(session).toMatchObject({ confirmedPeople: 3, waitlistedPeople: 0 });
  });

  it('waiting list: a group larger than the free seats keeps its place without blocking others, and the organiser sees why (issue 19)', async () => {
    const created = await send(
      kofuAdmin,
      'POST',
      '/api/events',
      newEventBody({ capacity: 3, title: '空き待ち' }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const eventId = created.json().id as string;
    const cancel = (r: { token: string; sessions: Seat[] }) =>
      send(
        null,
        'POST',
        `/api/public/event-registrations/${r.token}/sessions/${r.sessions[0]!.sessionId}/cancel`,
        {},
      );
    const view = async (r: { token: string }) =>
      (await get(`/api/public/event-registrations/${r.token}`)).json().sessions[0] as Seat;

    const a = (await registerFor(eventId, { nickname: 'A', people: 1 })).json();
    const b = (await registerFor(eventId, { nickname: 'B', people: 3, email: 'big@example.com' })).json();
    const c = (await registerFor(eventId, { nickname: 'C', people: 2 })).json();
    expect(a.sessions[0].status).toBe('confirmed');
    // Three people do not fit the two free seats: B waits, first in line.
    expect(b.sessions[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // Two people fit them: C is not held behind B.
    expect(c.sessions[0]).toMatchObject({ status: 'confirmed' });
    const d = (await registerFor(eventId, { nickname: 'D', people: 1, email: 'd@example.com' })).json();
    expect(d.sessions[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    // A frees one seat: B (3) still does not fit, D (1) does and gets it; B keeps its place.
    expect((await cancel(a)).statusCode).toBe(200);
    expect(await view(d)).toMatchObject({ status: 'confirmed' });
    expect(await view(b)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const promoted = (await outbox()).filter((m) => m.templateKey === 'events.waitlist-promoted');
    expect(promoted.map((m) => m.recipient)).toContain('d@example.com');
    expect(promoted.map((m) => m.recipient)).not.toContain('big@example.com');

    // C frees two seats (two free in all): still not three, B waits; the organiser sees why.
    expect((await cancel(c)).statusCode).toBe(200);
    expect(await view(b)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await staffEvent(eventId)).sessions[0]).toMatchObject({
      confirmedPeople: 1,
      waitlistedPeople: 3,
    });
    const list = await get(`/api/events/${eventId}/registrations`, kofuAdmin.headers());
    expect(list.statusCode, list.body).toBe(200);
    const big = (list.json().items as Array<{ nickname: string; people: number; sessions: unknown[] }>).find(
      (r) => r.nickname === 'B',
    )!;
    expect(big.people).toBe(3);
    expect(big.sessions[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, seatsLeft: 2 });

    // One more seat by raising the capacity: now B fits and is promoted.
    const staff = await staffEvent(eventId);
    const raised = await send(kofuAdmin, 'PUT', `/api/events/${eventId}`, {
      ...newEventBody({ capacity: 4, title: '空き待ち' }),
      sessions: [
        {
          id: staff.sessions[0]!.id,
          startsAt: '2026-12-20T13:30:00+09:00',
          endsAt: '2026-12-20T15:00:00+09:00',
        },
      ],
      version: staff.version,
    });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(await view(b)).toMatchObject({ status: 'confirmed' });
  });

  it('two concurrent registrations for the last seat: exactly one gets it, the other is wait-listed', async () => {
    const { id: eventId } = await createEvent(t, kofuAdmin, {
      organiserId: O.kofuCity,
      capacity: 1,
      title: '最後の1席',
    });
    const results = await Promise.all([
      registerFor(eventId, { nickname: 'X', people: 1 }),
      registerFor(eventId, { nickname: 'Y', people: 1 }),
    ]);
    const statuses = results.map((r) => {
      expect(r.statusCode, r.body).toBe(201);
      return r.json().sessions[0].status as string;
    });
    expect(statuses.sort()).toEqual(['confirmed', 'waitlisted']);
    const session = (await staffEvent(eventId)).sessions[0]!;
    expect(session).toMatchObject({ confirmedPeople: 1, waitlistedPeople: 1 });
  });

  it('eight concurrent registrations for three seats: exactly three confirmed, counts match the rows', async () => {
    const { id: eventId } = await createEvent(t, kofuAdmin, {
      organiserId: O.kofuCity,
      capacity: 3,
      title: '3席',
    });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => registerFor(eventId, { nickname: `N${i}`, people: 1 })),
    );
    const statuses = results.map((r) => r.json().sessions[0].status as string);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(5);
    const [counted] = await asSystem(t.db, (tx) =>
      rows<{ confirmed: number; waiting: number }>(
        tx,
        sql`select coalesce(sum(rs.people) filter (where rs.status = 'confirmed'), 0)::int as confirmed,
                   coalesce(sum(rs.people) filter (where rs.status = 'waitlisted'), 0)::int as waiting
            from event_registration_sessions rs join event_sessions s on s.id = rs.session_id
            where s.event_id = ${eventId}`,
      ),
    );
    expect(counted).toEqual({ confirmed: 3, waiting: 5 });
    expect((await staffEvent(eventId)).sessions[0]).toMatchObject({
      confirmedPeople: 3,
      waitlistedPeople: 5,
    });
  });

  it('day-before reminders: one per confirmed registration with contact, never twice', async () => {
    const created = await send(
      kofuAdmin,
      'POST',
      '/api/events',
      newEventBody({
        title: 'リマインドのテスト',
        capacity: 2,
        sessions: [{ startsAt: '2026-12-10T10:00:00+09:00', endsAt: '2026-12-10T12:00:00+09:00' }],
      }),
    );
    const eventId = created.json().id as string;
    await registerFor(eventId, { nickname: 'R1', people: 1, email: 'r1@example.com' });
    await registerFor(eventId, { nickname: 'R2', people: 1 });
    await registerFor(eventId, { nickname: 'R3', people: 1, email: 'r3-waiting@example.com' });
    const ctx = { db: t.db, config: t.config, clock: t.clock };
    const saved = t.clock.now();
    try {
      t.clock.set(new Date('2026-12-08T09:00:00+09:00')); // two days before: nothing yet
      const early = await runDueJobs(ctx, { only: ['events.reminder-day-before'], trigger: 'test' });
      expect(early.results[0]).toMatchObject({ status: 'ok', processed: 0 });
      t.clock.set(new Date('2026-12-09T07:00:00+09:00')); // the day before (Tokyo)
      const first = await runDueJobs(ctx, { only: ['events.reminder-day-before'], trigger: 'test' });
      expect(first.results[0]).toMatchObject({ status: 'ok', processed: 1 });
      const second = await runDueJobs(ctx, { only: ['events.reminder-day-before'], trigger: 'test' });
      expect(second.results[0]).toMatchObject({ status: 'ok', processed: 0 });
    } finally {
      t.clock.set(saved);
    }
    const reminders = (await outbox()).filter(
      (m) => m.templateKey === 'events.reminder-day-before' && m.subject.includes('リマインドのテスト'),
    );
    expect(reminders.map((m) => m.recipient)).toEqual(['r1@example.com']);
    expect(reminders[0]!.body).toContain('12月10日（木）10:00〜12:00');
  });
});

describe('受付番号 and the short cancel code (issue 21 item 9)', () => {
  const codeUrl = (eventId: string, action: 'find' | 'cancel') =>
    `/api/public/events/${eventId}/registrations/${action}`;

  it('a registration gets a 受付番号 and a cancel code, sent once by e-mail through the outbox, stored only as a hash', async () => {
    const body = { nickname: 'もみじ', people: 1, email: 'momiji@example.com' };
    const key = { 'idempotency-key': 'events-test-code-mail-0001' };
    const first = await registerFor(E.kofuStudySeries, body, key);
    expect(first.statusCode, first.body).toBe(201);
    const { receiptNumber, cancelCode } = first.json() as { receiptNumber: string; cancelCode: string };
    expect(receiptNumber).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(cancelCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    // A double tap replays the answer; it neither registers nor mails twice.
    const again = await registerFor(E.kofuStudySeries, body, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().receiptNumber).toBe(receiptNumber);

    const mails = (await outbox()).filter(
      (m) => m.recipient === 'momiji@example.com' && m.templateKey === 'events.registration-received',
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain(`受付番号: ${receiptNumber}`);
    expect(mails[0]!.body).toContain(`取り消し番号: ${cancelCode}`);
    expect(mails[0]!.body).toContain(`/events/${E.kofuStudySeries}/cancel`);

    const stored = await asSystem(t.db, (tx) =>
      rows<{ receipt_number: string; cancel_code_hash: string }>(
        tx,
        sql`select receipt_number, cancel_code_hash from event_registrations where receipt_number = ${receiptNumber}`,
      ),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.cancel_code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.cancel_code_hash).not.toContain(cancelCode.replace('-', ''));
  });

  it('opens and cancels by 受付番号 and cancel code: wrong code, other event and a second cancel are refused', async () => {
    const made = await registerFor(E.kofuStudySeries, { nickname: 'かえで', people: 1 });
    expect(made.statusCode, made.body).toBe(201);
    const { receiptNumber, cancelCode, sessions } = made.json() as {
      receiptNumber: string;
      cancelCode: string;
      sessions: Seat[];
    };
    const sessionId = sessions[0]!.sessionId;

    // Typed as a person would: lower case, spaces, full-width, O for 0.
    const typed = (code: string) => code.toLowerCase().replace('-', ' ');
    const found = await send(null, 'POST', codeUrl(E.kofuStudySeries, 'find'), {
      receiptNumber: typed(receiptNumber),
      cancelCode: cancelCode
        .normalize('NFKC')
        .replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
    });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.headers['cache-control']).toBe('no-store');
    expect(found.json().sessions).toHaveLength(sessions.length);
    expect(found.json().hasContact).toBe(false);

    // A wrong code, a code of another registration's shape, a wrong event: the same 404, nothing changes.
    const wrongCode = cancelCode.startsWith('0') ? `1${cancelCode.slice(1)}` : `0${cancelCode.slice(1)}`;
    for (const [eventId, receipt, code] of [
      [E.kofuStudySeries, receiptNumber, wrongCode],
      [E.kofuStudySeries, 'ZZZZ-ZZZZ', cancelCode],
      [E.kofuSalon, receiptNumber, cancelCode],
    ] as const) {
      for (const action of ['find', 'cancel'] as const) {
        const res = await send(null, 'POST', codeUrl(eventId, action), {
          receiptNumber: receipt,
          cancelCode: code,
          ...(action === 'cancel' ? { sessionId } : {}),
        });
        expect(res.statusCode, `${action} ${eventId} ${receipt} ${code}`).toBe(404);
        expect(res.json().code).toBe('events_registration_code_not_found');
      }
    }
    expect(
      (await send(null, 'POST', codeUrl(E.kofuStudySeries, 'find'), { receiptNumber, cancelCode: 'x' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await send(null, 'POST', codeUrl(E.kofuStudySeries, 'find'), { receiptNumber, cancelCode, extra: 1 }))
        .statusCode,
    ).toBe(400);
    const before = await staffEvent(E.kofuStudySeries);

    const cancelled = await send(null, 'POST', codeUrl(E.kofuStudySeries, 'cancel'), {
      receiptNumber,
      cancelCode,
      sessionId,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const seat = (cancelled.json().sessions as Seat[]).find((s) => s.sessionId === sessionId)!;
    expect(seat.status).toBe('cancelled');
    const after = await staffEvent(E.kofuStudySeries);
    const count = (e: typeof before) => e.sessions.find((s) => s.id === sessionId)!;
    expect(count(after).confirmedPeople + count(after).waitlistedPeople).toBe(
      count(before).confirmedPeople + count(before).waitlistedPeople - 1,
    );

    const twice = await send(null, 'POST', codeUrl(E.kofuStudySeries, 'cancel'), {
      receiptNumber,
      cancelCode,
      sessionId,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('events_already_cancelled');

    const audited = await asSystem(t.db, (tx) =>
      rows<{ action: string }>(
        tx,
        sql`select action from audit_events where action like 'events.registration.%'
            and record_id = (select id::text from event_registrations where receipt_number = ${receiptNumber})`,
      ),
    );
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['events.registration.read', 'events.registration.cancel']),
    );
  });

  it('guessing codes is rate-limited like every public form', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.request({
        method: 'POST',
        url: codeUrl(E.kofuStudySeries, 'find'),
        payload: { receiptNumber: 'ABCD-EFGH', cancelCode: `ABCD-EF${String(i).padStart(2, '0')}` },
        remoteAddress: '127.61.0.9',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe('calendars and open data', () => {
  const parse = (text: string) => new ICAL.Component(ICAL.parse(text));

  it('each event .ics parses with ical.js: one VEVENT per session in Asia/Tokyo', async () => {
    const res = await get(`/api/public/events/${E.kofuStudySeries}.ics`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.body).toMatch(/\r\n/);
    for (const line of res.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const cal = parse(res.body);
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    const tz = cal.getFirstSubcomponent('vtimezone')!;
    expect(tz.getFirstPropertyValue('tzid')).toBe('Asia/Tokyo');
    const vevents = cal.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(6);
    const public_ = (await get(`/api/public/events/${E.kofuStudySeries}`)).json();
    ICAL.TimezoneService.register(tz);
    vevents.forEach((v, i) => {
      const event = new ICAL.Event(v);
      expect(event.uid).toBe(`${public_.sessions[i].id}@events.tsunagari`);
      expect(v.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Tokyo');
      expect(event.startDate.zone!.tzid).toBe('Asia/Tokyo');
      expect(event.startDate.toJSDate().toISOString()).toBe(public_.sessions[i].startsAt);
      expect(event.summary).toContain(`第${i + 1}回`);
    });
    for (const id of Object.values(E)) {
      const one = await get(`/api/public/events/${id}.ics`);
      if (id === E.kofuDraft) {
        expect(one.statusCode).toBe(404);
        continue;
      }
      expect(one.statusCode).toBe(200);
      expect(parse(one.body).getAllSubcomponents('vevent').length).toBeGreaterThanOrEqual(1);
    }
  });

  it('the tenant feed and the family-association feed parse and hold only that publisher’s events', async () => {
    const tenant = await get('/api/public/event-feeds/192015.ics');
    expect(tenant.statusCode, tenant.body).toBe(200);
    const cal = parse(tenant.body);
    const titles = cal.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('summary')));
    expect(titles.some((s) => s.includes('家族学習会'))).toBe(true);
    expect(titles.some((s) => s.includes('ひまわり'))).toBe(false);
    expect(titles.some((s) => s.includes('準備中'))).toBe(false);
    const association = await get(`/api/public/event-feeds/organisers/${O.kaiHimawari}.ics`);
    expect(association.statusCode).toBe(200);
    const kai = parse(association.body).getAllSubcomponents('vevent');
    expect(kai.length).toBe(5); // the salon (2) and the mini series (3)
    expect((await get('/api/public/event-feeds/192016.ics')).statusCode).toBe(404);
    expect((await get('/api/public/event-feeds/organisers/nope.ics')).statusCode).toBe(404);
  });

  it('イベント一覧 CSV: BOM, the recommended columns, one row per session of published events', async () => {
    const res = await get('/api/public/open-data/events/192104_event.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('192104_event.csv');
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]!.split(',')).toEqual([...EVENT_COLUMNS]);
    expect(lines.length - 1).toBe(2 + 1 + 1 + 3);
    expect(lines[1]).toMatch(/^192104,1,山梨県,甲斐市,/);
    expect((await get('/api/public/open-data/events/192015_event.csv')).body).not.toContain('準備中');
    expect((await get('/api/public/open-data/events/19201_event.csv')).statusCode).toBe(404);
  });
});

describe('organisers (staff)', () => {
  it('401 without login, 403 for a role without events.manage', async () => {
    expect((await get('/api/events')).statusCode).toBe(401);
    expect((await get('/api/events', kofuLabour.headers())).statusCode).toBe(403);
    expect((await send(kofuLabour, 'POST', '/api/events', newEventBody())).statusCode).toBe(403);
  });

  it('a family association sees and manages only its own association’s events', async () => {
    const list = await get('/api/events?limit=200', kofuFamily.headers());
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([E.kofuStudySeries, E.kofuSalon, E.kofuOnlineSalon]));
    expect(ids).not.toContain(E.kofuLecture);
    expect((await get(`/api/events/${E.kofuLecture}`, kofuFamily.headers())).statusCode).toBe(404);
    const organisers = (await get('/api/events/organisers', kofuFamily.headers())).json().items;
    expect(organisers.map((o: { id: string }) => o.id)).toEqual([O.kofuAjisai]);
    const refused = await send(kofuFamily, 'POST', '/api/events', newEventBody({ organiserId: O.kofuCity }));
    expect(refused.statusCode).toBe(400);
    const own = await send(kofuFamily, 'POST', '/api/events', newEventBody({ organiserId: O.kofuAjisai }));
    expect(own.statusCode, own.body).toBe(201);
  });

  it('the staff list filters by part of a title or organiser and sorts by title or date, paged whole', async () => {
    type Item = { id: string; title: string; firstStartsAt: string | null; organiser: { name: string } };
    const all = async (query: string, limit = 200) => {
      const seen: Item[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(
          `/api/events?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          kofuAdmin.headers(),
        );
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...res.json().items);
        cursor = res.json().nextCursor;
      } while (cursor);
      return seen;
    };
    const everything = await all('status=published');
    expect(everything.length).toBeGreaterThan(2);
    const collator = new Intl.Collator('ja');
    const byTitle = await all('status=published&sort=title', 1);
    expect(byTitle.map((e) => e.title)).toEqual(everything.map((e) => e.title).sort(collator.compare));
    const byDate = await all('status=published&sort=date', 2);
    expect(new Set(byDate.map((e) => e.id))).toEqual(new Set(everything.map((e) => e.id)));
    expect(byDate.map((e) => e.firstStartsAt ?? '9999')).toEqual(
      everything.map((e) => e.firstStartsAt ?? '9999').sort(),
    );
    // A part of a title, and an organiser's name.
    const word = everything[0]!.title.slice(1, 3);
    const byWord = await all(`status=published&q=${encodeURIComponent(word)}`);
    expect(new Set(byWord.map((e) => e.id))).toEqual(
      new Set(
        everything.filter((e) => e.title.includes(word) || e.organiser.name.includes(word)).map((e) => e.id),
      ),
    );
    const organiser = everything[0]!.organiser.name;
    const byOrganiser = await all(`status=published&q=${encodeURIComponent(organiser)}`);
    expect(byOrganiser.map((e) => e.id)).toEqual(
      everything
        .filter((e) => e.organiser.name === organiser || e.title.includes(organiser))
        .map((e) => e.id),
    );
    expect((await get('/api/events?sort=popular', kofuAdmin.headers())).statusCode).toBe(400);
  });

  it('administrators register an organiser and the accounts acting for it; others may not', async () => {
    const familyId = kofuFamily.body.account.id;
    const body = { kind: 'family_association', name: 'テスト家族会', memberAccountIds: [familyId] };
    expect((await send(kofuConsultation, 'POST', '/api/events/organisers', body)).statusCode).toBe(403);
    expect((await send(kofuFamily, 'POST', '/api/events/organisers', body)).statusCode).toBe(403);
    const kaiMember = await send(kaiAdmin, 'POST', '/api/events/organisers', body);
    expect(kaiMember.statusCode).toBe(400); // a 甲府市 account cannot act for a 甲斐市 organiser
    expect((await send(kofuAdmin, 'POST', '/api/events/organisers', { ...body, name: '' })).statusCode).toBe(
      400,
    );
    const created = await send(kofuAdmin, 'POST', '/api/events/organisers', body);
    expect(created.statusCode, created.body).toBe(201);
    const organiserId = created.json().id as string;
    const mine = (await get('/api/events/organisers', kofuFamily.headers()))
      .json()
      .items.map((o: { id: string }) => o.id);
    expect(mine).toEqual(expect.arrayContaining([O.kofuAjisai, organiserId]));
    const removed = await send(kofuAdmin, 'PUT', `/api/events/organisers/${organiserId}`, {
      ...body,
      memberAccountIds: [],
    });
    expect(removed.statusCode, removed.body).toBe(200);
    const after = (await get('/api/events/organisers', kofuFamily.headers()))
      .json()
      .items.map((o: { id: string }) => o.id);
    expect(after).not.toContain(organiserId);
    expect((await send(kaiAdmin, 'PUT', `/api/events/organisers/${organiserId}`, body)).statusCode).toBe(404);
  });

  const NOWHERE = '00000000-0000-4000-8000-00000000dead';
  const count = async (table: 'event_organisers' | 'events') => {
    const [r] = await asSystem(t.db, (tx) =>
      rows<{ n: number }>(tx, sql.raw(`select count(*)::int as n from ${table}`)),
    );
    return r?.n ?? 0;
  };

  it.each([
    ['another tenant’s place', DEMO_PLACE_IDS.kaiIbasho],
    ['a non-existent place', NOWHERE],
  ])(
    'refuses an organiser or event at %s with 400 naming placeId, writing nothing',
    async (_what, placeId) => {
      const organisers = await count('event_organisers');
      const organiser = await send(kofuAdmin, 'POST', '/api/events/organisers', {
        kind: 'family_association',
        name: '参照テスト家族会',
        memberAccountIds: [],
        placeId,
      });
      expect(organiser.statusCode, organiser.body).toBe(400);
      expect(organiser.headers['content-type']).toContain('application/problem+json');
      expect(organiser.json().errors[0].pointer).toBe('/body/placeId');
      expect(await count('event_organisers')).toBe(organisers);

      const eventsBefore = await count('events');
      const event = await send(kofuAdmin, 'POST', '/api/events', newEventBody({ placeId }));
      expect(event.statusCode, event.body).toBe(400);
      expect(event.json().errors[0].pointer).toBe('/body/placeId');
      expect(await count('events')).toBe(eventsBefore);

      const made = await send(kofuAdmin, 'POST', '/api/events', newEventBody({ title: '参照テスト' }));
      expect(made.statusCode, made.body).toBe(201);
      const current = made.json();
      const updated = await send(kofuAdmin, 'PUT', `/api/events/${current.id}`, {
        ...newEventBody({ title: '参照テスト', placeId }),
        version: current.version,
        sessions: [
          {
            id: current.sessions[0].id,
            startsAt: current.sessions[0].startsAt,
            endsAt: current.sessions[0].endsAt,
          },
        ],
      });
      expect(updated.statusCode, updated.body).toBe(400);
      expect(updated.json().errors[0].pointer).toBe('/body/placeId');
      const after = await staffEvent(current.id);
      expect(after.version).toBe(current.version);
      expect(after.placeId).toBeNull();
    },
  );

  it.each([
    ['another tenant’s account', () => kaiAdmin.body.account.id],
    ['a non-existent account', () => NOWHERE],
  ])('refuses %s as an organiser member with 400, writing nothing', async (_what, accountId) => {
    const organisers = await count('event_organisers');
    const res = await send(kofuAdmin, 'POST', '/api/events/organisers', {
      kind: 'family_association',
      name: '参照テスト家族会',
      memberAccountIds: [accountId()],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors[0].pointer).toBe('/body/memberAccountIds');
    expect(await count('event_organisers')).toBe(organisers);
  });

  it('accepts a place of its own tenant for an organiser', async () => {
    const res = await send(kofuAdmin, 'POST', '/api/events/organisers', {
      kind: 'family_association',
      name: '参照テスト家族会（自市）',
      memberAccountIds: [],
      placeId: DEMO_PLACE_IDS.kofuFamily,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().placeId).toBe(DEMO_PLACE_IDS.kofuFamily);
  });

  it('another tenant’s event is 404 for every staff route', async () => {
    expect((await get(`/api/events/${E.kofuSalon}`, kaiAdmin.headers())).statusCode).toBe(404);
    expect((await get(`/api/events/${E.kofuSalon}/registrations`, kaiAdmin.headers())).statusCode).toBe(404);
    const series = await staffEvent(E.kofuSalon);
    expect(
      (
        await send(
          kaiAdmin,
          'PUT',
          `/api/events/${E.kofuSalon}/sessions/${series.sessions[0]!.id}/attendance`,
          { count: 3 },
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await send(kaiAdmin, 'POST', `/api/events/${E.kofuSalon}/messages`, { subject: 'x', body: 'y' }))
        .statusCode,
    ).toBe(404);
  });

  it('validates and versions edits (400, 409); raising capacity promotes the waiting list', async () => {
    expect((await send(kofuAdmin, 'POST', '/api/events', newEventBody({ sessions: [] }))).statusCode).toBe(
      400,
    );
    expect(
      (
        await send(
          kofuAdmin,
          'POST',
          '/api/events',
          newEventBody({
            sessions: [{ startsAt: '2026-12-20T15:00:00+09:00', endsAt: '2026-12-20T13:00:00+09:00' }],
          }),
        )
      ).statusCode,
    ).toBe(400);
    const created = (
      await send(kofuAdmin, 'POST', '/api/events', newEventBody({ capacity: 1, title: '増席' }))
    ).json();
    await registerFor(created.id, { nickname: 'P', people: 1 });
    const waiting = (
      await registerFor(created.id, { nickname: 'Q', people: 1, email: 'q@example.com' })
    ).json();
    expect(waiting.sessions[0].status).toBe('waitlisted');
    const { id: _id, municipalityCode: _m, organiser: _o, ...rest } = created;
    const body = {
      ...newEventBody({ capacity: 2, title: '増席' }),
      version: created.version,
      sessions: [
        {
          id: created.sessions[0].id,
          startsAt: created.sessions[0].startsAt,
          endsAt: created.sessions[0].endsAt,
        },
      ],
    };
    void rest;
    const updated = await send(kofuAdmin, 'PUT', `/api/events/${created.id}`, body);
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().sessions[0]).toMatchObject({ confirmedPeople: 2, waitlistedPeople: 0 });
    const stale = await send(kofuAdmin, 'PUT', `/api/events/${created.id}`, body);
    expect(stale.statusCode).toBe(409);
    expect((await get(`/api/public/event-registrations/${waiting.token}`)).json().sessions[0].status).toBe(
      'confirmed',
    );
  });

  it('cancelling a session or the event tells registrants with an e-mail address', async () => {
    const created = (
      await send(
        kofuAdmin,
        'POST',
        '/api/events',
        newEventBody({
          title: '中止のテスト',
          capacity: 5,
          sessions: [
            { startsAt: '2026-12-20T13:30:00+09:00', endsAt: '2026-12-20T15:00:00+09:00' },
            { startsAt: '2026-12-27T13:30:00+09:00', endsAt: '2026-12-27T15:00:00+09:00' },
          ],
        }),
      )
    ).json();
    await registerFor(created.id, { nickname: 'M', people: 1, email: 'cancel-me@example.com' });
    await registerFor(created.id, { nickname: 'N', people: 1 });
    const base = {
      ...newEventBody({ title: '中止のテスト', capacity: 5 }),
      sessions: created.sessions.map((s: { id: string; startsAt: string; endsAt: string }, i: number) => ({
        id: s.id,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        status: i === 0 ? 'cancelled' : 'scheduled',
      })),
    };
    const first = await send(kofuAdmin, 'PUT', `/api/events/${created.id}`, {
      ...base,
      version: created.version,
    });
    expect(first.statusCode, first.body).toBe(200);
    const notices = () =>
      outbox().then((all) =>
        all.filter(
          (m) => m.templateKey === 'events.session-cancelled' && m.recipient === 'cancel-me@example.com',
        ),
      );
    expect(await notices()).toHaveLength(1);
    expect((await notices())[0]!.body).toContain('12月20日（日）13:30〜15:00');
    const second = await send(kofuAdmin, 'PUT', `/api/events/${created.id}`, {
      ...base,
      status: 'cancelled',
      version: first.json().version,
    });
    expect(second.statusCode, second.body).toBe(200);
    const all = await notices();
    expect(all).toHaveLength(2);
    expect(all.map((m) => m.body).join()).toContain('12月27日（日）');
    expect(all.filter((m) => m.body.includes('12月20日'))).toHaveLength(1); // told once per session
  });

  it('sees registrations (decrypted, each read audited), records attendance counts and messages registrants', async () => {
    const res = await get(`/api/events/${E.kofuSalon}/registrations`, kofuConsultation.headers());
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{
      id: string;
      nickname: string;
      email: string | null;
      needs: string;
    }>;
    expect(items.map((i) => i.nickname)).toEqual(expect.arrayContaining(['みどり', 'たろうの母', 'K']));
    expect(items.find((i) => i.nickname === 'たろうの母')!.needs).toBe('いすの席を希望します');
    const audited = await asSystem(t.db, (tx) =>
      rows<{ record_id: string }>(
        tx,
        sql`select record_id from audit_events where action = 'events.registration.read' and actor_account_id is not null`,
      ),
    );
    for (const item of items) expect(audited.map((a) => a.record_id)).toContain(item.id);

    const salon = await staffEvent(E.kofuSalon);
    const attendance = await send(
      kofuFamily,
      'PUT',
      `/api/events/${E.kofuSalon}/sessions/${salon.sessions[0]!.id}/attendance`,
      { count: 7 },
    );
    expect(attendance.statusCode, attendance.body).toBe(200);
    expect(attendance.json().sessions[0].attendanceCount).toBe(7);
    expect(
      (
        await send(
          kofuFamily,
          'PUT',
          `/api/events/${E.kofuSalon}/sessions/${salon.sessions[0]!.id}/attendance`,
          { count: -1 },
        )
      ).statusCode,
    ).toBe(400);

    const message = await send(kofuFamily, 'POST', `/api/events/${E.kofuSalon}/messages`, {
      subject: '会場の変更について',
      body: '今月は2階の会議室で行います。',
    });
    expect(message.statusCode, message.body).toBe(200);
    expect(message.json()).toEqual({ queued: 1, withoutContact: 2 });
    const sent = (await outbox()).filter((m) => m.templateKey === 'events.organiser-message');
    expect(sent.map((m) => m.recipient)).toEqual(['midori@demo.example']);
    expect(sent[0]!.subject).toContain('会場の変更について');
  });
});
