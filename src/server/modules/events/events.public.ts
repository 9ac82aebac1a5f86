import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { PublicEvent, PublicEventSummary } from '../../../shared/contracts/events.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../../platform/http/list.ts';
import { relatedTerms } from '../../platform/text/related-words.ts';
import { searchTokens } from '../../platform/text/search.ts';
import {
  type EventRow,
  type OrganiserRow,
  organisersOf,
  presentPublicEvent,
  presentSummary,
  sessionsOf,
  tokyoMidnight,
} from './events.present.ts';
import type { PublicListQuery } from './events.schema.ts';
import { eventOrganisers, events } from './events.tables.ts';

/** What anybody may read: upcoming events, an event, calendars and open data of published ones. */

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
