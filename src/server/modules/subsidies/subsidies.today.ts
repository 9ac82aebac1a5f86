import { type TodayCounter, tenantRowCounter } from '../../platform/access/today.ts';

/** Transport-subsidy applications to check and monthly claims waiting for 額の確定. */
export const subsidiesToday: TodayCounter[] = [
  tenantRowCounter({
    kind: 'subsidies.applications-to-check',
    permission: 'subsidies.review',
    href: '/console/subsidies',
    table: 'subsidy_applications',
    where: "status = 'submitted'",
  }),
  tenantRowCounter({
    kind: 'subsidies.claims-to-confirm',
    permission: 'subsidies.confirm',
    href: '/console/subsidies',
    table: 'subsidy_claims',
    where: "status = 'submitted'",
  }),
];
