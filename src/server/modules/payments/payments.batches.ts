import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { BatchSummary, LineView } from '../../../shared/contracts/payments.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { encryptField } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { type BankAccount, payableSource, programmeNamesOf } from '../../platform/modules/payable-sources.ts';
import { toCsv, withBom } from '../../platform/text/csv.ts';
import { PAYMENTS_FIELD, paymentsError } from './payments.errors.ts';
import { collectPayable } from './payments.payable.ts';
import { mayActOnBatch } from './payments.policy.ts';
import {
  type BatchRow,
  bankOf,
  batchRow,
  guarded,
  last4,
  maskAccount,
  type PaymentsContext,
  payeeOf,
  refuseUnless,
  storedLines,
  transferNoOf,
  validateBank,
} from './payments.records.ts';
import { PAYMENTS_CONTEXTS, paymentBatches, paymentLines } from './payments.tables.ts';

/**
 * Payment batches (issue 9 part 3): finance builds a draft from payable items, deletes or approves it,
 * reads it and its accounting CSV. The file and the bank's results are in payments.transfers.ts.
 */

const summary = (b: BatchRow): Omit<BatchSummary, 'transferCount'> => ({
  id: b.id,
  number: b.number,
  status: b.status,
  transferDate: b.transferDate,
  lineCount: b.lineCount,
  totalAmount: b.totalAmount,
  createdBy: b.createdBy,
  createdAt: b.createdAt.toISOString(),
  approvedBy: b.approvedBy,
  approvedAt: b.approvedAt?.toISOString() ?? null,
  exportedBy: b.exportedBy,
  exportedAt: b.exportedAt?.toISOString() ?? null,
  fileSha256: b.fileSha256,
});

export async function listBatches(tx: Tx, tenant: string): Promise<BatchSummary[]> {
  const found = await tx
    .select()
    .from(paymentBatches)
    .where(eq(paymentBatches.municipalityCode, tenant))
    .orderBy(desc(paymentBatches.number))
    .limit(200);
  const counts = await tx
    .select({
      batchId: paymentLines.batchId,
      n: sql<number>`count(distinct coalesce(${paymentLines.transferNo}, ${paymentLines.lineNo}))::int`,
    })
    .from(paymentLines)
    .where(
      and(
        eq(paymentLines.municipalityCode, tenant),
        inArray(
          paymentLines.batchId,
          found.map((b) => b.id),
        ),
      ),
    )
    .groupBy(paymentLines.batchId);
  const transfers = new Map(counts.map((c) => [c.batchId, Number(c.n)]));
  return found.map((b) => ({ ...summary(b), transferCount: transfers.get(b.id) ?? 0 }));
}

/** Same payee and the same account: what the bank sees as one recipient. */
const recipientKey = (bank: BankAccount) =>
  [bank.bankCode, bank.branchCode, bank.accountType, bank.accountNumber, bank.holderName].join('\u0000');

/** Numbers the transfers of new lines (in line order): lines to one recipient share the first one's. */
function numberTransfers(banks: BankAccount[]): number[] {
  const numberOf = new Map<string, number>();
  return banks.map((bank) => {
    const key = recipientKey(bank);
    const found = numberOf.get(key);
    if (found !== undefined) return found;
    numberOf.set(key, numberOf.size + 1);
    return numberOf.size;
  });
}

export async function getBatch(
  tx: Tx,
  ctx: PaymentsContext,
  tenant: string,
  id: string,
): Promise<BatchSummary & { lines: LineView[] }> {
  const b = await batchRow(tx, tenant, id);
  const lines = await storedLines(tx, tenant, id);
  const programmeName = await programmeNamesOf(tx, tenant);
  return {
    ...summary(b),
    transferCount: new Set(lines.map(transferNoOf)).size,
    lines: lines.map((l) => ({
      id: l.id,
      lineNo: l.lineNo,
      transferNo: transferNoOf(l),
      sourceKind: l.sourceKind,
      sourceId: l.sourceId,
      programmeKey: l.programmeKey,
      programmeName: programmeName(l.programmeKey),
      payeeName: payeeOf(ctx, l, bankOf(ctx, l)),
      fiscalYear: l.fiscalYear,
      description: l.description,
      amount: l.amount,
      account: maskAccount(l.accountLast4),
      status: l.status,
      returnReason: l.returnReason,
      reissueOf: l.reissueOf,
    })),
  };
}

/**
 * Builds a draft batch from the chosen payable items (or all of them). Every item is checked again
 * against its source inside this transaction, so an item paid or withdrawn meanwhile is refused.
 */
