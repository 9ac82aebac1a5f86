import { sql } from 'drizzle-orm';
import { countOf, type TodayCounter } from '../../platform/access/today.ts';

/** Payment batches to approve (draft) and approved batches whose 全銀 file is not yet exported. */
export const paymentsToday: TodayCounter[] = [
  {
    kind: 'payments.batches-to-approve',
    permission: 'payments.manage',
    href: '/console/payments',
    needsTenant: true,
    count: (tx, { tenant }) =>
      countOf(
        tx,
        sql`select count(*)::int as n from payment_batches where municipality_code = ${tenant} and status = 'draft'`,
      ),
  },
  {
    kind: 'payments.batches-to-export',
    permission: 'payments.manage',
    href: '/console/payments',
    needsTenant: true,
    count: (tx, { tenant }) =>
      countOf(
        tx,
        sql`select count(*)::int as n from payment_batches where municipality_code = ${tenant} and status = 'approved'`,
      ),
  },
];
