import { type TodayCounter, tenantRowCounter } from '../../platform/access/today.ts';

/** Anonymous consultations waiting for a reply (the oldest first on the queue page). */
export const consultationsToday: TodayCounter[] = [
  tenantRowCounter({
    kind: 'consultations.waiting',
    permission: 'consultations.respond',
    href: '/console/consultations',
    table: 'consultations',
    where: "status = 'open' and awaiting_reply_since is not null",
  }),
];
