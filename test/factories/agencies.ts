import type { TestApp } from '../helpers/app.ts';
import type { LoggedIn } from '../helpers/auth.ts';
import { send } from './request.ts';

/**
 * A partner agency of the tenant (fictional), registered by `staff` (a holder of agencies.manage) with
 * the accounts of the tenant that work for it (agency members); returns its id.
 */
export async function createAgency(
  t: TestApp,
  staff: LoggedIn,
  over: { kind?: string; name?: string; contact?: string; memberAccountIds?: string[] } = {},
): Promise<string> {
  const { memberAccountIds = [], ...input } = over;
  const agency = await send(t, staff, {
    method: 'POST',
    url: '/api/agencies',
    payload: { kind: 'npo', name: '（テスト）NPO法人', contact: '000-0000-0001', ...input },
  });
  for (const accountId of memberAccountIds)
    await send(t, staff, {
      method: 'POST',
      url: `/api/agencies/${agency.id}/members`,
      payload: { accountId },
    });
  return agency.id;
}

/**
 * A referral of a person to an agency, sent by `worker` (a holder of referrals.send); the person must
 * have consented to a referral to that agency. Returns its id.
 */
export async function createReferral(
  t: TestApp,
  worker: LoggedIn,
  input: { personId: string; agencyId: string; summary?: string },
): Promise<string> {
  const referral = await send(t, worker, {
    method: 'POST',
    url: '/api/referrals',
    payload: { summary: '（テスト）短時間の仕事の情報を知りたいとのこと。', ...input },
  });
  return referral.id;
}

/** A conference held by `worker` (a holder of conferences.manage) with the given members; returns its id. */
export async function createConference(
  t: TestApp,
  worker: LoggedIn,
  over: {
    kind?: string;
    title?: string;
    heldOn?: string;
    memberAccountIds?: string[];
    personIds?: string[];
  } = {},
): Promise<string> {
  const conference = await send(t, worker, {
    method: 'POST',
    url: '/api/conferences',
    payload: { kind: 'multilayer', title: '（テスト）重層的支援会議', heldOn: '2026-11-20', ...over },
  });
  return conference.id;
}
