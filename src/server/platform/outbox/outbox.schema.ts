import { z } from 'zod';
import { listQueryShape, listResponse } from '../http/list.ts';
import { OUTBOX_CHANNELS, OUTBOX_KINDS, OUTBOX_STATUSES } from './outbox.tables.ts';

/**
 * `GET /api/admin/outbox` query: the Contract's paging (`limit` ≤ 200, opaque `cursor`), a status and
 * the order. No words filter: recipients, subjects and bodies are sealed in the table.
 */
export const OutboxListQuery = z.strictObject({
  ...listQueryShape,
  status: z.enum(OUTBOX_STATUSES).optional(),
  /** newest (default) or oldest first, by the time the message was queued. */
  sort: z.enum(['newest', 'oldest']).optional(),
});
export type OutboxListQuery = z.infer<typeof OutboxListQuery>;

export const OutboxMessageItem = z.object({
  id: z.uuid(),
  /** Null for national messages. */
  municipalityCode: z.string().nullable(),
  channel: z.enum(OUTBOX_CHANNELS),
  kind: z.enum(OUTBOX_KINDS),
  /** Null once erased after sending (`eraseAfterSending`, decision 0025). */
  recipient: z.string().nullable(),
  templateKey: z.string(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  /** `held`: not sent because no SMTP server is configured (SMTP_URL). */
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  sentAt: z.iso.datetime({ offset: true }).nullable(),
  /** An error code such as `smtp_rcpt_550` or `smtp_timeout`. */
  lastError: z.string().nullable(),
  /** The address was given for this message only: recipient, subject and body are erased after sending. */
  eraseAfterSending: z.boolean(),
  /** When they were erased; null while kept. */
  erasedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type OutboxMessageItem = z.infer<typeof OutboxMessageItem>;

export const OutboxListResponse = listResponse(OutboxMessageItem);
export type OutboxListResponse = z.infer<typeof OutboxListResponse>;
