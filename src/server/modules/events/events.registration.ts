import { and, asc, eq, sql } from 'drizzle-orm';
import type { PublicRegistration, RegisterResult } from '../../../shared/contracts/events.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import { normalizeCode } from '../../platform/text/codes.ts';
import {
  cancelCodeHash,
  newRegistrationCodes,
  newRegistrationToken,
  parseRegistrationToken,
  REGISTRATION_CODE_LENGTH,
  receiptNumberTaken,
} from './events.codes.ts';
import { eventsError } from './events.errors.ts';
import {
  chooseSessions,
  isRegistrationOpen,
  isSeatCancellable,
  mayCancelSeat,
  mayPromote,
  seatsFit,
} from './events.policy.ts';
import {
  type EventRow,
  type EventsContext,
  open,
  type RegistrationRow,
  type SessionRow,
  seal,
  sessionLabel,
  sessionsOf,
  sessionWhenJa,
} from './events.present.ts';
import type { RegisterBody } from './events.schema.ts';
import { eventRegistrationSessions, eventRegistrations, eventSessions, events } from './events.tables.ts';

/** Registration without an account, the waiting list, and cancelling by a person (link or codes). */

/** The session row, locked: every seat decision for a session happens under this lock. */
async function lockSession(tx: Tx, tenant: string, sessionId: string): Promise<SessionRow> {
  const [s] = await tx
    .select()
    .from(eventSessions)
    .where(and(eq(eventSessions.municipalityCode, tenant), eq(eventSessions.id, sessionId)))
    .for('update');
  if (!s) throw notFound();
  return s;
}

/**
 * Registers `body.people` people for every open session of the event (or the chosen ones). Each
 * session is decided under its row lock, in session order (so two registrations never deadlock): a
 * seat if the people fit, else the waiting list. Must run in the event's tenant transaction.
 */
export async function register(
  tx: Tx,
  ctx: EventsContext,
  event: EventRow,
  body: RegisterBody,
): Promise<{ id: string; result: RegisterResult }> {
  const now = ctx.clock.now();
  const all = (await sessionsOf(tx, [event.id])).get(event.id) ?? [];
  const choice = chooseSessions(
    all.filter((s) => isRegistrationOpen(event, s, now)),
    body.sessionIds,
  );
  if (!choice.allowed) throw eventsError(409, `events_${choice.reason}`);
  const chosen = choice.sessions;

  const token = newRegistrationToken(event.municipalityCode);
  const parsed = parseRegistrationToken(token)!;
  let codes = newRegistrationCodes();
  while (await receiptNumberTaken(tx, event.municipalityCode, codes.receiptNumber))
    codes = newRegistrationCodes();
  const [registration] = await tx
    .insert(eventRegistrations)
    .values({
      municipalityCode: event.municipalityCode,
      eventId: event.id,
      nickname: seal(ctx, body.nickname, 'nickname'),
      people: body.people,
      contactEmail: body.email ? seal(ctx, body.email, 'contactEmail') : null,
      contactPhone: body.phone ? seal(ctx, body.phone, 'contactPhone') : null,
      needs: body.needs ? seal(ctx, body.needs, 'needs') : null,
      nameConsent: body.nameConsent,
      tokenHash: parsed.hash,
      receiptNumber: codes.receiptNumber,
      cancelCodeHash: cancelCodeHash(
        event.municipalityCode,
        codes.receiptNumber,
        normalizeCode(codes.cancelCode, REGISTRATION_CODE_LENGTH)!,
      ),
      createdAt: now,
    })
    .returning();

  for (const picked of chosen) {
    let s = await lockSession(tx, event.municipalityCode, picked.id);
    // Free seats go to those already waiting first, in order, each party that fits (promoteWaitlist
    // keeps that true after every change; this also settles a session left otherwise by older code).
    if (s.waitlistedPeople > 0 && (event.capacity === null || s.confirmedPeople < event.capacity)) {
      await promoteWaitlist(tx, ctx, event, s.id);
      s = await lockSession(tx, event.municipalityCode, picked.id);
    }
    // Whoever still waits does not fit the free seats: a newcomer who fits takes them, one who does
    // not fit queues behind (issue 19: a large group must not hold free seats for nobody).
    const confirmed = seatsFit(event.capacity, s.confirmedPeople, body.people);
    await tx.insert(eventRegistrationSessions).values({
      registrationId: registration!.id,
      sessionId: s.id,
      municipalityCode: event.municipalityCode,
      people: body.people,
      status: confirmed ? 'confirmed' : 'waitlisted',
      queuedAt: now,
    });
    await tx
      .update(eventSessions)
      .set(
        confirmed
          ? { confirmedPeople: sql`${eventSessions.confirmedPeople} + ${body.people}` }
          : { waitlistedPeople: sql`${eventSessions.waitlistedPeople} + ${body.people}` },
      )
      .where(and(eq(eventSessions.municipalityCode, event.municipalityCode), eq(eventSessions.id, s.id)));
  }

  if (body.email) {
    const seats = await registrationSessions(tx, event, registration!, now);
    await enqueueMessage(tx, ctx, {
      kind: 'notice',
      municipalityCode: event.municipalityCode,
      recipient: body.email,
      templateKey: 'events.registration-received',
      subject: `【つながり】申し込みを受け付けました：${event.title}`.slice(0, 200),
      body: [
        `${event.title} への申し込みを受け付けました（${body.people}人）。`,
        '',
        ...seats.map(
          (s) =>
            `・${event.isSeries ? `第${s.seq}回 ` : ''}${sessionWhenJa(new Date(s.startsAt), new Date(s.endsAt))} ${
              s.status === 'confirmed' ? '参加できます' : `キャンセル待ち（${s.waitlistPosition}番目）`
            }`,
        ),
        '',
        `受付番号: ${codes.receiptNumber}`,
        `取り消し番号: ${codes.cancelCode}`,
        '',
        '行けなくなったときは、次のページで受付番号と取り消し番号を入力すると取り消せます。',
        `${ctx.config.publicUrl.replace(/\/$/, '')}/events/${event.id}/cancel`,
        '（申し込みのときに表示された確認・取り消しのページのリンクからもできます。）',
        event.contactName || event.contactPhone
          ? `お問い合わせ: ${[event.contactName, event.contactPhone].filter(Boolean).join(' ')}`
          : '',
      ]
        .filter((line, i, a) => line !== '' || a[i - 1] !== '')
        .join('\n'),
      idempotencyKey: `events.registration-received:${registration!.id}`,
    });
  }

  return {
    id: registration!.id,
    result: {
      token,
      receiptNumber: codes.receiptNumber,
      cancelCode: codes.cancelCode,
      eventId: event.id,
      people: body.people,
      sessions: await registrationSessions(tx, event, registration!, now),
    },
  };
}

