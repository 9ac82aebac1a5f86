import { queryOptions } from '@tanstack/react-query';
import type {
  BankView,
  BatchDetail,
  BatchSummary,
  LedgerRow,
  PayableItemView,
} from '../../../shared/contracts/payments.ts';
import type { Claim, PeerMe, Programme, Shift, Supporter } from '../../../shared/contracts/peers.ts';
import { ApiError, api } from '../../api/client.ts';

/**
 * The payments and peers APIs (src/server/modules/payments, src/server/modules/peers). What they answer
 * is typed by src/shared/contracts; what the pages send is typed here.
 */
export type { BatchDetail, BatchSummary, Claim, LedgerRow, PeerMe, Programme, Shift, Supporter };
export type PayableItem = PayableItemView;
export type Bank = BankView;

export const payableQuery = () =>
  queryOptions({
    queryKey: ['payments', 'payable'],
    queryFn: () => api<{ items: PayableItem[] }>('/api/payments/payable'),
  });
export const batchesQuery = () =>
  queryOptions({
    queryKey: ['payments', 'batches'],
    queryFn: () => api<{ items: BatchSummary[] }>('/api/payments/batches'),
  });
export const batchQuery = (id: string) =>
  queryOptions({
    queryKey: ['payments', 'batch', id],
    queryFn: () => api<BatchDetail>(`/api/payments/batches/${id}`),
  });

export const createBatch = (transferDate: string, items: Array<{ sourceKind: string; sourceId: string }>) =>
  api<{ id: string }>('/api/payments/batches', { method: 'POST', body: { transferDate, items } });
export const approveBatch = (id: string) =>
  api<BatchDetail>(`/api/payments/batches/${id}/approve`, { method: 'POST' });
export const recordResult = (id: string, lineId: string, status: 'paid' | 'returned') =>
  api<BatchDetail>(`/api/payments/batches/${id}/lines/${lineId}/result`, {
    method: 'POST',
    body: { status },
  });

/**
 * POSTs the export and saves the file the browser receives (a 全銀 file is bytes, not JSON). Errors
 * come back as problem+json and are thrown like any other API error.
 */
export async function exportBatchFile(id: string): Promise<void> {
  const token = await fetch('/api/auth/csrf', { credentials: 'same-origin' }).then(
    (r) => r.json() as Promise<{ csrfToken: string }>,
  );
  const response = await fetch(`/api/payments/batches/${id}/export`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'X-CSRF-Token': token.csrfToken,
      Accept: 'application/octet-stream, application/problem+json',
    },
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as {
      code?: string;
      title?: string;
      detail?: string;
    };
    throw new ApiError(
      {
        type: 'about:blank',
        title: problem.title ?? '',
        status: response.status,
        detail: problem.detail,
        code: problem.code,
        errors: [],
      },
      Boolean(problem.title),
    );
  }
  const name =
    /filename="([^"]+)"/u.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'zengin.txt';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ── peers ────────────────────────────────────────────────────────────────────────────────────────
export const peerMeQuery = () =>
  queryOptions({ queryKey: ['peers', 'me'], queryFn: () => api<PeerMe>('/api/peers/me') });
export const claimsQuery = () =>
  queryOptions({
    queryKey: ['peers', 'claims', 'submitted'],
    queryFn: () => api<{ items: Claim[] }>('/api/peers/claims', { query: { status: 'submitted' } }),
  });
export const recordActivity = (body: {
  programmeId: string;
  activityDate: string;
  minutes: number;
  kind: string;
  note?: string;
}) => api<{ id: string }>('/api/peers/me/activities', { method: 'POST', body });
export const submitClaim = (programmeId: string, month: string) =>
  api<{ id: string }>('/api/peers/me/claims', { method: 'POST', body: { programmeId, month } });
export const approveClaim = (id: string) => api(`/api/peers/claims/${id}/approve`, { method: 'POST' });

export { yen } from '../../ui/money.ts';

export const ledgerQuery = () =>
  queryOptions({
    queryKey: ['payments', 'ledger'],
    queryFn: () => api<{ items: LedgerRow[] }>('/api/payments/ledger'),
  });

/** Unmasks one line's bank details (finance only; every call is audited on the server). */
export const revealLineBank = (id: string, lineId: string) =>
  api<Bank>(`/api/payments/batches/${id}/lines/${lineId}/reveal`, { method: 'POST' });

export const supportersQuery = () =>
  queryOptions({
    queryKey: ['peers', 'supporters'],
    queryFn: () => api<{ items: Supporter[] }>('/api/peers/supporters'),
  });
export const shiftsQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: ['peers', 'shifts', from, to],
    queryFn: () => api<{ items: Shift[] }>('/api/peers/shifts', { query: { from, to } }),
  });

// ── coordinator (peers.manage) ───────────────────────────────────────────────────────────────────
export const programmesQuery = () =>
  queryOptions({
    queryKey: ['peers', 'programmes'],
    queryFn: () => api<{ items: Programme[] }>('/api/peers/programmes'),
  });
export type SupporterInput = {
  displayName: string;
  status: Supporter['status'];
  qualification: Supporter['qualification'];
  availabilityMask: number;
  availabilityNote: string | null;
  livedExperience?: string | null;
};
export const createSupporter = (body: SupporterInput) =>
  api<{ id: string }>('/api/peers/supporters', { method: 'POST', body });
export const updateSupporter = (id: string, body: SupporterInput & { version: number }) =>
  api<Supporter>(`/api/peers/supporters/${id}`, { method: 'PUT', body });
export const putSupporterBank = (id: string, body: Bank) =>
  api(`/api/peers/supporters/${id}/bank`, { method: 'PUT', body });
export const createProgramme = (body: { name: string; hourlyRate: number; withholdingRateBp: number }) =>
  api<{ id: string }>('/api/peers/programmes', { method: 'POST', body });
export const updateProgramme = (
  id: string,
  body: { hourlyRate: number; withholdingRateBp: number; active: boolean },
) => api<Programme>(`/api/peers/programmes/${id}`, { method: 'PUT', body });
export const createShift = (body: {
  supporterId: string;
  placeId: string;
  startsAt: string;
  endsAt: string;
}) => api<{ id: string }>('/api/peers/shifts', { method: 'POST', body });
export const cancelShift = (id: string) => api(`/api/peers/shifts/${id}/cancel`, { method: 'POST' });
export const assignSwap = (id: string, supporterId: string) =>
  api(`/api/peers/swaps/${id}/assign`, { method: 'POST', body: { supporterId } });
export const requestSwap = (shiftId: string) =>
  api(`/api/peers/me/shifts/${shiftId}/swap`, { method: 'POST', body: { toSupporterId: null } });
export const acceptSwap = (id: string) => api(`/api/peers/me/swaps/${id}/accept`, { method: 'POST' });
