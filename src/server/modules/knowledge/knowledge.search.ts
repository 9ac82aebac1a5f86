import { and, arrayOverlaps, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type {
  PublicCase,
  PublicCaseList,
  PublicCaseSummary,
  StaffCaseList,
} from '../../../shared/contracts/cases.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/list.ts';
import { likeEscape, searchTokens } from '../../platform/text/search.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { municipalityType, populationBandOf } from './knowledge.municipality-types.ts';
import { attachmentsOf, type CaseRow, presentSummary } from './knowledge.records.ts';
import type { PublicSearchQuery, StaffListQuery } from './knowledge.schema.ts';
import { rankSimilar, type Town } from './knowledge.similarity.ts';
import { cases } from './knowledge.tables.ts';

/**
 * Finding cases (issue 17 §3): the public search over published cases only (the state is filtered
 * explicitly; row-level security lets the public see nothing else either), with the directory's
 * reading-based matching (platform/text/search: いばしょ / イバショ / ｲﾊﾞｼｮ meet 居場所 through the
 * theme's and the title's readings), filters, and "towns like mine".
 */
const Cursor = z.object({ p: z.string(), i: z.uuid() });
const OffsetCursor = z.object({ o: z.number().int().min(0) });
/** Towns like mine ranks in memory: a library of a few thousand cases; beyond this, filter first. */
const SIMILAR_MAX = 2000;

/** Every word in the case's words or readings (いばしょ meets 居場所); staff also match the town's name. */
function keywordCondition(q: string | undefined, withTown = false): SQL | undefined {
  if (!q) return undefined;
  const parts = searchTokens(q).map((token) => {
    const text = sql`${cases.searchText} like ${`%${likeEscape(token.text)}%`}`;
    const town = withTown ? sql`${cases.municipalityName} like ${`%${likeEscape(token.text)}%`}` : undefined;
    return token.reading
      ? (or(sql`${cases.searchReading} like ${`%${likeEscape(token.reading)}%`}`, text, town) as SQL)
      : (or(text, town) as SQL);
  });
  return parts.length ? and(...parts) : undefined;
}

function publicFilters(query: PublicSearchQuery): SQL | undefined {
  return and(
    eq(cases.state, 'published'),
    query.theme?.length ? arrayOverlaps(cases.themes, query.theme) : undefined,
    query.lifeStage?.length ? arrayOverlaps(cases.lifeStages, query.lifeStage) : undefined,
    query.prefecture ? eq(cases.prefectureCode, query.prefecture) : undefined,
    query.municipalityType?.length ? inArray(cases.municipalityType, query.municipalityType) : undefined,
    query.populationBand?.length ? inArray(cases.populationBand, query.populationBand) : undefined,
    query.areaClass ? eq(cases.areaClass, query.areaClass) : undefined,
    keywordCondition(query.q),
  );
}

/** The town "towns like mine" compares with: type from code and name, size from its profile or its own cases. */
export async function townOf(
  tx: Tx,
  code: string,
  population: number | null,
): Promise<Town & { name: string }> {
  const town = await getMunicipality(tx, code);
  let band = population ? populationBandOf(population) : null;
  let areaClass: Town['areaClass'] = null;
  const [own] = await tx
    .select({ populationBand: cases.populationBand, areaClass: cases.areaClass })
    .from(cases)
    .where(and(eq(cases.municipalityCode, code), eq(cases.state, 'published')))
    .orderBy(desc(cases.publishedAt))
    .limit(1);
  band ??= own?.populationBand ?? null;
  areaClass = own?.areaClass ?? null;
  return {
    code,
    name: town.name,
    prefectureCode: town.prefectureCode,
    municipalityType: municipalityType(code, town.name),
    populationBand: band,
    areaClass,
  };
}

/** From the national layer (insights): what the chosen town lacks and which towns built it since. */
export type TownGaps = {
  lacks: string[];
  fiscalYear: number | null;
  towns: readonly { municipalityCode: string; built: readonly string[] }[];
};
const NO_GAPS: TownGaps = { lacks: [], fiscalYear: null, towns: [] };

export async function searchPublic(
  tx: Tx,
  query: PublicSearchQuery,
  townPopulation: number | null = null,
  gaps: TownGaps = NO_GAPS,
): Promise<PublicCaseList> {
  const where = publicFilters(query);
  if (query.similarTo) {
    const town = await townOf(tx, query.similarTo, townPopulation);
    const found = await tx
      .select()
      .from(cases)
      .where(where)
      .orderBy(desc(cases.publishedAt), desc(cases.id))
      .limit(SIMILAR_MAX);
    const ranked = rankSimilar(
      town,
      found.map((row) => ({ ...row, code: row.municipalityCode })),
      new Map(gaps.towns.map((t) => [t.municipalityCode, t.built])),
    );
    const start = decodeCursor(query.cursor, OffsetCursor)?.o ?? 0;
    const page = ranked.slice(start, start + query.limit);
    return {
      items: page.map(({ row, similarity, builtWhatYouLack }) => ({
        ...presentSummary(row),
        similarity,
        builtWhatYouLack,
      })),
      total: ranked.length,
      nextCursor: start + query.limit < ranked.length ? encodeCursor({ o: start + query.limit }) : null,
      town: {
        code: town.code,
        name: town.name,
        municipalityType: town.municipalityType,
        populationBand: town.populationBand,
        lacks: gaps.lacks,
        lacksFiscalYear: gaps.fiscalYear,
      },
    };
  }
  const after = decodeCursor(query.cursor, Cursor);
  const found = await tx
    .select()
    .from(cases)
    .where(
      after
        ? and(
            where,
            or(
              lt(cases.publishedAt, new Date(after.p)),
              and(eq(cases.publishedAt, new Date(after.p)), lt(cases.id, after.i)),
            ),
          )
        : where,
    )
    .orderBy(desc(cases.publishedAt), desc(cases.id))
    .limit(query.limit + 1);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(cases)
    .where(where);
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentSummary),
    total: Number(total),
    nextCursor:
      found.length > query.limit && last?.publishedAt
        ? encodeCursor({ p: last.publishedAt.toISOString(), i: last.id })
        : null,
  };
}

