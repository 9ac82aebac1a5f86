import type { TestApp } from '../helpers/app.ts';
import type { LoggedIn } from '../helpers/auth.ts';

export type EventOptions = {
  /** The organiser the event runs under (a tenant's own or a family association the staff member is in). */
  organiserId: string;
  capacity?: number | null;
  title?: string;
  status?: 'draft' | 'published';
  /** Sessions as ISO date-times; one afternoon session unless the test says otherwise. */
  sessions?: Array<{ startsAt: string; endsAt: string }>;
  [field: string]: unknown;
};

/** The body of an event (fictional): an in-person family salon with one session. */
export function eventBody(over: EventOptions): Record<string, unknown> {
  return {
    kind: 'family_salon',
    title: '（テスト）家族サロン',
    audience: 'family',
    delivery: 'in_person',
    venueName: 'テスト会館',
    address: '山梨県甲府市丸の内1丁目',
    capacity: 3,
    status: 'published',
    sessions: [{ startsAt: '2026-12-20T13:30:00+09:00', endsAt: '2026-12-20T15:00:00+09:00' }],
    ...over,
  };
}

/**
 * An event with the given capacity (published by default, so the public can register), created
 * through the staff API by `who`; throws with the answer when the API refuses. Returns its id,
 * version and session ids.
 */
export async function createEvent(
  t: TestApp,
  who: LoggedIn,
  over: EventOptions,
): Promise<{ id: string; version: number; sessions: Array<{ id: string }> }> {
  const res = await t.request({
    method: 'POST',
    url: '/api/events',
    payload: eventBody(over),
    headers: who.headers(),
  });
  if (res.statusCode !== 201) throw new Error(`POST /api/events: ${res.statusCode} ${res.body}`);
  return res.json();
}

/**
 * An organiser of the tenant (a family association unless the test says otherwise), registered by
 * `admin` (a holder of events.organisers.manage) with the accounts that manage its events; returns its id.
 */
export async function createOrganiser(
  t: TestApp,
  admin: LoggedIn,
  over: { kind?: string; name?: string; memberAccountIds?: string[]; placeId?: string | null } = {},
): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: '/api/events/organisers',
    payload: { kind: 'family_association', name: '（テスト）家族会', ...over },
    headers: admin.headers(),
  });
  if (res.statusCode !== 201) throw new Error(`POST /api/events/organisers: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}
