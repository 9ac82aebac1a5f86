import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Role } from '../../../shared/roles.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { AppError, conflict, fieldError, notFound, registerErrorMessages } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../../platform/http/list.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import { groupCode, normalizeCode, randomCode } from '../../platform/text/codes.ts';
import { normalizeReading } from '../../platform/text/normalize.ts';
import { suggestReading } from '../../platform/text/reading.ts';
import { relatedTerms } from '../../platform/text/related-words.ts';
import { foldForSearch, searchTokens } from '../../platform/text/search.ts';
import { isActiveAccountOfTenant } from '../accounts/index.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { isPlaceOfTenant } from '../places/index.ts';
import type {
  CreateEventBody,
  OrganiserBody,
  PublicEvent,
  PublicEventSummary,
  PublicListQuery,
  PublicRegistration,
  PublicSession,
  RegisterBody,
  RegisterResult,
  StaffEvent,
  StaffListQuery,
  UpdateEventBody,
} from './events.schema.ts';
import {
  EVENT_ENCRYPTED_COLUMNS,
  eventOrganiserMembers,
  eventOrganisers,
  eventRegistrationSessions,
  eventRegistrations,
  eventSessions,
  events,
} from './events.tables.ts';

registerErrorMessages({
  events_registration_closed: {
    title: { ja: 'この催しの申し込みは締め切りました', en: 'Registration for this event is closed' },
    detail: {
      ja: '申し込める日程がありません。主催者に直接お問い合わせください。',
      en: 'No session is open for registration. Please contact the organiser.',
    },
  },
  events_session_not_open: {
    title: { ja: '選んだ日程には申し込めません', en: 'A chosen session is not open for registration' },
  },
  events_organiser_unknown: {
    title: { ja: '主催者を選んでください', en: 'Choose an organiser you manage' },
  },
  events_session_removed: {
    title: {
      ja: '申し込みのある日程は削除できません',
      en: 'A session with registrations cannot be removed',
    },
    detail: { ja: '日程を「中止」にしてください。', en: 'Mark the session as cancelled instead.' },
  },
  events_registration_not_found: {
    title: { ja: '申し込みが見つかりません', en: 'Registration not found' },
    detail: {
      ja: 'リンクが正しいか確かめてください。',
      en: 'Check that the link is complete.',
    },
  },
  events_registration_code_not_found: {
    title: { ja: '申し込みが見つかりません', en: 'Registration not found' },
    detail: {
      ja: 'この催しの受付番号と取り消し番号を、申し込みのときの画面かメールのとおりに入力してください。',
      en: 'Enter the receipt number and the cancel code of this event as shown when you registered or in the e-mail.',
    },
  },
  events_already_cancelled: {
    title: { ja: 'この日程はすでに取り消されています', en: 'This session is already cancelled' },
  },
  events_session_started: {
    title: { ja: '始まった日程は取り消せません', en: 'A session that has started cannot be cancelled' },
  },
});

type EventRow = typeof events.$inferSelect;
type SessionRow = typeof eventSessions.$inferSelect;
type RegistrationRow = typeof eventRegistrations.$inferSelect;
type OrganiserRow = typeof eventOrganisers.$inferSelect;

export type EventsContext = { clock: Clock; config: Pick<Config, 'publicUrl' | 'dataKeys'> };

// ── private link tokens ─────────────────────────────────────────────────────────────────────────────

/**
 * `<tenant>-<32 base64url characters>` (192 random bits). The tenant part lets the lookup run in that
 * tenant's transaction (row-level security); only a SHA-256 of the random part is stored.
 */
const TOKEN_FORMAT = /^(\d{6})-([A-Za-z0-9_-]{32})$/;

export function newRegistrationToken(tenant: string): string {
  return `${tenant}-${randomBytes(24).toString('base64url')}`;
}

export function tokenHash(tenant: string, secret: string): string {
  return createHash('sha256').update(`tsunagari/events.registration/${tenant}/${secret}`).digest('hex');
}

