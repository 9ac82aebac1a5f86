import type { TestApp } from '../helpers/app.ts';
import type { LoggedIn } from '../helpers/auth.ts';

/**
 * A support record as a worker opens one with the person's consent (fictional), led by that worker
 * unless the test says otherwise; returns its id.
 */
export async function createSupportPerson(
  t: TestApp,
  worker: LoggedIn,
  over: { nickname?: string; ageGroup?: string; leadWorkerId?: string | null } = {},
): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: '/api/support/persons',
    headers: worker.headers(),
    payload: {
      person: {
        nickname: over.nickname ?? '（テスト）ためしさん',
        ageGroup: over.ageGroup ?? '30s',
        leadWorkerId: over.leadWorkerId === undefined ? worker.body.account.id : over.leadWorkerId,
      },
      consents: [
        {
          purpose: 'record_keeping',
          recipient: 'municipality',
          status: 'given',
          decidedOn: '2026-11-01',
          method: 'verbal_in_person',
        },
      ],
    },
  });
  if (res.statusCode !== 201) throw new Error(`support person not created: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** A progress note of a phone call (fictional), with the fields a test varies. */
export function phoneNote(over: { text?: string; nextContactOn?: string | null } = {}) {
  return {
    contactType: 'phone',
    occurredAt: '2026-11-20T10:00:00+09:00',
    participants: ['person'],
    text: over.text ?? '（テスト）電話で話した。',
    ...(over.nextContactOn === undefined ? {} : { nextContactOn: over.nextContactOn }),
  };
}
