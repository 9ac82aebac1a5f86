import type { TestApp } from '../helpers/app.ts';
import type { LoggedIn } from '../helpers/auth.ts';
import { send } from './request.ts';

/** A peer-support programme (1,100 yen an hour, 10.21 % withheld), made by `coordinator` (peers.manage). */
export async function createPeerProgramme(
  t: TestApp,
  coordinator: LoggedIn,
  over: Record<string, unknown> = {},
): Promise<string> {
  return (
    await send(t, coordinator, {
      method: 'POST',
      url: '/api/peers/programmes',
      payload: { name: '（テスト）ピアサポート活動', hourlyRate: 1100, withholdingRateBp: 1021, ...over },
    })
  ).id;
}

/**
 * A peer supporter on the roster (fictional), registered by `coordinator`, with bank details for the
 * compensation; `accountId` links the supporter's own account (the peer_supporter role). Returns its id.
 */
export async function createPeerSupporter(
  t: TestApp,
  coordinator: LoggedIn,
  over: { displayName?: string; accountId?: string | null; [field: string]: unknown } = {},
): Promise<string> {
  const supporter = await send(t, coordinator, {
    method: 'POST',
    url: '/api/peers/supporters',
    payload: { displayName: '（テスト）ひなた', status: 'active', qualification: 'certified', ...over },
  });
  await send(t, coordinator, {
    method: 'PUT',
    url: `/api/peers/supporters/${supporter.id}/bank`,
    payload: {
      bankCode: '0001',
      branchCode: '001',
      accountType: '1',
      accountNumber: '0000011',
      holderName: 'ﾃｽﾄ ﾋﾅﾀ',
    },
  });
  return supporter.id;
}

/**
 * A month's compensation claim of a supporter, as the coordinator enters it: the activities of the
 * month (one afternoon of 240 minutes at a 居場所 unless given), then the claim. Returns the claim's id.
 */
export async function createPeerClaim(
  t: TestApp,
  coordinator: LoggedIn,
  input: { supporterId: string; programmeId: string; month: string; minutes?: number[] },
): Promise<string> {
  for (const [i, minutes] of (input.minutes ?? [240]).entries())
    await send(t, coordinator, {
      method: 'POST',
      url: '/api/peers/activities',
      payload: {
        supporterId: input.supporterId,
        programmeId: input.programmeId,
        activityDate: `${input.month}-${String(5 + i).padStart(2, '0')}`,
        minutes,
        kind: 'ibasho',
      },
    });
  return (
    await send(t, coordinator, {
      method: 'POST',
      url: '/api/peers/claims',
      payload: { supporterId: input.supporterId, programmeId: input.programmeId, month: input.month },
    })
  ).id;
}

/** Approves a submitted claim: `approver` must be another person than the one who entered it. */
export async function approvePeerClaim(t: TestApp, approver: LoggedIn, claimId: string): Promise<void> {
  await send(t, approver, { method: 'POST', url: `/api/peers/claims/${claimId}/approve` });
}
