import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/list.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import { getStaffEvent } from './events.manage.ts';
import { managedEvent } from './events.organisers.ts';
import { seatsLeft } from './events.policy.ts';
import { type EventsContext, open } from './events.present.ts';
import { waitlistPositions } from './events.registration.ts';
import { eventRegistrationSessions, eventRegistrations, eventSessions } from './events.tables.ts';

/** Staff and their events' registrants: the list (audited), attendance counts, messages. */

export async function listRegistrations(
  tx: Tx,
  ctx: EventsContext,
  tenant: string,
  actor: Actor,
  eventId: string,
  query: { limit: number; cursor?: string },
) {
  const event = await managedEvent(tx, tenant, actor, eventId);
  const Cursor = z.object({ c: z.iso.datetime({ offset: true }), i: z.uuid() });
  const after = decodeCursor(query.cursor, Cursor);
  const where = and(
    eq(eventRegistrations.municipalityCode, tenant),
    eq(eventRegistrations.eventId, event.id),
  );
  const found = await tx
    .select()
    .from(eventRegistrations)
    .where(
      and(
        where,
        after
          ? or(
              gt(eventRegistrations.createdAt, new Date(after.c)),
              and(
                eq(eventRegistrations.createdAt, new Date(after.c)),
                sql`${eventRegistrations.id} > ${after.i}::uuid`,
              ),
            )
          : undefined,
      ),
    )
    .orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
    .limit(query.limit + 1);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: count() })
    .from(eventRegistrations)
    .where(where);
  const page = found.slice(0, query.limit);
  const seats = page.length
    ? await tx
        .select({
          seat: eventRegistrationSessions,
          seq: eventSessions.seq,
          confirmedPeople: eventSessions.confirmedPeople,
        })
        .from(eventRegistrationSessions)
        .innerJoin(eventSessions, eq(eventSessions.id, eventRegistrationSessions.sessionId))
        .where(
          inArray(
            eventRegistrationSessions.registrationId,
            page.map((r) => r.id),
          ),
        )
        .orderBy(asc(eventSessions.seq))
    : [];
  const positions = await waitlistPositions(tx, [...new Set(seats.map((s) => s.seat.sessionId))]);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      nickname: open(ctx, r.nickname, 'nickname'),
      people: r.people,
      email: r.contactEmail ? open(ctx, r.contactEmail, 'contactEmail') : null,
      phone: r.contactPhone ? open(ctx, r.contactPhone, 'contactPhone') : null,
      needs: r.needs ? open(ctx, r.needs, 'needs') : '',
      nameConsent: r.nameConsent,
      createdAt: r.createdAt.toISOString(),
      sessions: seats
        .filter((s) => s.seat.registrationId === r.id)
        .map((s) => ({
          sessionId: s.seat.sessionId,
          seq: s.seq,
          status: s.seat.status,
          waitlistPosition:
            s.seat.status === 'waitlisted' ? (positions.get(`${r.id}/${s.seat.sessionId}`) ?? null) : null,
          // Why a party waits: the seats left, fewer than its people (the page says so in words).
          seatsLeft: seatsLeft(event.capacity, s.confirmedPeople),
        })),
    })),
    total,
    nextCursor:
      found.length > query.limit && last
        ? encodeCursor({ c: last.createdAt.toISOString(), i: last.id })
        : null,
    recordIds: page.map((r) => r.id),
  };
}

export async function recordAttendance(
  tx: Tx,
  tenant: string,
  actor: Actor,
  eventId: string,
  sessionId: string,
  attendance: number,
  now: Date,
) {
  const event = await managedEvent(tx, tenant, actor, eventId);
  const [s] = await tx
    .update(eventSessions)
    .set({ attendanceCount: attendance, attendanceRecordedAt: now, attendanceRecordedBy: actor.accountId })
    .where(
      and(
        eq(eventSessions.municipalityCode, tenant),
        eq(eventSessions.id, sessionId),
        eq(eventSessions.eventId, event.id),
      ),
    )
    .returning();
  if (!s) throw notFound();
  return getStaffEvent(tx, tenant, actor, eventId, now);
}

/**
 * A message from the organiser to registrants with an e-mail address (confirmed, and waitlisted when
 * asked), through the outbox. Registrants without an address are counted, not listed.
 */
export async function messageRegistrants(
  tx: Tx,
  ctx: EventsContext,
  tenant: string,
  actor: Actor,
  eventId: string,
  input: { subject: string; body: string; sessionId: string | null; includeWaitlisted: boolean },
) {
  const event = await managedEvent(tx, tenant, actor, eventId);
  const statuses = input.includeWaitlisted ? ['confirmed', 'waitlisted'] : ['confirmed'];
  const conditions: SQL[] = [
    eq(eventRegistrations.municipalityCode, tenant),
    eq(eventRegistrations.eventId, event.id),
    inArray(eventRegistrationSessions.status, statuses as Array<'confirmed' | 'waitlisted'>),
  ];
  if (input.sessionId) {
    const [s] = await tx
      .select({ id: eventSessions.id })
      .from(eventSessions)
      .where(
        and(
          eq(eventSessions.municipalityCode, tenant),
          eq(eventSessions.id, input.sessionId),
          eq(eventSessions.eventId, event.id),
        ),
      );
    if (!s) throw notFound();
    conditions.push(eq(eventRegistrationSessions.sessionId, input.sessionId));
  }
  const recipients = await tx
    .selectDistinct({ id: eventRegistrations.id, email: eventRegistrations.contactEmail })
    .from(eventRegistrations)
    .innerJoin(eventRegistrationSessions, eq(eventRegistrationSessions.registrationId, eventRegistrations.id))
    .where(and(...conditions));
  const messageId = randomBytes(8).toString('hex');
  let queued = 0;
  for (const r of recipients) {
    if (!r.email) continue;
    await enqueueMessage(tx, ctx, {
      kind: 'notice',
      municipalityCode: tenant,
      recipient: open(ctx, r.email, 'contactEmail'),
      templateKey: 'events.organiser-message',
      subject: `【${event.title.slice(0, 60)}】${input.subject}`.slice(0, 200),
      body: `${input.body}\n\n（${event.title} にお申し込みの方へ、主催者からのお知らせです）`,
      idempotencyKey: `events.organiser-message:${messageId}:${r.id}`,
    });
    queued++;
  }
  return { queued, withoutContact: recipients.length - queued, messageId };
}
