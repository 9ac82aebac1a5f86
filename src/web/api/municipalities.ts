import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, type ListPage } from './client.ts';

/** Shapes of the public municipalities API (`/api/public/…`). */
export type MunicipalityKind = 'municipality' | 'ward' | 'prefecture';

export type MunicipalitySummary = {
  code: string;
  name: string;
  nameKana: string;
  prefectureCode: string;
  prefectureName: string;
  /** Romaji for English pages (Kofu-shi, Yamanashi), derived from the readings. */
  nameRomaji: string;
  prefectureNameRomaji: string;
  kind: MunicipalityKind;
  parentCode: string | null;
};

export type DepartmentContact = {
  department: string;
  phone: string;
  email?: string | null;
  hours?: string | null;
};

export type ConsultationNumber = {
  label: string;
  phone: string;
  hours?: string | null;
  note?: string | null;
};

export type MunicipalityProfile = {
  documentName: string;
  consultationNumbers: ConsultationNumber[];
  welfareContact: DepartmentContact | null;
  labourContact: DepartmentContact | null;
  onCallContact: DepartmentContact | null;
  population: number | null;
  populationAsOf: string | null;
  /** Fictional demo data (TSUNAGARI_DEMO): the page must say so. */
  isDemo?: boolean;
};

export type MunicipalityDetail = MunicipalitySummary & {
  wards: MunicipalitySummary[];
  profile: MunicipalityProfile | null;
};

export type Prefecture = {
  code: string;
  name: string;
  nameKana: string;
  /** English (romaji) name: Yamanashi, Tokyo. */
  nameRomaji: string;
  tenantCode: string;
};

/** Enough for a phone screen; the status line says when there are more. */
export const SEARCH_LIMIT = 20;
/** A prefecture has at most ~190 municipalities and wards (北海道): one page for all but the largest. */
export const PREFECTURE_PAGE = 200;

export const municipalitySearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['municipalities', 'search', q],
    queryFn: ({ signal }) =>
      api<ListPage<MunicipalitySummary>>('/api/public/municipalities', {
        // Wards and prefectures too: someone may know only 港北 or 山梨.
        query: { q, kind: 'all', limit: SEARCH_LIMIT },
        signal,
      }),
    enabled: q.length > 0,
    staleTime: 5 * 60_000,
  });

export const prefectureMunicipalitiesQuery = (prefecture: string) =>
  infiniteQueryOptions({
    queryKey: ['municipalities', 'prefecture', prefecture],
    queryFn: ({ signal, pageParam }) =>
      api<ListPage<MunicipalitySummary>>('/api/public/municipalities', {
        query: { prefecture, limit: PREFECTURE_PAGE, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: prefecture !== '',
    staleTime: 30 * 60_000,
  });

export const prefecturesQuery = () =>
  queryOptions({
    queryKey: ['prefectures'],
    queryFn: ({ signal }) => api<ListPage<Prefecture>>('/api/public/prefectures', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const municipalityQuery = (code: string) =>
  queryOptions({
    queryKey: ['municipalities', 'detail', code],
    queryFn: ({ signal }) =>
      api<MunicipalityDetail>(`/api/public/municipalities/${encodeURIComponent(code)}`, { signal }),
    staleTime: 5 * 60_000,
  });

/** `GET /api/public/helplines`: the national lines with hours, cost and whether each answers now. */
export type HelplineStatus = {
  id: string;
  number: string;
  openNow: boolean;
};
export type HelplineStatusList = ListPage<HelplineStatus> & { asOf: string };

export const helplinesQuery = () =>
  queryOptions({
    queryKey: ['helplines'],
    queryFn: ({ signal }) => api<HelplineStatusList>('/api/public/helplines', { signal }),
    // "Open now" follows the server's clock (Asia/Tokyo business clock): ask again every minute.
    staleTime: 60_000,
    refetchInterval: 60_000,
  });
