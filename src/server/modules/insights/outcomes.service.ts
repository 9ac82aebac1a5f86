import { and, eq, sql } from 'drizzle-orm';
import { fiscalYearOf, isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { DataKey } from '../../platform/crypto/fields.ts';
import { type Database, rows, type Tx } from '../../platform/db/client.ts';
import { asSystem, inTransaction } from '../../platform/db/tenant.ts';
import { measureSeriesForStatistics, tenantsWithSupportRecords } from '../support/index.ts';
import { insightAggregates } from './insights.tables.ts';
import { computeOutcomeRowsForYears } from './outcomes.statistics.ts';

/**
 * Maintained aggregates (issue 16 item 3): each tenant's outcome figures are computed inside that
 * tenant's own transaction (row-level security as everywhere: the support rows it reads and the
 * aggregate rows it writes are its own) and replace the tenant's rows for the fiscal year. National
 * and prefectural views read only `insight_aggregates`, never the support rows.
 */
export async function refreshTenantAggregates(
  tx: Tx,
  tenant: string,
  fiscalYears: number | readonly number[],
  now: Date,
  /** The data keys: intake and plan contents are opened here, in the tenant's own transaction. */
  keys?: readonly DataKey[],
): Promise<number> {
  const years = typeof fiscalYears === 'number' ? [fiscalYears] : [...fiscalYears];
  if (years.length === 0) return 0;
  // Derived, recomputable rows: the commit need not wait for the WAL flush (a crash loses at most a
  // refresh that the next run redoes).
  // One read of the tenant's series (up to the latest year) serves every year: each year's figures
  // only look at measurements up to that year's end.
  await tx.execute(sql`select set_config('synchronous_commit', 'off', true)`);
  const series = await measureSeriesForStatistics(tx, tenant, Math.max(...years), keys);
  const byYear = computeOutcomeRowsForYears(series, years);
  const computed = years.flatMap((fiscalYear) => byYear.get(fiscalYear)!.map((r) => ({ fiscalYear, ...r })));
  // Replace the tenant's rows of these years: a delete, then one insert with a single JSON parameter
  // (a multi-row insert with a parameter per cell spent most of the refresh building and binding
  // them; an upsert spent it in per-row conflict checks).
  await tx.execute(
    sql`delete from insight_aggregates where municipality_code = ${tenant} and fiscal_year = any(${`{${years.join(',')}}`}::smallint[])`,
  );
  if (computed.length)
    await tx.execute(sql`
      insert into insight_aggregates
        (municipality_code, fiscal_year, indicator, disaggregation, n, value, lower, upper, computed_at)
      select ${tenant}, "fiscalYear", indicator, disaggregation, n, value, lower, upper, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(computed)}::jsonb) as r(
        "fiscalYear" smallint, indicator text, disaggregation text, n integer,
        value double precision, lower double precision, upper double precision)`);
  return computed.length;
}

/** The fiscal years refreshed by default: this one and the previous (late records still arrive). */
export function defaultYears(now: Date): number[] {
  const fy = fiscalYearOf(now);
  return [fy - 1, fy];
}

/** Every tenant with support records, one transaction each (`concurrency` transactions at a time). */
export async function refreshAllAggregates(
  db: Database,
  now: Date,
  years = defaultYears(now),
  only?: string,
  concurrency = 1,
  keys?: readonly DataKey[],
): Promise<{ tenants: number; rows: number }> {
  const tenants = only ? [only] : await asSystem(db, (tx) => tenantsWithSupportRecords(tx));
  let written = 0;
  let next = 0;
  const worker = async () => {
    while (next < tenants.length) {
      const tenant = tenants[next++]!;
      // Read the count before adding: `written += await …` would add to a stale total under concurrency.
      const rowsWritten = await inTransaction(db, { tenant }, (tx) =>
        refreshTenantAggregates(tx, tenant, years, now, keys),
      );
      written += rowsWritten;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { tenants: tenants.length, rows: written };
}

/** Whether the nightly refresh already ran today (business date in Japan). */
export async function refreshedToday(db: Database, now: Date): Promise<boolean> {
  const [row] = await asSystem(db, (tx) =>
    rows<{ last: string | null }>(tx, sql`select max(computed_at)::text as last from insight_aggregates`),
  );
  return row?.last ? isoDateInTokyo(new Date(row.last)) === isoDateInTokyo(now) : false;
}

/** A municipality's own figures, unsuppressed (its own staff only; row-level security keeps others out). */
export async function ownAggregates(tx: Tx, tenant: string, fiscalYear: number) {
  const found = await tx
    .select()
    .from(insightAggregates)
    .where(and(eq(insightAggregates.municipalityCode, tenant), eq(insightAggregates.fiscalYear, fiscalYear)))
    .orderBy(insightAggregates.indicator, insightAggregates.disaggregation);
  return found.map(({ indicator, disaggregation, n, value, lower, upper }) => ({
    indicator,
    disaggregation,
    n,
    value,
    lower,
    upper,
  }));
}
