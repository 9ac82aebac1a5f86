import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount, type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import { zenginLayoutErrors } from '../../../../test/helpers/zengin-layout.ts';
import { encryptField } from '../../platform/crypto/fields.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tenant.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';
import { type PayableItem, registerPayableSource } from '../../platform/modules/payable-sources.ts';
import { ledgerLines, ledgerMove, ledgerPost, ledgerSummary, setBudget } from './payments.ledger.ts';
import { PAYMENTS_CONTEXTS } from './payments.tables.ts';
import { readTransferFile } from './zengin-transfer-file.ts';

/**
 * Payment batches and the ledger on the real app and database (PGlite, or PostgreSQL with
 * TEST_DATABASE=postgres). Items come from a payable source registered here with the contract the subsidies
 * module's confirmed claims keep (platform/modules/payable-sources.ts), so these tests
 * exercise that contract; the peers module's own source is tested in peers.test.ts.
 */
const KOFU = '192015';
const KAI = '192104';
const PROGRAMME = 'test:travel';

const items = new Map<string, PayableItem[]>([
  [KOFU, []],
  [KAI, []],
]);
registerPayableSource({
  kind: 'test_claim',
  label: { ja: 'テスト請求', en: 'Test claim' },
  listPayable: async (_tx, tenant) => items.get(tenant) ?? [],
  programmeNames: async () => new Map([[PROGRAMME, 'テスト交通費助成']]),
});

let t: TestApp;
let financeA: LoggedIn;
let financeB: LoggedIn;
let kaiFinance: LoggedIn;
let consultation: LoggedIn;
let counter = 0;

