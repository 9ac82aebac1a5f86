import { z } from 'zod';
import { ConsultationWriter } from '../../../shared/contracts/consultations.ts';
import { MunicipalityCode } from '../../../shared/municipality-code.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { PublicEmail } from '../../platform/http/fields.ts';
import { listQueryShape } from '../../platform/http/list.ts';
import { CONSULTATIONS_FIELD, messageTooLong } from './consultations.errors.ts';

/** Message text: as much or as little as the writer likes (one character is enough). */
const MESSAGE_MAX = 4000;
const MessageText = z
  .string()
  .transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .min(1, { message: fieldMessage(CONSULTATIONS_FIELD.messageRequired) })
      .max(MESSAGE_MAX, { message: fieldMessage(messageTooLong(MESSAGE_MAX)) }),
  );

const ReplyCodeInput = z.string().max(40);

// ── public ─────────────────────────────────────────────────────────────────────────────────────

/** POST /api/public/consultations — no account, no contact details asked. */
export const SubmitConsultationBody = z.strictObject({
  municipalityCode: MunicipalityCode,
  /** 本人 / 家族 / その他 / 答えない. */
  writer: ConsultationWriter.default('unspecified'),
  message: MessageText,
  /** Replies written in やさしい日本語. */
  easyJapanese: z.boolean().default(false),
  /**
   * Send the 受付番号 to `email` as well (issue 21 item 9). The address goes only into the outbox
   * message, which is erased once sent; the consultation keeps no trace of it.
   */
  sendCodeByEmail: z.boolean().default(false),
  /** Used once, to send the 受付番号: never stored with the consultation (decision 0025). */
  email: PublicEmail,
});
export type SubmitConsultationBody = z.infer<typeof SubmitConsultationBody>;

/** POST /api/public/consultations/read — a POST so that the code never sits in a URL or a log. */
export const ReadConsultationBody = z.strictObject({
  municipalityCode: MunicipalityCode,
  replyCode: ReplyCodeInput,
});

export const WriteAgainBody = z.strictObject({
  municipalityCode: MunicipalityCode,
  replyCode: ReplyCodeInput,
  message: MessageText,
});

// ── staff ──────────────────────────────────────────────────────────────────────────────────────

export const QueueQuery = z.strictObject({
  /** awaiting: the writer's last message has no reply (default); open; closed; all. */
  filter: z.enum(['awaiting', 'open', 'closed', 'all']).default('awaiting'),
  /**
   * oldest: the longest waiting (awaiting) or the least recent message first; newest: the reverse.
   * Left out: oldest for the awaiting queue, newest otherwise.
   */
  sort: z.enum(['oldest', 'newest']).optional(),
  ...listQueryShape,
});

export const ConsultationParams = z.strictObject({ id: z.uuid() });

export const ReplyBody = z.strictObject({ message: MessageText });
export const CloseBody = z.strictObject({
  version: z.number().int().min(1),
  /** Why it is closed (e.g. 支援記録に移行 / 連絡が途絶えた): kept for staff, never shown to the writer. */
  reason: z
    .string()
    .trim()
    .min(1, { message: fieldMessage(CONSULTATIONS_FIELD.closeReason) })
    .max(500),
});
