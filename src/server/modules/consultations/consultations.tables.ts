import {
  bigserial,
  char,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { CONSULTATION_STATUSES, CONSULTATION_WRITERS } from '../../../shared/contracts/consultations.ts';
import type { EncryptedColumn } from '../../platform/crypto/registry.ts';
import { tenantIsolation } from '../../platform/db/tenant.ts';

/**
 * Anonymous online consultation (issue 6, part 1). A consultation is a thread between someone who
 * holds a reply code and the municipality's consultation staff. Nothing here identifies the writer:
 * no account, no contact details, no IP address. Messages are encrypted and never leave the system
 * (staff alerts carry a console link only).
 */

export const consultations = pgTable(
  'consultations',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    /** SHA-256 of the normalised reply code, domain-separated by tenant (see consultations.codes.ts). */
    replyCodeHash: text().notNull(),
    writer: text({ enum: CONSULTATION_WRITERS }).notNull(),
    /** The writer asked for replies in やさしい日本語. */
    easyJapanese: text({ enum: ['yes', 'no'] })
      .notNull()
      .default('no'),
    status: text({ enum: CONSULTATION_STATUSES }).notNull().default('open'),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    lastMessageAt: timestamp({ withTimezone: true }).notNull(),
    /** Set while the last message is the writer's (the queue's "unanswered since"); null once answered. */
    awaitingReplySince: timestamp({ withTimezone: true }),
    messageCount: integer().notNull().default(1),
    /** The support record opened from this consultation with the person's agreement. */
    personId: uuid(),
    closedAt: timestamp({ withTimezone: true }),
    /** Why staff closed it (staff only, encrypted); cleared when the writer writes again. */
    closeReasonEncrypted: text(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('consultations_reply_code_key').on(t.municipalityCode, t.replyCodeHash),
    index('consultations_queue_idx').on(t.municipalityCode, t.status, t.awaitingReplySince),
    tenantIsolation('consultations', t.municipalityCode),
  ],
).enableRLS();

/** Append-only: a message is never edited or removed by the application. */
export const consultationMessages = pgTable(
  'consultation_messages',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    municipalityCode: char({ length: 6 }).notNull(),
    consultationId: uuid().notNull(),
    author: text({ enum: ['writer', 'staff'] }).notNull(),
    /** The staff account that replied; null for the writer. */
    authorAccountId: uuid(),
    bodyEncrypted: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('consultation_messages_thread_idx').on(t.municipalityCode, t.consultationId, t.id),
    tenantIsolation('consultation_messages', t.municipalityCode),
  ],
).enableRLS();

export const CONSULTATION_MESSAGE_CONTEXT = 'consultation_messages.body';
export const CONSULTATION_CLOSE_REASON_CONTEXT = 'consultations.close_reason';
/** For `keys:rotate`: named in the manifest (`encryptedColumns`), registered by `installModules()`. */
export const consultationsEncryptedColumns: readonly EncryptedColumn[] = [
  {
    table: 'consultation_messages',
    idColumn: 'id',
    column: 'body_encrypted',
    context: CONSULTATION_MESSAGE_CONTEXT,
  },
  {
    table: 'consultations',
    idColumn: 'id',
    column: 'close_reason_encrypted',
    context: CONSULTATION_CLOSE_REASON_CONTEXT,
  },
];
/** Rows added, never changed by the app: named in the manifest (`appendOnlyTables`), see platform/db/roles.ts. */
export const consultationsAppendOnlyTables: readonly string[] = ['consultation_messages'];
