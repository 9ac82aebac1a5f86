import { and, count, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { StaffEvent } from '../../../shared/contracts/events.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/list.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import { normalizeReading } from '../../platform/text/normalize.ts';
import { suggestReading } from '../../platform/text/reading.ts';
import { foldForSearch, searchTokens } from '../../platform/text/search.ts';
import { eventsError } from './events.errors.ts';
import { checkPlaceReference, managedEvent, managedOrganiserIds, organiserFor } from './events.organisers.ts';
import { isCurrentVersion, mayRemoveSession } from './events.policy.ts';
import {
  type EventRow,
  type EventsContext,
  open,
  organisersOf,
  presentOrganiser,
  presentStaffEvent,
  type SessionRow,
  sessionLabel,
  sessionsOf,
  sessionWhenJa,
} from './events.present.ts';
import { promoteWaitlist } from './events.registration.ts';
import type { CreateEventBody, StaffListQuery, UpdateEventBody } from './events.schema.ts';
import { eventRegistrationSessions, eventRegistrations, eventSessions, events } from './events.tables.ts';

/** Staff manage their events: create, edit (sessions, capacity, cancelling), read and list. */

async function withReading<T extends { title: string; titleKana: string }>(body: T): Promise<T> {
  if (body.titleKana) return body;
  return { ...body, titleKana: normalizeReading(await suggestReading(body.title)) };
}

/** The columns of an event row from a create (or full update) body: the service's and the demo seed's one mapping. */
export function eventRowOf(body: CreateEventBody) {
  return {
    organiserId: body.organiserId,
    kind: body.kind,
    isSeries: body.kind === 'family_study_series' || body.sessions.length > 1,
    title: body.title,
    titleKana: body.titleKana,
    titleEn: body.titleEn,
    description: body.description,
    audience: body.audience,
    delivery: body.delivery,
    placeId: body.placeId,
    venueName: body.venueName,
    address: body.address,
    addressDetail: body.addressDetail,
    lat: body.location?.lat ?? null,
    lng: body.location?.lng ?? null,
    accessNote: body.accessNote,
    parkingNote: body.parkingNote,
    onlineNote: body.onlineNote,
    capacity: body.capacity,
    feeYen: body.feeYen,
    feeNote: body.feeNote,
    accessibility: body.accessibility,
    contactName: body.contactName,
    contactPhone: body.contactPhone,
    registrationClosesHoursBefore: body.registrationClosesHoursBefore,
    registrationOpen: body.registrationOpen,
    status: body.status,
  };
}

/** Sessions are numbered by start time: 第1回 is always the earliest. */
function ordered<T extends { startsAt: string }>(sessions: T[]): T[] {
  return [...sessions].sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime());
}

export async function createEvent(
  tx: Tx,
  tenant: string,
  actor: Actor,
  input: CreateEventBody,
  now: Date,
): Promise<StaffEvent> {
  const body = await withReading(input);
  const organiser = await organiserFor(tx, tenant, actor, body.organiserId);
  await checkPlaceReference(tx, tenant, body.placeId);
  const [row] = await tx
    .insert(events)
    .values({
      municipalityCode: tenant,
      prefectureCode: tenant.slice(0, 2),
      ...eventRowOf(body),
      createdAt: now,
      createdBy: actor.accountId,
      updatedAt: now,
      updatedBy: actor.accountId,
    })
    .returning();
  const sessions = await tx
    .insert(eventSessions)
    .values(
      ordered(body.sessions).map((s, i) => ({
        municipalityCode: tenant,
        eventId: row!.id,
        seq: i + 1,
        topic: s.topic,
        startsAt: new Date(s.startsAt),
        endsAt: new Date(s.endsAt),
        status: s.status,
      })),
    )
    .returning();
  return presentStaffEvent(row!, sessions, organiser, now);
}

