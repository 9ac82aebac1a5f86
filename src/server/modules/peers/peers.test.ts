import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount, type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import { rows } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tenant.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';
import { readTransferFile } from '../payments/zengin-transfer-file.ts';
import { DEMO_PLACE_IDS } from '../places/places.demo.ts';

/**
 * Peer supporters on the real app and database: registry (lived experience for the coordinator only),
 * bank details (masked; unmasked only by finance, audited), shifts at published places and swaps,
 * activities → monthly claim → approval by other staff → payment batch → 全銀 file → returned → re-issued.
 */
const KOFU = '192015';

let t: TestApp;
let coordinator: LoggedIn;
let otherStaff: LoggedIn;
let admin: LoggedIn;
let peer: LoggedIn;
let finance: LoggedIn;
let finance2: LoggedIn;
let kaiStaff: LoggedIn;
let programmeId: string;
let supporterId: string;

const as = (
  session: LoggedIn | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) =>
  t.request({
    method,
    url,
    headers: session?.headers() ?? {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

async function auditCount(action: string, recordId: string): Promise<number> {
  const [r] = await inTransaction(t.db, { tenant: KOFU }, (tx) =>
    rows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from audit_events where action = ${action} and record_id = ${recordId}`,
    ),
  );
  return r?.n ?? 0;
}

beforeAll(async () => {
  t = await createTestApp({ demo: true, now: '2026-11-26T10:00:00+09:00' });
  [coordinator, admin, peer, finance, kaiStaff] = await loginDemoStaff(t, [
    'consultation@kofu',
    'municipal_admin@kofu',
    'peer_supporter@kofu',
    'finance@kofu',
    'consultation@kai',
  ]);
  for (const [email, role] of [
    ['consultation2@kofu.test.example', 'consultation'],
    ['finance2@kofu.test.example', 'finance'],
  ] as const) {
    await createAccount(t, {
      email,
      password: DEMO_PASSWORD,
      scope: 'tenant',
      tenantCode: KOFU,
      roles: [role],
      isDemo: true,
    });
  }
  otherStaff = await login(t, 'consultation2@kofu.test.example', DEMO_PASSWORD);
  finance2 = await login(t, 'finance2@kofu.test.example', DEMO_PASSWORD);
});

afterAll(async () => {
  await t?.close();
});

describe('peer registry', () => {
  it('answers 401 / 403 / 400', async () => {
    expect((await as(null, 'GET', '/api/peers/supporters')).statusCode).toBe(401);
    expect((await as(finance, 'GET', '/api/peers/supporters')).statusCode).toBe(403);
    expect((await as(peer, 'GET', '/api/peers/supporters')).statusCode).toBe(403);
    expect((await as(coordinator, 'GET', '/api/peers/me')).statusCode).toBe(403);
    const bad = await as(coordinator, 'POST', '/api/peers/programmes', {
      name: '',
      hourlyRate: -1,
      withholdingRateBp: 1021,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('creates a programme and a supporter; lived experience is shown only to the coordinator', async () => {
    const p = await as(coordinator, 'POST', '/api/peers/programmes', {
      name: 'テスト事業',
      hourlyRate: 1_200,
      withholdingRateBp: 1021,
    });
    expect(p.statusCode).toBe(201);
    programmeId = p.json().id;
    const s = await as(coordinator, 'POST', '/api/peers/supporters', {
      displayName: 'テスト みどり',
      qualification: 'certified',
      availabilityMask: 3,
      livedExperience: '本人としての経験（テスト）',
    });
    expect(s.statusCode, s.body).toBe(201);
    supporterId = s.json().id;
    expect(s.json().livedExperience).toBe('本人としての経験（テスト）');

    const seen = (await as(otherStaff, 'GET', `/api/peers/supporters/${supporterId}`)).json();
    expect(seen.livedExperience).toBeNull();
    expect(seen.livedExperienceHidden).toBe(true);
    const own = (await as(coordinator, 'GET', `/api/peers/supporters/${supporterId}`)).json();
    expect(own.livedExperience).toBe('本人としての経験（テスト）');
    expect(await auditCount('peers.supporter.experience-read', supporterId)).toBeGreaterThanOrEqual(1);
    // Only the coordinator may rewrite it.
    const change = await as(otherStaff, 'PUT', `/api/peers/supporters/${supporterId}`, {
      displayName: 'テスト みどり',
      version: own.version,
      livedExperience: '別の記述',
    });
    expect(change.statusCode).toBe(400);
    const stale = await as(coordinator, 'PUT', `/api/peers/supporters/${supporterId}`, {
      displayName: 'x',
      version: 99,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('answers 404 to another tenant', async () => {
    expect((await as(kaiStaff, 'GET', `/api/peers/supporters/${supporterId}`)).statusCode).toBe(404);
  });

  it.each([
    ['accountId', 'another tenant’s account'],
    ['accountId', 'a non-existent account'],
    ['coordinatorAccountId', 'another tenant’s account'],
    ['coordinatorAccountId', 'a non-existent account'],
  ] as const)('refuses %s naming %s with 400 and writes nothing', async (field, what) => {
    const id =
      what === 'a non-existent account' ? '00000000-0000-4000-8000-00000000dead' : kaiStaff.body.account.id;
    const countSupporters = async () => {
      const [r] = await inTransaction(t.db, { tenant: KOFU }, (tx) =>
        rows<{ n: number }>(tx, sql`select count(*)::int as n from peer_supporters`),
      );
      return r?.n ?? 0;
    };
    const before = await countSupporters();
    const created = await as(coordinator, 'POST', '/api/peers/supporters', {
      displayName: '参照テスト',
      qualification: 'certified',
      availabilityMask: 1,
      [field]: id,
    });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.headers['content-type']).toContain('application/problem+json');
    expect(created.json().errors[0].pointer).toBe(`/body/${field}`);
    expect(await countSupporters()).toBe(before);

    const current = (await as(coordinator, 'GET', `/api/peers/supporters/${supporterId}`)).json();
    const updated = await as(coordinator, 'PUT', `/api/peers/supporters/${supporterId}`, {
      displayName: current.displayName,
      version: current.version,
      [field]: id,
    });
    expect(updated.statusCode, updated.body).toBe(400);
    expect(updated.json().errors[0].pointer).toBe(`/body/${field}`);
    const after = (await as(coordinator, 'GET', `/api/peers/supporters/${supporterId}`)).json();
    expect(after.version).toBe(current.version);
    expect(after[field]).toBe(current[field]);
  });

  it('stores bank details masked; finance alone unmasks them, each time audited', async () => {
    const badName = await as(coordinator, 'PUT', `/api/peers/supporters/${supporterId}/bank`, {
      bankCode: '0001',
      branchCode: '001',
      accountType: '1',
      accountNumber: '1234567',
      holderName: '緑 テスト',
    });
    expect(badName.statusCode).toBe(400);
    expect(badName.body).toContain('緑');
    const noBranch = await as(coordinator, 'PUT', `/api/peers/supporters/${supporterId}/bank`, {
      bankCode: '0001',
      branchCode: '999',
      accountType: '1',
      accountNumber: '1234567',
      holderName: 'てすと みどり',
    });
    expect(noBranch.statusCode).toBe(400);
    const ok = await as(coordinator, 'PUT', `/api/peers/supporters/${supporterId}/bank`, {
      bankCode: '0001',
      branchCode: '001',
      accountType: '1',
      accountNumber: '1234567',
      holderName: 'てすと みどり',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().bankAccount).toBe('***4567');
    expect(ok.body).not.toContain('1234567');
    expect(
      (await as(coordinator, 'POST', `/api/peers/supporters/${supporterId}/bank/reveal`)).statusCode,
    ).toBe(403);
    const revealed = await as(finance, 'POST', `/api/peers/supporters/${supporterId}/bank/reveal`);
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json().bank).toMatchObject({ accountNumber: '1234567', holderName: 'ﾃｽﾄ ﾐﾄﾞﾘ' });
    await as(finance, 'POST', `/api/peers/supporters/${supporterId}/bank/reveal`);
    expect(await auditCount('peers.supporter.bank-reveal', supporterId)).toBe(2);
  });
});

describe('shifts, activities, claims and payment', () => {
  it('schedules shifts at published places only; a supporter asks for a swap and a colleague takes it', async () => {
    const refused = await as(coordinator, 'POST', '/api/peers/shifts', {
      supporterId,
      placeId: '00000000-0000-4000-8000-000000000000',
      startsAt: '2026-12-01T13:00:00+09:00',
      endsAt: '2026-12-01T17:00:00+09:00',
    });
    expect(refused.statusCode).toBe(400);
    const me = (await as(peer, 'GET', '/api/peers/me')).json();
    const shift = await as(coordinator, 'POST', '/api/peers/shifts', {
      supporterId: me.supporter.id,
      placeId: DEMO_PLACE_IDS.hidamari,
      startsAt: '2026-12-02T13:00:00+09:00',
      endsAt: '2026-12-02T17:00:00+09:00',
    });
    expect(shift.statusCode, shift.body).toBe(201);
    const shiftId = shift.json().id;
    const swap = await as(peer, 'POST', `/api/peers/me/shifts/${shiftId}/swap`, { toSupporterId: null });
    expect(swap.statusCode, swap.body).toBe(201);
    expect((await as(peer, 'POST', `/api/peers/me/shifts/${shiftId}/swap`, {})).statusCode).toBe(409);
    const assigned = await as(coordinator, 'POST', `/api/peers/swaps/${swap.json().id}/assign`, {
      supporterId,
    });
    expect(assigned.statusCode, assigned.body).toBe(204);
    const shifts = (await as(coordinator, 'GET', `/api/peers/shifts?from=2026-12-01&to=2026-12-31`)).json();
    const moved = shifts.items.find((s: { id: string }) => s.id === shiftId);
    expect(moved.supporterId).toBe(supporterId);
    expect(moved.placeName).toBeTruthy();
  });

  it('turns a shift’s activity into a claim, approved by other staff, paid through a batch, returned and re-issued', async () => {
    const me = (await as(peer, 'GET', '/api/peers/me')).json();
    const programme = me.programmes.find((p: { hourlyRate: number }) => p.hourlyRate === 1_100).id;
    const act = await as(peer, 'POST', '/api/peers/me/activities', {
      programmeId: programme,
      activityDate: '2026-11-10',
      minutes: 450,
      kind: 'ibasho',
      note: '居場所で3人と話した（テスト）',
    });
    expect(act.statusCode, act.body).toBe(201);
    const claim = await as(peer, 'POST', '/api/peers/me/claims', {
      programmeId: programme,
      month: '2026-11',
    });
    expect(claim.statusCode, claim.body).toBe(201);
    const claimId = claim.json().id;
    expect(
      (await as(peer, 'POST', '/api/peers/me/claims', { programmeId: programme, month: '2026-11' }))
        .statusCode,
    ).toBe(409);
    const listed = (await as(coordinator, 'GET', '/api/peers/claims?status=submitted')).json();
    const mine = listed.items.find((c: { id: string }) => c.id === claimId);
    // 450 min at 1,100 yen = 8,250; withholding 10.21 % = 842; net 7,408.
    expect(mine).toMatchObject({ gross: 8_250, withholding: 842, net: 7_408, payment: 'unpaid' });
    // The breakdown the approver sees: the activity summed (no note), hours × rate, and who may approve.
    expect(mine).toMatchObject({
      minutes: 450,
      hourlyRate: 1_100,
      activities: [{ id: act.json().id, date: '2026-11-10', kind: 'ibasho', minutes: 450 }],
      canApprove: true,
    });
    expect(JSON.stringify(mine)).not.toContain('居場所で3人');

    const approved = await as(coordinator, 'POST', `/api/peers/claims/${claimId}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await as(coordinator, 'POST', `/api/peers/claims/${claimId}/approve`)).statusCode).toBe(409);
    // Once decided, nobody is offered approval any more.
    expect(approved.json().items[0]).toMatchObject({ status: 'approved', canApprove: false });

    const payable = (await as(finance, 'GET', '/api/payments/payable')).json();
    const item = payable.items.find((i: { sourceId: string }) => i.sourceId === claimId);
    expect(item).toMatchObject({ sourceKind: 'peer_compensation', amount: 7_408 });
    const batch = await as(finance, 'POST', '/api/payments/batches', {
      transferDate: '2026-12-10',
      items: [{ sourceKind: 'peer_compensation', sourceId: claimId }],
    });
    expect(batch.statusCode, batch.body).toBe(201);
    const batchId = batch.json().id;
    expect((await as(finance, 'POST', `/api/payments/batches/${batchId}/approve`)).statusCode).toBe(200);
    const file = await as(finance2, 'POST', `/api/payments/batches/${batchId}/export`);
    expect(file.statusCode, file.body).toBe(200);
    const parsed = readTransferFile(file.rawPayload, 'crlf');
    expect(parsed.lines[0]).toMatchObject({ amount: 7_408, holderName: 'ﾃﾞﾓ ﾋﾅﾀ' });
    expect(parsed.trailer).toEqual({ count: 1, total: 7_408 });

    const detail = (await as(finance, 'GET', `/api/payments/batches/${batchId}`)).json();
    await as(finance2, 'POST', `/api/payments/batches/${batchId}/lines/${detail.lines[0].id}/result`, {
      status: 'paid',
    });
    const ledger = (await as(finance, 'GET', '/api/payments/ledger?fiscalYear=2026')).json();
    const row = ledger.items.find((r: { programmeKey: string }) => r.programmeKey === `peer:${programme}`);
    // The ledger moves the gross (the withholding is part of the cost) from confirmed to paid.
    expect(row.paid).toBeGreaterThanOrEqual(8_250);
    expect(row.remaining).toBe(row.budget - row.committed - row.confirmed - row.paid);

    // The bank returns it after all (e.g. 口座解約): it is payable again and goes into the next batch.
    await as(finance2, 'POST', `/api/payments/batches/${batchId}/lines/${detail.lines[0].id}/result`, {
      status: 'returned',
      reason: '口座解約',
    });
    const claims = (await as(coordinator, 'GET', `/api/peers/claims?supporterId=${me.supporter.id}`)).json();
    expect(claims.items.find((c: { id: string }) => c.id === claimId).payment).toBe('returned');
    const again = (await as(finance, 'GET', '/api/payments/payable')).json();
    expect(again.items.find((i: { sourceId: string }) => i.sourceId === claimId)?.reissue).toBe(true);

    const statement = (await as(peer, 'GET', '/api/peers/me/statement?year=2026')).json();
    const s = statement.claims.find((c: { id: string }) => c.id === claimId);
    expect(s).toMatchObject({ gross: 8_250, withholding: 842, net: 7_408 });
    expect(statement.totals.net).toBe(statement.totals.gross - statement.totals.withholding);
  });

  it('refuses approval of a claim by the person who submitted it', async () => {
    const act = await as(coordinator, 'POST', '/api/peers/activities', {
      supporterId,
      programmeId,
      activityDate: '2026-10-03',
      minutes: 60,
      kind: 'phone',
    });
    expect(act.statusCode, act.body).toBe(201);
    const claim = await as(coordinator, 'POST', '/api/peers/claims', {
      supporterId,
      programmeId,
      month: '2026-10',
    });
    expect(claim.statusCode).toBe(201);
    // The list tells the submitter they may not approve it, and another manager that they may.
    const own = (await as(coordinator, 'GET', '/api/peers/claims?status=submitted')).json();
    expect(own.items.find((c: { id: string }) => c.id === claim.json().id).canApprove).toBe(false);
    const other = (await as(admin, 'GET', '/api/peers/claims?status=submitted')).json();
    expect(other.items.find((c: { id: string }) => c.id === claim.json().id).canApprove).toBe(true);
    const self = await as(coordinator, 'POST', `/api/peers/claims/${claim.json().id}/approve`);
    expect(self.statusCode).toBe(403);
    const rejected = await as(admin, 'POST', `/api/peers/claims/${claim.json().id}/reject`, {
      reason: '時間の確認',
    });
    expect(rejected.statusCode).toBe(200);
    // Its activity is claimable again.
    expect(
      (await as(coordinator, 'POST', '/api/peers/claims', { supporterId, programmeId, month: '2026-10' }))
        .statusCode,
    ).toBe(201);
  });
});
