import type { TodayItem } from '../../../shared/contracts/console.ts';
import { hasPermission } from '../../../shared/permissions.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { TodayCounter } from '../../platform/access/today.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/client.ts';
import { agenciesToday } from '../agencies/index.ts';
import { consultationsToday } from '../consultations/index.ts';
import { eventsToday } from '../events/index.ts';
import { returnsToday } from '../insights/index.ts';
import { casesToday } from '../knowledge/index.ts';
import { paymentsToday } from '../payments/index.ts';
import { peersToday } from '../peers/index.ts';
import { placesToday } from '../places/index.ts';
import { reportsToday } from '../reports/index.ts';
import { subsidiesToday } from '../subsidies/index.ts';
import { supportToday } from '../support/index.ts';

/** Every kind of waiting work, in the order a home page lists it: people first, then paperwork. */
export const TODAY_COUNTERS: readonly TodayCounter[] = [
  ...reportsToday,
  ...consultationsToday,
  ...supportToday,
  ...agenciesToday,
  ...peersToday,
  ...eventsToday,
  ...placesToday,
  ...subsidiesToday,
  ...paymentsToday,
  ...returnsToday,
  ...casesToday,
];

/** The caller's counts, for the counters its roles may see (zero counts included: "nothing waiting"). */
export async function todayFor(tx: Tx, actor: Actor, clock: Clock): Promise<TodayItem[]> {
  const items: TodayItem[] = [];
  for (const counter of TODAY_COUNTERS) {
    if (!hasPermission(actor.roles, counter.permission)) continue;
    if (counter.needsTenant && !actor.tenant) continue;
    const count = await counter.count(tx, { actor, tenant: actor.tenant, clock });
    items.push({ kind: counter.kind, count, href: counter.href });
  }
  return items;
}
