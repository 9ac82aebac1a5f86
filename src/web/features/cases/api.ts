import { queryOptions } from '@tanstack/react-query';
import type {
  CaseQuestionView,
  CaseState,
  CaseTheme,
  PublicCase,
  PublicCaseList,
  StaffCase,
  StaffCaseList,
} from '../../../shared/contracts/cases.ts';
import type { PublicPlace, PublicSearchResponse } from '../../../shared/contracts/places.ts';
import { PUBLIC_PLACES_PAGE } from '../../../shared/limits.ts';
import { ApiError, api } from '../../api/client.ts';
import { htmlLangOf } from '../../i18n/index.ts';

export type { CaseQuestionView, PublicCase, PublicCaseList, StaffCase, StaffCaseList };

export type CasesSearch = {
  q?: string;
  theme?: string;
  prefecture?: string;
  municipalityType?: string;
  populationBand?: string;
  lifeStage?: string;
  areaClass?: string;
  similarTo?: string;
};

const clean = (search: CasesSearch) =>
  Object.fromEntries(Object.entries(search).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string
  >;

export const publicCasesQuery = (search: CasesSearch) =>
  queryOptions({
    queryKey: ['public-cases', clean(search)],
    queryFn: ({ signal }) =>
      api<PublicCaseList>('/api/public/cases', { query: { ...clean(search), limit: 50 }, signal }),
  });

export const publicCaseQuery = (id: string) =>
  queryOptions({
    queryKey: ['public-case', id],
    queryFn: ({ signal }) => api<PublicCase>(`/api/public/cases/${id}`, { signal }),
  });

export const themesQuery = () =>
  queryOptions({
    queryKey: ['case-themes'],
    queryFn: ({ signal }) => api<{ items: CaseTheme[] }>('/api/public/cases/themes', { signal }),
    staleTime: 5 * 60_000,
  });

/**
 * The national layer's indicator catalogue (the same public read the insights pages use), for the
 * author to choose which of the town's figures a case shows.
 */
type IndicatorCatalogItem = { id: string; ja: string; en: string };
export const indicatorCatalogQuery = () =>
  queryOptions({
    queryKey: ['indicators', 'catalog'],
    queryFn: ({ signal }) =>
      api<{ items: IndicatorCatalogItem[] }>('/api/public/indicators/catalog', { signal }),
    staleTime: 3_600_000,
  });

export type StaffCaseSort = 'updated' | 'title' | 'town';
export type StaffCaseFilter = { q: string; sort: StaffCaseSort; state: CaseState | '' };

export const staffCasesQuery = (
  view: 'mine' | 'review' | 'library',
  filter: StaffCaseFilter = { q: '', sort: 'updated', state: '' },
) =>
  queryOptions({
    queryKey: ['staff-cases', view, filter],
    queryFn: ({ signal }) =>
      api<StaffCaseList>('/api/cases', {
        query: {
          view,
          limit: 100,
          q: filter.q || undefined,
          sort: filter.sort === 'updated' ? undefined : filter.sort,
          state: filter.state || undefined,
        },
        signal,
      }),
  });

export const staffCaseQuery = (id: string) =>
  queryOptions({
    queryKey: ['staff-case', id],
    queryFn: ({ signal }) => api<StaffCase>(`/api/cases/${id}`, { signal }),
  });

export const questionsQuery = () =>
  queryOptions({
    queryKey: ['case-questions'],
    queryFn: ({ signal }) => api<{ items: CaseQuestionView[] }>('/api/cases/questions', { signal }),
  });

/** One attachment with its label (multipart `file` + `name`), CSRF as the JSON client sends it. */
export async function uploadAttachment(caseId: string, file: File, name: string, language: string) {
  const headers = { Accept: 'application/json', 'Accept-Language': htmlLangOf(language) };
  const csrf = await fetch('/api/auth/csrf', { headers, credentials: 'same-origin' })
    .then((r) => (r.ok ? (r.json() as Promise<{ csrfToken: string }>) : null))
    .catch(() => null);
  const form = new FormData();
  form.append('name', name);
  form.append('file', file);
  const response = await fetch(`/api/cases/${caseId}/attachments`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { ...headers, ...(csrf ? { 'X-CSRF-Token': csrf.csrfToken } : {}) },
  }).catch(() => null);
  if (!response)
    throw new ApiError({ type: 'about:blank', title: '', status: 0, code: 'network', errors: [] }, false);
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok)
    throw new ApiError(
      {
        type: 'about:blank',
        title: String(body?.title ?? ''),
        status: response.status,
        detail: body?.detail as string | undefined,
        code: body?.code as string | undefined,
        errors: (body?.errors as []) ?? [],
      },
      Boolean(body?.title),
    );
  return body;
}

// ── the directory entries a case links to (the places contract; the query keys are the places
// feature's own, so a place already loaded there is not fetched again) ──

export const linkedPlaceQuery = (id: string) =>
  queryOptions({
    queryKey: ['places', 'public', id],
    queryFn: ({ signal }) => api<PublicPlace>(`/api/public/places/${encodeURIComponent(id)}`, { signal }),
    staleTime: 60_000,
  });

/** The first page of a town's published entries, to pick the ones a case links to. */
export const townPlacesQuery = (town: string) =>
  queryOptions({
    queryKey: ['places', 'search', { municipality: town }, null],
    queryFn: ({ signal }) =>
      api<PublicSearchResponse>('/api/public/places', {
        query: { municipality: town, limit: PUBLIC_PLACES_PAGE },
        signal,
      }),
    staleTime: 60_000,
  });
