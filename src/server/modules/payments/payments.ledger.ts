import { and, eq, sql } from 'drizzle-orm';
import { reiwaFiscalYearLabel } from '../../../shared/fiscal-year.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { programmeNamesOf } from '../../platform/modules/payable-sources.ts';
import { toCsv, withBom } from '../../platform/text/csv.ts';
import { paymentsError } from './payments.errors.ts';
import { type LEDGER_STAGES, ledgerEntries } from './payments.tables.ts';

/**
 * The budget ledger per programme and fiscal year (issue 9 part 4): an append-only journal of signed
 * entries. Each figure is the sum of its entries, so it is always equal to the sum of its lines:
 *   budget     Σ budget entries (set by finance)
 *   committed  Σ committed entries (e.g. 交付決定 amounts not yet confirmed)
 *   confirmed  Σ confirmed entries (額の確定 / approved compensation, not yet paid)
 *   paid       Σ paid entries (transfers the bank confirmed)
 *   remaining  budget − committed − confirmed − paid
 * A move from one stage to the next is a pair of entries summing to zero; an item can never move
 * more out of a stage than it holds there (checked before writing).
 */
export type LedgerStage = (typeof LEDGER_STAGES)[number];
export type ItemStage = Exclude<LedgerStage, 'budget'>;

export type LedgerItem = {
  programmeKey: string;
  fiscalYear: number;
  sourceKind: string;
  sourceId: string;
};

export type LedgerWho = { at: Date; actorAccountId: string | null };

export type LedgerRow = {
  programmeKey: string;
  /** The programme's name as its module knows it (the key itself when no module names it). */
  programmeName: string;
  fiscalYear: number;
  budget: number;
  committed: number;
  confirmed: number;
  paid: number;
  remaining: number;
};

/** What one item holds in each stage now. */
async function itemStages(tx: Tx, tenant: string, item: LedgerItem): Promise<Record<ItemStage, number>> {
  const found = await rows<{ stage: ItemStage; total: string }>(
    tx,
    sql`select stage, sum(amount)::text as total from ledger_entries
        where municipality_code = ${tenant} and source_kind = ${item.sourceKind} and source_id = ${item.sourceId}
          and programme_key = ${item.programmeKey} and fiscal_year = ${item.fiscalYear}
        group by stage`,
  );
  const out: Record<ItemStage, number> = { committed: 0, confirmed: 0, paid: 0 };
  for (const r of found) if (r.stage !== ('budget' as string)) out[r.stage] = Number(r.total);
  return out;
}

/**
 * Posts changes for one item, e.g. `[{stage:'confirmed', amount: 5000}]` (approved claim) or
 * `[{stage:'committed', amount:-6000}, {stage:'confirmed', amount: 5000}]` (額の確定 below the grant).
 * Refuses a change that would leave the item negative in a stage.
 */
export async function ledgerPost(
  tx: Tx,
  tenant: string,
  item: LedgerItem,
  changes: ReadonlyArray<{ stage: ItemStage; amount: number }>,
  reason: string,
  who: LedgerWho,
): Promise<void> {
  const current = await itemStages(tx, tenant, item);
  for (const change of changes) {
    if (!Number.isSafeInteger(change.amount)) throw new Error('ledger amounts are whole yen');
    current[change.stage] += change.amount;
    if (current[change.stage] < 0) throw paymentsError(409, 'ledger_insufficient_stage');
  }
  const values = changes
    .filter((c) => c.amount !== 0)
    .map((c) => ({
      municipalityCode: tenant,
      programmeKey: item.programmeKey,
      fiscalYear: item.fiscalYear,
      stage: c.stage,
      amount: c.amount,
      sourceKind: item.sourceKind,
      sourceId: item.sourceId,
      reason,
      at: who.at,
      actorAccountId: who.actorAccountId,
    }));
  if (values.length > 0) await tx.insert(ledgerEntries).values(values);
}

