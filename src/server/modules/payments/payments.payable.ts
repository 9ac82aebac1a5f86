import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { PayableItemView } from '../../../shared/contracts/payments.ts';
import type { Tx } from '../../platform/db/client.ts';
import {
  type PayableItem,
  payableSources,
  programmeNamesOf,
} from '../../platform/modules/payable-sources.ts';
import { last4, maskAccount, type PaymentsContext } from './payments.records.ts';
import { paymentLines } from './payments.tables.ts';

/** What is due for payment: every registered source's items not yet in a live line. */
export type PayableView = PayableItemView;

export type CollectedItem = { kind: string; item: PayableItem; reissueOf: string | null };

/** Items of every source due for payment and not in a live line. */
export async function collectPayable(tx: Tx, ctx: PaymentsContext, tenant: string): Promise<CollectedItem[]> {
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
  const out: CollectedItem[] = [];
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

/** The payment lines of a source's items (any batch, any result), for the source's own views. */
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
