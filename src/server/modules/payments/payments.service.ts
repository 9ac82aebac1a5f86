import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { isBankKana } from '../../../shared/bank-kana.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { sqlState } from '../../platform/db/errors.ts';
import { AppError, notFound, registerErrorMessages } from '../../platform/errors.ts';
import { toCsv, withBom } from '../../platform/text/csv.ts';
import { findBranch } from './payments.banks.ts';
import { ledgerMove } from './payments.ledger.ts';
import {
  type BankAccount,
  type PayableItem,
  payableSource,
  payableSources,
  programmeNamesOf,
} from './payments.sources.ts';
import { PAYMENTS_CONTEXTS, paymentBatches, paymentLines } from './payments.tables.ts';
import { type TransferLine, writeTransferFile, ZenginFieldError } from './zengin-transfer-file.ts';

export type PaymentsContext = { config: Config; clock: Clock };

registerErrorMessages({
  payments_four_eyes: {
    title: { ja: '承認した人は出力できません', en: 'The approver cannot export the batch' },
    detail: {
      ja: '支払バッチの出力は、承認者とは別の会計担当者が行ってください。',
      en: 'Another finance user than the approver must export the batch.',
    },
  },
  payments_batch_state: {
    title: { ja: 'この支払バッチではその操作はできません', en: 'Not possible in this batch state' },
  },
  payments_already_in_batch: {
    title: { ja: 'すでに支払バッチに含まれています', en: 'Already in a payment batch' },
    detail: {
      ja: '同じ請求を二重に支払うことはできません。',
      en: 'The same claim cannot be paid twice.',
    },
  },
  payments_not_payable: {
    title: { ja: '支払対象ではありません', en: 'Not payable' },
    detail: {
      ja: '選んだ項目は、確定済みで未払いの支払対象ではありません。',
      en: 'The selected item is not a confirmed, unpaid item.',
    },
  },
  payments_bank_invalid: {
    title: { ja: '振込先の口座情報に誤りがあります', en: 'The bank details are invalid' },
  },
  payments_zengin_not_configured: {
    title: { ja: '振込元口座が設定されていません', en: 'The paying account is not configured' },
    detail: {
      ja: 'ZENGIN_CONSIGNOR_CODE などの設定を管理者に依頼してください。',
      en: 'Ask the operator to set ZENGIN_CONSIGNOR_CODE and the other ZENGIN_* settings.',
    },
  },
});

/** Maps the database guards (payments_guards migration) to clear answers. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = sqlState(error);
    if (code === '23505') throw new AppError(409, 'payments_already_in_batch', { cause: error });
    if (code === '55000') throw new AppError(409, 'payments_batch_state', { cause: error });
    if (code === '23514') throw new AppError(409, 'payments_batch_state', { cause: error });
    throw error;
  }
}

const last4 = (accountNumber: string) => accountNumber.slice(-4).padStart(4, '0');
export const maskAccount = (l4: string) => `***${l4}`;

/** Checks one payee's bank details; returns the bank and branch names for the file. */
export function validateBank(bank: BankAccount, pointer: string) {
  const errors: Array<{ pointer: string; message: { ja: string; en: string } }> = [];
  if (!/^\d{4}$/u.test(bank.bankCode) || !/^\d{3}$/u.test(bank.branchCode)) {
    errors.push({
      pointer: `${pointer}/bankCode`,
      message: {
        ja: '金融機関コード（4桁）・支店コード（3桁）',
        en: 'Bank code (4 digits) and branch code (3 digits)',
      },
    });
  }
  const branch = errors.length === 0 ? findBranch(bank.bankCode, bank.branchCode) : undefined;
  if (errors.length === 0 && !branch) {
    errors.push({
      pointer: `${pointer}/branchCode`,
      message: { ja: 'この金融機関・支店は見つかりません', en: 'No such bank or branch' },
    });
  }
  if (!/^\d{7}$/u.test(bank.accountNumber)) {
    errors.push({
      pointer: `${pointer}/accountNumber`,
      message: { ja: '口座番号は7桁の数字です', en: 'The account number is 7 digits' },
    });
  }
  if (!['1', '2', '4', '9'].includes(bank.accountType)) {
    errors.push({
      pointer: `${pointer}/accountType`,
      message: { ja: '預金種目が正しくありません', en: 'Invalid account type' },
    });
  }
  if (!bank.holderName || !isBankKana(bank.holderName)) {
    errors.push({
      pointer: `${pointer}/holderName`,
      message: {
        ja: '口座名義は半角カナ・英大文字・数字で入力してください',
        en: 'The holder name must be in bank kana',
      },
    });
  }
  if (errors.length > 0) throw new AppError(400, 'payments_bank_invalid', { errors });
  return branch as NonNullable<typeof branch>;
}