/** Moves an amount of one item from one stage to another (or into the ledger when `from` is null). */
export function ledgerMove(
  tx: Tx,
  tenant: string,
  item: LedgerItem,
  from: ItemStage | null,
  to: ItemStage | null,
  amount: number,
  reason: string,
  who: LedgerWho,
): Promise<void> {
  const changes: Array<{ stage: ItemStage; amount: number }> = [];
  if (from) changes.push({ stage: from, amount: -amount });
  if (to) changes.push({ stage: to, amount });
  return ledgerPost(tx, tenant, item, changes, reason, who);
}

/** Sets the budget of a programme and year: one entry of the difference, so history stays. */
export async function setBudget(
  tx: Tx,
  tenant: string,
  programmeKey: string,
  fiscalYear: number,
  amount: number,
  who: LedgerWho,
): Promise<void> {
  const [current] = await rows<{ total: string | null }>(
    tx,
    sql`select sum(amount)::text as total from ledger_entries
        where municipality_code = ${tenant} and programme_key = ${programmeKey}
          and fiscal_year = ${fiscalYear} and stage = 'budget'`,
  );
  const delta = amount - Number(current?.total ?? 0);
  if (delta === 0) return;
  await tx.insert(ledgerEntries).values({
    municipalityCode: tenant,
    programmeKey,
    fiscalYear,
    stage: 'budget',
    amount: delta,
    reason: 'budget.set',
    at: who.at,
    actorAccountId: who.actorAccountId,
  });
}

/** The ledger: one row per programme and fiscal year, every figure a sum of entries. */
export async function ledgerSummary(tx: Tx, tenant: string, fiscalYear?: number): Promise<LedgerRow[]> {
  const found = await rows<{
    programme_key: string;
    fiscal_year: number;
    budget: string;
    committed: string;
    confirmed: string;
    paid: string;
  }>(
    tx,
    sql`select programme_key, fiscal_year,
          coalesce(sum(amount) filter (where stage = 'budget'), 0)::text as budget,
          coalesce(sum(amount) filter (where stage = 'committed'), 0)::text as committed,
          coalesce(sum(amount) filter (where stage = 'confirmed'), 0)::text as confirmed,
          coalesce(sum(amount) filter (where stage = 'paid'), 0)::text as paid
        from ledger_entries
        where municipality_code = ${tenant} ${fiscalYear === undefined ? sql`` : sql`and fiscal_year = ${fiscalYear}`}
        group by programme_key, fiscal_year
        order by fiscal_year desc, programme_key`,
  );
  const programmeName = await programmeNamesOf(tx, tenant);
  return found.map((r) => {
    const budget = Number(r.budget);
    const committed = Number(r.committed);
    const confirmed = Number(r.confirmed);
    const paid = Number(r.paid);
    return {
      programmeKey: r.programme_key,
      programmeName: programmeName(r.programme_key),
      fiscalYear: Number(r.fiscal_year),
      budget,
      committed,
      confirmed,
      paid,
      remaining: budget - committed - confirmed - paid,
    };
  });
}

/** The entries behind one ledger row (the "lines" its figures are sums of). */
export async function ledgerLines(tx: Tx, tenant: string, programmeKey: string, fiscalYear: number) {
  return tx
    .select()
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.municipalityCode, tenant),
        eq(ledgerEntries.programmeKey, programmeKey),
        eq(ledgerEntries.fiscalYear, fiscalYear),
      ),
    )
    .orderBy(ledgerEntries.id);
}

/** The ledger as CSV for the finance system (UTF-8 with BOM), one row per programme and fiscal year. */
export async function ledgerCsv(tx: Tx, tenant: string, fiscalYear?: number): Promise<string> {
  const items = await ledgerSummary(tx, tenant, fiscalYear);
  return withBom(
    toCsv([
      ['事業', '年度', '年度（和暦）', '予算', '執行予定', '確定', '支払済', '残額', '事業キー'],
      ...items.map((r) => [
        r.programmeName,
        r.fiscalYear,
        reiwaFiscalYearLabel(r.fiscalYear),
        r.budget,
        r.committed,
        r.confirmed,
        r.paid,
        r.remaining,
        r.programmeKey,
      ]),
    ]),
  );
}