const as = (
  session: LoggedIn | null,
  method: 'GET' | 'POST' | 'DELETE' | 'PUT',
  url: string,
  payload?: unknown,
) =>
  t.request({
    method,
    url,
    headers: session?.headers() ?? {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

/** A confirmed claim: posted to the ledger's confirmed stage, then listed by the source. */
async function confirmedClaim(
  tenant: string,
  amount: number,
  holderName = 'ﾔﾏﾀﾞ ﾀﾛｳ',
  accountNumber?: string,
): Promise<PayableItem> {
  counter += 1;
  const item: PayableItem = {
    sourceId: `claim-${counter}`,
    programmeKey: PROGRAMME,
    fiscalYear: 2026,
    amount,
    description: `テスト請求 ${counter}`,
    payeeName: `支払先 ${holderName}`,
    bank: {
      bankCode: '0001',
      branchCode: '001',
      accountType: '1',
      accountNumber: accountNumber ?? String(1_000_000 + counter),
      holderName,
    },
  };
  await inTransaction(t.db, { tenant }, (tx) =>
    ledgerMove(
      tx,
      tenant,
      { ...item, sourceKind: 'test_claim' },
      null,
      'confirmed',
      amount,
      'claim.confirmed',
      {
        at: t.clock.now(),
        actorAccountId: null,
      },
    ),
  );
  items.get(tenant)?.push(item);
  return item;
}

async function buildBatch(session: LoggedIn, ids: string[]) {
  const res = await as(session, 'POST', '/api/payments/batches', {
    transferDate: '2026-12-10',
    items: ids.map((sourceId) => ({ sourceKind: 'test_claim', sourceId })),
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [financeA] = await loginDemoStaff(t, ['finance@kofu']);
  await createAccount(t, {
    email: 'finance2@kofu.test.example',
    password: DEMO_PASSWORD,
    scope: 'tenant',
    tenantCode: KOFU,
    roles: ['finance'],
    isDemo: true,
  });
  financeB = await login(t, 'finance2@kofu.test.example', DEMO_PASSWORD);
  [kaiFinance, consultation] = await loginDemoStaff(t, ['finance@kai', 'consultation@kofu']);
});

afterAll(async () => {
  await t?.close();
});

describe('payment batches', () => {
  it('answers 401 without a session and 403 to a role without payments', async () => {
    expect((await as(null, 'GET', '/api/payments/batches')).statusCode).toBe(401);
    expect((await as(consultation, 'GET', '/api/payments/batches')).statusCode).toBe(403);
    expect((await as(consultation, 'GET', '/api/payments/ledger')).statusCode).toBe(403);
  });

  it('refuses bad input with 400', async () => {
    const res = await as(financeA, 'POST', '/api/payments/batches', {
      transferDate: '2026-13-01',
      items: [],
    });
    expect(res.statusCode).toBe(400);
    const unknown = await as(financeA, 'POST', '/api/payments/batches', {
      transferDate: '2026-12-01',
      items: 'all',
      x: 1,
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('builds, approves, exports (another user) a 全銀 file; marks a line returned; re-issues it next time', async () => {
    const a = await confirmedClaim(KOFU, 3_200);
    const b = await confirmedClaim(KOFU, 1_500, 'ｽｽﾞｷ ﾊﾅｺ');
    const payable = (await as(financeA, 'GET', '/api/payments/payable')).json() as {
      items: { sourceId: string; account: string }[];
    };
    expect(payable.items.map((i) => i.sourceId)).toEqual(expect.arrayContaining([a.sourceId, b.sourceId]));
    expect(payable.items.every((i) => /^\*\*\*\d{4}$/u.test(i.account))).toBe(true);

    const id = await buildBatch(financeA, [a.sourceId, b.sourceId]);
    // The same claim cannot enter a second batch while this one holds it.
    const again = await as(financeA, 'POST', '/api/payments/batches', {
      transferDate: '2026-12-10',
      items: [{ sourceKind: 'test_claim', sourceId: a.sourceId }],
    });
    expect(again.statusCode).toBe(409);

    expect((await as(financeA, 'POST', `/api/payments/batches/${id}/export`)).statusCode).toBe(409); // not approved
    const approved = await as(financeA, 'POST', `/api/payments/batches/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    // The approver cannot export.
    const self = await as(financeA, 'POST', `/api/payments/batches/${id}/export`);
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('payments_four_eyes');

    const exported = await as(financeB, 'POST', `/api/payments/batches/${id}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/attachment; filename="zengin-192015-/u);
    const file = exported.rawPayload;
    expect(file.length).toBe(5 * 122);
    const parsed = readTransferFile(file, 'crlf');
    expect(parsed.trailer).toEqual({ count: 2, total: 4_700 });
    expect(parsed.header.consignorCode).toBe(t.config.zengin?.consignorCode);
    expect(parsed.lines.map((l) => l.holderName)).toEqual(['ﾔﾏﾀﾞ ﾀﾛｳ', 'ｽｽﾞｷ ﾊﾅｺ']);
    // Field by field against the published 総合振込 layout (顧客コード1 is N10, zero-filled).
    const records = iconv.decode(file, 'Shift_JIS').split('\r\n').slice(0, -1);
    expect(zenginLayoutErrors(records)).toEqual([]);
    expect(parsed.lines.map((l) => l.customerCode1)).toEqual(['0000000001', '0000000002']);

    // Re-download gives the same bytes; the CSV has no bank details.
    const again2 = await as(financeA, 'GET', `/api/payments/batches/${id}/file`);
    expect(Buffer.compare(again2.rawPayload, file)).toBe(0);
    const csv = await as(financeA, 'GET', `/api/payments/batches/${id}/accounting.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('バッチ番号');
    expect(csv.body).not.toContain(a.bank.accountNumber);

    // Exported: immutable.
    expect((await as(financeA, 'DELETE', `/api/payments/batches/${id}`)).statusCode).toBe(409);
    expect((await as(financeA, 'POST', `/api/payments/batches/${id}/approve`)).statusCode).toBe(409);

    const detail = (await as(financeA, 'GET', `/api/payments/batches/${id}`)).json() as {
      lines: { id: string; sourceId: string }[];
    };
    const lineA = detail.lines.find((l) => l.sourceId === a.sourceId)?.id as string;
    const lineB = detail.lines.find((l) => l.sourceId === b.sourceId)?.id as string;
    const returned = await as(financeB, 'POST', `/api/payments/batches/${id}/lines/${lineA}/result`, {
      status: 'returned',
      reason: '口座なし',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect((await as(financeB, 'POST', `/api/payments/batches/${id}/paid`)).statusCode).toBe(200);
    const after = (await as(financeA, 'GET', `/api/payments/batches/${id}`)).json() as {
      lines: { id: string; status: string }[];
    };
    expect(after.lines.find((l) => l.id === lineB)?.status).toBe('paid');
    expect(after.lines.find((l) => l.id === lineA)?.status).toBe('returned');

    // The returned claim is payable again, marked as a re-issue, and goes into the next batch.
    const payable2 = (await as(financeA, 'GET', '/api/payments/payable')).json() as {
      items: { sourceId: string; reissue: boolean }[];
    };
    expect(payable2.items.find((i) => i.sourceId === a.sourceId)?.reissue).toBe(true);
    expect(payable2.items.some((i) => i.sourceId === b.sourceId)).toBe(false);
    const next = await buildBatch(financeA, [a.sourceId]);
    const nextDetail = (await as(financeA, 'GET', `/api/payments/batches/${next}`)).json() as {
      lines: { reissueOf: string | null }[];
    };
    expect(nextDetail.lines[0]?.reissueOf).toBe(lineA);
    await as(financeA, 'DELETE', `/api/payments/batches/${next}`);

    // The ledger: b paid, a back to confirmed.
    const ledger = (await as(financeA, 'GET', '/api/payments/ledger?fiscalYear=2026')).json() as {
      items: { programmeKey: string; paid: number }[];
    };
    expect(ledger.items.find((r) => r.programmeKey === PROGRAMME)?.paid).toBeGreaterThanOrEqual(1_500);
  });

  it('joins claims to one payee and account into one transfer, keeping each claim as its own line', async () => {
    const first = await confirmedClaim(KOFU, 2_000, 'ﾀﾅｶ ｲﾁﾛｳ', '7654321');
    const other = await confirmedClaim(KOFU, 900, 'ｻﾄｳ ｼﾞﾛｳ');
    const second = await confirmedClaim(KOFU, 1_300, 'ﾀﾅｶ ｲﾁﾛｳ', '7654321');
    const payable = (await as(financeA, 'GET', '/api/payments/payable')).json() as {
      items: { sourceId: string; payeeName: string; programmeName: string }[];
    };
    expect(payable.items.find((i) => i.sourceId === first.sourceId)).toMatchObject({
      payeeName: '支払先 ﾀﾅｶ ｲﾁﾛｳ',
      programmeName: 'テスト交通費助成',
    });
    const id = await buildBatch(financeA, [first.sourceId, other.sourceId, second.sourceId]);
    const detail = (await as(financeA, 'GET', `/api/payments/batches/${id}`)).json() as {
      lineCount: number;
      transferCount: number;
      lines: {
        sourceId: string;
        transferNo: number;
        amount: number;
        payeeName: string;
        programmeName: string;
      }[];
    };
    expect(detail.lineCount).toBe(3);
    expect(detail.transferCount).toBe(2);
    expect(detail.lines.map((l) => [l.sourceId, l.transferNo, l.amount])).toEqual([
      [first.sourceId, 1, 2_000],
      [other.sourceId, 2, 900],
      [second.sourceId, 1, 1_300],
    ]);
    expect(detail.lines.every((l) => l.programmeName === 'テスト交通費助成')).toBe(true);
    expect(detail.lines[1]?.payeeName).toBe('支払先 ｻﾄｳ ｼﾞﾛｳ');
    const listed = (await as(financeA, 'GET', '/api/payments/batches')).json() as {
      items: { id: string; transferCount: number }[];
    };
    expect(listed.items.find((b) => b.id === id)?.transferCount).toBe(2);

    expect((await as(financeA, 'POST', `/api/payments/batches/${id}/approve`)).statusCode).toBe(200);
    const exported = await as(financeB, 'POST', `/api/payments/batches/${id}/export`);
    expect(exported.statusCode).toBe(200);
    const parsed = readTransferFile(exported.rawPayload, 'crlf');
    expect(parsed.trailer).toEqual({ count: 2, total: 4_200 });
    expect(parsed.lines.map((l) => [l.holderName, l.amount, l.customerCode1])).toEqual([
      ['ﾀﾅｶ ｲﾁﾛｳ', 3_300, '0000000001'],
      ['ｻﾄｳ ｼﾞﾛｳ', 900, '0000000002'],
    ]);
    const records = iconv.decode(exported.rawPayload, 'Shift_JIS').split('\r\n').slice(0, -1);
    expect(zenginLayoutErrors(records)).toEqual([]);
    // The download is the same file; the accounting CSV keeps one row per claim with its transfer.
    const again = await as(financeA, 'GET', `/api/payments/batches/${id}/file`);
    expect(Buffer.compare(again.rawPayload, exported.rawPayload)).toBe(0);
    const csv = (await as(financeA, 'GET', `/api/payments/batches/${id}/accounting.csv`)).body;
    expect(csv.trim().split('\r\n')).toHaveLength(4);
    expect(csv).toContain('振込番号');
    expect(csv).toContain('テスト交通費助成');
    expect(csv).not.toContain('支払先');
  });

  it('rebuilds a batch built before transfers were joined with one transfer per line', async () => {
    const a = await confirmedClaim(KOFU, 1_000, 'ｲﾄｳ ｻﾌﾞﾛｳ', '1234999');
    const b = await confirmedClaim(KOFU, 1_100, 'ｲﾄｳ ｻﾌﾞﾛｳ', '1234999');
    const id = await buildBatch(financeA, [a.sourceId, b.sourceId]);
    // Lines of older batches carry no transfer number (and no payee name).
    await inTransaction(t.db, { tenant: KOFU }, (tx) =>
      tx.execute(
        sql`update payment_lines set transfer_no = null, payee_encrypted = null where batch_id = ${id}`,
      ),
    );
    const detail = (await as(financeA, 'GET', `/api/payments/batches/${id}`)).json();
    expect(detail.transferCount).toBe(2);
    expect(detail.lines.map((l: { payeeName: string }) => l.payeeName)).toEqual(['ｲﾄｳ ｻﾌﾞﾛｳ', 'ｲﾄｳ ｻﾌﾞﾛｳ']);
    expect((await as(financeA, 'POST', `/api/payments/batches/${id}/approve`)).statusCode).toBe(200);
    const exported = await as(financeB, 'POST', `/api/payments/batches/${id}/export`);
    expect(readTransferFile(exported.rawPayload, 'crlf').trailer).toEqual({ count: 2, total: 2_100 });
  });

  it('reveals bank details to finance only, auditing each reveal', async () => {
    const c = await confirmedClaim(KOFU, 900);
    const id = await buildBatch(financeA, [c.sourceId]);
    const detail = (await as(financeA, 'GET', `/api/payments/batches/${id}`)).json() as {
      lines: { id: string }[];
    };
    const lineId = detail.lines[0]?.id as string;
    const res = await as(financeA, 'POST', `/api/payments/batches/${id}/lines/${lineId}/reveal`);
    expect(res.statusCode).toBe(200);
    expect(res.json().accountNumber).toBe(c.bank.accountNumber);
    expect(
      (await as(consultation, 'POST', `/api/payments/batches/${id}/lines/${lineId}/reveal`)).statusCode,
    ).toBe(403);
    const audits = await inTransaction(t.db, { tenant: KOFU }, (tx) =>
      rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_events where action = 'payments.line.bank.reveal' and record_id = ${lineId}`,
      ),
    );
    expect(audits[0]?.n).toBe(1);
    await as(financeA, 'DELETE', `/api/payments/batches/${id}`);
  });

  it('answers 404 for another tenant’s batch', async () => {
    const c = await confirmedClaim(KOFU, 700);
    const id = await buildBatch(financeA, [c.sourceId]);
    expect((await as(kaiFinance, 'GET', `/api/payments/batches/${id}`)).statusCode).toBe(404);
    expect((await as(kaiFinance, 'POST', `/api/payments/batches/${id}/approve`)).statusCode).toBe(404);
    await as(financeA, 'DELETE', `/api/payments/batches/${id}`);
  });
});

describe('database guards', () => {
  const insertLine = (tx: Tx, batchId: string, lineNo: number, sourceId: string) =>
    tx.execute(sql`insert into payment_lines (municipality_code, batch_id, line_no, source_kind, source_id, programme_key,
        fiscal_year, description, amount, ledger_amount, bank_encrypted, account_last4)
      values (${KOFU}, ${batchId}, ${lineNo}, 'test_claim', ${sourceId}, ${PROGRAMME}, 2026, 'x', 100, 100,
        ${encryptField('{}', t.config.dataKeys, PAYMENTS_CONTEXTS.lineBank)}, '0001')`);
  const newBatch = async (tx: Tx, n: number) => {
    const [b] = await rows<{ id: string }>(
      tx,
      sql`insert into payment_batches (municipality_code, number, transfer_date, created_by, created_at)
          values (${KOFU}, ${n}, '2026-12-01', gen_random_uuid(), now()) returning id`,
    );
    return (b as { id: string }).id;
  };

  it('refuses a second live line for the same claim (the same claim cannot be paid twice)', async () => {
    await expect(
      inTransaction(t.db, { tenant: KOFU }, async (tx) => {
        const one = await newBatch(tx, 9001);
        const two = await newBatch(tx, 9002);
        await insertLine(tx, one, 1, 'twice');
        await insertLine(tx, two, 1, 'twice');
      }),
    ).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23505' }) });
    // After the first line is returned, a re-issue is allowed.
    await inTransaction(t.db, { tenant: KOFU }, async (tx) => {
      const one = await newBatch(tx, 9003);
      await insertLine(tx, one, 1, 'returned-once');
      await tx.execute(
        sql`update payment_batches set status = 'approved', approved_by = gen_random_uuid() where id = ${one}`,
      );
      await tx.execute(
        sql`update payment_batches set status = 'exported', exported_by = gen_random_uuid(), file_sha256 = 'x' where id = ${one}`,
      );
      await tx.execute(sql`update payment_lines set status = 'returned' where batch_id = ${one}`);
      const two = await newBatch(tx, 9004);
      await insertLine(tx, two, 1, 'returned-once');
      // …and paying it twice is refused again.
      const three = await newBatch(tx, 9005);
      await expect(
        tx.transaction(async (sp) => {
          await insertLine(sp as Tx, three, 1, 'returned-once');
        }),
      ).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23505' }) });
      await tx.execute(sql`delete from payment_lines where batch_id = ${two}`);
      await tx.execute(sql`delete from payment_batches where id in (${two}, ${three})`);
    });
  });

  it('keeps an exported batch and its lines immutable, except line results', async () => {
    const fails = (...statements: ReturnType<typeof sql>[]) =>
      expect(
        inTransaction(t.db, { tenant: KOFU }, async (tx) => {
          const id = await newBatch(tx, 9100 + ++counter);
          await insertLine(tx, id, 1, `imm-${counter}`);
          await tx.execute(
            sql`update payment_batches set status = 'approved', approved_by = gen_random_uuid() where id = ${id}`,
          );
          await tx.execute(
            sql`update payment_batches set status = 'exported', exported_by = gen_random_uuid(), file_sha256 = 'x' where id = ${id}`,
          );
          await tx.execute(sql`select set_config('test.batch', ${id}, true)`);
          for (const statement of statements) await tx.execute(statement);
        }),
      ).rejects.toMatchObject({ cause: expect.objectContaining({ code: '55000' }) });
    await fails(
      sql`update payment_batches set transfer_date = '2027-01-01' where id = current_setting('test.batch')::uuid`,
    );
    await fails(sql`delete from payment_batches where id = current_setting('test.batch')::uuid`);
    await fails(
      sql`update payment_lines set amount = 1 where batch_id = current_setting('test.batch')::uuid`,
    );
    await fails(sql`delete from payment_lines where batch_id = current_setting('test.batch')::uuid`);
    await fails(sql`insert into payment_lines (municipality_code, batch_id, line_no, source_kind, source_id, programme_key,
        fiscal_year, description, amount, ledger_amount, bank_encrypted, account_last4)
      values (${KOFU}, current_setting('test.batch')::uuid, 2, 'test_claim', 'late', ${PROGRAMME}, 2026, 'x', 1, 1, 'x', '0001')`);
    await fails(
      // A returned line does not become paid (a re-issue is a new line in a later batch).
      sql`update payment_lines set status = 'returned' where batch_id = current_setting('test.batch')::uuid`,
      sql`update payment_lines set status = 'paid' where batch_id = current_setting('test.batch')::uuid`,
    );
  });

  it('refuses an exporter equal to the approver in the database too', async () => {
    await expect(
      inTransaction(t.db, { tenant: KOFU }, async (tx) => {
        const id = await newBatch(tx, 9200);
        await tx.execute(
          sql`update payment_batches set status = 'approved', approved_by = created_by where id = ${id}`,
        );
        await tx.execute(
          sql`update payment_batches set status = 'exported', exported_by = approved_by, file_sha256 = 'x' where id = ${id}`,
        );
      }),
    ).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23514' }) });
  });
});

describe('ledger', () => {
  type Action =
    | { type: 'budget'; programme: number; amount: number }
    | { type: 'commit'; item: number; amount: number }
    | { type: 'confirm'; item: number; amount: number }
    | { type: 'pay'; item: number }
    | { type: 'return'; item: number };
  const action: fc.Arbitrary<Action> = fc.oneof(
    fc.record({
      type: fc.constant('budget' as const),
      programme: fc.integer({ min: 0, max: 1 }),
      amount: fc.integer({ min: 0, max: 1_000_000 }),
    }),
    fc.record({
      type: fc.constant('commit' as const),
      item: fc.integer({ min: 0, max: 5 }),
      amount: fc.integer({ min: 1, max: 50_000 }),
    }),
    fc.record({
      type: fc.constant('confirm' as const),
      item: fc.integer({ min: 0, max: 5 }),
      amount: fc.integer({ min: 1, max: 50_000 }),
    }),
    fc.record({ type: fc.constant('pay' as const), item: fc.integer({ min: 0, max: 5 }) }),
    fc.record({ type: fc.constant('return' as const), item: fc.integer({ min: 0, max: 5 }) }),
  );

  it('after any sequence of actions, every figure equals the sum of its lines and of a model', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), async (actions) => {
        run += 1;
        const programmes = [`prop:a${run}`, `prop:b${run}`];
        const model = new Map<
          string,
          { budget: number; committed: number; confirmed: number; paid: number }
        >();
        for (const p of programmes) model.set(p, { budget: 0, committed: 0, confirmed: 0, paid: 0 });
        const state = new Map<number, { committed: number; confirmed: number; paid: number }>();
        const who = { at: t.clock.now(), actorAccountId: null };
        await inTransaction(t.db, { tenant: KAI }, async (tx) => {
          for (const a of actions) {
            if (a.type === 'budget') {
              await setBudget(tx, KAI, programmes[a.programme] as string, 2026, a.amount, who);
              (model.get(programmes[a.programme] as string) as { budget: number }).budget = a.amount;
              continue;
            }
            const programme = programmes[a.item % 2] as string;
            const m = model.get(programme) as { committed: number; confirmed: number; paid: number };
            const s = state.get(a.item) ?? { committed: 0, confirmed: 0, paid: 0 };
            state.set(a.item, s);
            const item = {
              programmeKey: programme,
              fiscalYear: 2026,
              sourceKind: 'prop',
              sourceId: `${run}-${a.item}`,
            };
            if (a.type === 'commit') {
              await ledgerPost(tx, KAI, item, [{ stage: 'committed', amount: a.amount }], 'commit', who);
              s.committed += a.amount;
              m.committed += a.amount;
            } else if (a.type === 'confirm') {
              // 額の確定: the whole commitment is released and the confirmed amount recorded.
              await ledgerPost(
                tx,
                KAI,
                item,
                [
                  { stage: 'committed', amount: -s.committed },
                  { stage: 'confirmed', amount: a.amount },
                ],
                'confirm',
                who,
              );
              m.committed -= s.committed;
              s.committed = 0;
              s.confirmed += a.amount;
              m.confirmed += a.amount;
            } else if (a.type === 'pay' && s.confirmed > 0) {
              await ledgerMove(tx, KAI, item, 'confirmed', 'paid', s.confirmed, 'pay', who);
              m.confirmed -= s.confirmed;
              m.paid += s.confirmed;
              s.paid += s.confirmed;
              s.confirmed = 0;
            } else if (a.type === 'return' && s.paid > 0) {
              await ledgerMove(tx, KAI, item, 'paid', 'confirmed', s.paid, 'return', who);
              m.paid -= s.paid;
              m.confirmed += s.paid;
              s.confirmed += s.paid;
              s.paid = 0;
            } else if (a.type === 'pay' || a.type === 'return') {
              // Moving what the item does not hold is refused.
              await expect(
                tx.transaction((sp) =>
                  ledgerMove(
                    sp as Tx,
                    KAI,
                    item,
                    a.type === 'pay' ? 'confirmed' : 'paid',
                    'paid',
                    1,
                    'x',
                    who,
                  ),
                ),
              ).rejects.toMatchObject({ code: 'ledger_insufficient_stage' });
            }
          }
          const summary = await ledgerSummary(tx, KAI, 2026);
          for (const p of programmes) {
            const row = summary.find((r) => r.programmeKey === p);
            const want = model.get(p) as {
              budget: number;
              committed: number;
              confirmed: number;
              paid: number;
            };
            const lines = await ledgerLines(tx, KAI, p, 2026);
            const sum = (stage: string) =>
              lines.filter((l) => l.stage === stage).reduce((s, l) => s + l.amount, 0);
            const got = row ?? { budget: 0, committed: 0, confirmed: 0, paid: 0, remaining: 0 };
            expect(got.budget).toBe(sum('budget'));
            expect(got.committed).toBe(sum('committed'));
            expect(got.confirmed).toBe(sum('confirmed'));
            expect(got.paid).toBe(sum('paid'));
            expect({
              budget: got.budget,
              committed: got.committed,
              confirmed: got.confirmed,
              paid: got.paid,
            }).toEqual(want);
            expect(got.remaining).toBe(want.budget - want.committed - want.confirmed - want.paid);
          }
        });
      }),
      { numRuns: 25 },
    );
  });

  it('sets a budget through the API and exports the ledger as CSV', async () => {
    const res = await as(financeA, 'PUT', '/api/payments/ledger/budget', {
      programmeKey: 'test:travel',
      fiscalYear: 2026,
      amount: 1_000_000,
    });
    expect(res.statusCode).toBe(200);
    const row = (res.json() as { items: { programmeKey: string; budget: number }[] }).items.find(
      (r) => r.programmeKey === PROGRAMME,
    );
    expect(row?.budget).toBe(1_000_000);
    const csv = await as(financeA, 'GET', '/api/payments/ledger.csv');
    expect(csv.statusCode).toBe(200);
    const [header, ...lines] = csv.body
      .replace(/^\uFEFF/u, '')
      .trim()
      .split('\r\n');
    expect(header).toBe('事業,年度,年度（和暦）,予算,執行予定,確定,支払済,残額,事業キー');
    expect(lines.find((l) => l.endsWith(',test:travel'))).toMatch(
      /^テスト交通費助成,2026,令和8年度,1000000,/u,
    );
    // The demo programmes read as names too, not as "peer:…" or "subsidy:…" ids.
    expect(lines.filter((l) => /^(peer|subsidy):/u.test(l))).toEqual([]);
    expect(
      (await as(kaiFinance, 'GET', '/api/payments/ledger?fiscalYear=2026'))
        .json()
        .items.some((r: { programmeKey: string }) => r.programmeKey === PROGRAMME),
    ).toBe(false);
  });
});
