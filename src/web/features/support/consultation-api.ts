import { queryOptions } from '@tanstack/react-query';
import type {
  ConsultationDetail,
  ConsultationWriter,
  PublicConsultationView,
  QueueItem,
  ReplyResult,
  SubmitConsultationResult,
  WriteAgainResult,
} from '../../../shared/contracts/consultations.ts';
import { api, type ListPage } from '../../api/client.ts';
import { newIdempotencyKey as newKey, publicPost } from '../../api/public-post.ts';

/**
 * Calls of the anonymous consultation (public form, reply code) and of the staff queue
 * (src/server/modules/consultations). What they answer is typed by src/shared/contracts/consultations.ts
 * (type-only; the writers' list from its zod-free consultations-enums.ts, for the public form); what
 * the pages send is typed here. The support record's calls are in api.ts.
 */
export type { ConsultationDetail, PublicConsultationView, QueueItem, SubmitConsultationResult };

/** One key per submission attempt, reused on retry. */
export const newIdempotencyKey = () => newKey('consultation');

// ---------------------------------------------------------------------------------------------
// Public: anonymous consultation

export { CONSULTATION_WRITERS as WRITERS } from '../../../shared/contracts/consultations-enums.ts';
export type Writer = ConsultationWriter;

export type SubmitConsultation = {
  municipalityCode: string;
  writer: Writer;
  message: string;
  easyJapanese: boolean;
  /** Send the 受付番号 to `email` once; the address is erased after sending (decision 0025). */
  sendCodeByEmail?: boolean;
  email?: string;
};
export const submitConsultation = (body: SubmitConsultation, idempotencyKey: string) =>
  publicPost<SubmitConsultationResult>('/api/public/consultations', body, idempotencyKey);

export const readConsultation = (municipalityCode: string, replyCode: string) =>
  publicPost<PublicConsultationView>('/api/public/consultations/read', { municipalityCode, replyCode });

export const writeAgain = (municipalityCode: string, replyCode: string, message: string, key: string) =>
  publicPost<WriteAgainResult>(
    '/api/public/consultations/messages',
    { municipalityCode, replyCode, message },
    key,
  );

// ---------------------------------------------------------------------------------------------
// Staff: consultation queue

export type QueueFilter = 'awaiting' | 'open' | 'closed' | 'all';
/** oldest: the longest waiting / least recent first; newest: the reverse. */
export type QueueSort = 'oldest' | 'newest';

export const consultationKeys = {
  all: ['consultations'] as const,
  queue: (filter: QueueFilter, sort?: QueueSort) => ['consultations', 'queue', filter, sort ?? null] as const,
  detail: (id: string) => ['consultations', 'detail', id] as const,
};

/** Server-side order: the queue is paged (100 a page). Left out, the server's default for the filter. */
export const queueQuery = (filter: QueueFilter, sort?: QueueSort) =>
  queryOptions({
    queryKey: consultationKeys.queue(filter, sort),
    queryFn: () =>
      api<ListPage<QueueItem>>('/api/consultations', {
        query: { filter, limit: 100, ...(sort ? { sort } : {}) },
      }),
  });

export const consultationQuery = (id: string) =>
  queryOptions({
    queryKey: consultationKeys.detail(id),
    queryFn: () => api<ConsultationDetail>(`/api/consultations/${id}`),
  });

export const closeConsultation = (id: string, version: number, reason: string) =>
  api<QueueItem>(`/api/consultations/${id}/close`, { method: 'POST', body: { version, reason } });

export const replyToConsultation = (id: string, message: string) =>
  api<ReplyResult>(`/api/consultations/${id}/replies`, {
    method: 'POST',
    body: { message },
  });