// -------------------------------------------------------------------------------------------------
// Payable items

export type PayableView = {
  sourceKind: string;
  sourceId: string;
  programmeKey: string;
  programmeName: string;
  payeeName: string;
  fiscalYear: number;
  amount: number;
  description: string;
  account: string;
  reissue: boolean;
};

/** Items of every source due for payment and not in a live line. */
export async function collectPayable(
  tx: Tx,
  ctx: PaymentsContext,
  tenant: string,
): Promise<Array<{ kind: string; item: PayableItem; reissueOf: string | null }>> {
  const live = await tx
    .select({ kind: paymentLines.sourceKind, id: paymentLines.sourceId })
    .from(paymentLines)
    .where(and(eq(paymentLines.municipalityCode, tenant), ne(paymentLines.status, 'returned')));
  const liveKeys = new Set(live.map((l) => `${l.kind}\u0000${l.id}`));
  const returned = await tx
    .select({
      kind: paymentLines.sourceKind,
      id: paymentLines.sourceId,
      lineId: paymentLines.id,
      at: paymentLines.resultAt,
    })
    .from(paymentLines)
    .where(and(eq(paymentLines.municipalityCode, tenant), eq(paymentLines.status, 'returned')))
    .orderBy(asc(paymentLines.resultAt));
  const lastReturned = new Map(returned.map((r) => [`${r.kind}\u0000${r.id}`, r.lineId]));
  const out: Array<{ kind: string; item: PayableItem; reissueOf: string | null }> = [];
  for (const source of payableSources()) {
    for (const item of await source.listPayable(tx, tenant, ctx)) {
      const key = `${source.kind}\u0000${item.sourceId}`;
      if (liveKeys.has(key)) continue;
      out.push({ kind: source.kind, item, reissueOf: lastReturned.get(key) ?? null });
    }
  }
  return out;
}

export async function listPayable(tx: Tx, ctx: PaymentsContext, tenant: string): Promise<PayableView[]> {
  const programmeName = await programmeNamesOf(tx, tenant);
  return (await collectPayable(tx, ctx, tenant)).map(({ kind, item, reissueOf }) => ({
    sourceKind: kind,
    sourceId: item.sourceId,
    programmeKey: item.programmeKey,
    programmeName: programmeName(item.programmeKey),
    payeeName: item.payeeName,
    fiscalYear: item.fiscalYear,
    amount: item.amount,
    description: item.description,
    account: maskAccount(last4(item.bank.accountNumber)),
    reissue: reissueOf !== null,
  }));
}

// -------------------------------------------------------------------------------------------------
// Batches

export type BatchSummary = {
  id: string;
  number: number;
  status: 'draft' | 'approved' | 'exported';
  transferDate: string;
  lineCount: number;
  totalAmount: number;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  exportedBy: string | null;
  exportedAt: string | null;
  fileSha256: string | null;
  /** Transfers in the bank file: fewer than lines when one payee has several claims. */
  transferCount: number;
};

export type LineView = {
  id: string;
  lineNo: number;
  /** The transfer of the bank file this line is paid in (lines to one payee and account share one). */
  transferNo: number;
  sourceKind: string;
  sourceId: string;
  programmeKey: string;
  programmeName: string;
  payeeName: string;
  fiscalYear: number;
  description: string;
  amount: number;
  account: string;
  status: 'pending' | 'paid' | 'returned';
  returnReason: string | null;
  reissueOf: string | null;
};

type BatchRow = typeof paymentBatches.$inferSelect;
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

async function batchRow(tx: Tx, tenant: string, id: string): Promise<BatchRow> {
  const [b] = await tx
    .select()
    .from(paymentBatches)
    .where(and(eq(paymentBatches.municipalityCode, tenant), eq(paymentBatches.id, id)));
  if (!b) throw notFound();
  return b;
}

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

const payeeOf = (ctx: PaymentsContext, l: StoredLine, bank: BankAccount) =>
  l.payeeEncrypted
    ? decryptField(l.payeeEncrypted, ctx.config.dataKeys, PAYMENTS_CONTEXTS.linePayee)
    : bank.holderName;

const bankOf = (ctx: PaymentsContext, l: StoredLine) =>
  JSON.parse(decryptField(l.bankEncrypted, ctx.config.dataKeys, PAYMENTS_CONTEXTS.lineBank)) as BankAccount;

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

