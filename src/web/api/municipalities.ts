import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type {
  HelplineList,
  MunicipalityDetail,
  MunicipalityItem,
  PrefectureItem,
} from '../../shared/contracts/municipalities.ts';
import { api, type ListPage } from './client.ts';

// Shapes of the public municipalities API (`/api/public/…`): the server's own schemas.
export type {
  ConsultationNumber,
  DepartmentContact,
  MunicipalityDetail,
  MunicipalityItem as MunicipalitySummary,
  MunicipalityKind,
  PrefectureItem as Prefecture,
  PublicTenantProfile as MunicipalityProfile,
} from '../../shared/contracts/municipalities.ts';

/** Enough for a phone screen; the status line says when there are more. */
export const SEARCH_LIMIT = 20;
/** A prefecture has at most ~190 municipalities and wards (北海道): one page for all but the largest. */
export const PREFECTURE_PAGE = 200;

export const municipalitySearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['municipalities', 'search', q],
    queryFn: ({ signal }) =>
      api<ListPage<MunicipalityItem>>('/api/public/municipalities', {
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
      api<ListPage<MunicipalityItem>>('/api/public/municipalities', {
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
    queryFn: ({ signal }) => api<ListPage<PrefectureItem>>('/api/public/prefectures', { signal }),
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
export type {
  HelplineItem as HelplineStatus,
  HelplineList as HelplineStatusList,
} from '../../shared/contracts/municipalities.ts';

export const helplinesQuery = () =>
  queryOptions({
    queryKey: ['helplines'],
    queryFn: ({ signal }) => api<HelplineList>('/api/public/helplines', { signal }),
    // "Open now" follows the server's clock (Asia/Tokyo business clock): ask again every minute.
    staleTime: 60_000,
    refetchInterval: 60_000,
  });
