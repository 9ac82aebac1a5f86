import type { TestApp } from '../helpers/app.ts';
import type { LoggedIn } from '../helpers/auth.ts';
import { send } from './request.ts';

/**
 * A town's status return (issue 16) for a fiscal year, made as it is made: the town's administrator
 * (`editor`, returns.edit) saves and submits it, the prefecture (`reviewer`, returns.review) accepts
 * it. For earlier years no route can produce within a test, see status-returns.ts.
 */
export async function createAcceptedReturn(
  t: TestApp,
  people: { editor: LoggedIn; reviewer: LoggedIn },
  input: { municipalityCode: string; fiscalYear: number; items?: Record<string, unknown> },
): Promise<void> {
  const url = `/api/returns/${input.municipalityCode}/${input.fiscalYear}`;
  const saved = await send(t, people.editor, {
    method: 'PUT',
    url,
    payload: { items: input.items ?? { 'window.exists': true, 'platform.exists': true }, version: 0 },
  });
  const submitted = await send(t, people.editor, {
    method: 'POST',
    url: `${url}/submit`,
    payload: { version: saved.version },
  });
  await send(t, people.reviewer, {
    method: 'POST',
    url: `${url}/review`,
    payload: { decision: 'accept', comment: '', version: submitted.version },
  });
}