export async function createBatch(
  tx: Tx,
  ctx: PaymentsContext,
  actor: Actor,
  tenant: string,
  input: { transferDate: string; items: Array<{ sourceKind: string; sourceId: string }> | 'all' },
): Promise<{ id: string }> {
  const payable = await collectPayable(tx, ctx, tenant);
  let chosen = payable;
  if (input.items !== 'all') {
    const byKey = new Map(payable.map((p) => [`${p.kind}\u0000${p.item.sourceId}`, p]));
    chosen = input.items.map((wanted, i) => {
      const found = byKey.get(`${wanted.sourceKind}\u0000${wanted.sourceId}`);
      if (!payableSource(wanted.sourceKind) || !found) {
        throw paymentsError(409, 'payments_not_payable', `/items/${i}`, PAYMENTS_FIELD.notPayable);
      }
      return found;
    });
    if (new Set(input.items.map((w) => `${w.sourceKind}\u0000${w.sourceId}`)).size !== input.items.length) {
      throw paymentsError(409, 'payments_already_in_batch');
    }
  }
  if (chosen.length === 0) throw paymentsError(409, 'payments_not_payable');
  const now = ctx.clock.now();
  const [next] = await tx
    .select({ n: sql<number>`coalesce(max(${paymentBatches.number}), 0) + 1` })
    .from(paymentBatches)
    .where(eq(paymentBatches.municipalityCode, tenant));
  const total = chosen.reduce((sum, c) => sum + c.item.amount, 0);
  const id = await guarded(async () => {
    const [batch] = await tx
      .insert(paymentBatches)
      .values({
        municipalityCode: tenant,
        number: Number(next?.n ?? 1),
        transferDate: input.transferDate,
        createdBy: actor.accountId,
        createdAt: now,
        lineCount: chosen.length,
        totalAmount: total,
      })
      .returning({ id: paymentBatches.id });
    const batchId = (batch as { id: string }).id;
    const transferNo = numberTransfers(chosen.map((c) => c.item.bank));
    const values = chosen.map((c, i) => {
      validateBank(c.item.bank, `/items/${i}/bank`);
      return {
        municipalityCode: tenant,
        batchId,
        lineNo: i + 1,
        transferNo: transferNo[i] as number,
        sourceKind: c.kind,
        sourceId: c.item.sourceId,
        programmeKey: c.item.programmeKey,
        fiscalYear: c.item.fiscalYear,
        description: c.item.description,
        amount: c.item.amount,
        ledgerAmount: c.item.ledgerAmount ?? c.item.amount,
        bankEncrypted: encryptField(
          JSON.stringify(c.item.bank),
          ctx.config.dataKeys,
          PAYMENTS_CONTEXTS.lineBank,
        ),
        accountLast4: last4(c.item.bank.accountNumber),
        payeeEncrypted: encryptField(c.item.payeeName, ctx.config.dataKeys, PAYMENTS_CONTEXTS.linePayee),
        reissueOf: c.reissueOf,
      };
    });
    for (let i = 0; i < values.length; i += 1000)
      await tx.insert(paymentLines).values(values.slice(i, i + 1000));
    return batchId;
  });
  return { id };
}

export async function deleteDraft(tx: Tx, actor: Actor, tenant: string, id: string): Promise<void> {
  refuseUnless(mayActOnBatch(await batchRow(tx, tenant, id), 'delete', actor.accountId));
  await guarded(async () => {
    await tx
      .delete(paymentLines)
      .where(and(eq(paymentLines.municipalityCode, tenant), eq(paymentLines.batchId, id)));
    await tx
      .delete(paymentBatches)
      .where(and(eq(paymentBatches.municipalityCode, tenant), eq(paymentBatches.id, id)));
  });
}

export async function approveBatch(
  tx: Tx,
  ctx: PaymentsContext,
  actor: Actor,
  tenant: string,
  id: string,
): Promise<void> {
  refuseUnless(mayActOnBatch(await batchRow(tx, tenant, id), 'approve', actor.accountId));
  await guarded(() =>
    tx
      .update(paymentBatches)
      .set({ status: 'approved', approvedBy: actor.accountId, approvedAt: ctx.clock.now() })
      .where(and(eq(paymentBatches.municipalityCode, tenant), eq(paymentBatches.id, id))),
  );
}

/** Accounting CSV of one batch (UTF-8 with BOM, for the finance system); no bank details, no names. */
export async function batchCsv(tx: Tx, ctx: PaymentsContext, tenant: string, id: string): Promise<string> {
  const b = await getBatch(tx, ctx, tenant, id);
  const header = [
    'バッチ番号',
    '行',
    '振込番号',
    '取組日',
    '区分',
    '請求ID',
    '事業',
    '事業キー',
    '年度',
    '摘要',
    '金額',
    '口座',
    '結果',
    '組戻し理由',
    '再振込元',
  ];
  return withBom(
    toCsv([
      header,
      ...b.lines.map((l) => [
        b.number,
        l.lineNo,
        l.transferNo,
        b.transferDate,
        l.sourceKind,
        l.sourceId,
        l.programmeName,
        l.programmeKey,
        l.fiscalYear,
        l.description,
        l.amount,
        l.account,
        l.status,
        l.returnReason ?? '',
        l.reissueOf ?? '',
      ]),
    ]),
  );
}