const transferNoOf = (l: StoredLine) => l.transferNo ?? l.lineNo;

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
        throw new AppError(409, 'payments_not_payable', {
          errors: [{ pointer: `/items/${i}`, message: { ja: '支払対象ではありません', en: 'Not payable' } }],
        });
      }
      return found;
    });
    if (new Set(input.items.map((w) => `${w.sourceKind}\u0000${w.sourceId}`)).size !== input.items.length) {
      throw new AppError(409, 'payments_already_in_batch');
    }
  }
  if (chosen.length === 0) throw new AppError(409, 'payments_not_payable');
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

export async function deleteDraft(tx: Tx, tenant: string, id: string): Promise<void> {
  const b = await batchRow(tx, tenant, id);
  if (b.status !== 'draft') throw new AppError(409, 'payments_batch_state');
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
  const b = await batchRow(tx, tenant, id);
  if (b.status !== 'draft') throw new AppError(409, 'payments_batch_state');
  await guarded(() =>
    tx
      .update(paymentBatches)
      .set({ status: 'approved', approvedBy: actor.accountId, approvedAt: ctx.clock.now() })
      .where(and(eq(paymentBatches.municipalityCode, tenant), eq(paymentBatches.id, id))),
  );
}

type StoredLine = typeof paymentLines.$inferSelect;

/**
 * The data records of the file. In a joined batch, several claims to one payee and account are one
 * transfer of their summed amount (one bank fee, one entry on the payee's statement); its 顧客コード1
 * is the first of its lines, and the batch detail keeps every claim's line.
 */
function transferLines(ctx: PaymentsContext, lines: StoredLine[]): TransferLine[] {
  const joined = new Map<number, { first: StoredLine; amount: number }>();
  for (const l of lines) {
    const group = joined.get(transferNoOf(l));
    if (group) group.amount += l.amount;
    else joined.set(transferNoOf(l), { first: l, amount: l.amount });
  }
  return [...joined.values()].map(({ first: l, amount }) => {
    const bank = bankOf(ctx, l);
    const branch = findBranch(bank.bankCode, bank.branchCode);
    return {
      bankCode: bank.bankCode,
      bankName: branch?.bankName,
      branchCode: bank.branchCode,
      branchName: branch?.branchName,
      accountType: bank.accountType,
      accountNumber: bank.accountNumber,
      holderName: bank.holderName,
      amount,
      // 顧客コード1: batch-independent reference the bank returns with a 組戻し, so finance finds the line
      // (of a joined transfer: its first line; every line of that transfer is returned with it).
      // An N10 field: the writer right-aligns and zero-fills it.
      customerCode1: String(l.lineNo),
    };
  });
}

function buildFile(ctx: PaymentsContext, batch: BatchRow, lines: StoredLine[]): Buffer {
  const zengin = ctx.config.zengin;
  if (!zengin) throw new AppError(409, 'payments_zengin_not_configured');
  try {
    return writeTransferFile({
      payer: zengin,
      transferDate: batch.transferDate,
      lines: transferLines(ctx, lines),
      recordSeparator: zengin.recordSeparator,
    });
  } catch (error) {
    if (error instanceof ZenginFieldError) {
      throw new AppError(400, 'payments_bank_invalid', {
        errors: [
          {
            pointer:
              error.line === undefined ? `/config/${error.field}` : `/lines/${error.line}/${error.field}`,
            message: { ja: `${error.field}: ${error.reason}`, en: error.message },
          },
        ],
        cause: error,
      });
    }
    throw error;
  }
}

async function storedLines(tx: Tx, tenant: string, batchId: string): Promise<StoredLine[]> {
  return tx
    .select()
    .from(paymentLines)
    .where(and(eq(paymentLines.municipalityCode, tenant), eq(paymentLines.batchId, batchId)))
    .orderBy(asc(paymentLines.lineNo));
}

/** Exports an approved batch (by someone other than its approver) and freezes it for good. */
export async function exportBatch(
  tx: Tx,
  ctx: PaymentsContext,
  actor: Actor,
  tenant: string,
  id: string,
): Promise<{ file: Buffer; fileName: string }> {
  const b = await batchRow(tx, tenant, id);
  if (b.status !== 'approved') throw new AppError(409, 'payments_batch_state');
  if (b.approvedBy === actor.accountId) throw new AppError(403, 'payments_four_eyes');
  const file = buildFile(ctx, b, await storedLines(tx, tenant, id));
  const sha = createHash('sha256').update(file).digest('hex');
  await guarded(() =>
    tx
      .update(paymentBatches)
      .set({ status: 'exported', exportedBy: actor.accountId, exportedAt: ctx.clock.now(), fileSha256: sha })
      .where(and(eq(paymentBatches.municipalityCode, tenant), eq(paymentBatches.id, id))),
  );
  return { file, fileName: fileNameOf(tenant, b) };
}

