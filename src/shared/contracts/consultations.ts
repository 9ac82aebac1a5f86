import { z } from 'zod';
import { CONSULTATION_STATUSES, CONSULTATION_WRITERS } from './consultations-enums.ts';
import { listResponse } from './list.ts';

/**
 * Anonymous online consultations (issue 6) as the web reads them: the enums and response shapes
 * (JSON: instants are strings). Request bodies stay in
 * src/server/modules/consultations/consultations.schema.ts (they use the server's text rules).
 */

export { CONSULTATION_STATUSES, CONSULTATION_WRITERS } from './consultations-enums.ts';

export const ConsultationWriter = z.enum(CONSULTATION_WRITERS);
export type ConsultationWriter = z.infer<typeof ConsultationWriter>;

export const SubmitConsultationResult = z.object({
  /** Shown once (and printable). Keep it: it is the only way to read replies. */
  replyCode: z.string(),
  municipalityCode: z.string(),
  receivedAt: z.string(),
  /** True when the 受付番号 was put in the outbox for the e-mail address given (then erased once sent). */
  codeEmailed: z.boolean(),
});
export type SubmitConsultationResult = z.infer<typeof SubmitConsultationResult>;

export const PublicMessage = z.object({
  from: z.enum(['you', 'staff']),
  text: z.string(),
  at: z.string(),
});
export type PublicMessage = z.infer<typeof PublicMessage>;

export const PublicConsultationView = z.object({
  receivedAt: z.string(),
  easyJapanese: z.boolean(),
  /** True while the writer's last message has no reply yet. */
  waitingForReply: z.boolean(),
  /** Staff closed it; writing again reopens it. */
  closed: z.boolean(),
  messages: z.array(PublicMessage),
});
export type PublicConsultationView = z.infer<typeof PublicConsultationView>;

export const WriteAgainResult = z.object({ at: z.string() });
export type WriteAgainResult = z.infer<typeof WriteAgainResult>;

export const QueueItem = z.object({
  id: z.uuid(),
  writer: ConsultationWriter,
  easyJapanese: z.boolean(),
  status: z.enum(CONSULTATION_STATUSES),
  receivedAt: z.string(),
  lastMessageAt: z.string(),
  /** When the unanswered message arrived; null when the last message is a reply. */
  awaitingReplySince: z.string().nullable(),
  /** Whole hours the writer has been waiting (by the business clock); null when answered. */
  unansweredHours: z.number().int().nullable(),
  messageCount: z.number().int(),
  /** The support record opened from this consultation, if any. */
  personId: z.uuid().nullable(),
  version: z.number().int(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QueueList = listResponse(QueueItem);
export type QueueList = z.infer<typeof QueueList>;

export const StaffMessage = z.object({
  id: z.number().int(),
  author: z.enum(['writer', 'staff']),
  authorAccountId: z.uuid().nullable(),
  text: z.string(),
  at: z.string(),
});
export type StaffMessage = z.infer<typeof StaffMessage>;

export const ConsultationDetail = QueueItem.extend({
  messages: z.array(StaffMessage),
  /** Why staff closed it (null while open or when reopened by the writer). */
  closeReason: z.string().nullable(),
});
export type ConsultationDetail = z.infer<typeof ConsultationDetail>;

/** POST /api/consultations/:id/replies: the new message's id and the consultation as it now is. */
export const ReplyResult = z.object({ messageId: z.number().int(), consultation: ConsultationDetail });
export type ReplyResult = z.infer<typeof ReplyResult>;
