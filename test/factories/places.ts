import type { TestApp } from '../helpers/app.ts';
import type { LoggedIn } from '../helpers/auth.ts';

/** The body of a directory entry (fictional): an in-person 居場所 in 甲府市 unless the test says otherwise. */
export function placeBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'ibasho',
    name: '（テスト）試験用の居場所',
    operator: { type: 'npo', name: 'NPO法人 試験' },
    postalCode: '400-0032',
    address: '山梨県甲府市中央2丁目',
    delivery: 'in_person',
    lifeStages: ['working_age'],
    audience: 'person',
    openingHours: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '10:00', end: '12:00' }],
    firstVisit: ['anonymous_ok'],
    ...over,
  };
}

async function step(t: TestApp, who: LoggedIn, method: 'POST', url: string, payload: object) {
  const res = await t.request({
    method,
    url,
    payload: payload as Record<string, unknown>,
    headers: who.headers(),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number; [k: string]: unknown };
}

/**
 * A published listing, made the way staff make one: `author` drafts and submits it, `reviewer` (a
 * second person with review rights in the same tenant, e.g. its municipal_admin) publishes it.
 * Returns the listing as the publish answer gives it.
 */
export async function createPublishedPlace(
  t: TestApp,
  author: LoggedIn,
  reviewer: LoggedIn,
  over: Record<string, unknown> = {},
): Promise<{ id: string; version: number; [k: string]: unknown }> {
  const draft = await step(t, author, 'POST', '/api/places', placeBody(over));
  const submitted = await step(t, author, 'POST', `/api/places/${draft.id}/submit`, {
    version: draft.version,
  });
  return step(t, reviewer, 'POST', `/api/places/${draft.id}/publish`, { version: submitted.version });
}
