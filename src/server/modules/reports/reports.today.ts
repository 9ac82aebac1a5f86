import { type TodayCounter, tenantRowCounter } from '../../platform/access/today.ts';

/** New harmful-business reports, the urgent ones ("someone may be in danger") counted apart. */
export const reportsToday: TodayCounter[] = [
  tenantRowCounter({
    kind: 'reports.new-urgent',
    permission: 'reports.triage',
    href: '/console/reports',
    table: 'reports',
    where: "status = 'new' and urgent",
  }),
  tenantRowCounter({
    kind: 'reports.new',
    permission: 'reports.triage',
    href: '/console/reports',
    table: 'reports',
    where: "status = 'new' and not urgent",
  }),
];
