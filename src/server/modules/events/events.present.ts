import { asc, inArray } from 'drizzle-orm';
import type {
  PublicEvent,
  PublicEventSummary,
  PublicSession,
  StaffEvent,
} from '../../../shared/contracts/events.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { isRegistrationOpen, seatsLeft } from './events.policy.ts';
import {
  EVENT_ENCRYPTED_COLUMNS,
  eventOrganisers,
  type eventRegistrations,
  eventSessions,
  type events,
} from './events.tables.ts';

/**
 * What the events use cases share: the row types, the context they run in, the Japanese wording of
 * a session in messages, the sealing of a registrant's contact, and the shapes the routes answer with.
 */
export type EventRow = typeof events.$inferSelect;
export type SessionRow = typeof eventSessions.$inferSelect;
export type RegistrationRow = typeof eventRegistrations.$inferSelect;
export type OrganiserRow = typeof eventOrganisers.$inferSelect;

export type EventsContext = { clock: Clock; config: Pick<Config, 'publicUrl' | 'dataKeys'> };

// ── formatting for messages ────────────────────────────────────────────────────────────────────────

const WEEKDAY_JA = ['日', '月', '火', '水', '木', '金', '土'];

/** `12月5日（土）13:30〜15:30` in Tokyo time. */
export function sessionWhenJa(startsAt: Date, endsAt: Date): string {
  const s = new Date(startsAt.getTime() + 9 * 3_600_000);
  const e = new Date(endsAt.getTime() + 9 * 3_600_000);
  const hm = (d: Date) => `${d.getUTCHours()}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${s.getUTCMonth() + 1}月${s.getUTCDate()}日（${WEEKDAY_JA[s.getUTCDay()]}）${hm(s)}〜${hm(e)}`;
}