export function parseRegistrationToken(token: string): { tenant: string; hash: string } | null {
  const match = TOKEN_FORMAT.exec(token.trim());
  if (!match) return null;
  return { tenant: match[1]!, hash: tokenHash(match[1]!, match[2]!) };
}

// ── 受付番号 and cancel code ─────────────────────────────────────────────────────────────────────────

/**
 * A registration also gets a 受付番号 (8 characters, not secret) and a short cancel code (取り消し番号,
 * 8 characters, 40 random bits) that together open it on the event's cancel page, for a person who
 * cannot copy a 60-character link. The code is stored only as a SHA-256 salted by tenant and 受付番号;
 * guessing online is bounded by the public form rate limit and by needing the right event and 受付番号.
 * What the pair opens is the same as the link: the seats and their cancelling, never the contact.
 */
export const REGISTRATION_CODE_LENGTH = 8;

export function newRegistrationCodes(): { receiptNumber: string; cancelCode: string } {
  return {
    receiptNumber: groupCode(randomCode(REGISTRATION_CODE_LENGTH)),
    cancelCode: groupCode(randomCode(REGISTRATION_CODE_LENGTH)),
  };
}

function cancelCodeHash(tenant: string, receiptNumber: string, canonicalCode: string): string {
  return createHash('sha256')
    .update(`tsunagari/events.cancel-code/${tenant}/${receiptNumber}/${canonicalCode}`)
    .digest('hex');
}

async function receiptNumberTaken(tx: Tx, tenant: string, receiptNumber: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.municipalityCode, tenant),
        eq(eventRegistrations.receiptNumber, receiptNumber),
      ),
    );
  return row !== undefined;
}

/** The registration a 受付番号 and cancel code open, for this event only; null for any miss. */
export async function registrationByCode(
  tx: Tx,
  event: EventRow,
  receiptInput: string,
  codeInput: string,
): Promise<{ registration: RegistrationRow; event: EventRow } | null> {
  const receipt = normalizeCode(receiptInput, REGISTRATION_CODE_LENGTH);
  const code = normalizeCode(codeInput, REGISTRATION_CODE_LENGTH);
  if (!receipt || !code) return null;
  const receiptNumber = groupCode(receipt);
  const [registration] = await tx
    .select()
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.municipalityCode, event.municipalityCode),
        eq(eventRegistrations.eventId, event.id),
        eq(eventRegistrations.receiptNumber, receiptNumber),
      ),
    );
  if (!registration?.cancelCodeHash) return null;
  const expected = Buffer.from(registration.cancelCodeHash, 'hex');
  const given = Buffer.from(cancelCodeHash(event.municipalityCode, receiptNumber, code), 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { registration, event };
}

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

const sessionLabel = (event: Pick<EventRow, 'isSeries' | 'title'>, s: Pick<SessionRow, 'seq' | 'topic'>) =>
  event.isSeries ? `${event.title} 第${s.seq}回${s.topic ? `「${s.topic}」` : ''}` : event.title;

// ── access: who manages which events ──────────────────────────────────────────────────────────────

/** Roles that manage every event of their tenant; others (family associations) only their organisers'. */
const TENANT_WIDE_ROLES: readonly Role[] = ['municipal_admin', 'consultation'];

export async function managedOrganiserIds(tx: Tx, actor: Actor): Promise<'all' | string[]> {
  if (actor.roles.some((r) => TENANT_WIDE_ROLES.includes(r))) return 'all';
  const found = await tx
    .select({ id: eventOrganiserMembers.organiserId })
    .from(eventOrganiserMembers)
    .where(eq(eventOrganiserMembers.accountId, actor.accountId));
  return found.map((f) => f.id);
}

const canManage = (scope: 'all' | string[], organiserId: string) =>
  scope === 'all' || scope.includes(organiserId);

