import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  GentlePlace,
  LocalEntries,
  LocalResponse,
  LocalScheme,
  LocalSchemeInput,
  LocalWindow,
  LocalWindowInput,
} from '../../../shared/contracts/navigator.ts';
import type { Database, Tx } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tenant.ts';
import { notFound } from '../../platform/errors.ts';
import { getMunicipality, getPublicProfile } from '../municipalities/index.ts';
import { getPublicPlace, listingsOf } from '../places/index.ts';
import { navigatorError } from './navigator.errors.ts';
import { mayLinkPlace } from './navigator.policy.ts';
import { navigatorLocalSchemes, navigatorLocalWindows, navigatorPageCounts } from './navigator.tables.ts';

/**
 * Use cases of a municipality's own part of the navigator: its windows (linked to its directory
 * entries where it has entered ハローワーク, サポステ… as places) and its local schemes; and the public
 * view of a town that the navigator and the employer sheet read.
 */

type WindowRow = typeof navigatorLocalWindows.$inferSelect;
type SchemeRow = typeof navigatorLocalSchemes.$inferSelect;

const presentWindow = (w: WindowRow): LocalWindow => ({
  id: w.id,
  kind: w.kind,
  name: w.name,
  placeId: w.placeId,
  address: w.address,
  phone: w.phone,
  hours: w.hours,
  note: w.note,
});
const presentScheme = (s: SchemeRow): LocalScheme => ({
  id: s.id,
  title: s.title,
  summary: s.summary,
  topic: s.topic as LocalScheme['topic'],
  where: s.where,
  bring: s.bring,
  effectiveFrom: s.effectiveFrom,
  effectiveTo: s.effectiveTo,
  source: { title: s.sourceTitle, url: s.sourceUrl },
  checkedOn: s.checkedOn,
});

export async function listLocalEntries(tx: Tx, tenant: string): Promise<LocalEntries> {
  const windows = await tx
    .select()
    .from(navigatorLocalWindows)
    .where(eq(navigatorLocalWindows.municipalityCode, tenant))
    .orderBy(asc(navigatorLocalWindows.kind), asc(navigatorLocalWindows.createdAt));
  const schemes = await tx
    .select()
    .from(navigatorLocalSchemes)
    .where(eq(navigatorLocalSchemes.municipalityCode, tenant))
    .orderBy(asc(navigatorLocalSchemes.effectiveFrom), asc(navigatorLocalSchemes.createdAt));
  return { windows: windows.map(presentWindow), schemes: schemes.map(presentScheme) };
}

export async function addWindow(
  tx: Tx,
  tenant: string,
  input: z.output<typeof LocalWindowInput>,
  now: Date,
  id?: string,
): Promise<LocalWindow> {
  if (input.placeId) {
    const place = await getPublicPlace(tx, input.placeId).catch(() => null);
    if (!mayLinkPlace(place, tenant)) throw navigatorError(400, 'navigator_place_not_listed', '/placeId');
  }
  const [row] = await tx
    .insert(navigatorLocalWindows)
    .values({ ...(id ? { id } : {}), municipalityCode: tenant, ...input, createdAt: now })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    const [existing] = await tx
      .select()
      .from(navigatorLocalWindows)
      .where(and(eq(navigatorLocalWindows.municipalityCode, tenant), eq(navigatorLocalWindows.id, id!)));
    return presentWindow(existing!);
  }
  return presentWindow(row);
}

