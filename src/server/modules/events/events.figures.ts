import { sql } from 'drizzle-orm';
import { fiscalYearRange } from '../../../shared/contracts/fiscal-range.ts';
import { rows, type Tx } from '../../platform/db/client.ts';

/**
 * Read function for the annual status return (insights, issue 16): family classes (家族学習会) of the
 * tenant in a fiscal year — published series, their held sessions and the confirmed attendance.
 */
export async function countFamilyClasses(
  tx: Tx,
  tenant: string,
  fiscalYear: number,
): Promise<{ series: number; sessions: number; attendance: number }> {
  const { from, to } = fiscalYearRange(fiscalYear);
  const [row] = await rows<{ series: number; sessions: number; attendance: number }>(
    tx,
    sql`select count(distinct e.id)::int as series,
          count(distinct s.id)::int as sessions,
          coalesce((select sum(rs.people) from event_registration_sessions rs
                    join event_sessions s2 on s2.id = rs.session_id and s2.municipality_code = rs.municipality_code
                    join events e2 on e2.id = s2.event_id and e2.municipality_code = s2.municipality_code
                    where rs.municipality_code = ${tenant} and rs.status = 'confirmed'
                      and e2.kind = 'family_study_series' and e2.status = 'published'
                      and s2.status = 'scheduled' and s2.starts_at >= ${from}::timestamptz and s2.starts_at < ${to}::timestamptz), 0)::int as attendance
        from events e
        join event_sessions s on s.event_id = e.id and s.municipality_code = e.municipality_code
        where e.municipality_code = ${tenant} and e.kind = 'family_study_series' and e.status = 'published'
          and s.status = 'scheduled' and s.starts_at >= ${from}::timestamptz and s.starts_at < ${to}::timestamptz`,
  );
  return row ?? { series: 0, sessions: 0, attendance: 0 };
}
