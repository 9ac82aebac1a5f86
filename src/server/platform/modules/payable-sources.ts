import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Tx } from '../db/client.ts';

/**
 * Payable sources: the modules whose items a payment batch pays (issue 9 part 3). Peer compensation
 * claims (peers) and confirmed subsidy claims (subsidies, issue 8) are two. A module names its
 * sources in its manifest (`payableSources`, platform/modules/manifest.ts) and `installModules()`
 * registers them; the payments module reads them here (`payableSources()`, `payableSource(kind)`).
 * The registry lives in platform, not in payments, so that the manifest can name the type without
 * platform importing a module (decision 0026, amendment):
 *
 * ```ts
 * export const subsidyClaimsPayable: PayableSource = {
 *   kind: 'subsidy_claim',
 *   label: { ja: '交通費補助', en: 'Travel subsidy' },
 *   async listPayable(tx, tenant, ctx) { … confirmed claims (額の確定 done) … },
 *   async onResult(tx, tenant, sourceId, result, ctx) { … optional: mark the claim paid / returned … },
 * };
 * // index.ts: export const subsidiesModule: ModuleManifest = { …, payableSources: [subsidyClaimsPayable] };
 * ```
 *
 * The contract a source keeps:
 * - `listPayable` returns every item of the tenant that is due for payment, whether or not it is
 *   already in a batch (payments leaves out items with a live line itself), with the payee's bank
 *   details decrypted and the holder name in bank kana (`toBankKana`).
 * - Before an item is listed, the source has posted its amount to the ledger's `confirmed` stage for
 *   its programme and fiscal year (`ledgerPost` in payments.ledger.ts); payments moves it from
 *   `confirmed` to `paid` when the bank confirms the transfer, and back when a transfer is returned.
 * - `sourceId` is stable and unique within the kind (a claim id): the database refuses a second live
 *   payment line for the same (kind, sourceId), so one claim can never be paid twice.
 * - Items carry no personal content beyond what a transfer needs: the description names the programme
 *   and the period, not the person.
 */
export type BankAccount = {
  bankCode: string;
  branchCode: string;
  /** 預金種目: 1 普通, 2 当座, 4 貯蓄, 9 その他. */
  accountType: '1' | '2' | '4' | '9';
  accountNumber: string;
  /** 口座名義 (カナ) as the bank holds it. */
  holderName: string;
};

export type PayableItem = {
  sourceId: string;
  /** The ledger programme, namespaced by module: `peer:<programme id>`, `subsidy:<programme id>`. */
  programmeKey: string;
  /** 年度 the cost belongs to (April–March; 出納整理期間 payments belong to the previous year). */
  fiscalYear: number;
  /** Yen transferred to the payee, integer, > 0. */
  amount: number;
  /**
   * Yen the ledger moves from confirmed to paid when the transfer succeeds; defaults to `amount`.
   * A peer fee posts its gross as confirmed and transfers the net: the 源泉徴収 is part of the cost
   * though it goes to the tax office.
   */
  ledgerAmount?: number;
  /** Shown to finance and in the accounting CSV: programme and period, no names. */
  description: string;
  /**
   * Who is paid, as finance knows them (the applicant's name, the supporter's display name). Shown on
   * finance's audited screens and kept encrypted on the line; never in the description or the CSV.
   */
  payeeName: string;
  bank: BankAccount;
};

export type SourceContext = { config: Config; clock: Clock };

export type PayableSource = {
  /** Lower-case identifier, `^[a-z][a-z_]{1,39}$` (a database check holds it). */
  kind: string;
  label: { ja: string; en: string };
  listPayable(tx: Tx, tenant: string, ctx: SourceContext): Promise<PayableItem[]>;
  /**
   * The names of the source's ledger programmes (`programmeKey` → name), so finance reads
   * "交通費補助（令和8年度）" instead of "subsidy:904f0b96-…" on screen and in the ledger CSV.
   */
  programmeNames(tx: Tx, tenant: string): Promise<ReadonlyMap<string, string>>;
  /** Told when the bank result of the item's line is recorded (optional). */
  onResult?(
    tx: Tx,
    tenant: string,
    sourceId: string,
    result: 'paid' | 'returned',
    ctx: SourceContext,
  ): Promise<void>;
};

const sources = new Map<string, PayableSource>();

/** Called by `installModules()` for each manifest's `payableSources` (and by tests with a source of their own). */
export function registerPayableSource(source: PayableSource): void {
  if (!/^[a-z][a-z_]{1,39}$/u.test(source.kind)) throw new Error(`Bad payable source kind "${source.kind}".`);
  const existing = sources.get(source.kind);
  if (existing && existing !== source) throw new Error(`Payable source "${source.kind}" registered twice.`);
  sources.set(source.kind, source);
}

export function payableSources(): PayableSource[] {
  return [...sources.values()].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

export function payableSource(kind: string): PayableSource | undefined {
  return sources.get(kind);
}

/** Every registered programme name of the tenant; a key no source names stays as it is. */
export async function programmeNamesOf(tx: Tx, tenant: string): Promise<(key: string) => string> {
  const names = new Map<string, string>();
  for (const source of payableSources())
    for (const [key, name] of await source.programmeNames(tx, tenant)) names.set(key, name);
  return (key) => names.get(key) ?? key;
}
