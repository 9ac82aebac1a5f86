import { queryOptions } from '@tanstack/react-query';
import type {
  IndicatorFigure,
  ReturnListItem,
  ReturnValue,
  StatusReturn,
} from '../../../shared/contracts/insights.ts';
import { api, buildUrl, type ListPage } from '../../api/client.ts';

/** The insights API (shapes: src/shared/contracts/insights.ts). */
export type { IndicatorFigure, ReturnListItem, ReturnValue, StatusReturn };

export const returnQuery = (code: string, fiscalYear: number) =>
  queryOptions({
    queryKey: ['returns', code, fiscalYear],
    queryFn: () => api<StatusReturn>(`/api/returns/${code}/${fiscalYear}`),
  });

export const returnsListQuery = (fiscalYear: number) =>
  queryOptions({
    queryKey: ['returns', 'list', fiscalYear],
    queryFn: async () => {
      const items: ReturnListItem[] = [];
      let cursor: string | null = null;
      do {
        const page: ListPage<ReturnListItem> = await api(
          buildUrl('/api/returns', { fiscalYear, limit: 200, cursor: cursor ?? undefined }),
        );
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    },
  });

export const saveReturn = (
  code: string,
  fiscalYear: number,
  body: { items: Record<string, ReturnValue>; reasons: Record<string, string>; version: number },
) => api<StatusReturn>(`/api/returns/${code}/${fiscalYear}`, { method: 'PUT', body });
export const submitReturn = (code: string, fiscalYear: number, version: number) =>
  api<StatusReturn>(`/api/returns/${code}/${fiscalYear}/submit`, { method: 'POST', body: { version } });
export const reviewReturn = (
  code: string,
  fiscalYear: number,
  body: { decision: 'accept' | 'return'; comment?: string; version: number },
) => api<StatusReturn>(`/api/returns/${code}/${fiscalYear}/review`, { method: 'POST', body });
export const remind = (fiscalYear: number) =>
  api<{ queued: number; withoutAddress: string[] }>('/api/returns/reminders', {
    method: 'POST',
    body: { fiscalYear },
  });

export type Coverage = {
  fiscalYear: number;
  scope: string;
  prefectures: {
    code: string;
    name: string;
    municipalities: number;
    reported: number;
    onTime: number;
    reportingRate: number;
    onTimeRate: number;
    items: Record<string, { yes: number; share: number | null }>;
  }[];
  national: {
    municipalities: number;
    reported: number;
    reportingRate: number;
    items: Record<string, { yes: number; share: number | null }>;
  };
  gaps: { code: string; name: string; prefectureCode: string; item: string }[];
};
export const coverageQuery = (fiscalYear: number) =>
  queryOptions({
    queryKey: ['insights', 'coverage', fiscalYear],
    queryFn: () => api<Coverage>(buildUrl('/api/insights/coverage', { fiscalYear })),
  });

export type IndicatorCatalogItem = {
  id: string;
  ja: string;
  en: string;
  countsPersons: boolean;
  unit: string;
  per100k: boolean;
};
export const catalogQuery = () =>
  queryOptions({
    queryKey: ['indicators', 'catalog'],
    queryFn: () => api<{ items: IndicatorCatalogItem[] }>('/api/public/indicators/catalog'),
    staleTime: 3_600_000,
  });

export type IndicatorPage = ListPage<IndicatorFigure> & {
  median: number | null;
  medianPer100k: number | null;
  demo: boolean;
  threshold: number;
};
export const indicatorQuery = (indicator: string, fiscalYear: number, level: 'municipality' | 'prefecture') =>
  queryOptions({
    queryKey: ['indicators', indicator, fiscalYear, level],
    queryFn: async () => {
      const items: IndicatorFigure[] = [];
      let cursor: string | null = null;
      let first: IndicatorPage | null = null;
      do {
        const page: IndicatorPage = await api(
          buildUrl('/api/public/indicators', {
            indicator,
            fiscalYear,
            level,
            limit: 200,
            cursor: cursor ?? undefined,
          }),
        );
        first ??= page;
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return { ...(first as IndicatorPage), items };
    },
  });

export const exportUrl = (ext: 'csv' | 'xlsx', indicator: string, fiscalYear: number, prefecture?: string) =>
  buildUrl(`/api/public/indicators.${ext}`, { indicator, fiscalYear, prefecture });

export type MunicipalityStatus = {
  code: string;
  name: string;
  prefectureName: string;
  usesTsunagari: boolean;
  fiscalYear: number | null;
  enteredBy: 'municipality' | 'prefecture' | null;
  window: { name: string; department: string; phone: string; hours: string } | null;
  services: { id: string; ja: string; en: string; value: boolean | number }[];
  prefectureCentre: { name: string; phone: string; hours: string; url: string } | null;
  isDemo: boolean;
};
export const statusQuery = (code: string) =>
  queryOptions({
    queryKey: ['municipality-status', code],
    queryFn: () => api<MunicipalityStatus>(`/api/public/municipalities/${code}/status`),
  });

// ── the prefecture's tools: entry on behalf, import, regional support centre ──

export const enterReturnFor = (code: string, fiscalYear: number, items: Record<string, ReturnValue>) =>
  api<StatusReturn>(`/api/returns/${code}/${fiscalYear}/on-behalf`, { method: 'PUT', body: { items } });

export type ImportPreview = {
  digest: string;
  applied: boolean;
  rows: {
    row: number;
    municipalityCode: string | null;
    municipalityName: string | null;
    errors: { column: string; message: string }[];
  }[];
  validRows: number;
  errorRows: number;
};
export const importReturns = (body: {
  fiscalYear: number;
  fileName: string;
  content: string;
  apply?: string;
}) => api<ImportPreview>('/api/returns/import', { method: 'POST', body });

export type Centre = { name: string; phone: string; hours: string; url: string };
export const declareCentre = (body: Centre) =>
  api<Centre>('/api/returns/prefecture-centre', { method: 'PUT', body });
