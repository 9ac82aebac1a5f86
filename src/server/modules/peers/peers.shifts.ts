import { and, asc, eq, gte, inArray, isNull, lt, ne, or } from 'drizzle-orm';
import type { Shift } from '../../../shared/contracts/peers.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { getPublicPlace } from '../places/index.ts';
import { PEERS_FIELD, peersError, peersFieldError } from './peers.errors.ts';
import { mayAcceptSwap, mayRequestSwap, mayScheduleShift } from './peers.policy.ts';
import { type PeersContext, supporterRow } from './peers.registry.ts';
import { peerShiftSwaps, peerShifts, peerSupporters } from './peers.tables.ts';

/**
 * Shifts at the town's published places and the swaps between colleagues (issue 9 part 2).
 */

export type ShiftView = Shift;

async function placeName(tx: Tx, tenant: string, placeId: string): Promise<string> {
  try {
    const place = await getPublicPlace(tx, placeId);
    if (place.municipalityCode !== tenant) throw notFound();
    return place.name;
  } catch (error) {
    if (error instanceof AppError && error.status === 404)
      throw peersError(400, 'peers_place_not_published', '/placeId');
    throw error;
  }
}

export async function createShift(
  tx: Tx,
  ctx: PeersContext,
  actor: Actor,
  tenant: string,
  input: { supporterId: string; placeId: string; startsAt: string; endsAt: string },
): Promise<{ id: string }> {
  const supporter = await supporterRow(tx, tenant, input.supporterId).catch(() => {
    throw peersFieldError('/supporterId', PEERS_FIELD.noSuchSupporter);
  });
  const decision = mayScheduleShift({ supporterStatus: supporter.status, ...input });
  if (!decision.allowed && decision.reason === 'supporter_not_active')
    throw peersFieldError('/supporterId', PEERS_FIELD.activeSupporter);
  await placeName(tx, tenant, input.placeId);
  if (!decision.allowed) throw peersFieldError('/endsAt', PEERS_FIELD.endAfterStart);
  const [row] = await tx
    .insert(peerShifts)
    .values({
      municipalityCode: tenant,
      supporterId: input.supporterId,
      placeId: input.placeId,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      createdBy: actor.accountId,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: peerShifts.id });
  return row as { id: string };
}

export async function listShifts(
  tx: Tx,
  tenant: string,
  query: { from: string; to: string; supporterId?: string | undefined },
): Promise<ShiftView[]> {
  const found = await tx
    .select({ shift: peerShifts, name: peerSupporters.displayName })
    .from(peerShifts)
    .innerJoin(peerSupporters, eq(peerSupporters.id, peerShifts.supporterId))
    .where(
      and(
        eq(peerShifts.municipalityCode, tenant),
        gte(peerShifts.startsAt, new Date(query.from)),
        lt(peerShifts.startsAt, new Date(query.to)),
        query.supporterId ? eq(peerShifts.supporterId, query.supporterId) : undefined,
      ),
    )
    .orderBy(asc(peerShifts.startsAt))
    .limit(500);
  const swaps = found.length
    ? await tx
        .select()
        .from(peerShiftSwaps)
        .where(
          and(
            eq(peerShiftSwaps.municipalityCode, tenant),
            eq(peerShiftSwaps.status, 'open'),
            inArray(
              peerShiftSwaps.shiftId,
              found.map((f) => f.shift.id),
            ),
          ),
        )
    : [];
  const names = new Map<string, string>();
  const out: ShiftView[] = [];
  for (const { shift, name } of found) {
    if (!names.has(shift.placeId)) {
      const place = await getPublicPlace(tx, shift.placeId).catch(() => null);
      names.set(shift.placeId, place?.name ?? '（公開終了）');
    }
    const swap = swaps.find((s) => s.shiftId === shift.id);
    out.push({
      id: shift.id,
      supporterId: shift.supporterId,
      supporterName: name,
      placeId: shift.placeId,
      placeName: names.get(shift.placeId) as string,
      startsAt: shift.startsAt.toISOString(),
      endsAt: shift.endsAt.toISOString(),
      status: shift.status,
      openSwap: swap
        ? { id: swap.id, fromSupporterId: swap.fromSupporterId, toSupporterId: swap.toSupporterId }
        : null,
    });
  }
  return out;
}

