import { queryOptions } from '@tanstack/react-query';
import type {
  FirstVisitOption,
  HistoryItem,
  ImportView,
  LifeStage,
  PlaceContentView,
  PlaceKind,
  PlaceStatus,
  PostalAddress,
  Publication,
  PublicMapSettings,
  PublicPlace,
  PublicSearchResponse,
  StaffPlace,
} from '../../../shared/contracts/places.ts';
import { PUBLIC_PLACES_PAGE } from '../../../shared/limits.ts';
import type { Weekday } from '../../../shared/opening-hours.ts';
import { api, type ListPage } from '../../api/client.ts';
import { uploadFile } from '../../api/upload.ts';

/** Shapes of /api/public/places and /api/places: the contract the server answers with (type-only). */
export type {
  ContactView as Contact,
  FirstVisitOption as FirstVisit,
  HistoryItem,
  ImportView,
  LifeStage,
  OpeningHoursView,
  OperatorType,
  OpportunityView as Opportunity,
  PlaceContentView as PlaceContent,
  PlaceKind,
  PlaceStatus,
  PostalAddress,
  Publication,
  PublicMapSettings as MapSettings,
  PublicPlace,
  ResolvedArea,
  StaffPlace,
} from '../../../shared/contracts/places.ts';
export {
  FIRST_VISIT,
  LIFE_STAGES,
  OPERATOR_TYPES,
  PLACE_KINDS,
} from '../../../shared/contracts/places-enums.ts';
export { WEEKDAYS, type Weekday } from '../../../shared/opening-hours.ts';

export type PlaceSearch = {
  q?: string;
  postalCode?: string;
  municipality?: string;
  kind?: PlaceKind;
  lifeStage?: LifeStage;
  audience?: 'person' | 'family';
  online?: boolean;
  weekday?: Weekday;
  firstVisit?: FirstVisitOption[];
  near?: string;
};

/** A page of the public search; `totalCapped`: more matches exist than were counted ("more than `total`"). */
export type PlaceSearchResult = PublicSearchResponse;

const PLACE_PAGE = PUBLIC_PLACES_PAGE;

export function searchParams(search: PlaceSearch, cursor?: string | null) {
  return {
    q: search.q,
    postalCode: search.postalCode,
    municipality: search.municipality,
    kind: search.kind,
    lifeStage: search.lifeStage,
    audience: search.audience,
    online: search.online ? 'true' : undefined,
    weekday: search.weekday,
    firstVisit: search.firstVisit?.join(','),
    near: search.near,
    limit: PLACE_PAGE,
    cursor: cursor ?? undefined,
  };
}

export const placeSearchQuery = (search: PlaceSearch, cursor: string | null) =>
  queryOptions({
    queryKey: ['places', 'search', search, cursor],
    queryFn: ({ signal }) =>
      api<PlaceSearchResult>('/api/public/places', { query: searchParams(search, cursor), signal }),
    staleTime: 60_000,
  });

export const publicPlaceQuery = (id: string) =>
  queryOptions({
    queryKey: ['places', 'public', id],
    queryFn: ({ signal }) => api<PublicPlace>(`/api/public/places/${encodeURIComponent(id)}`, { signal }),
    staleTime: 60_000,
  });

// ── staff ─────────────────────────────────────────────────────────────────────────────────────

export type StaffFilter = {
  q?: string;
  kind?: PlaceKind;
  publication?: Publication;
  status?: PlaceStatus;
  stale?: boolean;
  /** Server-side order (the list is paged): name (default), verified, updated. */
  sort?: StaffPlaceSort;
};
type StaffPlaceSort = 'name' | 'verified' | 'updated';

const STAFF_PAGE = 50;

export const staffPlacesQuery = (filter: StaffFilter, cursor: string | undefined) =>
  queryOptions({
    queryKey: ['places', 'staff', 'list', filter, cursor ?? null],
    queryFn: ({ signal }) =>
      api<ListPage<StaffPlace>>('/api/places', {
        query: { ...filter, stale: filter.stale ? 'true' : undefined, cursor, limit: STAFF_PAGE },
        signal,
      }),
  });

export const staffPlaceQuery = (id: string) =>
  queryOptions({
    queryKey: ['places', 'staff', 'one', id],
    queryFn: ({ signal }) => api<StaffPlace>(`/api/places/${encodeURIComponent(id)}`, { signal }),
  });

export const placeHistoryQuery = (id: string) =>
  queryOptions({
    queryKey: ['places', 'staff', 'history', id],
    queryFn: ({ signal }) =>
      api<ListPage<HistoryItem>>(`/api/places/${encodeURIComponent(id)}/history`, {
        query: { limit: 50 },
        signal,
      }),
  });

export const createPlace = (body: PlaceContentView) =>
  api<StaffPlace>('/api/places', { method: 'POST', body });
export const updatePlace = (id: string, body: PlaceContentView & { version: number }) =>
  api<StaffPlace>(`/api/places/${encodeURIComponent(id)}`, { method: 'PUT', body });
export const placeAction = (
  id: string,
  action: 'submit' | 'publish' | 'withdraw' | 'verify' | 'return',
  body: { version: number; comment?: string },
) => api<StaffPlace>(`/api/places/${encodeURIComponent(id)}/${action}`, { method: 'POST', body });
export const suggestReading = (text: string) =>
  api<{ reading: string }>('/api/places/reading', { query: { text } });
export const lookUpPostalCode = (postalCode: string) =>
  api<PostalAddress>(`/api/places/postal-codes/${encodeURIComponent(postalCode)}`);

export const importQuery = (id: string) =>
  queryOptions({
    queryKey: ['places', 'import', id],
    queryFn: ({ signal }) => api<ImportView>(`/api/places/imports/${encodeURIComponent(id)}`, { signal }),
  });

export const confirmImport = (id: string, skipInvalid: boolean) =>
  api<ImportView>(`/api/places/imports/${encodeURIComponent(id)}/confirm`, {
    method: 'POST',
    body: { skipInvalid },
  });

/** Multipart upload through the shared helper (src/web/api/upload.ts). */
export const uploadImport = (file: File, language: string) =>
  uploadFile<ImportView>('/api/places/imports', file, language);

export const mapSettingsQuery = () =>
  queryOptions({
    queryKey: ['public', 'map'],
    queryFn: ({ signal }) => api<PublicMapSettings>('/api/public/map', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