export async function updateEvent(
  tx: Tx,
  ctx: EventsContext,
  tenant: string,
  actor: Actor,
  id: string,
  input: UpdateEventBody,
): Promise<StaffEvent> {
  const now = ctx.clock.now();
  const row = await managedEvent(tx, tenant, actor, id, true);
  const organiser = await organiserFor(tx, tenant, actor, input.organiserId);
  await checkPlaceReference(tx, tenant, input.placeId);
  const existing = (await sessionsOf(tx, [id])).get(id) ?? [];
  if (!isCurrentVersion(row.version, input.version))
    throw conflict({ current: presentStaffEvent(row, existing, organiser, now) });
  const body = await withReading(input);
  const keep = new Set(body.sessions.flatMap((s) => (s.id ? [s.id] : [])));
  for (const s of body.sessions) if (s.id && !existing.some((e) => e.id === s.id)) throw notFound();
  const removed = existing.filter((s) => !keep.has(s.id));
  for (const s of removed) {
    const removable = mayRemoveSession(s);
    if (!removable.allowed) throw eventsError(409, `events_${removable.reason}`);
    await tx
      .delete(eventSessions)
      .where(and(eq(eventSessions.municipalityCode, tenant), eq(eventSessions.id, s.id)));
  }
  // Renumber by start time; move kept sessions out of the way of the unique (event, seq) first.
  await tx
    .update(eventSessions)
    .set({ seq: sql`${eventSessions.seq} + 1000` })
    .where(and(eq(eventSessions.municipalityCode, tenant), eq(eventSessions.eventId, id)));
  const list = ordered(body.sessions);
  for (const [i, s] of list.entries()) {
    const values = {
      seq: i + 1,
      topic: s.topic,
      startsAt: new Date(s.startsAt),
      endsAt: new Date(s.endsAt),
      status: s.status,
    };
    if (s.id)
      await tx
        .update(eventSessions)
        .set(values)
        .where(and(eq(eventSessions.municipalityCode, tenant), eq(eventSessions.id, s.id)));
    else await tx.insert(eventSessions).values({ municipalityCode: tenant, eventId: id, ...values });
  }
  const [updated] = await tx
    .update(events)
    .set({ ...eventRowOf(body), version: row.version + 1, updatedAt: now, updatedBy: actor.accountId })
    .where(and(eq(events.municipalityCode, tenant), eq(events.id, id)))
    .returning();
  // More seats (or none limited) may let people off the waiting list.
  const after = (await sessionsOf(tx, [id])).get(id) ?? [];
  for (const s of after) {
    await promoteWaitlist(tx, ctx, updated!, s.id);
  }
  // People who signed up hear of a cancellation (the whole event, or one session) from the outbox.
  const eventCancelled = row.status !== 'cancelled' && updated!.status === 'cancelled';
  const wasScheduled = (id: string) => existing.find((e) => e.id === id)?.status === 'scheduled';
  const newlyCancelled = after.filter(
    (s) =>
      s.startsAt > now &&
      wasScheduled(s.id) &&
      ((eventCancelled && row.status === 'published') || s.status === 'cancelled'),
  );
  await notifyCancellation(tx, ctx, updated!, newlyCancelled);
  return presentStaffEvent(updated!, (await sessionsOf(tx, [id])).get(id) ?? [], organiser, now);
}

/** One notice per registrant with an e-mail address and a seat (or a place in line) in a cancelled session. */
async function notifyCancellation(tx: Tx, ctx: EventsContext, event: EventRow, cancelled: SessionRow[]) {
  if (cancelled.length === 0) return;
  const seats = await tx
    .select({ seat: eventRegistrationSessions, email: eventRegistrations.contactEmail })
    .from(eventRegistrationSessions)
    .innerJoin(eventRegistrations, eq(eventRegistrations.id, eventRegistrationSessions.registrationId))
    .where(
      and(
        eq(eventRegistrationSessions.municipalityCode, event.municipalityCode),
        inArray(
          eventRegistrationSessions.sessionId,
          cancelled.map((s) => s.id),
        ),
        inArray(eventRegistrationSessions.status, ['confirmed', 'waitlisted']),
      ),
    );
  const byRegistration = new Map<string, { email: string | null; sessions: SessionRow[] }>();
  for (const { seat, email } of seats) {
    const entry = byRegistration.get(seat.registrationId) ?? { email, sessions: [] };
    entry.sessions.push(cancelled.find((s) => s.id === seat.sessionId)!);
    byRegistration.set(seat.registrationId, entry);
  }
  for (const [registrationId, { email, sessions }] of byRegistration) {
    if (!email) continue;
    await enqueueMessage(tx, ctx, {
      kind: 'notice',
      municipalityCode: event.municipalityCode,
      recipient: open(ctx, email, 'contactEmail'),
      templateKey: 'events.session-cancelled',
      subject: `【つながり】中止のお知らせ：${event.title}`.slice(0, 200),
      body: [
        '申し込みいただいた次の日程は、中止になりました。',
        ...sessions
          .sort((a, b) => a.seq - b.seq)
          .map((s) => `・${sessionLabel(event, s)}（${sessionWhenJa(s.startsAt, s.endsAt)}）`),
        '',
        event.contactName || event.contactPhone
          ? `お問い合わせ: ${[event.contactName, event.contactPhone].filter(Boolean).join(' ')}`
          : '',
      ]
        .filter((line, i, a) => line !== '' || a[i - 1] !== '')
        .join('\n')
        .trim(),
      idempotencyKey: `events.session-cancelled:${registrationId}:${sessions
        .map((s) => s.id)
        .sort()
        .join(',')
        .slice(0, 150)}`,
    });
  }
}

