/**
 * The staff's lists: the municipality's entries (filtered, sorted, paged) and one entry's history;
 * and the check other modules make that a place they were given is the tenant's own.
 */
import { and, asc, count, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { StaffPlace } from '../../../shared/contracts/places.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../../platform/http/list.ts';
import { type PlaceRow, presentStaff, verificationCutoff } from './places.content.ts';
import type { StaffListQuery } from './places.schema.ts';
import { keywordCondition, OffsetCursor } from './places.search.ts';
import { placeRevisions, places } from './places.tables.ts';

export async function listPlaces(
  tx: Tx,
  tenant: string,
  actor: Actor,
  query: StaffListQuery,
  now: Date,
): Promise<ListResult<StaffPlace>> {
  const filters: (SQL | undefined)[] = [eq(places.municipalityCode, tenant)];
  if (query.kind) filters.push(eq(places.kind, query.kind));
  if (query.publication) filters.push(eq(places.publication, query.publication));
  if (query.status) filters.push(eq(places.status, query.status));
  if (query.stale) {
    filters.push(sql`${places.status} <> 'closed'`);
    filters.push(or(sql`${places.verifiedOn} is null`, lt(places.verifiedOn, verificationCutoff(now))));
  }
  if (query.q)
    filters.push(
      keywordCondition(query.q, { text: sql`${places.searchText}`, reading: sql`${places.searchReading}` }),
    );
  const where = and(...filters);
  const offset = decodeCursor(query.cursor, OffsetCursor)?.o ?? 0;
  const found = await tx
    .select()
    .from(places)
    .where(where)
    .orderBy(
      ...(query.sort === 'verified'
        ? [sql`${places.verifiedOn} asc nulls first`, asc(places.nameKana), asc(places.id)]
        : query.sort === 'updated'
          ? [desc(places.updatedAt), asc(places.id)]
          : [asc(places.nameKana), asc(places.id)]),
    )
    .limit(query.limit + 1)
    .offset(offset);
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(places).where(where);
  return {
    items: found.slice(0, query.limit).map((r) => presentStaff(r, actor, now)),
    total,
    nextCursor: found.length > query.limit ? encodeCursor({ o: offset + query.limit }) : null,
  };
}

export async function placeHistory(tx: Tx, tenant: string, id: string, limit: number, cursor?: string) {
  await getPlaceRow(tx, tenant, id);
  const after = decodeCursor(cursor, z.object({ i: z.number().int() }));
  const found = await tx
    .select()
    .from(placeRevisions)
    .where(
      and(
        eq(placeRevisions.municipalityCode, tenant),
        eq(placeRevisions.placeId, id),
        after ? lt(placeRevisions.id, after.i) : undefined,
      ),
    )
    .orderBy(desc(placeRevisions.id))
    // One more than the page, to know the content before the oldest item shown.
    .limit(limit + 2);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: count() })
    .from(placeRevisions)
    .where(and(eq(placeRevisions.municipalityCode, tenant), eq(placeRevisions.placeId, id)));
  const page = found.slice(0, limit);
  const items = page.map((rev, i) => {
    const previous = found[i + 1];
    const changedFields = previous
      ? Object.keys({ ...rev.content, ...previous.content })
          .filter(
            (k) =>
              JSON.stringify((rev.content as Record<string, unknown>)[k]) !==
              JSON.stringify((previous.content as Record<string, unknown>)[k]),
          )
          .sort()
      : [];
    return {
      id: rev.id,
      version: rev.version,
      action: rev.action,
      actorAccountId: rev.actorAccountId,
      at: rev.at.toISOString(),
      comment: rev.comment,
      changedFields,
    };
  });
  const last = page.at(-1);
  return {
    items,
    total,
    nextCursor: found.length > limit && last ? encodeCursor({ i: last.id }) : null,
  };
}

async function getPlaceRow(tx: Tx, tenant: string, id: string): Promise<PlaceRow> {
  const [row] = await tx
    .select()
    .from(places)
    .where(and(eq(places.municipalityCode, tenant), eq(places.id, id)));
  if (!row) throw notFound();
  return row;
}

/**
 * Whether `id` is a place of `tenant` (any publication state): other modules check a reference they
 * were given (an organiser's or an event's place) before they store it. Tenant filter explicit.
 */
export async function isPlaceOfTenant(tx: Tx, tenant: string, id: string): Promise<boolean> {
  const [found] = await tx
    .select({ id: places.id })
    .from(places)
    .where(and(eq(places.municipalityCode, tenant), eq(places.id, id)));
  return found !== undefined;
}
