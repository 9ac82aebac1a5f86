import { queryOptions } from '@tanstack/react-query';
import { api, buildUrl, type ListPage } from '../../api/client.ts';
import { newIdempotencyKey as newKey, publicPost } from '../../api/public-post.ts';

/** One key per submission attempt, reused on retry. */
export const newIdempotencyKey = () => newKey('report');

/** Shapes of the reports API (src/server/modules/reports/reports.schema.ts). */

export const CATEGORIES = [
  'forced_removal',
  'confinement',
  'violence',
  'threats',
  'pressure_to_sign',
  'high_fees',
  'contact_cut_off',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];
export const STATUSES = ['new', 'in_progress', 'referred', 'closed'] as const;
export type ReportStatus = (typeof STATUSES)[number];
export type Danger = 'yes' | 'no' | 'unsure';
export type ReporterRole = 'self' | 'family' | 'other';
export type Signer = 'self' | 'family' | 'other' | 'not_signed' | 'unknown';
export type SalesMethod = 'visit' | 'phone' | 'other' | 'unknown';
export type ReferralTarget = 'consumer_centre' | 'police' | 'other';

/** Same transitions as the server (reports.service.ts STATUS_TRANSITIONS). */
export const STATUS_TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  new: ['in_progress', 'referred', 'closed'],
  in_progress: ['referred', 'closed'],
  referred: ['in_progress', 'closed'],
  closed: ['in_progress'],
};

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
  categories: Category[];
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

export type SubmitResult = {
  receiptNumber: string;
  replyCode: string;
  urgent: boolean;
  receivedAt: string;
  /** When staff read reports (office hours from the profile); null when the profile does not say. */
  officeHours: string | null;
  codeEmailed: boolean;
};

/** Whether a municipality, or a prefecture's own desk, takes reports here, and when staff read them. */
export type ReportWindow = {
  accepts: boolean;
  level: 'municipality' | 'prefecture';
  officeHours: string | null;
};

export const reportWindowQuery = (code: string) =>
  queryOptions({
    queryKey: ['public', 'reports', 'window', code],
    queryFn: ({ signal }) => api<ReportWindow>(`/api/public/reports/window/${code}`, { signal }),
    staleTime: 60_000,
  });

export const submitReport = (body: ReportSubmission, idempotencyKey: string) =>
  publicPost<SubmitResult>('/api/public/reports', body, idempotencyKey);

export type PublicReportView = {
  receiptNumber: string;
  receivedAt: string;
  status: ReportStatus;
  replies: { at: string; text: string }[];
  additions: { at: string }[];
};

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

export type OperatorRef = { id: string; displayName: string; corporateNumber: string | null };

export type ReportSummary = {
  id: string;
  receiptNumber: string;
  urgent: boolean;
  danger: Danger;
  status: ReportStatus;
  reporterRole: ReporterRole;
  categories: Category[];
  receivedAt: string;
  assigneeAccountId: string | null;
  operator: OperatorRef | null;
  protections: number;
};

export type ReportDetail = ReportSummary & {
  otherCategory: string | null;
  occurredOn: string | null;
  occurredPeriod: string | null;
  place: string | null;
  business: {
    name: string | null;
    corporateNumber: string | null;
    phone: string | null;
    website: string | null;
    address: string | null;
  };
  signer: Signer | null;
  signedOn: string | null;
  salesMethod: SalesMethod | null;
  amountContracted: number | null;
  amountPaid: number | null;
  text: string | null;
  contact: { name: string | null; phone: string | null; email: string | null; note: string | null } | null;
  assignee: { id: string; displayName: string } | null;
  notes: {
    id: string;
    kind: 'internal' | 'reply' | 'addition';
    text: string;
    authorAccountId: string | null;
    createdAt: string;
  }[];
  referrals: {
    id: string;
    target: ReferralTarget;
    organisation: string;
    referredOn: string;
    note: string | null;
    createdAt: string;
  }[];
  protectionRecords: {
    id: string;
    protectedAt: string;
    place: string;
    protectedBy: string;
    note: string | null;
    followUpOn: string;
    followUpDoneAt: string | null;
    followUpNote: string | null;
    createdAt: string;
  }[];
  closedAt: string | null;
};

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

export type ProtectionBoardItem = {
  reportId: string;
  receiptNumber: string;
  urgent: boolean;
  status: ReportStatus;
  receivedAt: string;
  protections: { id: string; protectedAt: string; followUpOn: string; followUpDoneAt: string | null }[];
};
export const protectionBoardQuery = () =>
  queryOptions({
    queryKey: ['reports', 'protections'],
    queryFn: ({ signal }) =>
      api<ListPage<ProtectionBoardItem>>('/api/report-protections', { query: { limit: 100 }, signal }),
    staleTime: 0,
  });

// Operators

export type OperatorIdentifier = { kind: 'name' | 'phone' | 'website'; value: string };
export type OperatorSummary = OperatorRef & { identifiers: OperatorIdentifier[] };
export type OperatorSuggestion = OperatorSummary & {
  reasons: ('corporate_number' | 'name' | 'phone' | 'website')[];
};
export type AmountSummary = { reports: number; total: number | null; average: number | null };
export type OperatorDetail = OperatorSummary & {
  totals: {
    reports: number;
    municipalities: number;
    prefectures: number;
    ownReports: number;
    categories: Partial<Record<Category, number>>;
    amountContracted: AmountSummary;
    amountPaid: AmountSummary;
  };
  ownReports: { id: string; receiptNumber: string; receivedAt: string; status: ReportStatus }[];
};

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
      api<ListPage<OperatorSummary & { reports: number }>>('/api/operators', {
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

export type PublishedCell = { value: number | null; state: 'shown' | 'primary' | 'secondary' };
export type StatisticsTable = {
  rows: { key: string; label: string }[];
  columns: { key: string; label: string }[];
  cells: PublishedCell[][];
  rowTotals: PublishedCell[];
  columnTotals: PublishedCell[];
  grandTotal: PublishedCell;
};
export type Statistics = {
  fromYear: number;
  toYear: number;
  prefecture: string | null;
  threshold: number;
  byPrefecture: StatisticsTable;
  byCategory: StatisticsTable;
};
export type StatisticsFilter = { fromYear?: number; toYear?: number; prefecture?: string };

export const statisticsQuery = (filter: StatisticsFilter) =>
  queryOptions({
    queryKey: ['reports', 'statistics', filter],
    queryFn: ({ signal }) => api<Statistics>('/api/reports/statistics', { query: filter, signal }),
  });

export const statisticsCsvUrl = (filter: StatisticsFilter) => buildUrl('/api/reports/statistics.csv', filter);
