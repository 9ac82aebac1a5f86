import type { TestApp } from '../helpers/app.ts';
import type { LoggedIn } from '../helpers/auth.ts';

/** What a test may vary on a generated support record (fictional values only). */
export type SupportPersonOptions = {
  nickname?: string;
  /** 氏名 and its reading (ふりがな), both optional as on the real form. */
  realName?: string | null;
  realNameKana?: string | null;
  ageGroup?: string;
  leadWorkerId?: string | null;
  /** The client address of the request: many creations stay under the per-address rate limit. */
  remoteAddress?: string;
  /** Consents recorded with the record; by default the consent to keep a record only. */
  consents?: Array<Record<string, unknown>>;
  familyOnly?: boolean;
};

/** A consent as a worker records it (given, verbally in person, on 2026-11-01 unless the test says otherwise). */
export function consentBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    purpose: 'record_keeping',
    recipient: 'municipality',
    status: 'given',
    decidedOn: '2026-11-01',
    method: 'verbal_in_person',
    ...over,
  };
}

/**
 * A support record as a worker opens one with the person's consent (fictional), led by that worker
 * unless the test says otherwise; returns its id.
 */
export async function createSupportPerson(
  t: TestApp,
  worker: LoggedIn,
  over: SupportPersonOptions = {},
): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: '/api/support/persons',
    headers: worker.headers(),
    ...(over.remoteAddress ? { remoteAddress: over.remoteAddress } : {}),
    payload: {
      person: {
        nickname: over.nickname ?? '（テスト）ためしさん',
        ...(over.realName ? { realName: over.realName } : {}),
        ...(over.realNameKana ? { realNameKana: over.realNameKana } : {}),
        ageGroup: over.ageGroup ?? '30s',
        leadWorkerId: over.leadWorkerId === undefined ? worker.body.account.id : over.leadWorkerId,
        ...(over.familyOnly ? { familyOnly: true } : {}),
      },
      consents: over.consents ?? [consentBody()],
    },
  });
  if (res.statusCode !== 201) throw new Error(`support person not created: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/**
 * `count` generated records, created one after another through the API (each one encrypted and
 * audited as a worker's would be); `options(i)` gives the i-th record's fields. Every request comes
 * from its own address so that the rate limit never decides what a test sees.
 */
export async function createSupportPersons(
  t: TestApp,
  worker: LoggedIn,
  count: number,
  options: (i: number) => SupportPersonOptions,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push(
      await createSupportPerson(t, worker, {
        remoteAddress: `127.73.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`,
        ...options(i),
      }),
    );
  return ids;
}

/** A progress note of a phone call (fictional), with the fields a test varies. */
export function phoneNote(over: { text?: string; nextContactOn?: string | null; occurredAt?: string } = {}) {
  return {
    contactType: 'phone',
    occurredAt: over.occurredAt ?? '2026-11-20T10:00:00+09:00',
    participants: ['person'],
    text: over.text ?? '（テスト）電話で話した。',
    ...(over.nextContactOn === undefined ? {} : { nextContactOn: over.nextContactOn }),
  };
}

async function post(t: TestApp, worker: LoggedIn, url: string, payload: Record<string, unknown>) {
  const res = await t.request({ method: 'POST', url, payload, headers: worker.headers() });
  if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Records a consent on the person's record (consentBody with the test's fields). */
export async function addConsent(
  t: TestApp,
  worker: LoggedIn,
  personId: string,
  over: Record<string, unknown>,
): Promise<void> {
  await post(t, worker, `/api/support/persons/${personId}/consents`, consentBody(over));
}

/** An intake (アセスメント) with nothing filled in yet; returns its id. */
export async function addIntake(t: TestApp, worker: LoggedIn, personId: string): Promise<string> {
  return (await post(t, worker, `/api/support/persons/${personId}/intakes`, { content: {} })).id;
}

/** A support plan of one goal in the person's own words (fictional); returns its id. */
export async function addPlan(t: TestApp, worker: LoggedIn, personId: string): Promise<string> {
  return (
    await post(t, worker, `/api/support/persons/${personId}/plans`, {
      goals: [{ ownWords: '（テスト）週に1回、散歩に出る' }],
      reviewOn: '2026-12-20',
    })
  ).id;
}

/** A progress note (phoneNote unless the test gives another); returns its id. */
export async function addNote(
  t: TestApp,
  worker: LoggedIn,
  personId: string,
  note: Record<string, unknown> = phoneNote(),
): Promise<string> {
  return (await post(t, worker, `/api/support/persons/${personId}/notes`, note)).id;
}

/** A family member on the record (a mother unless the test says otherwise); returns the member's id. */
export async function addFamilyMember(
  t: TestApp,
  worker: LoggedIn,
  personId: string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const person = (await post(t, worker, `/api/support/persons/${personId}/family`, {
    relationship: 'mother',
    age: 80,
    ...over,
  })) as { family: Array<{ id: string }> };
  return person.family.at(-1)!.id;
}