/** The Tokyo calendar date (YYYY-MM-DD) of an instant. */
export function tokyoDate(date: Date): string {
  return new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** The instant a Tokyo calendar date begins. */
export function tokyoMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+09:00`);
}

export const sessionLabel = (
  event: Pick<EventRow, 'isSeries' | 'title'>,
  s: Pick<SessionRow, 'seq' | 'topic'>,
) => (event.isSeries ? `${event.title} 第${s.seq}回${s.topic ? `「${s.topic}」` : ''}` : event.title);

// ── presenting ────────────────────────────────────────────────────────────────────────────────────

export const seal = (ctx: EventsContext, value: string, column: keyof typeof EVENT_ENCRYPTED_COLUMNS) =>
  encryptField(value, ctx.config.dataKeys, EVENT_ENCRYPTED_COLUMNS[column]);
export const open = (ctx: EventsContext, value: string, column: keyof typeof EVENT_ENCRYPTED_COLUMNS) =>
  decryptField(value, ctx.config.dataKeys, EVENT_ENCRYPTED_COLUMNS[column]);

function presentSession(event: EventRow, s: SessionRow, now: Date): PublicSession {
  return {
    id: s.id,
    seq: s.seq,
    topic: s.topic,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    status: s.status,
    seatsLeft: seatsLeft(event.capacity, s.confirmedPeople),
    waitlisted: s.waitlistedPeople,
    registrationOpen: isRegistrationOpen(event, s, now),
  };
}

export async function sessionsOf(tx: Tx, eventIds: string[]): Promise<Map<string, SessionRow[]>> {
  const map = new Map<string, SessionRow[]>();
  if (eventIds.length === 0) return map;
  const found = await tx
    .select()
    .from(eventSessions)
    .where(inArray(eventSessions.eventId, eventIds))
    .orderBy(asc(eventSessions.eventId), asc(eventSessions.seq));
  for (const s of found) {
    const list = map.get(s.eventId) ?? [];
    list.push(s);
    map.set(s.eventId, list);
  }
  return map;
}

export async function organisersOf(tx: Tx, ids: string[]): Promise<Map<string, OrganiserRow>> {
  if (ids.length === 0) return new Map();
  const found = await tx
    .select()
    .from(eventOrganisers)
    .where(inArray(eventOrganisers.id, [...new Set(ids)]));
  return new Map(found.map((o) => [o.id, o]));
}

export const presentOrganiser = (o: OrganiserRow | undefined) =>
  o ? { id: o.id, kind: o.kind, name: o.name } : { id: '', kind: 'tenant' as const, name: '' };

const areaNames = new Map<string, { municipalityName: string; prefectureName: string }>();
async function areaOf(tx: Tx, code: string) {
  let found = areaNames.get(code);
  if (!found) {
    const m = await getMunicipality(tx, code);
    found = { municipalityName: m.name, prefectureName: m.prefectureName };
    areaNames.set(code, found);
  }
  return found;
}

export async function presentSummary(
  tx: Tx,
  e: EventRow,
  sessions: SessionRow[],
  organiser: OrganiserRow | undefined,
  now: Date,
  from: Date,
): Promise<PublicEventSummary> {
  const next = sessions.find((s) => s.status === 'scheduled' && s.startsAt >= from) ?? null;
  return {
    id: e.id,
    municipalityCode: e.municipalityCode,
    ...(await areaOf(tx, e.municipalityCode)),
    kind: e.kind,
    isSeries: e.isSeries,
    title: e.title,
    audience: e.audience,
    delivery: e.delivery,
    venueName: e.venueName,
    feeYen: e.feeYen,
    capacity: e.capacity,
    status: e.status,
    organiser: presentOrganiser(organiser),
    sessionCount: sessions.length,
    nextSession: next ? presentSession(e, next, now) : null,
  };
}

export async function presentPublicEvent(tx: Tx, e: EventRow, now: Date): Promise<PublicEvent> {
  const sessions = (await sessionsOf(tx, [e.id])).get(e.id) ?? [];
  const organiser = (await organisersOf(tx, [e.organiserId])).get(e.organiserId);
  const summary = await presentSummary(tx, e, sessions, organiser, now, now);
  return {
    ...summary,
    titleKana: e.titleKana,
    titleEn: e.titleEn,
    description: e.description,
    address: e.address,
    addressDetail: e.addressDetail,
    location: e.lat !== null && e.lng !== null ? { lat: e.lat, lng: e.lng } : null,
    accessNote: e.accessNote,
    parkingNote: e.parkingNote,
    onlineNote: e.onlineNote,
    feeNote: e.feeNote,
    accessibility: e.accessibility,
    contactName: e.contactName,
    contactPhone: e.contactPhone,
    placeId: e.placeId,
    registrationOpen: sessions.some((s) => isRegistrationOpen(e, s, now)),
    sessions: sessions.map((s) => presentSession(e, s, now)),
  };
}

export function presentStaffEvent(
  e: EventRow,
  sessions: SessionRow[],
  organiser: OrganiserRow | undefined,
  now: Date,
): StaffEvent {
  return {
    id: e.id,
    municipalityCode: e.municipalityCode,
    organiserId: e.organiserId,
    organiser: presentOrganiser(organiser),
    kind: e.kind,
    isSeries: e.isSeries,
    title: e.title,
    titleKana: e.titleKana,
    titleEn: e.titleEn,
    description: e.description,
    audience: e.audience,
    delivery: e.delivery,
    placeId: e.placeId,
    venueName: e.venueName,
    address: e.address,
    addressDetail: e.addressDetail,
    location: e.lat !== null && e.lng !== null ? { lat: e.lat, lng: e.lng } : null,
    accessNote: e.accessNote,
    parkingNote: e.parkingNote,
    onlineNote: e.onlineNote,
    capacity: e.capacity,
    feeYen: e.feeYen,
    feeNote: e.feeNote,
    accessibility: e.accessibility,
    contactName: e.contactName,
    contactPhone: e.contactPhone,
    registrationClosesHoursBefore: e.registrationClosesHoursBefore,
    registrationOpen: e.registrationOpen,
    status: e.status,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    sessions: sessions.map((s) => ({
      ...presentSession(e, s, now),
      confirmedPeople: s.confirmedPeople,
      waitlistedPeople: s.waitlistedPeople,
      attendanceCount: s.attendanceCount,
      attendanceRecordedAt: s.attendanceRecordedAt?.toISOString() ?? null,
    })),
  };
}
