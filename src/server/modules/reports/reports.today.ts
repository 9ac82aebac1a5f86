import { sql } from 'drizzle-orm';
import { countOf, type TodayCounter } from '../../platform/access/today.ts';

/** New harmful-business reports, the urgent ones ("someone may be in danger") counted apart. */
export const reportsToday: TodayCounter[] = [
  {
    kind: 'reports.new-urgent',
    permission: 'reports.triage',
    href: '/console/reports',
    needsTenant: true,
    count: (tx, { tenant }) =>
      countOf(
        tx,
        sql`select count(*)::int as n from reports where municipality_code = ${tenant} and status = 'new' and urgent`,
      ),
  },
  {
    kind: 'reports.new',
    permission: 'reports.triage',
    href: '/console/reports',
    needsTenant: true,
    count: (tx, { tenant }) =>
      countOf(
        tx,
        sql`select count(*)::int as n from reports where municipality_code = ${tenant} and status = 'new' and not urgent`,
      ),
  },
];