export async function cancelShift(tx: Tx, tenant: string, id: string): Promise<void> {
  const updated = await tx
    .update(peerShifts)
    .set({ status: 'cancelled' })
    .where(and(eq(peerShifts.municipalityCode, tenant), eq(peerShifts.id, id)))
    .returning({ id: peerShifts.id });
  if (updated.length === 0) throw notFound();
  await tx
    .update(peerShiftSwaps)
    .set({ status: 'withdrawn' })
    .where(
      and(
        eq(peerShiftSwaps.municipalityCode, tenant),
        eq(peerShiftSwaps.shiftId, id),
        eq(peerShiftSwaps.status, 'open'),
      ),
    );
}

/** A supporter asks a colleague (or anyone) to take one of their scheduled shifts. */
export async function requestSwap(
  tx: Tx,
  ctx: PeersContext,
  tenant: string,
  supporterId: string,
  shiftId: string,
  toSupporterId: string | null,
): Promise<{ id: string }> {
  const [shift] = await tx
    .select()
    .from(peerShifts)
    .where(
      and(
        eq(peerShifts.municipalityCode, tenant),
        eq(peerShifts.id, shiftId),
        eq(peerShifts.supporterId, supporterId),
      ),
    );
  if (!shift) throw notFound();
  const to = toSupporterId
    ? ((await supporterRow(tx, tenant, toSupporterId).catch(() => null)) ?? 'unknown')
    : null;
  const decision = mayRequestSwap({ shiftStatus: shift.status, fromSupporterId: supporterId, to });
  if (!decision.allowed)
    throw decision.reason === 'swap_state'
      ? peersError(409, 'peers_swap_state')
      : peersFieldError('/toSupporterId', PEERS_FIELD.anotherColleague);
  const [row] = await tx
    .insert(peerShiftSwaps)
    .values({
      municipalityCode: tenant,
      shiftId,
      fromSupporterId: supporterId,
      toSupporterId,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: peerShiftSwaps.id })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw peersError(409, 'peers_swap_state');
      throw error;
    });
  return row as { id: string };
}

/** Open swap requests a supporter may accept: addressed to them or to anyone, not their own. */
export async function swapsOpenTo(tx: Tx, tenant: string, supporterId: string) {
  return tx
    .select({
      id: peerShiftSwaps.id,
      shiftId: peerShiftSwaps.shiftId,
      fromSupporterId: peerShiftSwaps.fromSupporterId,
      toSupporterId: peerShiftSwaps.toSupporterId,
      startsAt: peerShifts.startsAt,
      endsAt: peerShifts.endsAt,
      placeId: peerShifts.placeId,
    })
    .from(peerShiftSwaps)
    .innerJoin(peerShifts, eq(peerShifts.id, peerShiftSwaps.shiftId))
    .where(
      and(
        eq(peerShiftSwaps.municipalityCode, tenant),
        eq(peerShiftSwaps.status, 'open'),
        ne(peerShiftSwaps.fromSupporterId, supporterId),
        or(isNull(peerShiftSwaps.toSupporterId), eq(peerShiftSwaps.toSupporterId, supporterId)),
      ),
    )
    .orderBy(asc(peerShifts.startsAt));
}

/** The colleague takes the shift (or staff assign it to `takerId`). */
export async function acceptSwap(
  tx: Tx,
  ctx: PeersContext,
  actor: Actor,
  tenant: string,
  swapId: string,
  takerId: string,
): Promise<void> {
  const [swap] = await tx
    .select()
    .from(peerShiftSwaps)
    .where(and(eq(peerShiftSwaps.municipalityCode, tenant), eq(peerShiftSwaps.id, swapId)));
  if (!swap) throw notFound();
  const decision = mayAcceptSwap(swap, { id: takerId });
  if (!decision.allowed)
    throw decision.reason === 'swap_state' ? peersError(409, 'peers_swap_state') : notFound();
  const taker = await supporterRow(tx, tenant, takerId);
  if (taker.status !== 'active') throw peersError(409, 'peers_swap_state');
  await tx
    .update(peerShiftSwaps)
    .set({
      status: 'accepted',
      acceptedBy: actor.accountId,
      decidedAt: ctx.clock.now(),
      toSupporterId: takerId,
    })
    .where(and(eq(peerShiftSwaps.municipalityCode, tenant), eq(peerShiftSwaps.id, swapId)));
  await tx
    .update(peerShifts)
    .set({ supporterId: takerId })
    .where(and(eq(peerShifts.municipalityCode, tenant), eq(peerShifts.id, swap.shiftId)));
}
