import { queryOptions } from '@tanstack/react-query';
import { PUBLIC_PLACES_PAGE } from '../../../shared/limits.ts';
import { api, type ListPage } from '../../api/client.ts';
import { uploadFile } from '../../api/upload.ts';

/** Shapes of /api/public/places and /api/places (src/server/modules/places/places.schema.ts). */
export const PLACE_KINDS = [
  'ibasho',
  'consultation_window',
  'family_association',
  'peer_space',
  'opportunity',
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const LIFE_STAGES = ['school_age', 'working_age', 'age_40_64', 'age_65_plus'] as const;
export type LifeStage = (typeof LIFE_STAGES)[number];
export const FIRST_VISIT = [
  'anonymous_ok',
  'no_need_to_talk',
  'accompanied_first_visit',
  'quiet_room',
  'women_only_times',
] as const;
export type FirstVisit = (typeof FIRST_VISIT)[number];
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const OPERATOR_TYPES = [
  'municipality',
  'centre',
  'npo',
  'family_association',
  'peer_run',
  'business',
] as const;
export type OperatorType = (typeof OPERATOR_TYPES)[number];

export type OpeningHoursView = {
  rrule: string;
  freq: 'WEEKLY' | 'MONTHLY';
  interval: number;
  days: { day: Weekday; ordinal: number | null }[];
  start: string;
  end: string;
  note?: string;
};

export type Opportunity = {
  hoursPerWeekMin: number | null;
  hoursPerWeekMax: number | null;
  remoteOk: boolean;
  supportStaff: boolean;
  pay: 'none' | 'allowance' | 'wage';
  payNote: string;
  businessName: string;
  businessCorporateNumber: string | null;
};

export type Contact = {
  phone: string | null;
  email: string | null;
  url: string | null;
  hours: string;
  note: string;
};

export type PublicPlace = {
  id: string;
  municipalityCode: string;
  municipalityName: string;
  prefectureCode: string;
  prefectureName: string;
  kind: PlaceKind;
  name: string;
  nameKana: string;
  aliasName: string;
  description: string;
  operator: { type: OperatorType; name: string; corporateNumber: string | null };
  postalCode: string | null;
  address: string;
  addressDetail: string;
  district: string | null;
  location: { lat: number; lng: number } | null;
  delivery: 'in_person' | 'online' | 'both';
  lifeStages: LifeStage[];
  audience: 'person' | 'family' | 'both';
  openingHours: OpeningHoursView[];
  openingNote: string;
  cost: string;
  firstVisit: FirstVisit[];
  peerStaff: boolean;
  languages: string[];
  accessibility: string;
  /** 行き方 (listings written before it existed have an empty one). */
  access: string;
  contact: Contact;
  status: 'active' | 'paused';
  verifiedOn: string | null;
  opportunity: Opportunity | null;
  publishedAt: string;
  distanceKm?: number | null;
};

export type ResolvedArea = {
  postalCode: string;
  prefectureCode: string;
  prefectureName: string;
  municipalityCode: string;
  municipalityName: string;
  district: string;
};

export type PlaceSearch = {
  q?: string;
  postalCode?: string;
  municipality?: string;
  kind?: PlaceKind;
  lifeStage?: LifeStage;
  audience?: 'person' | 'family';
  online?: boolean;
  weekday?: Weekday;
  firstVisit?: FirstVisit[];
  near?: string;
};

export type PlaceSearchResult = ListPage<PublicPlace> & {
  /** More matches exist than were counted: `total` is the server's cap ("more than"). */
  totalCapped: boolean;
  area: ResolvedArea | null;
};

export const PLACE_PAGE = PUBLIC_PLACES_PAGE;

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

export type Publication = 'draft' | 'in_review' | 'published';
export type PlaceStatus = 'active' | 'paused' | 'closed';

export type PlaceContent = {
  kind: PlaceKind;
  name: string;
  nameKana: string;
  aliasName: string;
  description: string;
  operator: { type: OperatorType; name: string; corporateNumber: string | null };
  postalCode: string | null;
  address: string;
  addressDetail: string;
  location: { lat: number; lng: number } | null;
  delivery: 'in_person' | 'online' | 'both';
  lifeStages: LifeStage[];
  audience: 'person' | 'family' | 'both';
  openingHours: { rrule: string; start: string; end: string; note?: string }[];
  openingNote: string;
  cost: string;
  firstVisit: FirstVisit[];
  peerStaff: boolean;
  languages: string[];
  accessibility: string;
  /** 行き方 (listings written before it existed have an empty one). */
  access: string;
  contact: Contact;
  status: PlaceStatus;
  verifiedOn: string | null;
  externalId: string | null;
  opportunity: Opportunity | null;
};

export type StaffPlace = {
  id: string;
  kind: PlaceKind;
  name: string;
  nameKana: string;
  status: PlaceStatus;
  publication: Publication;
  hasUnpublishedChanges: boolean;
  isPublic: boolean;
  verifiedOn: string | null;
  verificationDue: boolean;
  externalId: string | null;
  version: number;
  updatedAt: string;
  municipalityCode: string;
  content: PlaceContent;
  submittedBy: string | null;
  updatedBy: string | null;
  reviewComment: string | null;
  canReview: boolean;
};

export type StaffFilter = {
  q?: string;
  kind?: PlaceKind;
  publication?: Publication;
  status?: PlaceStatus;
  stale?: boolean;
  /** Server-side order (the list is paged): name (default), verified, updated. */
  sort?: StaffPlaceSort;
};
export type StaffPlaceSort = 'name' | 'verified' | 'updated';

export const STAFF_PAGE = 50;

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

export type HistoryItem = {
  id: number;
  version: number;
  action: string;
  actorAccountId: string | null;
  at: string;
  comment: string | null;
  changedFields: string[];
};

export const placeHistoryQuery = (id: string) =>
  queryOptions({
    queryKey: ['places', 'staff', 'history', id],
    queryFn: ({ signal }) =>
      api<ListPage<HistoryItem>>(`/api/places/${encodeURIComponent(id)}/history`, {
        query: { limit: 50 },
        signal,
      }),
  });

export const createPlace = (body: PlaceContent) => api<StaffPlace>('/api/places', { method: 'POST', body });
export const updatePlace = (id: string, body: PlaceContent & { version: number }) =>
  api<StaffPlace>(`/api/places/${encodeURIComponent(id)}`, { method: 'PUT', body });
export const placeAction = (
  id: string,
  action: 'submit' | 'publish' | 'withdraw' | 'verify' | 'return',
  body: { version: number; comment?: string },
) => api<StaffPlace>(`/api/places/${encodeURIComponent(id)}/${action}`, { method: 'POST', body });
export const suggestReading = (text: string) =>
  api<{ reading: string }>('/api/places/reading', { query: { text } });
export type PostalAddress = {
  postalCode: string;
  prefectureName: string;
  municipalityCode: string;
  municipalityName: string;
  district: string;
};
export const lookUpPostalCode = (postalCode: string) =>
  api<PostalAddress>(`/api/places/postal-codes/${encodeURIComponent(postalCode)}`);

export type ImportView = {
  id: string;
  status: 'previewed' | 'applying' | 'applied' | 'failed';
  encoding: 'utf-8' | 'shift_jis';
  totalRows: number;
  validRows: number;
  errors: { row: number; column: string; message: string }[];
  preview: {
    row: number;
    externalId: string | null;
    name: string;
    kind: PlaceKind;
    action: 'create' | 'update' | 'unchanged';
  }[];
  processed: number;
  result: { created: number; updated: number; unchanged: number } | null;
  createdAt: string;
};

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

/** The tile layer under the maps as the deployment allows it (MAP_TILE_URL), or null: offline map only. */
export type MapSettings = {
  tiles: { urlTemplate: string; attribution: string; attributionUrl: string | null } | null;
};

export const mapSettingsQuery = () =>
  queryOptions({
    queryKey: ['public', 'map'],
    queryFn: ({ signal }) => api<MapSettings>('/api/public/map', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
