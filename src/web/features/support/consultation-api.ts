import { queryOptions } from '@tanstack/react-query';
import { api, type ListPage } from '../../api/client.ts';
import { newIdempotencyKey as newKey, publicPost } from '../../api/public-post.ts';

/**
 * Calls of the anonymous consultation (public form, reply code) and of the staff queue
 * (src/server/modules/consultations). The support record's calls are in api.ts.
 */

/** One key per submission attempt, reused on retry. */
export const newIdempotencyKey = () => newKey('consultation');

// ---------------------------------------------------------------------------------------------
// Public: anonymous consultation

export const WRITERS = ['person', 'family', 'other', 'unspecified'] as const;
export type Writer = (typeof WRITERS)[number];

export type SubmitConsultation = {
  municipalityCode: string;
  writer: Writer;
  message: string;
  easyJapanese: boolean;
  /** Send the 受付番号 to `email` once; the address is erased after sending (decision 0025). */
  sendCodeByEmail?: boolean;
  email?: string;
};
export type SubmitConsultationResult = {
  replyCode: string;
  municipalityCode: string;
  receivedAt: string;
  /** The 受付番号 was put in the outbox for the address given. */
  codeEmailed: boolean;
};
export type PublicConsultationView = {
  receivedAt: string;
  easyJapanese: boolean;
  waitingForReply: boolean;
  closed: boolean;
  messages: { from: 'you' | 'staff'; text: string; at: string }[];
};

export const submitConsultation = (body: SubmitConsultation, idempotencyKey: string) =>
  publicPost<SubmitConsultationResult>('/api/public/consultations', body, idempotencyKey);

export const readConsultation = (municipalityCode: string, replyCode: string) =>
  publicPost<PublicConsultationView>('/api/public/consultations/read', { municipalityCode, replyCode });

export const writeAgain = (municipalityCode: string, replyCode: string, message: string, key: string) =>
  publicPost<{ at: string }>(
    '/api/public/consultations/messages',
    { municipalityCode, replyCode, message },
    key,
  );

// ---------------------------------------------------------------------------------------------
// Staff: consultation queue

export type QueueFilter = 'awaiting' | 'open' | 'closed' | 'all';
/** oldest: the longest waiting / least recent first; newest: the reverse. */
export type QueueSort = 'oldest' | 'newest';
export type QueueItem = {
  id: string;
  writer: Writer;
  easyJapanese: boolean;
  status: 'open' | 'closed';
  receivedAt: string;
  lastMessageAt: string;
  awaitingReplySince: string | null;
  unansweredHours: number | null;
  messageCount: number;
  personId: string | null;
  version: number;
};
export type ConsultationDetail = QueueItem & {
  closeReason: string | null;
  messages: {
    id: number;
    author: 'writer' | 'staff';
    authorAccountId: string | null;
    text: string;
    at: string;
  }[];
};

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
  api<{ messageId: number; consultation: QueueItem }>(`/api/consultations/${id}/replies`, {
    method: 'POST',
    body: { message },
  });