/** A published case as the public sees it; a draft, submitted, returned or accepted case is 404. */
/** A published case as stored; the route adds its linked figures, read through insights in a transaction of their own. */
export type PublishedCase = Omit<PublicCase, 'linkedFigures'>;

export async function getPublicCase(tx: Tx, id: string): Promise<PublishedCase> {
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.id, id), eq(cases.state, 'published')));
  if (!row) throw notFound();
  return presentPublic(row, (await attachmentsOf(tx, [row.id])).get(row.id) ?? []);
}

function presentPublic(row: CaseRow, attachments: PublicCase['attachments']): PublishedCase {
  return {
    ...presentSummary(row),
    content: row.content,
    linkedIndicators: row.linkedIndicators,
    attachments,
    version: row.version,
  };
}

/** Every published case with its content (the open data, JSON and CSV). */
export async function allPublished(tx: Tx): Promise<PublishedCase[]> {
  const found = await tx
    .select()
    .from(cases)
    .where(eq(cases.state, 'published'))
    .orderBy(cases.prefectureCode, cases.municipalityCode, cases.publishedAt);
  const attachments = await attachmentsOf(
    tx,
    found.map((r) => r.id),
  );
  return found.map((row) => presentPublic(row, attachments.get(row.id) ?? []));
}

/** Staff lists: my tenant's cases; cases waiting for me (prefecture: submitted; national: accepted); the library. */
export async function listStaffCases(tx: Tx, actor: Actor, query: StaffListQuery): Promise<StaffCaseList> {
  let scope: SQL | undefined;
  if (query.view === 'library') scope = eq(cases.state, 'published');
  else if (query.view === 'review')
    scope = actor.tenant
      ? and(eq(cases.reviewerCode, actor.tenant), inArray(cases.state, ['submitted', 'returned', 'accepted']))
      : inArray(cases.state, ['accepted']);
  else scope = actor.tenant ? eq(cases.authorCode, actor.tenant) : sql`false`;
  const where = and(
    scope,
    query.state ? eq(cases.state, query.state) : undefined,
    keywordCondition(query.q, true),
  );
  const start = decodeCursor(query.cursor, OffsetCursor)?.o ?? 0;
  if (query.sort === 'title' || query.sort === 'town')
    return listStaffCasesSorted(tx, where, query.sort, start, query.limit);
  const found = await tx
    .select()
    .from(cases)
    .where(where)
    .orderBy(desc(cases.updatedAt), desc(cases.id))
    .limit(query.limit + 1)
    .offset(start);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(cases)
    .where(where);
  const page = found.slice(0, query.limit);
  return {
    items: page.map(staffCaseSummary),
    total: Number(total),
    nextCursor: found.length > query.limit ? encodeCursor({ o: start + query.limit }) : null,
  };
}

function staffCaseSummary(row: CaseRow) {
  return {
    id: row.id,
    title: row.content.title,
    municipalityCode: row.municipalityCode,
    municipalityName: row.municipalityName,
    authorName: row.authorName,
    state: row.state,
    version: row.version,
    themes: row.themes,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Ordered by title or town: a staff view holds a tenant's cases or the national library (hundreds),
 * ordered here with the Japanese collation (the database's may be another), then paged by offset.
 */
async function listStaffCasesSorted(
  tx: Tx,
  where: SQL | undefined,
  sort: 'title' | 'town',
  start: number,
  limit: number,
): Promise<StaffCaseList> {
  const rows = await tx.select().from(cases).where(where).orderBy(desc(cases.updatedAt), desc(cases.id));
  const items = rows.map(staffCaseSummary);
  const collator = new Intl.Collator('ja');
  // Array.prototype.sort is stable: ties keep the latest edit first.
  if (sort === 'title') items.sort((a, b) => collator.compare(a.title, b.title));
  else
    items.sort(
      (a, b) => a.municipalityCode.localeCompare(b.municipalityCode) || collator.compare(a.title, b.title),
    );
  return {
    items: items.slice(start, start + limit),
    total: items.length,
    nextCursor: start + limit < items.length ? encodeCursor({ o: start + limit }) : null,
  };
}

export type { PublicCaseSummary };
