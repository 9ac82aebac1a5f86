import { queryOptions } from '@tanstack/react-query';
import type {
  Danger,
  OperatorDetail,
  OperatorListItem,
  OperatorSuggestion,
  ProtectionBoardItem,
  PublicReportView,
  ReferralTarget,
  ReportCategory,
  ReportDetail,
  ReporterRole,
  ReportStatus,
  ReportSummary,
  ReportWindow,
  SalesMethod,
  Signer,
  Statistics,
  SubmitResult,
} from '../../../shared/contracts/reports.ts';
import { api, buildUrl, type ListPage } from '../../api/client.ts';
import { newIdempotencyKey as newKey, publicPost } from '../../api/public-post.ts';

/** One key per submission attempt, reused on retry. */
export const newIdempotencyKey = () => newKey('report');

/**
 * Calls of the reports API. What it answers is typed by src/shared/contracts/reports.ts, which the
 * pages import type-only; the value lists and status transitions are in its zod-free
 * reports-enums.ts (the public report form must not load zod). What the pages send is typed here.
 */

// ---------------------------------------------------------------------------------------------
// Public

/** Yen as typed: digits only, with commas, spaces and 円 removed (３,３００,０００円 → 3300000); null when not a number. */
export function parseYen(input: string): number | undefined | null {
  const s = input.normalize('NFKC').replace(/[,\s円]/g, '');
  if (s === '') return undefined;
  return /^\d{1,10}$/.test(s) && Number(s) <= 1_000_000_000 ? Number(s) : null;
}

export type ReportSubmission = {
  municipalityCode: string;
  danger: Danger;
  reporterRole: ReporterRole;
  categories: ReportCategory[];
  otherCategory?: string;
  occurredOn?: string;
  occurredPeriod?: string;
  place?: string;
  business?: { name?: string; corporateNumber?: string; phone?: string; website?: string; address?: string };
  signer?: Signer;
  signedOn?: string;
  salesMethod?: SalesMethod;
  amountContracted?: number;
  amountPaid?: number;
  text?: string;
  contact?: { name?: string; phone?: string; email?: string; note?: string };
  sendCodeByEmail?: boolean;
};

export const reportWindowQuery = (code: string) =>
  queryOptions({
    queryKey: ['public', 'reports', 'window', code],
    queryFn: ({ signal }) => api<ReportWindow>(`/api/public/reports/window/${code}`, { signal }),
    staleTime: 60_000,
  });

export const submitReport = (body: ReportSubmission, idempotencyKey: string) =>
  publicPost<SubmitResult>('/api/public/reports', body, idempotencyKey);

export const readReply = (replyCode: string) =>
  publicPost<PublicReportView>('/api/public/reports/reply', { replyCode });

export const addInformation = (replyCode: string, text: string, idempotencyKey: string) =>
  publicPost<{ receiptNumber: string; receivedAt: string }>(
    '/api/public/reports/additions',
    { replyCode, text },
    idempotencyKey,
  );

// ---------------------------------------------------------------------------------------------
// Staff

export type ReportFilter = {
  status: 'open' | 'all' | ReportStatus;
  urgent?: 'true';
  assigned?: 'me' | 'none';
  /** Part of a receipt number or of a business's name (server-side). */
  q?: string;
  sort?: 'triage' | 'newest' | 'oldest';
};

export const reportsQuery = (filter: ReportFilter, cursor?: string) =>
  queryOptions({
    queryKey: ['reports', 'list', filter, cursor ?? null],
    queryFn: ({ signal }) =>
      api<ListPage<ReportSummary>>('/api/reports', { query: { ...filter, cursor, limit: 50 }, signal }),
    staleTime: 0,
  });

export const reportQuery = (id: string) =>
  queryOptions({
    queryKey: ['reports', 'one', id],
    queryFn: ({ signal }) => api<ReportDetail>(`/api/reports/${encodeURIComponent(id)}`, { signal }),
    staleTime: 0,
  });

const reportPath = (id: string, rest = '') => `/api/reports/${encodeURIComponent(id)}${rest}`;

export const setReportStatus = (id: string, status: ReportStatus) =>
  api<ReportDetail>(reportPath(id, '/status'), { method: 'POST', body: { status } });
export const assignReport = (id: string, accountId: string | null) =>
  api<ReportDetail>(reportPath(id, '/assign'), { method: 'POST', body: { accountId } });
export const addNote = (id: string, body: { kind: 'internal' | 'reply'; text: string }) =>
  api<{ id: string }>(reportPath(id, '/notes'), { method: 'POST', body });
export const addReferral = (
  id: string,
  body: { target: ReferralTarget; organisation: string; referredOn: string; note?: string },
) => api<{ id: string }>(reportPath(id, '/referrals'), { method: 'POST', body });

export type ProtectionInput = {
  protectedAt: string;
  place: string;
  protectedBy: string;
  followUpOn: string;
  note?: string;
};
export const addProtection = (id: string, body: ProtectionInput) =>
  api<{ id: string }>(reportPath(id, '/protections'), { method: 'POST', body });
export const completeFollowUp = (id: string, protectionId: string, note?: string) =>
  api<{ id: string }>(reportPath(id, `/protections/${encodeURIComponent(protectionId)}/follow-up`), {
    method: 'POST',
    body: note ? { note } : {},
  });

export const protectionBoardQuery = () =>
  queryOptions({
    queryKey: ['reports', 'protections'],
    queryFn: ({ signal }) =>
      api<ListPage<ProtectionBoardItem>>('/api/report-protections', { query: { limit: 100 }, signal }),
    staleTime: 0,
  });

// Operators

export const operatorSuggestionsQuery = (reportId: string) =>
  queryOptions({
    queryKey: ['reports', 'one', reportId, 'operator-suggestions'],
    queryFn: ({ signal }) =>
      api<{ items: OperatorSuggestion[] }>(reportPath(reportId, '/operator-suggestions'), { signal }),
    staleTime: 0,
  });
export const linkOperator = (reportId: string, operatorId: string) =>
  api<ReportDetail>(reportPath(reportId, '/operator-link'), { method: 'POST', body: { operatorId } });
export const unlinkOperator = (reportId: string) =>
  api<ReportDetail>(reportPath(reportId, '/operator-link'), { method: 'DELETE' });
export const createOperator = (body: {
  displayName: string;
  corporateNumber?: string;
  phone?: string;
  website?: string;
  reportId?: string;
}) => api<{ id: string }>('/api/operators', { method: 'POST', body });

export type OperatorSort = 'name' | 'recent';
export const operatorsQuery = (q: string, sort: OperatorSort = 'name') =>
  queryOptions({
    queryKey: ['operators', 'list', q, sort],
    queryFn: ({ signal }) =>
      api<ListPage<OperatorListItem>>('/api/operators', {
        query: { q: q || undefined, sort: sort === 'name' ? undefined : sort, limit: 100 },
        signal,
      }),
  });
export const operatorQuery = (id: string) =>
  queryOptions({
    queryKey: ['operators', 'one', id],
    queryFn: ({ signal }) => api<OperatorDetail>(`/api/operators/${encodeURIComponent(id)}`, { signal }),
    staleTime: 0,
  });

// Statistics

export type StatisticsFilter = { fromYear?: number; toYear?: number; prefecture?: string };

export const statisticsQuery = (filter: StatisticsFilter) =>
  queryOptions({
    queryKey: ['reports', 'statistics', filter],
    queryFn: ({ signal }) => api<Statistics>('/api/reports/statistics', { query: filter, signal }),
  });

export const statisticsCsvUrl = (filter: StatisticsFilter) => buildUrl('/api/reports/statistics.csv', filter);