export async function listOrganisers(tx: Tx, tenant: string, actor: Actor) {
  const scope = await managedOrganiserIds(tx, actor);
  const found = await tx
    .select()
    .from(eventOrganisers)
    .where(eq(eventOrganisers.municipalityCode, tenant))
    .orderBy(asc(eventOrganisers.name));
  const members = await tx
    .select()
    .from(eventOrganiserMembers)
    .where(eq(eventOrganiserMembers.municipalityCode, tenant));
  return {
    items: found
      .filter((o) => canManage(scope, o.id))
      .map((o) => ({
        id: o.id,
        kind: o.kind,
        name: o.name,
        placeId: o.placeId,
        memberAccountIds: members.filter((m) => m.organiserId === o.id).map((m) => m.accountId),
      })),
  };
}

/**
 * A place named by an organiser or an event must be a place of this tenant: another tenant's or a
 * made-up id is refused with 400 naming the field before anything is written.
 */
async function checkPlaceReference(tx: Tx, tenant: string, placeId: string | null | undefined) {
  if (placeId && !(await isPlaceOfTenant(tx, tenant, placeId)))
    throw fieldError(
      '/body/placeId',
      'この自治体の居場所を選んでください',
      'Choose a place of this municipality',
    );
}

/**
 * Organisers and their member accounts are set up by municipal administrators: a family association
 * becomes an organiser, and its accounts may then manage its events. Members must be accounts of this
 * tenant (another tenant's id is "not found").
 */
export async function saveOrganiser(tx: Tx, tenant: string, id: string | null, body: OrganiserBody) {
  if (id !== null) {
    const [found] = await tx
      .select({ id: eventOrganisers.id })
      .from(eventOrganisers)
      .where(and(eq(eventOrganisers.municipalityCode, tenant), eq(eventOrganisers.id, id)));
    if (!found) throw notFound();
  }
  await checkPlaceReference(tx, tenant, body.placeId);
  for (const accountId of body.memberAccountIds) {
    if (!(await isActiveAccountOfTenant(tx, tenant, accountId)))
      throw new AppError(400, 'validation_failed', {
        errors: [
          {
            pointer: '/body/memberAccountIds',
            message: {
              ja: 'この自治体のアカウントを選んでください',
              en: 'choose accounts of this municipality',
            },
          },
        ],
      });
  }
  let organiser: OrganiserRow;
  if (id === null) {
    const [created] = await tx
      .insert(eventOrganisers)
      .values({ municipalityCode: tenant, kind: body.kind, name: body.name, placeId: body.placeId })
      .returning();
    organiser = created!;
  } else {
    const [updated] = await tx
      .update(eventOrganisers)
      .set({ kind: body.kind, name: body.name, placeId: body.placeId })
      .where(and(eq(eventOrganisers.municipalityCode, tenant), eq(eventOrganisers.id, id)))
      .returning();
    if (!updated) throw notFound();
    organiser = updated;
    await tx.delete(eventOrganiserMembers).where(eq(eventOrganiserMembers.organiserId, id));
  }
  const members = [...new Set(body.memberAccountIds)];
  if (members.length)
    await tx
      .insert(eventOrganiserMembers)
      .values(
        members.map((accountId) => ({ organiserId: organiser.id, accountId, municipalityCode: tenant })),
      );
  return {
    id: organiser.id,
    kind: organiser.kind,
    name: organiser.name,
    placeId: organiser.placeId,
    memberAccountIds: members,
  };
}

async function organiserFor(tx: Tx, tenant: string, actor: Actor, organiserId: string) {
  const scope = await managedOrganiserIds(tx, actor);
  const [o] = await tx
    .select()
    .from(eventOrganisers)
    .where(and(eq(eventOrganisers.municipalityCode, tenant), eq(eventOrganisers.id, organiserId)));
  if (!o || !canManage(scope, o.id))
    throw new AppError(400, 'events_organiser_unknown', {
      errors: [
        {
          pointer: '/body/organiserId',
          message: { ja: '主催者を選んでください', en: 'choose an organiser' },
        },
      ],
    });
  return o;
}