export async function addScheme(
  tx: Tx,
  tenant: string,
  input: z.output<typeof LocalSchemeInput>,
  now: Date,
  id?: string,
): Promise<LocalScheme> {
  const { source, ...rest } = input;
  const [row] = await tx
    .insert(navigatorLocalSchemes)
    .values({
      ...(id ? { id } : {}),
      municipalityCode: tenant,
      ...rest,
      sourceTitle: source.title,
      sourceUrl: source.url,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    const [existing] = await tx
      .select()
      .from(navigatorLocalSchemes)
      .where(and(eq(navigatorLocalSchemes.municipalityCode, tenant), eq(navigatorLocalSchemes.id, id!)));
    return presentScheme(existing!);
  }
  return presentScheme(row);
}

/** Another tenant's entry is not found (404), never forbidden. */
export async function removeWindow(tx: Tx, tenant: string, id: string): Promise<void> {
  const gone = await tx
    .delete(navigatorLocalWindows)
    .where(and(eq(navigatorLocalWindows.municipalityCode, tenant), eq(navigatorLocalWindows.id, id)))
    .returning({ id: navigatorLocalWindows.id });
  if (gone.length === 0) throw notFound();
}

export async function removeScheme(tx: Tx, tenant: string, id: string): Promise<void> {
  const gone = await tx
    .delete(navigatorLocalSchemes)
    .where(and(eq(navigatorLocalSchemes.municipalityCode, tenant), eq(navigatorLocalSchemes.id, id)))
    .returning({ id: navigatorLocalSchemes.id });
  if (gone.length === 0) throw notFound();
}

/**
 * The public view of one town: its profile's contacts, its windows (a window linked to a directory
 * entry takes the entry's published address, phone and hours), its schemes in force today, and
 * directory entries offered as gentle steps (居場所 where one need not talk, family associations).
 */
export async function publicLocal(db: Database, code: string, today: string): Promise<LocalResponse> {
  const municipality = await inTransaction(db, { tenant: null }, (tx) => getMunicipality(tx, code));
  return inTransaction(db, { tenant: code }, async (tx) => {
    const profile = await getPublicProfile(tx, code);
    const windows = await tx
      .select()
      .from(navigatorLocalWindows)
      .where(eq(navigatorLocalWindows.municipalityCode, code))
      .orderBy(asc(navigatorLocalWindows.kind), asc(navigatorLocalWindows.createdAt));
    const schemes = await tx
      .select()
      .from(navigatorLocalSchemes)
      .where(
        and(
          eq(navigatorLocalSchemes.municipalityCode, code),
          lte(navigatorLocalSchemes.effectiveFrom, today),
          or(isNull(navigatorLocalSchemes.effectiveTo), gte(navigatorLocalSchemes.effectiveTo, today)),
        ),
      )
      .orderBy(asc(navigatorLocalSchemes.effectiveFrom));
    const listings = await listingsOf(tx, code);
    const byId = new Map(listings.map((l) => [l.id, l]));
    const contactOf = (c: { department: string; phone: string; hours?: string } | null | undefined) =>
      c ? { department: c.department, phone: c.phone, ...(c.hours ? { hours: c.hours } : {}) } : null;
    const places: GentlePlace[] = listings
      .filter(
        (l) =>
          (l.kind === 'ibasho' && l.content.firstVisit.includes('no_need_to_talk')) ||
          l.kind === 'family_association',
      )
      .map((l) => ({
        id: l.id,
        kind: l.kind,
        name: l.content.name,
        noNeedToTalk: l.content.firstVisit.includes('no_need_to_talk'),
        anonymousOk: l.content.firstVisit.includes('anonymous_ok'),
        online: l.content.delivery !== 'in_person',
      }));
    return {
      municipalityCode: code,
      municipalityName: municipality.name,
      hasProfile: profile !== null,
      isDemo: profile?.isDemo ?? false,
      contacts: {
        welfare: contactOf(profile?.welfareContact),
        labour: contactOf(profile?.labourContact),
        numbers: (profile?.consultationNumbers ?? []).map((n) => ({
          label: n.label,
          phone: n.phone,
          ...(n.hours ? { hours: n.hours } : {}),
        })),
      },
      windows: windows.map((w) => {
        const listed = w.placeId ? byId.get(w.placeId) : undefined;
        if (!listed) return presentWindow({ ...w, placeId: null });
        const c = listed.content;
        return presentWindow({
          ...w,
          name: w.name || c.name,
          address: [c.address, c.addressDetail].filter(Boolean).join(' ') || w.address,
          phone: c.contact.phone ?? w.phone,
          hours: c.contact.hours || w.hours,
        });
      }),
      schemes: schemes.map(presentScheme),
      places,
    };
  });
}

/** One anonymous page view of the navigator in a town (a number per day; nothing about the visitor). */
export async function countPageView(db: Database, code: string, day: string): Promise<void> {
  await inTransaction(db, { tenant: null }, (tx) =>
    tx
      .insert(navigatorPageCounts)
      .values({ municipalityCode: code, day, views: 1 })
      .onConflictDoUpdate({
        target: [navigatorPageCounts.municipalityCode, navigatorPageCounts.day],
        set: { views: sql`${navigatorPageCounts.views} + 1` },
      }),
  );
}

/** National staff: page counts per municipality over a period (numbers only). */
export async function pageCounts(tx: Tx, from: string, to: string) {
  const found = await tx
    .select({
      municipalityCode: navigatorPageCounts.municipalityCode,
      views: sql<number>`sum(${navigatorPageCounts.views})::int`,
    })
    .from(navigatorPageCounts)
    .where(and(gte(navigatorPageCounts.day, from), lte(navigatorPageCounts.day, to)))
    .groupBy(navigatorPageCounts.municipalityCode)
    .orderBy(asc(navigatorPageCounts.municipalityCode));
  return { from, to, items: found, total: found.length, nextCursor: null };
}
