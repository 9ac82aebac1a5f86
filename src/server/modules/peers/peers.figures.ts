import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../platform/db/client.ts';

/**
 * Read function for the annual status return (insights, issue 16): active peer supporters, those paid
 * in the fiscal year (an approved claim) and their approved hours. Counts only.
 */
export async function countPeerSupport(
  tx: Tx,
  tenant: string,
  fiscalYear: number,
): Promise<{ active: number; paid: number; paidHours: number }> {
  const [row] = await rows<{ active: number; paid: number; paid_minutes: number }>(
    tx,
    sql`select
          (select count(*) from peer_supporters where municipality_code = ${tenant} and status = 'active')::int as active,
          (select count(distinct supporter_id) from peer_claims
             where municipality_code = ${tenant} and fiscal_year = ${fiscalYear} and status = 'approved')::int as paid,
          coalesce((select sum(minutes) from peer_claims
             where municipality_code = ${tenant} and fiscal_year = ${fiscalYear} and status = 'approved'), 0)::int as paid_minutes`,
  );
  return {
    active: row?.active ?? 0,
    paid: row?.paid ?? 0,
    paidHours: Math.round(((row?.paid_minutes ?? 0) / 60) * 10) / 10,
  };
}