/** Position on the waiting list: people ahead plus one, by queue order. */
export async function waitlistPositions(tx: Tx, sessionIds: string[]) {
  if (sessionIds.length === 0) return new Map<string, number>();
  const found = await rows<{ registration_id: string; session_id: string; position: number }>(
    tx,
    sql`select registration_id, session_id,
          row_number() over (partition by session_id order by queued_at, queue_seq)::int as position
        from event_registration_sessions
        where status = 'waitlisted' and session_id in (${sql.join(
          sessionIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  return new Map(found.map((r) => [`${r.registration_id}/${r.session_id}`, r.position]));
}

async function registrationSessions(tx: Tx, event: EventRow, registration: RegistrationRow, now: Date) {
  const seats = await tx
    .select({ seat: eventRegistrationSessions, session: eventSessions })
    .from(eventRegistrationSessions)
    .innerJoin(eventSessions, eq(eventSessions.id, eventRegistrationSessions.sessionId))
    .where(
      and(
        eq(eventRegistrationSessions.municipalityCode, registration.municipalityCode),
        eq(eventRegistrationSessions.registrationId, registration.id),
      ),
    )
    .orderBy(asc(eventSessions.seq));
  const positions = await waitlistPositions(
    tx,
    seats.map((s) => s.session.id),
  );
  return seats.map(({ seat, session }) => ({
    sessionId: session.id,
    seq: session.seq,
    topic: session.topic,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    sessionStatus: session.status,
    status: seat.status,
    waitlistPosition:
      seat.status === 'waitlisted' ? (positions.get(`${registration.id}/${session.id}`) ?? null) : null,
    cancellable: isSeatCancellable(seat, session, event, now),
  }));
}

/**
 * Offers free seats to the waiting list in order: each waiting party that fits the seats left gets
 * them, first come first served; a party that does not fit keeps its place in the queue without
 * blocking those after it (issue 19), and is offered seats as soon as enough are free. Each promoted
 * registrant with an e-mail address gets a notice through the outbox in the same transaction; the
 * others see it on their private link page.
 */
export async function promoteWaitlist(
  tx: Tx,
  ctx: EventsContext,
  event: EventRow,
  sessionId: string,
): Promise<string[]> {
  const now = ctx.clock.now();
  const tenant = event.municipalityCode;
  let s = await lockSession(tx, tenant, sessionId);
  if (!mayPromote(event, s, now)) return [];
  const waiting = await tx
    .select()
    .from(eventRegistrationSessions)
    .where(
      and(
        eq(eventRegistrationSessions.municipalityCode, tenant),
        eq(eventRegistrationSessions.sessionId, sessionId),
        eq(eventRegistrationSessions.status, 'waitlisted'),
      ),
    )
    .orderBy(asc(eventRegistrationSessions.queuedAt), asc(eventRegistrationSessions.queueSeq));
  const promoted: string[] = [];
  for (const seat of waiting) {
    if (event.capacity !== null && s.confirmedPeople >= event.capacity) break;
    if (!seatsFit(event.capacity, s.confirmedPeople, seat.people)) continue;
    await tx
      .update(eventRegistrationSessions)
      .set({ status: 'confirmed', promotedAt: now })
      .where(
        and(
          eq(eventRegistrationSessions.municipalityCode, tenant),
          eq(eventRegistrationSessions.registrationId, seat.registrationId),
          eq(eventRegistrationSessions.sessionId, sessionId),
        ),
      );
    const [updated] = await tx
      .update(eventSessions)
      .set({
        confirmedPeople: sql`${eventSessions.confirmedPeople} + ${seat.people}`,
        waitlistedPeople: sql`${eventSessions.waitlistedPeople} - ${seat.people}`,
      })
      .where(and(eq(eventSessions.municipalityCode, tenant), eq(eventSessions.id, sessionId)))
      .returning();
    s = updated!;
    promoted.push(seat.registrationId);
    const [registration] = await tx
      .select()
      .from(eventRegistrations)
      .where(
        and(eq(eventRegistrations.municipalityCode, tenant), eq(eventRegistrations.id, seat.registrationId)),
      );
    if (registration?.contactEmail) {
      await enqueueMessage(tx, ctx, {
        kind: 'notice',
        municipalityCode: event.municipalityCode,
        recipient: open(ctx, registration.contactEmail, 'contactEmail'),
        templateKey: 'events.waitlist-promoted',
        subject: `【つながり】キャンセル待ちから参加できるようになりました：${event.title}`.slice(0, 200),
        body: [
          `${sessionLabel(event, s)}（${sessionWhenJa(s.startsAt, s.endsAt)}）に空きが出たため、キャンセル待ちから参加できるようになりました（${seat.people}人）。`,
          '',
          '都合が悪くなったときは、申し込みのときに表示された「確認用リンク」から取り消してください。',
          event.contactName || event.contactPhone
            ? `お問い合わせ: ${[event.contactName, event.contactPhone].filter(Boolean).join(' ')}`
            : '',
        ]
          .filter(Boolean)
          .join('\n'),
        idempotencyKey: `events.waitlist-promoted:${seat.registrationId}:${sessionId}`,
      });
    }
  }
  return promoted;
}

export async function registrationByToken(tx: Tx, token: string) {
  const parsed = parseRegistrationToken(token);
  if (!parsed) return null;
  const [registration] = await tx
    .select()
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.municipalityCode, parsed.tenant),
        eq(eventRegistrations.tokenHash, parsed.hash),
      ),
    );
  if (!registration) return null;
  const [event] = await tx
    .select()
    .from(events)
    .where(and(eq(events.municipalityCode, parsed.tenant), eq(events.id, registration.eventId)));
  if (!event) return null;
  return { registration, event };
}

export const tenantOfToken = (token: string) => parseRegistrationToken(token)?.tenant ?? null;

export async function presentRegistration(
  tx: Tx,
  found: { registration: RegistrationRow; event: EventRow },
  now: Date,
): Promise<PublicRegistration> {
  const { registration, event } = found;
  return {
    event: {
      id: event.id,
      title: event.title,
      status: event.status,
      venueName: event.venueName,
      address: event.address,
      onlineNote: event.onlineNote,
      contactName: event.contactName,
      contactPhone: event.contactPhone,
    },
    people: registration.people,
    hasContact: registration.contactEmail !== null || registration.contactPhone !== null,
    sessions: await registrationSessions(tx, event, registration, now),
  };
}

/**
 * Cancels one session of a registration (private link) and, in the same transaction, offers the
 * freed seats to the waiting list.
 */
export async function cancelRegistrationSession(
  tx: Tx,
  ctx: EventsContext,
  found: { registration: RegistrationRow; event: EventRow },
  sessionId: string,
): Promise<{ promoted: string[] }> {
  const now = ctx.clock.now();
  const { registration, event } = found;
  const tenant = event.municipalityCode;
  const s = await lockSession(tx, tenant, sessionId);
  const [seat] = await tx
    .select()
    .from(eventRegistrationSessions)
    .where(
      and(
        eq(eventRegistrationSessions.municipalityCode, tenant),
        eq(eventRegistrationSessions.registrationId, registration.id),
        eq(eventRegistrationSessions.sessionId, sessionId),
      ),
    )
    .for('update');
  if (!seat) throw notFound();
  const cancellable = mayCancelSeat(seat, s, now);
  if (!cancellable.allowed) throw eventsError(409, `events_${cancellable.reason}`);
  await tx
    .update(eventRegistrationSessions)
    .set({ status: 'cancelled', cancelledAt: now })
    .where(
      and(
        eq(eventRegistrationSessions.municipalityCode, tenant),
        eq(eventRegistrationSessions.registrationId, registration.id),
        eq(eventRegistrationSessions.sessionId, sessionId),
      ),
    );
  await tx
    .update(eventSessions)
    .set(
      seat.status === 'confirmed'
        ? { confirmedPeople: sql`${eventSessions.confirmedPeople} - ${seat.people}` }
        : { waitlistedPeople: sql`${eventSessions.waitlistedPeople} - ${seat.people}` },
    )
    .where(and(eq(eventSessions.municipalityCode, tenant), eq(eventSessions.id, sessionId)));
  const promoted = seat.status === 'confirmed' ? await promoteWaitlist(tx, ctx, event, sessionId) : [];
  return { promoted };
}
