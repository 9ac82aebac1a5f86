import {
  FIRST_VISIT,
  type FirstVisit,
  LIFE_STAGES,
  PLACE_KINDS,
  type PlaceKind,
  type PlaceSearch,
  type StaffFilter,
  WEEKDAYS,
} from './api.ts';

/** URL search → the public search's conditions (anything unknown is dropped, never trusted). */
export type PlacesRouteSearch = Omit<PlaceSearch, 'municipality'> & {
  /**
   * A number in the URL (`?municipality=192015`): the router writes number-like strings in quotes
   * (`%22192015%22`), which is no link to share. Leading zeros (011002) are restored by `municipalityOf`.
   */
  municipality?: number;
  view?: 'map';
};

export const municipalityOf = (value: number | undefined): string | undefined =>
  value === undefined ? undefined : String(value).padStart(6, '0');

const str = (v: unknown, max: number) =>
  typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | undefined =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : undefined;

export function validatePlacesSearch(search: Record<string, unknown>): PlacesRouteSearch {
  const out: PlacesRouteSearch = {};
  const q = str(search.q, 100);
  if (q) out.q = q;
  const postalCode = str(search.postalCode, 10);
  if (postalCode) out.postalCode = postalCode;
  const municipality = String(search.municipality ?? '').padStart(6, '0');
  if (search.municipality !== undefined && /^\d{6}$/.test(municipality))
    out.municipality = Number(municipality);
  const kind = oneOf<PlaceKind>(PLACE_KINDS, search.kind);
  if (kind) out.kind = kind;
  const lifeStage = oneOf(LIFE_STAGES, search.lifeStage);
  if (lifeStage) out.lifeStage = lifeStage;
  const audience = oneOf(['person', 'family'] as const, search.audience);
  if (audience) out.audience = audience;
  if (search.online === true || search.online === 'true') out.online = true;
  const weekday = oneOf(WEEKDAYS, search.weekday);
  if (weekday) out.weekday = weekday;
  const fv = Array.isArray(search.firstVisit)
    ? search.firstVisit
    : typeof search.firstVisit === 'string'
      ? search.firstVisit.split(',')
      : [];
  const firstVisit = fv.map((v) => oneOf<FirstVisit>(FIRST_VISIT, v)).filter((v): v is FirstVisit => !!v);
  if (firstVisit.length) out.firstVisit = firstVisit;
  if (search.view === 'map') out.view = 'map';
  return out;
}

export function validateStaffPlacesSearch(search: Record<string, unknown>): StaffFilter {
  const out: StaffFilter = {};
  const q = str(search.q, 100);
  if (q) out.q = q;
  const kind = oneOf<PlaceKind>(PLACE_KINDS, search.kind);
  if (kind) out.kind = kind;
  const publication = oneOf(['draft', 'in_review', 'published'] as const, search.publication);
  if (publication) out.publication = publication;
  const status = oneOf(['active', 'paused', 'closed'] as const, search.status);
  if (status) out.status = status;
  if (search.stale === true || search.stale === 'true') out.stale = true;
  const sort = oneOf(['name', 'verified', 'updated'] as const, search.sort);
  if (sort && sort !== 'name') out.sort = sort;
  return out;
}

/**
 * For links: the router writes strings that look like numbers in quotes (`%22192015%22`); a code as a
 * number keeps the address readable and shareable (validatePlacesSearch restores leading zeros).
 */
export function toUrlSearch<T extends { municipality?: string | undefined }>(
  search: T,
): Omit<T, 'municipality'> & { municipality?: number } {
  const { municipality, ...rest } = search;
  return { ...rest, ...(municipality ? { municipality: Number(municipality) } : {}) };
}
