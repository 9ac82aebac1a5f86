import { sql } from 'drizzle-orm';
import { fiscalYearRange } from '../../../shared/contracts/fiscal-range.ts';
import { rows, type Tx } from '../../platform/db/client.ts';

/** Read function for the annual status return (insights, issue 16): reports received in a fiscal year. */
export async function countReportsReceived(tx: Tx, tenant: string, fiscalYear: number): Promise<number> {
  const { from, to } = fiscalYearRange(fiscalYear);
  const [row] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from reports
        where municipality_code = ${tenant} and received_at >= ${from}::timestamptz and received_at < ${to}::timestamptz`,
  );
  return row?.n ?? 0;
}
