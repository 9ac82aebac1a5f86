import { and, asc, count, eq, gt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { MunicipalityItem } from '../../../shared/contracts/municipalities.ts';
import { HELPLINES, isHelplineOpen } from '../../../shared/helplines.ts';
import { foldRomaji, isRomajiQuery, romajiName } from '../../../shared/text/romaji.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../../platform/http/list.ts';
import { isKanaOnly, normalizeReading, normalizeText } from '../../platform/text/normalize.ts';
import { likeEscape } from '../../platform/text/search.ts';
import type { MunicipalityListQuery, UpdateTenantProfileBody } from './municipalities.schema.ts';
import { municipalities, tenantProfiles } from './municipalities.tables.ts';

const prefecture = alias(municipalities, 'prefecture');

const itemColumns = {
  code: municipalities.code,
  name: municipalities.name,
  nameKana: municipalities.nameKana,
  prefectureCode: municipalities.prefectureCode,
  prefectureName: prefecture.name,
  prefectureNameKana: prefecture.nameKana,
  kind: municipalities.kind,
  parentCode: municipalities.parentCode,
  sortOrder: municipalities.sortOrder,
};

/**
 * Kana queries match readings (こうふ, コウフ, ｺｳﾌ → こうふし); Latin queries match the precomputed
 * folded romaji (Kofu, Kōfu, koufu → kofushi); anything else matches the normalised name.
 */
function searchCondition(q: string): SQL | undefined {
  const text = normalizeText(q);
  if (!text) return undefined;
  if (isRomajiQuery(q)) {
    const folded = foldRomaji(q);
    // "City" alone folds to nothing: match nothing rather than every town.
    if (!folded) return sql`false`;
    return sql`${municipalities.searchRomaji} like ${`%${likeEscape(folded)}%`}`;
  }
  if (isKanaOnly(q)) {
    const reading = normalizeReading(q);
    return sql`(${municipalities.nameKana} like ${`%${likeEscape(reading)}%`} or ${municipalities.searchText} like ${`%${likeEscape(text)}%`})`;
  }
  return sql`${municipalities.searchText} like ${`%${likeEscape(text)}%`}`;
}

const Cursor = z.object({ s: z.number().int() });

export async function searchMunicipalities(
  tx: Tx,
  query: MunicipalityListQuery,
): Promise<ListResult<MunicipalityItem>> {
  const filters: (SQL | undefined)[] = [eq(municipalities.operating, true)];
  if (query.kind !== 'all') filters.push(eq(municipalities.kind, query.kind));
  if (query.prefecture) filters.push(eq(municipalities.prefectureCode, query.prefecture));
  if (query.q) filters.push(searchCondition(query.q));
  const where = and(...filters);
  const after = decodeCursor(query.cursor, Cursor);

  const rowsFound = await tx
    .select(itemColumns)
    .from(municipalities)
    .innerJoin(
      prefecture,
      and(eq(prefecture.prefectureCode, municipalities.prefectureCode), eq(prefecture.kind, 'prefecture')),
    )
    .where(after ? and(where, gt(municipalities.sortOrder, after.s)) : where)
    .orderBy(asc(municipalities.sortOrder))
    .limit(query.limit + 1);
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(municipalities).where(where);

  const page = rowsFound.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ sortOrder: _sortOrder, ...item }) => presentItem(item)),
    total,
    nextCursor: rowsFound.length > query.limit && last ? encodeCursor({ s: last.sortOrder }) : null,
  };
}

type ItemRow = Omit<MunicipalityItem, 'nameRomaji' | 'prefectureNameRomaji'> & { prefectureNameKana: string };

/** Adds the romaji names English pages show (derived from the readings; a few items per answer). */
function presentItem({ prefectureNameKana, ...row }: ItemRow): MunicipalityItem {
  return {
    ...row,
    nameRomaji: romajiName(row.name, row.nameKana, row.kind),
    prefectureNameRomaji: romajiName(row.prefectureName, prefectureNameKana, 'prefecture'),
  };
}

