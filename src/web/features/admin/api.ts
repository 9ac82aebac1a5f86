import { queryOptions } from '@tanstack/react-query';
import type {
  AccountSummary as Account,
  ResetLinkResult,
  RotationCsvPreview,
  RotationResult,
  ScheduledRotation,
  ScheduledRotationList,
} from '../../../shared/contracts/accounts.ts';
import type { Role } from '../../../shared/roles.ts';
import { api, type ListPage } from '../../api/client.ts';
import type { ConsultationNumber, DepartmentContact } from '../../api/municipalities.ts';
import { uploadFile } from '../../api/upload.ts';

/** Calls of /api/admin/* and /api/tenant/profile; the answers' shapes are src/shared/contracts/accounts.ts. */
export type {
  AccountStatus,
  AccountSummary as Account,
  RotationAccount,
  RotationCsvPreview,
  RotationResult,
  ScheduledRotation,
  ScheduledRotationList,
} from '../../../shared/contracts/accounts.ts';
// The roles this administrator may grant: the server's own rule, shared.
export { grantableRoles } from '../../../shared/contracts/accounts.ts';

// The account list is also read by other features' pages (organisers, referral recipients).
export {
  ACCOUNTS_PAGE_SIZE,
  type AccountFilter,
  type AccountSort,
  accountsQuery,
} from '../../api/accounts.ts';

export const accountQuery = (id: string) =>
  queryOptions({
    queryKey: ['admin', 'accounts', 'one', id],
    queryFn: ({ signal }) => api<Account>(`/api/admin/accounts/${encodeURIComponent(id)}`, { signal }),
  });

export const createAccount = (body: { email: string; displayName: string; roles: Role[] }) =>
  api<Account>('/api/admin/accounts', { method: 'POST', body });

export const setAccountRoles = (id: string, roles: Role[]) =>
  api<Account>(`/api/admin/accounts/${encodeURIComponent(id)}/roles`, { method: 'PUT', body: { roles } });

export const setAccountStatus = (id: string, action: 'disable' | 'enable') =>
  api<Account>(`/api/admin/accounts/${encodeURIComponent(id)}/${action}`, { method: 'POST' });

export const sendPasswordResetLink = (id: string) =>
  api<ResetLinkResult>(`/api/admin/accounts/${encodeURIComponent(id)}/password-reset`, {
    method: 'POST',
  });

// ---------------------------------------------------------------------------------------------
// April rotation

export type RotationChanges = {
  roleChanges: { accountId: string; roles: Role[] }[];
  disable: string[];
  caseloadTransfers: { fromAccountId: string; toAccountId: string }[];
};

/** `effectiveOn` today applies at once; a later date is stored and applied on that day. */
export type RotationPlan = RotationChanges & { dryRun: boolean; effectiveOn: string };

export const runRotation = (plan: RotationPlan) =>
  api<RotationResult>('/api/admin/rotation', { method: 'POST', body: plan });

export const scheduledRotationsQuery = () =>
  queryOptions({
    queryKey: ['admin', 'rotation', 'scheduled'],
    queryFn: ({ signal }) => api<ScheduledRotationList>('/api/admin/rotation/scheduled', { signal }),
  });

export const cancelScheduledRotation = (id: string) =>
  api<ScheduledRotation>(`/api/admin/rotation/scheduled/${encodeURIComponent(id)}/cancel`, {
    method: 'POST',
  });

export const uploadRotationCsv = (file: File, language: string) =>
  uploadFile<RotationCsvPreview>('/api/admin/rotation/csv', file, language);

// ---------------------------------------------------------------------------------------------
// Audit

export type AuditEvent = {
  id: number;
  chain: string;
  seq: number;
  at: string;
  actorAccountId: string | null;
  actorRole: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  requestId: string | null;
  outcome: string;
  hash: string;
  /** The acting account's name (null for the system). */
  actorName: string | null;
  /** The action in words. */
  label: { ja: string; en: string };
};

export type AuditFilter = {
  accountId?: string;
  action?: string;
  recordType?: string;
  recordId?: string;
  from?: string;
  to?: string;
  /** Server-side (the log is paged): newest first unless oldest. */
  order?: 'newest' | 'oldest';
};

export const searchAudit = (filter: AuditFilter, cursor?: string, signal?: AbortSignal) =>
  api<ListPage<AuditEvent>>('/api/admin/audit', { query: { ...filter, cursor, limit: 100 }, signal });

/** Persons by part of the nickname, for choosing whose audit trail to search (the lookup is audited). */
export const lookupPersons = (q: string) =>
  api<ListPage<{ id: string; nickname: string; status: string }>>('/api/admin/audit/person-lookup', {
    query: { q },
  });

export const searchAccounts = (q: string) =>
  api<ListPage<Account>>('/api/admin/accounts', { query: { q, limit: 20 } });

export type PersonsRead = { accountId: string; from: string; to: string; personIds: string[] };

export const personsRead = (query: { accountId: string; from: string; to: string }) =>
  api<PersonsRead>('/api/admin/audit/persons-read', { query });

// ---------------------------------------------------------------------------------------------
// Outbox

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'held';

export type OutboxMessage = {
  id: string;
  municipalityCode: string | null;
  channel: 'email';
  kind: 'staff_alert' | 'notice';
  /** Null once erased after sending (decision 0025). */
  recipient: string | null;
  templateKey: string;
  subject: string | null;
  body: string | null;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
  eraseAfterSending: boolean;
  erasedAt: string | null;
};

export type OutboxFilter = { status: OutboxStatus | ''; sort: 'newest' | 'oldest' };
export const outbox = (
  cursor?: string,
  signal?: AbortSignal,
  filter: OutboxFilter = { status: '', sort: 'newest' },
) =>
  api<ListPage<OutboxMessage>>('/api/admin/outbox', {
    query: {
      cursor,
      limit: 50,
      status: filter.status || undefined,
      sort: filter.sort === 'newest' ? undefined : filter.sort,
    },
    signal,
  });

// ---------------------------------------------------------------------------------------------
// Tenant profile

export type TenantProfile = {
  municipalityCode: string;
  documentName: string;
  consultationNumbers: ConsultationNumber[];
  welfareContact: DepartmentContact | null;
  labourContact: DepartmentContact | null;
  onCallContact: DepartmentContact | null;
  population: number | null;
  populationAsOf: string | null;
  isDemo: boolean;
  mfaRequiredForPersonalData: boolean;
  version: number;
  updatedAt: string;
  logo: TenantLogo | null;
};

export type TenantProfileUpdate = Pick<
  TenantProfile,
  | 'documentName'
  | 'consultationNumbers'
  | 'welfareContact'
  | 'labourContact'
  | 'onCallContact'
  | 'population'
  | 'populationAsOf'
  | 'mfaRequiredForPersonalData'
> & { version: number /** Absent: unchanged; null: removed. */; logo?: TenantLogo | null };

export type TenantLogo = { mediaType: 'image/png' | 'image/jpeg'; base64: string };

export const tenantProfileQuery = () =>
  queryOptions({
    queryKey: ['admin', 'tenant-profile'],
    queryFn: ({ signal }) => api<TenantProfile>('/api/tenant/profile', { signal }),
    staleTime: 0,
  });

export const saveTenantProfile = (body: TenantProfileUpdate) =>
  api<TenantProfile>('/api/tenant/profile', { method: 'PUT', body });