export async function getStaffEvent(tx: Tx, tenant: string, actor: Actor, id: string, now: Date) {
  const row = await managedEvent(tx, tenant, actor, id);
  const sessions = (await sessionsOf(tx, [id])).get(id) ?? [];
  const organiser = (await organisersOf(tx, [row.organiserId])).get(row.organiserId);
  return presentStaffEvent(row, sessions, organiser, now);
}

const StaffCursor = z.object({ c: z.iso.datetime({ offset: true }), i: z.uuid() });

export async function listStaffEvents(tx: Tx, tenant: string, actor: Actor, query: StaffListQuery) {
  const scope = await managedOrganiserIds(tx, actor);
  const filters: (SQL | undefined)[] = [eq(events.municipalityCode, tenant)];
  if (scope !== 'all') {
    if (scope.length === 0) return { items: [], total: 0, nextCursor: null };
    filters.push(inArray(events.organiserId, scope));
  }
  if (query.status) filters.push(eq(events.status, query.status));
  if (query.organiser) filters.push(eq(events.organiserId, query.organiser));
  const where = and(...filters);
  if (query.q || (query.sort && query.sort !== 'created'))
    return listStaffEventsInMemory(tx, where, query.q ?? '', query.sort ?? 'created', query);
  const after = decodeCursor(query.cursor, StaffCursor);
  const found = await tx
    .select()
    .from(events)
    .where(
      and(
        where,
        after
          ? or(
              sql`${events.createdAt} < ${after.c}::timestamptz`,
              and(sql`${events.createdAt} = ${after.c}::timestamptz`, sql`${events.id} < ${after.i}::uuid`),
            )
          : undefined,
      ),
    )
    .orderBy(desc(events.createdAt), desc(events.id))
    .limit(query.limit + 1);
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(events).where(where);
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await staffSummaries(tx, page),
    total,
    nextCursor:
      found.length > query.limit && last
        ? encodeCursor({ c: last.createdAt.toISOString(), i: last.id })
        : null,
  };
}

async function staffSummaries(tx: Tx, page: EventRow[]) {
  const sessions = await sessionsOf(
    tx,
    page.map((e) => e.id),
  );
  const organisers = await organisersOf(
    tx,
    page.map((e) => e.organiserId),
  );
  return page.map((e) => {
    const list = sessions.get(e.id) ?? [];
    return {
      id: e.id,
      kind: e.kind,
      isSeries: e.isSeries,
      title: e.title,
      status: e.status,
      organiser: presentOrganiser(organisers.get(e.organiserId)),
      sessionCount: list.length,
      firstStartsAt: list[0]?.startsAt.toISOString() ?? null,
      lastStartsAt: list.at(-1)?.startsAt.toISOString() ?? null,
      confirmedPeople: list.reduce((n, s) => n + s.confirmedPeople, 0),
      waitlistedPeople: list.reduce((n, s) => n + s.waitlistedPeople, 0),
      version: e.version,
    };
  });
}

const StaffOffsetCursor = z.object({ o: z.number().int().min(0) });

/**
 * Filtered by words or ordered other than by creation: a tenant's (or an association's) events are
 * hundreds at most, so they are matched and ordered here, then paged by offset.
 */
async function listStaffEventsInMemory(
  tx: Tx,
  where: SQL | undefined,
  q: string,
  sort: 'created' | 'date' | 'title',
  query: { limit: number; cursor?: string | undefined },
) {
  const all = await tx.select().from(events).where(where);
  const summaries = await staffSummaries(tx, all);
  const created = new Map(all.map((e) => [e.id, e.createdAt.getTime()]));
  const tokens = searchTokens(q);
  const fold = (text: string) => foldForSearch(text).replace(/\s+/g, '');
  const matched = summaries.filter((e) => {
    const names = [fold(e.title), fold(e.organiser.name)];
    return tokens.every((t) => {
      const word = t.text.replace(/\s+/g, '');
      return names.some((n) => n.includes(word));
    });
  });
  const collator = new Intl.Collator('ja');
  const byCreated = (a: { id: string }, b: { id: string }) =>
    created.get(b.id)! - created.get(a.id)! || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  matched.sort((a, b) => {
    let order = 0;
    if (sort === 'title') order = collator.compare(a.title, b.title);
    // No session yet: last (nothing to attend).
    else if (sort === 'date') order = (a.firstStartsAt ?? '9999').localeCompare(b.firstStartsAt ?? '9999');
    return order || byCreated(a, b);
  });
  const offset = decodeCursor(query.cursor, StaffOffsetCursor)?.o ?? 0;
  const next = offset + query.limit;
  return {
    items: matched.slice(offset, next),
    total: matched.length,
    nextCursor: next < matched.length ? encodeCursor({ o: next }) : null,
  };
}