/** The event if this actor manages it; another tenant's, or another association's, is "not found". */
async function managedEvent(tx: Tx, tenant: string, actor: Actor, id: string, lock = false) {
  const query = tx
    .select()
    .from(events)
    .where(and(eq(events.municipalityCode, tenant), eq(events.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  const scope = await managedOrganiserIds(tx, actor);
  if (!canManage(scope, row.organiserId)) throw notFound();
  return row;
}

// ── presenting ────────────────────────────────────────────────────────────────────────────────────

function registrationOpenFor(event: EventRow, s: SessionRow, now: Date): boolean {
  return (
    event.status === 'published' &&
    event.registrationOpen &&
    s.status === 'scheduled' &&
    now.getTime() < s.startsAt.getTime() - event.registrationClosesHoursBefore * 3_600_000
  );
}

function presentSession(event: EventRow, s: SessionRow, now: Date): PublicSession {
  return {
    id: s.id,
    seq: s.seq,
    topic: s.topic,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    status: s.status,
    seatsLeft: event.capacity === null ? null : Math.max(0, event.capacity - s.confirmedPeople),
    waitlisted: s.waitlistedPeople,
    registrationOpen: registrationOpenFor(event, s, now),
  };
}

async function sessionsOf(tx: Tx, eventIds: string[]): Promise<Map<string, SessionRow[]>> {
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

async function organisersOf(tx: Tx, ids: string[]): Promise<Map<string, OrganiserRow>> {
  if (ids.length === 0) return new Map();
  const found = await tx
    .select()
    .from(eventOrganisers)
    .where(inArray(eventOrganisers.id, [...new Set(ids)]));
  return new Map(found.map((o) => [o.id, o]));
}

const presentOrganiser = (o: OrganiserRow | undefined) =>
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

async function presentSummary(
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

async function presentPublicEvent(tx: Tx, e: EventRow, now: Date): Promise<PublicEvent> {
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
    registrationOpen: sessions.some((s) => registrationOpenFor(e, s, now)),
    sessions: sessions.map((s) => presentSession(e, s, now)),
  };
}

function presentStaffEvent(
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

// ── public reading ────────────────────────────────────────────────────────────────────────────────

const PublicCursor = z.object({ s: z.iso.datetime({ offset: true }), i: z.uuid() });

/**
 * Upcoming published events, ordered by their next session (then id). Runs with no tenant: only
 * published and cancelled events are visible (row-level security `events_public_read`); cancelled
 * events are left out of the list here.
 */
export async function searchPublicEvents(
  tx: Tx,
  query: PublicListQuery,
  now: Date,
): Promise<ListResult<PublicEventSummary>> {
  const from = query.from ? maxDate(tokyoMidnight(query.from), now) : now;
  const after = decodeCursor(query.cursor, PublicCursor);
  const filters: SQL[] = [sql`e.status = 'published'`];
  if (query.prefecture) filters.push(sql`e.prefecture_code = ${query.prefecture}`);
  if (query.municipality) filters.push(sql`e.municipality_code = ${query.municipality}`);
  if (query.kind) filters.push(sql`e.kind = ${query.kind}`);
  if (query.audience) filters.push(sql`e.audience = ${query.audience}`);
  if (query.organiser) filters.push(sql`e.organiser_id = ${query.organiser}`);
  if (query.place)
    filters.push(
      sql`(e.place_id = ${query.place} or e.organiser_id in (select o.id from event_organisers o where o.place_id = ${query.place}))`,
    );
  const keyword = eventKeywordCondition(query.q);
  if (keyword) filters.push(keyword);
  const where = sql.join(filters, sql` and `);
  const base = sql`
    from events e
    join lateral (
      select s.starts_at from event_sessions s
      where s.event_id = e.id and s.status = 'scheduled' and s.starts_at >= ${from.toISOString()}
      order by s.starts_at limit 1
    ) ns on true
    where ${where}`;
  const page = await rows<{ id: string; next_start: string | Date }>(
    tx,
    sql`select e.id, ns.starts_at as next_start ${base}
        ${after ? sql`and (ns.starts_at, e.id) > (${after.s}::timestamptz, ${after.i}::uuid)` : sql``}
        order by ns.starts_at, e.id limit ${query.limit + 1}`,
  );
  const [{ total } = { total: 0 }] = await rows<{ total: number }>(
    tx,
    sql`select count(*)::int as total ${base}`,
  );
  const shown = page.slice(0, query.limit);
  const ids = shown.map((r) => r.id);
  const found = ids.length ? await tx.select().from(events).where(inArray(events.id, ids)) : [];
  const byId = new Map(found.map((e) => [e.id, e]));
  const sessions = await sessionsOf(tx, ids);
  const organisers = await organisersOf(
    tx,
    found.map((e) => e.organiserId),
  );
  const items: PublicEventSummary[] = [];
  for (const id of ids) {
    const e = byId.get(id)!;
    items.push(await presentSummary(tx, e, sessions.get(id) ?? [], organisers.get(e.organiserId), now, from));
  }
  const last = shown.at(-1);
  return {
    items,
    total,
    nextCursor:
      page.length > query.limit && last
        ? encodeCursor({ s: new Date(last.next_start).toISOString(), i: last.id })
        : null,
  };
}

const maxDate = (a: Date, b: Date) => (a > b ? a : b);

export async function publicEventRow(tx: Tx, id: string): Promise<EventRow> {
  const [row] = await tx
    .select()
    .from(events)
    .where(and(eq(events.id, id), sql`${events.status} <> 'draft'`));
  if (!row) throw notFound();
  return row;
}

export async function getPublicEvent(tx: Tx, id: string, now: Date): Promise<PublicEvent> {
  return presentPublicEvent(tx, await publicEventRow(tx, id), now);
}

/** Published and cancelled events of a tenant or organiser with their sessions (calendars, open data). */
export async function publicEventsWithSessions(
  tx: Tx,
  filter: { municipalityCode?: string; organiserId?: string },
) {
  const conditions: SQL[] = [sql`${events.status} <> 'draft'`];
  if (filter.municipalityCode) conditions.push(eq(events.municipalityCode, filter.municipalityCode));
  if (filter.organiserId) conditions.push(eq(events.organiserId, filter.organiserId));
  const found = await tx
    .select()
    .from(events)
    .where(and(...conditions))
    .orderBy(asc(events.createdAt), asc(events.id));
  const sessions = await sessionsOf(
    tx,
    found.map((e) => e.id),
  );
  const organisers = await organisersOf(
    tx,
    found.map((e) => e.organiserId),
  );
  return found.map((e) => ({
    event: e,
    sessions: sessions.get(e.id) ?? [],
    organiser: organisers.get(e.organiserId),
  }));
}

export async function publicOrganiser(tx: Tx, id: string): Promise<OrganiserRow> {
  const [o] = await tx.select().from(eventOrganisers).where(eq(eventOrganisers.id, id));
  if (!o) throw notFound();
  return o;
}

// ── staff: events ─────────────────────────────────────────────────────────────────────────────────

async function withReading<T extends { title: string; titleKana: string }>(body: T): Promise<T> {
  if (body.titleKana) return body;
  return { ...body, titleKana: normalizeReading(await suggestReading(body.title)) };
}

function eventColumns(body: CreateEventBody) {
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
      ...eventColumns(body),
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
  if (row.version !== input.version)
    throw conflict({ current: presentStaffEvent(row, existing, organiser, now) });
  const body = await withReading(input);
  const keep = new Set(body.sessions.flatMap((s) => (s.id ? [s.id] : [])));
  for (const s of body.sessions) if (s.id && !existing.some((e) => e.id === s.id)) throw notFound();
  const removed = existing.filter((s) => !keep.has(s.id));
  for (const s of removed) {
    if (s.confirmedPeople > 0 || s.waitlistedPeople > 0) throw new AppError(409, 'events_session_removed');
    await tx.delete(eventSessions).where(eq(eventSessions.id, s.id));
  }
  // Renumber by start time; move kept sessions out of the way of the unique (event, seq) first.
  await tx
    .update(eventSessions)
    .set({ seq: sql`${eventSessions.seq} + 1000` })
    .where(eq(eventSessions.eventId, id));
  const list = ordered(body.sessions);
  for (const [i, s] of list.entries()) {
    const values = {
      seq: i + 1,
      topic: s.topic,
      startsAt: new Date(s.startsAt),
      endsAt: new Date(s.endsAt),
      status: s.status,
    };
    if (s.id) await tx.update(eventSessions).set(values).where(eq(eventSessions.id, s.id));
    else await tx.insert(eventSessions).values({ municipalityCode: tenant, eventId: id, ...values });
  }
  const [updated] = await tx
    .update(events)
    .set({ ...eventColumns(body), version: row.version + 1, updatedAt: now, updatedBy: actor.accountId })
    .where(eq(events.id, id))
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

// ── registration, waiting list, cancellation ──────────────────────────────────────────────────────

const seal = (ctx: EventsContext, value: string, column: keyof typeof EVENT_ENCRYPTED_COLUMNS) =>
  encryptField(value, ctx.config.dataKeys, EVENT_ENCRYPTED_COLUMNS[column]);
const open = (ctx: EventsContext, value: string, column: keyof typeof EVENT_ENCRYPTED_COLUMNS) =>
  decryptField(value, ctx.config.dataKeys, EVENT_ENCRYPTED_COLUMNS[column]);

/** The session row, locked: every seat decision for a session happens under this lock. */
async function lockSession(tx: Tx, sessionId: string): Promise<SessionRow> {
  const [s] = await tx.select().from(eventSessions).where(eq(eventSessions.id, sessionId)).for('update');
  if (!s) throw notFound();
  return s;
}

const fits = (event: Pick<EventRow, 'capacity'>, s: Pick<SessionRow, 'confirmedPeople'>, people: number) =>
  event.capacity === null || s.confirmedPeople + people <= event.capacity;

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
  const openSessions = all.filter((s) => registrationOpenFor(event, s, now));
  let chosen = openSessions;
  if (body.sessionIds) {
    const wanted = new Set(body.sessionIds);
    chosen = openSessions.filter((s) => wanted.has(s.id));
    if (chosen.length !== wanted.size || chosen.length === 0)
      throw new AppError(409, 'events_session_not_open');
  }
  if (chosen.length === 0) throw new AppError(409, 'events_registration_closed');

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
    let s = await lockSession(tx, picked.id);
    // Free seats go to those already waiting first, in order, each party that fits (promoteWaitlist
    // keeps that true after every change; this also settles a session left otherwise by older code).
    if (s.waitlistedPeople > 0 && (event.capacity === null || s.confirmedPeople < event.capacity)) {
      await promoteWaitlist(tx, ctx, event, s.id);
      s = await lockSession(tx, picked.id);
    }
    // Whoever still waits does not fit the free seats: a newcomer who fits takes them, one who does
    // not fit queues behind (issue 19: a large group must not hold free seats for nobody).
    const confirmed = fits(event, s, body.people);
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
      .where(eq(eventSessions.id, s.id));
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
async function waitlistPositions(tx: Tx, sessionIds: string[]) {
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
    .where(eq(eventRegistrationSessions.registrationId, registration.id))
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
    cancellable: seat.status !== 'cancelled' && session.startsAt > now && event.status !== 'cancelled',
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
  let s = await lockSession(tx, sessionId);
  if (s.status !== 'scheduled' || event.status !== 'published' || s.startsAt <= now) return [];
  const waiting = await tx
    .select()
    .from(eventRegistrationSessions)
    .where(
      and(
        eq(eventRegistrationSessions.sessionId, sessionId),
        eq(eventRegistrationSessions.status, 'waitlisted'),
      ),
    )
    .orderBy(asc(eventRegistrationSessions.queuedAt), asc(eventRegistrationSessions.queueSeq));
  const promoted: string[] = [];
  for (const seat of waiting) {
    if (event.capacity !== null && s.confirmedPeople >= event.capacity) break;
    if (!fits(event, s, seat.people)) continue;
    await tx
      .update(eventRegistrationSessions)
      .set({ status: 'confirmed', promotedAt: now })
      .where(
        and(
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
      .where(eq(eventSessions.id, sessionId))
      .returning();
    s = updated!;
    promoted.push(seat.registrationId);
    const [registration] = await tx
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.id, seat.registrationId));
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
  const [event] = await tx.select().from(events).where(eq(events.id, registration.eventId));
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
  const s = await lockSession(tx, sessionId);
  const [seat] = await tx
    .select()
    .from(eventRegistrationSessions)
    .where(
      and(
        eq(eventRegistrationSessions.registrationId, registration.id),
        eq(eventRegistrationSessions.sessionId, sessionId),
      ),
    )
    .for('update');
  if (!seat) throw notFound();
  if (seat.status === 'cancelled') throw new AppError(409, 'events_already_cancelled');
  if (s.startsAt <= now) throw new AppError(409, 'events_session_started');
  await tx
    .update(eventRegistrationSessions)
    .set({ status: 'cancelled', cancelledAt: now })
    .where(
      and(
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
    .where(eq(eventSessions.id, sessionId));
  const promoted = seat.status === 'confirmed' ? await promoteWaitlist(tx, ctx, event, sessionId) : [];
  return { promoted };
}

// ── staff: registrations, attendance, messages ────────────────────────────────────────────────────

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
  const where = eq(eventRegistrations.eventId, event.id);
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
          seatsLeft: event.capacity === null ? null : Math.max(0, event.capacity - s.confirmedPeople),
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
    .where(and(eq(eventSessions.id, sessionId), eq(eventSessions.eventId, event.id)))
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
    eq(eventRegistrations.eventId, event.id),
    inArray(eventRegistrationSessions.status, statuses as Array<'confirmed' | 'waitlisted'>),
  ];
  if (input.sessionId) {
    const [s] = await tx
      .select({ id: eventSessions.id })
      .from(eventSessions)
      .where(and(eq(eventSessions.id, input.sessionId), eq(eventSessions.eventId, event.id)));
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

// ── reminders (due job) ───────────────────────────────────────────────────────────────────────────

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
          eq(eventRegistrationSessions.registrationId, seat.registrationId),
          eq(eventRegistrationSessions.sessionId, seat.sessionId),
        ),
      );
  }
  return sent;
}

const KATAKANA = Array.from({ length: 0x30f6 - 0x30a1 + 1 }, (_, i) => String.fromCharCode(0x30a1 + i)).join(
  '',
);
const HIRAGANA = Array.from({ length: 0x30f6 - 0x30a1 + 1 }, (_, i) => String.fromCharCode(0x3041 + i)).join(
  '',
);

/**
 * Every word of `q` (or one of its related words, platform/text/related-words.ts) in the event's
 * title, reading or description. The columns are folded in SQL the way `foldForSearch` folds the
 * query (NFKC, lower case, katakana → hiragana, ひきこもり and こども spellings): published events with
 * a coming session are few per area, so folding per row costs less than keeping an index for it.
 */
function eventKeywordCondition(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const tokens = searchTokens(q);
  if (tokens.length === 0) return undefined;
  const folded = sql`regexp_replace(regexp_replace(translate(lower(normalize(e.title || ' ' || e.title_kana || ' ' || e.description, NFKC)), ${KATAKANA}, ${HIRAGANA}), '引き?[こ籠]も?り|ひき籠り', 'ひきこもり', 'g'), '子供|子ども', 'こども', 'g')`;
  return and(
    ...tokens.map((token) => {
      const terms = relatedTerms(token.text);
      const words = token.reading && !terms.includes(token.reading) ? [...terms, token.reading] : terms;
      return or(...words.map((w) => sql`strpos(${folded}, ${w}) > 0`));
    }),
  );
}
