import { and, eq, sql } from 'drizzle-orm';
import { rows, type Tx } from '../../platform/db/client.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import {
  type EventsContext,
  open,
  sessionLabel,
  sessionWhenJa,
  tokyoDate,
  tokyoMidnight,
} from './events.present.ts';
import { eventRegistrationSessions, eventRegistrations, eventSessions, events } from './events.tables.ts';

/** The day-before reminders (the due job in events.jobs.ts). */

/** Tenants with sessions tomorrow (Tokyo) that still have unreminded confirmed seats with contact. */
export async function tenantsWithRemindersDue(tx: Tx, now: Date): Promise<string[]> {
  const { start, end } = tomorrowWindow(now);
  const found = await rows<{ municipality_code: string }>(
    tx,
    sql`select distinct s.municipality_code from event_sessions s
        join event_registration_sessions rs on rs.session_id = s.id
        where s.starts_at >= ${start.toISOString()} and s.starts_at < ${end.toISOString()}
          and s.status = 'scheduled' and rs.status = 'confirmed' and rs.reminded_at is null`,
  );
  return found.map((r) => r.municipality_code);
}

export function tomorrowWindow(now: Date): { start: Date; end: Date } {
  const today = tokyoMidnight(tokyoDate(now));
  return {
    start: new Date(today.getTime() + 24 * 3_600_000),
    end: new Date(today.getTime() + 48 * 3_600_000),
  };
}

/**
 * The day before (Asia/Tokyo) each session: one reminder per confirmed registration with an e-mail
 * address. Each seat is marked when its reminder is enqueued (and the outbox key is per seat), so a
 * second run sends nothing more.
 */
export async function sendReminders(tx: Tx, ctx: EventsContext, tenant: string): Promise<number> {
  const now = ctx.clock.now();
  const { start, end } = tomorrowWindow(now);
  const due = await tx
    .select({
      seat: eventRegistrationSessions,
      session: eventSessions,
      event: events,
      registration: eventRegistrations,
    })
    .from(eventRegistrationSessions)
    .innerJoin(eventSessions, eq(eventSessions.id, eventRegistrationSessions.sessionId))
    .innerJoin(events, eq(events.id, eventSessions.eventId))
    .innerJoin(eventRegistrations, eq(eventRegistrations.id, eventRegistrationSessions.registrationId))
    .where(
      and(
        eq(eventRegistrationSessions.municipalityCode, tenant),
        eq(eventRegistrationSessions.status, 'confirmed'),
        sql`${eventRegistrationSessions.remindedAt} is null`,
        eq(eventSessions.status, 'scheduled'),
        eq(events.status, 'published'),
        sql`${eventSessions.startsAt} >= ${start.toISOString()}`,
        sql`${eventSessions.startsAt} < ${end.toISOString()}`,
      ),
    )
    .for('update', { of: eventRegistrationSessions, skipLocked: true });
  let sent = 0;
  for (const { seat, session, event, registration } of due) {
    if (registration.contactEmail) {
      const where = [event.venueName, event.address, event.addressDetail].filter(Boolean).join(' ');
      await enqueueMessage(tx, ctx, {
        kind: 'notice',
        municipalityCode: tenant,
        recipient: open(ctx, registration.contactEmail, 'contactEmail'),
        templateKey: 'events.reminder-day-before',
        subject: `【つながり】明日の催しのお知らせ：${event.title}`.slice(0, 200),
        body: [
          `明日は ${sessionLabel(event, session)} の日です。`,
          `日時: ${sessionWhenJa(session.startsAt, session.endsAt)}`,
          where ? `場所: ${where}` : '',
          event.delivery !== 'in_person' && event.onlineNote ? `オンライン: ${event.onlineNote}` : '',
          `人数: ${seat.people}人`,
          '',
          '行けなくなったときは、申し込みのときに表示された「確認用リンク」から取り消してください。',
          '来られなくても大丈夫です。またの機会をお待ちしています。',
          event.contactName || event.contactPhone
            ? `お問い合わせ: ${[event.contactName, event.contactPhone].filter(Boolean).join(' ')}`
            : '',
        ]
          .filter((line, i, a) => line !== '' || a[i - 1] !== '')
          .join('\n')
          .trim(),
        idempotencyKey: `events.reminder:${seat.registrationId}:${seat.sessionId}`,
      });
      sent++;
    }
    await tx
      .update(eventRegistrationSessions)
      .set({ remindedAt: now })
      .where(
        and(
          eq(eventRegistrationSessions.municipalityCode, tenant),
          eq(eventRegistrationSessions.registrationId, seat.registrationId),
          eq(eventRegistrationSessions.sessionId, seat.sessionId),
        ),
      );
  }
  return sent;
}