const fileNameOf = (tenant: string, b: BatchRow) =>
  `zengin-${tenant}-${String(b.number).padStart(5, '0')}-${b.transferDate.replaceAll('-', '')}.txt`;

/** The exported file again, byte for byte (checked against the hash taken at export). */
export async function downloadExported(
  tx: Tx,
  ctx: PaymentsContext,
  tenant: string,
  id: string,
): Promise<{ file: Buffer; fileName: string }> {
  const b = await batchRow(tx, tenant, id);
  if (b.status !== 'exported') throw new AppError(409, 'payments_batch_state');
  const file = buildFile(ctx, b, await storedLines(tx, tenant, id));
  if (createHash('sha256').update(file).digest('hex') !== b.fileSha256) {
    // Configuration (paying account or separator) changed since the export: never hand out a different file.
    throw new AppError(409, 'payments_batch_state', {
      detail: {
        ja: '出力時と設定が変わったため、同じファイルを再作成できません。',
        en: 'The configuration changed since export; the same file cannot be rebuilt.',
      },
    });
  }
  return { file, fileName: fileNameOf(tenant, b) };
}

/** Records the bank's result for one line; a returned line frees its item for a later batch. */
export async function recordLineResult(
  tx: Tx,
  ctx: PaymentsContext,
  actor: Actor,
  tenant: string,
  batchId: string,
  lineId: string,
  result: { status: 'paid' | 'returned'; reason?: string | undefined },
): Promise<void> {
  const b = await batchRow(tx, tenant, batchId);
  if (b.status !== 'exported') throw new AppError(409, 'payments_batch_state');
  const [line] = await tx
    .select()
    .from(paymentLines)
    .where(
      and(
        eq(paymentLines.municipalityCode, tenant),
        eq(paymentLines.batchId, batchId),
        eq(paymentLines.id, lineId),
      ),
    );
  if (!line) throw notFound();
  if (line.status === result.status) return;
  const now = ctx.clock.now();
  await guarded(() =>
    tx
      .update(paymentLines)
      .set({
        status: result.status,
        resultAt: now,
        resultBy: actor.accountId,
        returnReason: result.status === 'returned' ? (result.reason ?? null) : null,
      })
      .where(and(eq(paymentLines.municipalityCode, tenant), eq(paymentLines.id, lineId))),
  );
  const item = {
    programmeKey: line.programmeKey,
    fiscalYear: line.fiscalYear,
    sourceKind: line.sourceKind,
    sourceId: line.sourceId,
  };
  const who = { at: now, actorAccountId: actor.accountId };
  if (result.status === 'paid')
    await ledgerMove(tx, tenant, item, 'confirmed', 'paid', line.ledgerAmount, 'line.paid', who);
  else if (line.status === 'paid')
    await ledgerMove(tx, tenant, item, 'paid', 'confirmed', line.ledgerAmount, 'line.returned', who);
  await payableSource(line.sourceKind)?.onResult?.(tx, tenant, line.sourceId, result.status, ctx);
}

/** Every line of an exported batch paid, in one step (returned lines stay returned). */
export async function markRemainingPaid(
  tx: Tx,
  ctx: PaymentsContext,
  actor: Actor,
  tenant: string,
  batchId: string,
): Promise<number> {
  const pending = (await storedLines(tx, tenant, batchId)).filter((l) => l.status === 'pending');
  for (const l of pending) await recordLineResult(tx, ctx, actor, tenant, batchId, l.id, { status: 'paid' });
  return pending.length;
}

/** The payee's bank details in clear (finance only; the route audits each call). */
export async function revealLineBank(
  tx: Tx,
  ctx: PaymentsContext,
  tenant: string,
  batchId: string,
  lineId: string,
): Promise<BankAccount> {
  const [line] = await tx
    .select({ bank: paymentLines.bankEncrypted })
    .from(paymentLines)
    .where(
      and(
        eq(paymentLines.municipalityCode, tenant),
        eq(paymentLines.batchId, batchId),
        eq(paymentLines.id, lineId),
      ),
    );
  if (!line) throw notFound();
  return JSON.parse(decryptField(line.bank, ctx.config.dataKeys, PAYMENTS_CONTEXTS.lineBank)) as BankAccount;
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

export async function linesOfSources(tx: Tx, tenant: string, kind: string, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ sourceId: paymentLines.sourceId, status: paymentLines.status, batchId: paymentLines.batchId })
    .from(paymentLines)
    .where(
      and(
        eq(paymentLines.municipalityCode, tenant),
        eq(paymentLines.sourceKind, kind),
        inArray(paymentLines.sourceId, ids),
      ),
    );
}
