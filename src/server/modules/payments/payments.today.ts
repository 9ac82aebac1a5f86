import { type TodayCounter, tenantRowCounter } from '../../platform/access/today.ts';

/** Payment batches to approve (draft) and approved batches whose 全銀 file is not yet exported. */
export const paymentsToday: TodayCounter[] = [
  tenantRowCounter({
    kind: 'payments.batches-to-approve',
    permission: 'payments.manage',
    href: '/console/payments',
    table: 'payment_batches',
    where: "status = 'draft'",
  }),
  tenantRowCounter({
    kind: 'payments.batches-to-export',
    permission: 'payments.manage',
    href: '/console/payments',
    table: 'payment_batches',
    where: "status = 'approved'",
  }),
];
