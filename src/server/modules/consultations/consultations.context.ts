import type { QueueItem } from '../../../shared/contracts/consultations.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import { unansweredHours } from './consultations.policy.ts';
import { CONSULTATION_MESSAGE_CONTEXT, type consultations } from './consultations.tables.ts';

/** What every use case of consultations shares: the app context, message sealing, the queue item. */
export type ConsultationsContext = { clock: Clock; config: Pick<Config, 'dataKeys' | 'publicUrl'> };

export const seal = (ctx: ConsultationsContext, text: string) =>
  encryptField(text, ctx.config.dataKeys, CONSULTATION_MESSAGE_CONTEXT);
export const open = (ctx: ConsultationsContext, stored: string) =>
  decryptField(stored, ctx.config.dataKeys, CONSULTATION_MESSAGE_CONTEXT);

export type Row = typeof consultations.$inferSelect;

export function present(row: Row, now: Date): QueueItem {
  return {
    id: row.id,
    writer: row.writer,
    easyJapanese: row.easyJapanese === 'yes',
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
    lastMessageAt: row.lastMessageAt.toISOString(),
    awaitingReplySince: row.awaitingReplySince?.toISOString() ?? null,
    unansweredHours: unansweredHours(row.awaitingReplySince, now),
    messageCount: row.messageCount,
    personId: row.personId,
    version: row.version,
  };
}
