import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { listActivities, listClaims } from './peers.claims.ts';
import { getSupporter, listProgrammes, type PeersContext, selfSupporter } from './peers.registry.ts';
import { listShifts, swapsOpenTo } from './peers.shifts.ts';

const DAY_MS = 86_400_000;

/**
 * The signed-in supporter's page: their record, the active programmes, their shifts from a month back
 * to two months ahead, swaps they may take, their activities and claims.
 */
export async function supporterOverview(tx: Tx, ctx: PeersContext, actor: Actor, tenant: string) {
  const me = await selfSupporter(tx, tenant, actor);
  const now = ctx.clock.now();
  const from = new Date(now.getTime() - 31 * DAY_MS).toISOString().slice(0, 10);
  const to = new Date(now.getTime() + 62 * DAY_MS).toISOString().slice(0, 10);
  const swaps = await swapsOpenTo(tx, tenant, me.id);
  return {
    supporter: await getSupporter(tx, ctx, tenant, actor, me.id),
    programmes: (await listProgrammes(tx, tenant)).filter((p) => p.active),
    shifts: await listShifts(tx, tenant, { from, to, supporterId: me.id }),
    swapsOpenToMe: swaps.map((s) => ({
      ...s,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
    })),
    activities: await listActivities(tx, ctx, tenant, me.id),
    claims: await listClaims(tx, tenant, { supporterId: me.id }),
  };
}
