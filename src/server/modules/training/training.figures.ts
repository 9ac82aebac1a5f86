import { sql } from 'drizzle-orm';
import { fiscalYearRange } from '../../../shared/contracts/fiscal-range.ts';
import { rows, type Tx } from '../../platform/db/client.ts';

/**
 * Read function for the annual status return (insights, issue 16): training courses the tenant ran and
 * completions recorded in a fiscal year.
 */
export async function countTraining(
  tx: Tx,
  tenant: string,
  fiscalYear: number,
): Promise<{ courses: number; completions: number }> {
  const { from, to } = fiscalYearRange(fiscalYear);
  const [row] = await rows<{ courses: number; completions: number }>(
    tx,
    sql`select
          (select count(distinct course_id) from training_enrolments
             where municipality_code = ${tenant} and enrolled_at < ${to}::timestamptz
               and (completed_at is null or completed_at >= ${from}::timestamptz))::int as courses,
          (select count(*) from training_enrolments
             where municipality_code = ${tenant} and status = 'completed'
               and completed_at >= ${from}::timestamptz and completed_at < ${to}::timestamptz)::int as completions`,
  );
  return row ?? { courses: 0, completions: 0 };
}
