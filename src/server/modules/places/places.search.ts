/**
 * The public search of the directory (decision 0005): the keyword condition, the prefecture bigram
 * plan, the one-statement page with its bounded total, and the rendering of the answer.
 */
import { and, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { PublicPlace } from '../../../shared/contracts/places.ts';
import { type Statement, statementRows, type Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../../platform/http/list.ts';
import { relatedTerms } from '../../platform/text/related-words.ts';
import { likeEscape, searchTokens } from '../../platform/text/search.ts';
import { PLACES_FIELD } from './places.errors.ts';
import { weekdayBit } from './places.hours.ts';
import { PUBLIC_JSON_VERSION, publicJsonOf, type ResolvedArea, resolvePostalCode } from './places.listing.ts';
import type { PublicSearchQuery } from './places.schema.ts';
import { placeListings } from './places.tables.ts';

/**
 * What a keyword asks of a row (ARCHITECTURE "Database"), token by token, every token holding: the
 * token or one of its related words (platform/text/related-words.ts) in the text, or, for a kana token,
 * its reading in the reading. Written as drizzle SQL by `keywordCondition` and as statement text by
 * the public search (`keywordText`).
 */
function keywordTests(q: string): Array<{ inText: string[]; inReading: string | null }> {
  return searchTokens(q).map((token) => ({ inText: relatedTerms(token.text), inReading: token.reading }));
}

/**
 * The keyword condition for staff lists: `LIKE '%…%'`, which the `pg_trgm` GIN indexes answer.
 */
export function keywordCondition(q: string, cols = { text: sql`search_text`, reading: sql`search_reading` }) {
  const tests = keywordTests(q);
  if (tests.length === 0) return undefined;
  const contains = (col: SQL, needle: string) => sql`${col} like ${`%${likeEscape(needle)}%`}`;
  return and(
    ...tests.map(({ inText, inReading }) => {
      const text = or(...inText.map((w) => contains(cols.text, w)))!;
      return inReading === null ? text : or(text, contains(cols.reading, inReading));
    }),
  );
}

export const OffsetCursor = z.object({ o: z.number().int().min(0).max(100_000) });

/**
 * Matches counted at most (unless the page asked for ends further): beyond it `total` is this number
 * and `totalCapped` is true ("100 件以上"). Keeps the work of a search bounded by the cap and the page,
 * not by the directory's size. 100 rather than 1,000 (decision 0005, amended): nobody reads past the
 * first pages of a list of places — past 100 the useful answer is "narrow it down", and a cap of 1,000
 * let a prefecture-wide search's cost grow with the directory until it hit 1,000 matches.
 */
export const SEARCH_TOTAL_CAP = 100;

/** The character bigrams of one folded string, as `place_area_grams` (migration 0015) cuts them. */
function bigrams(folded: string): Set<string> {
  const chars = Array.from(folded);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    if (!gram.includes(' ')) grams.add(gram);
  }
  return grams;
}

/** The bigrams one token's match must carry: of its text, or (kana) those its text and reading share. */
function tokenGrams(text: string, reading: string | null): Set<string> {
  const grams = bigrams(text);
  if (reading === null) return grams;
  const fromReading = bigrams(reading);
  return new Set([...grams].filter((g) => fromReading.has(g)));
}

/**
 * What `place_area_grams` (migration 0015) must hold for a match of `q`, prefecture-qualified:
 * `all` — the bigrams of every token that has no related words (for a kana token that may match the
 * reading instead, those its text and its reading share); `anyOf` — for a token with related words,
 * one gram set per word, any of which may match (an OR of `@>` the GIN index answers as a bitmap OR).
 * A token with a word of fewer than two characters (畑) adds no condition. Both empty when no token
 * gives grams: then only a walk of the area can answer.
 */
export function areaGramPlan(prefectureCode: string, q: string): { all: string[]; anyOf: string[][][] } {
  const required = new Set<string>();
  const anyOf: string[][][] = [];
  const qualify = (grams: Set<string>) => [...grams].map((g) => prefectureCode + g).sort();
  for (const token of searchTokens(q)) {
    const terms = relatedTerms(token.text);
    if (terms.length === 1) {
      for (const g of qualify(tokenGrams(token.text, token.reading))) required.add(g);
      continue;
    }
    const perTerm = terms.map((w, i) => tokenGrams(w, i === 0 ? token.reading : null));
    if (perTerm.every((grams) => grams.size > 0)) anyOf.push(perTerm.map(qualify));
  }
  return { all: [...required].sort(), anyOf };
}

/**
 * The part of a gram plan the statement gives the index: the bigrams every match carries when there
 * are any, else one word's alternatives (a BitmapOr). Only one: any further condition on
 * `place_area_grams` that the index does not answer is computed row by row from the whole text (the
 * planner trusts the index's estimate and filters; 「居場所 こもれび」 in 北海道 took 30 ms at 50,000
 * places that way instead of 1 ms). The keyword itself is always tested exactly on each row.
 */
export function indexedGramSets(plan: { all: string[]; anyOf: string[][][] }): string[][][] {
  if (plan.all.length > 0) return [[plan.all]];
  return plan.anyOf.slice(0, 1);
}

/** The bigrams every match of `q` must carry (the `all` part of `areaGramPlan`). */
export function areaGrams(prefectureCode: string, q: string): string[] {
  return areaGramPlan(prefectureCode, q).all;
}

type PageRow = {
  id: string;
  /** Null when the stored rendering is older than `PUBLIC_JSON_VERSION` (until start-up re-renders it). */
  publicJson: string | null;
  distance: number | null;
  total: number;
};

/**
 * The public search's statements are written as text with numbered parameters, not with drizzle's
 * `sql` objects: they are built on every public search, the hottest request there is, and building
 * and rendering them through drizzle cost ~35 µs a request (18 µs to build the objects, 15 µs to
 * render them, timed in a loop over `bench:places`' 64 searches), about a tenth of the server's own
 * work on a search; as text they cost ~3 µs (decision 0031). Column names are `place_search`'s own (`s.`) and `place_listings`' (`l.`).
 */
class StatementText {
  readonly params: unknown[] = [];
  /** The placeholder of one more parameter. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

/** `a and b and …` of the conditions given, parenthesized; undefined when there are none. */
const allOf = (conditions: Array<string | undefined>): string | undefined => {
  const present = conditions.filter((c): c is string => c !== undefined);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : `(${present.join(' and ')})`;
};
const anyOf = (conditions: string[]): string =>
  conditions.length === 1 ? conditions[0]! : `(${conditions.join(' or ')})`;

/**
 * The keyword's tests (`keywordTests`) as statement text on `place_search` (`s.`). `trigram` writes
 * `LIKE '%…%'`, which the `pg_trgm` GIN indexes answer: right for a search of the whole country.
 * `filter` writes the same test as `strpos(…) > 0`, which no index can serve, so the planner walks the
 * area's rows (a btree on the area and the list's order) or the prefecture's bigram matches and checks
 * each: a trigram's posting list covers the whole country and grows with it, while an area's rows do
 * not grow when other areas fill up (decision 0005).
 */
function keywordText(q: string, via: 'trigram' | 'filter', statement: StatementText): string | undefined {
  const tests = keywordTests(q);
  if (tests.length === 0) return undefined;
  const contains = (column: string, needle: string) =>
    via === 'trigram'
      ? `${column} like ${statement.param(`%${likeEscape(needle)}%`)}`
      : `strpos(${column}, ${statement.param(needle)}) > 0`;
  return allOf(
    tests.map(({ inText, inReading }) => {
      const text = anyOf(inText.map((w) => contains('s.search_text', w)));
      // The reading first: PostgreSQL tests an `or` left to right and stops at the first true, and the
      // reading is a third of the text's length and where a kana keyword is usually found, so most
      // matches cost one short search instead of a failed long one and a short one (「いばしょ」 in
      // 北海道 at 50,000 places: 1.19 → 1.02 ms, the 64 bench searches 24.1 → 23.2 ms).
      return inReading === null ? text : anyOf([contains('s.search_reading', inReading), text]);
    }),
  );
}

/** Great-circle distance in km from (lat, lng) to the columns `lat`, `lng` of `alias`. */
const distanceText = (near: [number, number], alias: string, statement: StatementText) => {
  const [lat, lng] = near;
  return `(6371 * 2 * asin(sqrt(power(sin(radians(${alias}.lat - ${statement.param(lat)}) / 2), 2) + cos(radians(${statement.param(lat)})) * cos(radians(${alias}.lat)) * power(sin(radians(${alias}.lng - ${statement.param(lng)}) / 2), 2))))`;
};

/**
 * The SQL of one page of the public search (one statement: the page and the bounded total), and how
 * to count the matches when a page past the end is asked for. Exported so the benchmark sends exactly
 * these statements straight through `pg`.
 *
 * Shape (decision 0005): `matches` yields the first `walk` matches in the list's order (the cap, or the
 * end of the page asked for if that is further; one more to see "more"); `ranked` counts them and
 * keeps one page; only that page's documents (jsonb, from `place_listings`) are fetched. Without a
 * keyword, `matches` walks `place_search` in the list's order
 * (`place_search_prefecture_order_idx` / `place_search_municipality_order_idx` serve the area and the
 * order together) and stops at `walk`; so does a keyword inside a municipality (a municipality's rows
 * are few). A keyword without an area goes through the trigram indexes. A keyword inside a prefecture
 * goes through the prefecture's bigrams (`place_search_area_grams_idx`, migration 0015): the posting
 * lists read are that prefecture's, so the matches are found (then sorted) at a cost set by the
 * prefecture's matches, not by the size of the directory, and a rare keyword no longer walks the whole
 * prefecture in search of its matches (decision 0005, amended).
 */
export function publicSearchStatement(
  query: PublicSearchQuery,
  area: ResolvedArea | null,
): { offset: number; walk: number; page: Statement; count: () => Statement } {
  const offset = decodeCursor(query.cursor, OffsetCursor)?.o ?? 0;
  /** Rows walked at most: enough for the cap and for the page asked for, plus one to see "more". */
  const walk = Math.max(SEARCH_TOTAL_CAP, offset + query.limit) + 1;
  const near = query.near as [number, number] | undefined;
  const district = area?.district ?? null;
  const inArea = area !== null || query.prefecture !== undefined || query.municipality !== undefined;
  // A prefecture's bigrams serve a search of the prefecture; a municipality (or a postal code's) is
  // small enough to walk, and its rows in reading order are fewer than its prefecture's matches.
  const plan =
    query.q && query.prefecture && !query.municipality && !area
      ? areaGramPlan(query.prefecture, query.q)
      : { all: [], anyOf: [] };
  const usesGrams = plan.all.length > 0 || plan.anyOf.length > 0;

  /** The conditions a match meets, as text whose parameters go to `statement`. */
  const conditions = (statement: StatementText, forPage: boolean) => {
    const areaFilters: string[] = [];
    if (area) areaFilters.push(`s.municipality_code = ${statement.param(area.municipalityCode)}`);
    if (query.municipality) areaFilters.push(`s.municipality_code = ${statement.param(query.municipality)}`);
    const other: string[] = [];
    if (query.kind?.length) other.push(`s.kind in (${query.kind.map((k) => statement.param(k)).join(', ')})`);
    if (query.lifeStage?.length) other.push(`s.life_stages && ${textArray(query.lifeStage)}`);
    if (query.audience)
      other.push(`s.audience in (${statement.param(query.audience)}, ${statement.param('both')})`);
    if (query.online) other.push(`s.delivery in (${statement.param('online')}, ${statement.param('both')})`);
    if (query.weekday?.length) {
      const mask = query.weekday.reduce((m, d) => m | weekdayBit(d), 0);
      other.push(`(s.weekday_mask & ${statement.param(mask)}) <> 0`);
    }
    if (query.firstVisit?.length) other.push(`s.first_visit @> ${textArray(query.firstVisit)}`);
    // With an area, the keyword is tested on the area's rows; without one, through the trigram indexes.
    const keyword = query.q ? keywordText(query.q, inArea ? 'filter' : 'trigram', statement) : undefined;
    if (forPage && usesGrams) {
      // The bigrams hold the search to the prefecture; the keyword is still tested exactly.
      const holds = (grams: string[]) =>
        `place_area_grams(s.search_text, s.search_reading, s.prefecture_code::text) @> array[${grams.map((g) => statement.param(g)).join(', ')}]::text[]`;
      return allOf([
        ...other,
        keyword,
        ...indexedGramSets(plan).map((alternatives) => anyOf(alternatives.map(holds))),
      ])!;
    }
    const prefecture = query.prefecture
      ? `s.prefecture_code = ${statement.param(query.prefecture)}`
      : undefined;
    return allOf([...areaFilters, prefecture, ...other, keyword]) ?? 'true';
  };

  const page = new StatementText();
  const where = conditions(page, true);
  // The first `walk` in the list's order (a bounded top-N sort when the rows do not come in order)…
  const order = (alias: string) =>
    [
      ...(near ? [`${distanceText(near, alias, page)} asc nulls last`] : []),
      ...(district !== null ? [`(${alias}.district = ${page.param(district)}) desc nulls last`] : []),
      `${alias}.name_kana asc, ${alias}.id asc`,
    ].join(', ');
  // Only the columns the order needs: each match is copied into the sort (~5 % of the 64 bench
  // searches' execution at either size when the district and coordinates were always carried).
  const ordering = `s.id, s.name_kana${district !== null ? ', s.district' : ''}${near ? ', s.lat, s.lng' : ''}`;
  const first = `select ${ordering} from place_search s where ${where} order by ${order('s')} limit ${page.param(walk)}`;
  // …ranked, counted (at most `walk`), one page of them kept, and only that page's documents read.
  const ranked = `select w.id, row_number() over (order by ${order('w')}) as rank, ${near ? distanceText(near, 'w', page) : 'null::float8'} as distance, count(*) over () as total from (${first}) as w order by rank limit ${page.param(query.limit + 1)} offset ${page.param(offset)}`;
  // Each listing's stored rendering, sent on as it is (no jsonb conversion, presenting or re-encoding).
  const text = `select l.id, case when l.public_json_version = ${PUBLIC_JSON_VERSION} then l.public_json end as "publicJson", r.distance, r.total::int as total from (${ranked}) as r join place_listings l on l.id = r.id order by r.rank`;

  return {
    offset,
    walk,
    page: { sql: text, params: page.params },
    count: () => {
      const counting = new StatementText();
      const matches = conditions(counting, false);
      return {
        sql: `select count(*)::int as total from (select 1 from place_search s where ${matches} limit ${counting.param(walk)}) as rest`,
        params: counting.params,
      };
    },
  };
}

/** A text[] literal from values already checked against an enum (so no quoting issue can arise). */
const textArray = (values: readonly string[]): string =>
  `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

type PublicSearchResult<Item> = ListResult<Item> & { totalCapped: boolean; area: ResolvedArea | null };

/**
 * The public search (runs without a tenant: `place_search` and `place_listings` are readable by all,
 * and hold only published entries). Ordering: by distance when `near` is given (places without
 * coordinates last), the postal code's district first when a postal code is given, then by reading.
 * Each result is the listing's stored public rendering, as JSON text (see `renderPublicSearch`).
 */
export async function searchPublicJson(
  tx: Tx,
  query: PublicSearchQuery,
): Promise<PublicSearchResult<string>> {
  let area: ResolvedArea | null = null;
  if (query.postalCode) {
    area = await resolvePostalCode(tx, query.postalCode);
    if (!area)
      throw new AppError(400, 'validation_failed', {
        errors: [{ pointer: '/query/postalCode', message: PLACES_FIELD.postalCodeUnknown }],
      });
  }
  const statement = publicSearchStatement(query, area);
  const found = await statementRows<PageRow>(tx, statement.page);
  let counted = found[0]?.total ?? 0;
  if (found.length === 0 && statement.offset > 0) {
    // Paged past the end: the window function had no row to report the total on.
    [{ total: counted } = { total: 0 }] = await statementRows<{ total: number }>(tx, statement.count());
  }
  // `walk` rows counted means there are more: report the cap and say it is one.
  const totalCapped = counted >= statement.walk;
  const total = totalCapped ? statement.walk - 1 : counted;
  const page = found.slice(0, query.limit);
  // A rendering older than this code (between a deploy and the end of start-up's refresh) is made afresh.
  const stale = page.filter((row) => row.publicJson === null).map((row) => row.id);
  const fresh = new Map<string, string>();
  if (stale.length > 0) {
    for (const listing of await tx.select().from(placeListings).where(inArray(placeListings.id, stale)))
      fresh.set(listing.id, publicJsonOf(listing).publicJson);
  }
  const near = query.near !== undefined;
  return {
    items: page.map((row) => {
      const json = row.publicJson ?? fresh.get(row.id)!;
      return near ? withDistance(json, row.distance === null ? null : Number(row.distance)) : json;
    }),
    total,
    totalCapped,
    nextCursor: found.length > query.limit ? encodeCursor({ o: statement.offset + query.limit }) : null,
    area,
  };
}

/** The public search with each result as an object (for callers inside the server). */
export async function searchPublic(
  tx: Tx,
  query: PublicSearchQuery,
): Promise<PublicSearchResult<PublicPlace>> {
  const found = await searchPublicJson(tx, query);
  return { ...found, items: found.items.map((json) => JSON.parse(json) as PublicPlace) };
}

/**
 * The response body of `GET /api/public/places` (`PublicSearchResponse`): the stored renderings are
 * joined as they are, and only the few list fields are encoded.
 */
export function renderPublicSearch(result: PublicSearchResult<string>): string {
  const { items, ...rest } = result;
  return `{"items":[${items.join(',')}],${JSON.stringify(rest).slice(1)}`;
}

/** A rendered listing with its distance from the searcher added, as `presentPublic` adds it. */
function withDistance(json: string, distanceKm: number | null): string {
  const km = distanceKm === null ? 'null' : String(Math.round(distanceKm * 10) / 10);
  return `${json.slice(0, -1)},"distanceKm":${km}}`;
}
