import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { decryptField } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type BankAccount, payableSource } from '../../platform/modules/payable-sources.ts';
import { findBranch } from './payments.banks.ts';
import { PAYMENTS_FIELD, paymentsError } from './payments.errors.ts';
import { ledgerMove } from './payments.ledger.ts';
import { mayActOnBatch, resultMove } from './payments.policy.ts';
import {
  type BatchRow,
  bankOf,
  batchRow,
  guarded,
  type PaymentsContext,
  refuseUnless,
  type StoredLine,
  storedLines,
  transferNoOf,
} from './payments.records.ts';
import { PAYMENTS_CONTEXTS, paymentBatches, paymentLines } from './payments.tables.ts';
import { type TransferLine, writeTransferFile, ZenginFieldError } from './zengin-transfer-file.ts';

/**
 * Transfers (issue 9 part 3): the 全銀 file of an approved batch (exported once, by someone other than
 * its approver, then downloadable byte for byte), the bank's result per line, and the payee's bank
 * details in clear for finance.
 */

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
  if (!zengin) throw paymentsError(409, 'payments_zengin_not_configured');
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

/** Exports an approved batch (by someone other than its approver) and freezes it for good. */
export async function exportBatch(
  tx: Tx,
  ctx: PaymentsContext,
  actor: Actor,
  tenant: string,
  id: string,
): Promise<{ file: Buffer; fileName: string }> {
  const b = await batchRow(tx, tenant, id);
  refuseUnless(mayActOnBatch(b, 'export', actor.accountId));
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
  actor: Actor,
  tenant: string,
  id: string,
): Promise<{ file: Buffer; fileName: string }> {
  const b = await batchRow(tx, tenant, id);
  refuseUnless(mayActOnBatch(b, 'download', actor.accountId));
  const file = buildFile(ctx, b, await storedLines(tx, tenant, id));
  if (createHash('sha256').update(file).digest('hex') !== b.fileSha256) {
    // Configuration (paying account or separator) changed since the export: never hand out a different file.
    throw new AppError(409, 'payments_batch_state', { detail: PAYMENTS_FIELD.configChanged });
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
  refuseUnless(mayActOnBatch(await batchRow(tx, tenant, batchId), 'record_result', actor.accountId));
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
  const move = resultMove(line.status, result.status);
  if (move === 'unchanged') return;
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
  if (move) await ledgerMove(tx, tenant, item, move.from, move.to, line.ledgerAmount, move.reason, who);
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