export async function getMunicipality(tx: Tx, code: string) {
  const [found] = await tx
    .select(itemColumns)
    .from(municipalities)
    .innerJoin(
      prefecture,
      and(eq(prefecture.prefectureCode, municipalities.prefectureCode), eq(prefecture.kind, 'prefecture')),
    )
    .where(and(eq(municipalities.code, code), eq(municipalities.operating, true)));
  if (!found) throw notFound();
  const wards = await tx
    .select(itemColumns)
    .from(municipalities)
    .innerJoin(
      prefecture,
      and(eq(prefecture.prefectureCode, municipalities.prefectureCode), eq(prefecture.kind, 'prefecture')),
    )
    .where(and(eq(municipalities.parentCode, code), eq(municipalities.operating, true)))
    .orderBy(asc(municipalities.sortOrder));
  const { sortOrder: _s, ...item } = found;
  return { ...presentItem(item), wards: wards.map(({ sortOrder: _w, ...ward }) => presentItem(ward)) };
}

/** Must run in a transaction scoped to `code` (row-level security shows only that tenant's profile). */
export async function getPublicProfile(tx: Tx, code: string) {
  const [profile] = await tx
    .select({
      documentName: tenantProfiles.documentName,
      consultationNumbers: tenantProfiles.consultationNumbers,
      welfareContact: tenantProfiles.welfareContact,
      labourContact: tenantProfiles.labourContact,
      onCallContact: tenantProfiles.onCallContact,
      population: tenantProfiles.population,
      populationAsOf: tenantProfiles.populationAsOf,
      isDemo: tenantProfiles.isDemo,
    })
    .from(tenantProfiles)
    .where(eq(tenantProfiles.municipalityCode, code));
  return profile ?? null;
}

export async function listPrefectures(tx: Tx) {
  const items = await tx
    .select({
      code: municipalities.prefectureCode,
      name: municipalities.name,
      nameKana: municipalities.nameKana,
      tenantCode: municipalities.code,
    })
    .from(municipalities)
    .where(eq(municipalities.kind, 'prefecture'))
    .orderBy(asc(municipalities.sortOrder));
  return {
    items: items.map((item) => ({ ...item, nameRomaji: romajiName(item.name, item.nameKana, 'prefecture') })),
    total: items.length,
    nextCursor: null,
  };
}

function presentProfile(row: typeof tenantProfiles.$inferSelect) {
  return {
    municipalityCode: row.municipalityCode,
    documentName: row.documentName,
    consultationNumbers: row.consultationNumbers,
    welfareContact: row.welfareContact,
    labourContact: row.labourContact,
    onCallContact: row.onCallContact,
    population: row.population,
    populationAsOf: row.populationAsOf,
    isDemo: row.isDemo,
    mfaRequiredForPersonalData: row.mfaRequiredForPersonalData,
    logo: row.logo ?? null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The tenant's own profile (runs in the tenant's transaction). */
export async function getTenantProfile(tx: Tx, code: string) {
  const [row] = await tx.select().from(tenantProfiles).where(eq(tenantProfiles.municipalityCode, code));
  if (!row) throw notFound();
  return presentProfile(row);
}

/** Saves only when `version` is the one the editor loaded; otherwise 409 with the current profile. */
export async function updateTenantProfile(tx: Tx, code: string, input: UpdateTenantProfileBody, now: Date) {
  const { version, logo, ...fields } = input;
  const [row] = await tx
    .update(tenantProfiles)
    .set({
      ...fields,
      ...(logo === undefined ? {} : { logo }),
      version: sql`${tenantProfiles.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(tenantProfiles.municipalityCode, code), eq(tenantProfiles.version, version)))
    .returning();
  if (row) return presentProfile(row);
  const current = await getTenantProfile(tx, code);
  throw conflict({ current });
}

/** The national lines with their hours and cost, and which answer at `now` (Asia/Tokyo). */
export function listHelplines(now: Date) {
  const items = HELPLINES.map(({ display, windows, ...line }) => ({
    ...line,
    number: display,
    windows: windows.map((w) => ({ ...w })),
    openNow: isHelplineOpen({ display, windows, ...line }, now),
  }));
  return { items, total: items.length, nextCursor: null, asOf: now.toISOString() };
}
