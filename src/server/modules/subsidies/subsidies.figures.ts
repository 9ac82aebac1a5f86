import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../platform/db/client.ts';

/**
 * Read function for the annual status return (insights, issue 16): whether the tenant runs a
 * transport-cost subsidy in a fiscal year, how many applications were granted and how much was paid.
 */
export async function countSubsidies(
  tx: Tx,
  tenant: string,
  fiscalYear: number,
): Promise<{ programme: boolean; grants: number; amountPaid: number }> {
  const [row] = await rows<{ programmes: number; grants: number; paid: number }>(
    tx,
    sql`select
          (select count(*) from subsidy_programmes where municipality_code = ${tenant} and fiscal_year = ${fiscalYear})::int as programmes,
          (select count(*) from subsidy_applications a join subsidy_programmes p on p.id = a.programme_id
             where a.municipality_code = ${tenant} and p.fiscal_year = ${fiscalYear} and a.status = 'approved')::int as grants,
          coalesce((select sum(confirmed_yen) from subsidy_claims
             where municipality_code = ${tenant} and fiscal_year = ${fiscalYear} and paid_on is not null), 0)::int as paid`,
  );
  return { programme: (row?.programmes ?? 0) > 0, grants: row?.grants ?? 0, amountPaid: row?.paid ?? 0 };
}
