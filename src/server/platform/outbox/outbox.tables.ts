import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  index,
  integer,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { registerEncryptedColumn } from '../crypto/registry.ts';
import { appRole } from '../db/roles.ts';

export const OUTBOX_CHANNELS = ['email'] as const;
/**
 * `staff_alert`: tells staff that something arrived, never what (text built here from a fixed template).
 * `notice`: a message to a person (e.g. an event reminder) whose text the calling module renders.
 */
export const OUTBOX_KINDS = ['staff_alert', 'notice'] as const;
/**
 * `pending`: waiting for delivery. `sending`: claimed by a deliverer (the claim expires, so a crashed
 * process does not strand it). `sent`. `failed`: refused by the mail server or out of attempts.
 * `held`: not sent because no SMTP server is configured; kept so staff can see what would have gone out.
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'held'] as const;

/**
 * Messages the system sends, written in the same transaction as the change that causes them
 * (transactional outbox): a rolled-back change sends nothing, a committed one is delivered later.
 *
 * Row-level security: a tenant sees its own messages; national messages (no municipality) are
 * visible only to a transaction with no tenant set. A tenant can therefore never read national
 * mail, and a national transaction never sees a municipality's mail by accident. The deliverer and
 * the purge job run as the owner (`asSystem`), which row-level security does not restrict.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    /** Null for national messages (e.g. to a national operator). */
    municipalityCode: char({ length: 6 }),
    id: uuid().primaryKey().defaultRandom(),
    channel: text({ enum: OUTBOX_CHANNELS }).notNull(),
    kind: text({ enum: OUTBOX_KINDS }).notNull(),
    /**
     * PERSONAL DATA (an e-mail address): encrypted with `encryptField`. Null once erased (see
     * `eraseAfterSending`): the row then keeps only its status, for the audit trail.
     */
    recipient: text(),
    templateKey: text().notNull(),
    /** Encrypted: a notice's subject and body are rendered by modules and may name a person. Null once erased. */
    subject: text(),
    body: text(),
    /** The business clock's time (TSUNAGARI_CLOCK applies), so retention follows the business calendar. */
    createdAt: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer().notNull().default(0),
    /** Wall-clock: earliest time of the next attempt after a temporary failure. */
    nextAttemptAt: timestamp({ withTimezone: true }),
    /** Wall-clock: a `sending` claim older than this is taken over by another deliverer. */
    lockedUntil: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    /** An error code such as `smtp_550` or `smtp_timeout`: never server text, which may echo addresses. */
    lastError: text(),
    /** Same key in the same tenant → the same message, so a retried job or request never sends twice. */
    idempotencyKey: text().notNull(),
    /**
     * The address was given only to receive this message (e.g. the 受付番号 of an anonymous
     * consultation): recipient, subject and body are erased once it is `sent` or `failed` for good,
     * and `eraseDueAt` after it became `held` (decision 0025).
     */
    eraseAfterSending: boolean().notNull().default(false),
    /** Wall-clock: a `held` message to be erased is erased at this time (a technical bound). */
    eraseDueAt: timestamp({ withTimezone: true }),
    /** Wall-clock: when recipient, subject and body were erased; null while they are kept. */
    erasedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('outbox_messages_idempotency_uq').on(t.municipalityCode, t.idempotencyKey).nullsNotDistinct(),
    index('outbox_messages_list_idx').on(t.municipalityCode, t.createdAt.desc(), t.id.desc()),
    index('outbox_messages_due_idx')
      .on(t.status, t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
    index('outbox_messages_erase_due_idx')
      .on(t.eraseDueAt)
      .where(sql`${t.eraseDueAt} is not null and ${t.erasedAt} is null`),
    pgPolicy('outbox_messages_tenant_isolation', {
      as: 'permissive',
      for: 'all',
      to: appRole,
      using: sql`${t.municipalityCode} = current_setting('app.tenant', true) or (${t.municipalityCode} is null and coalesce(current_setting('app.tenant', true), '') = '')`,
      withCheck: sql`${t.municipalityCode} = current_setting('app.tenant', true) or (${t.municipalityCode} is null and coalesce(current_setting('app.tenant', true), '') = '')`,
    }),
  ],
).enableRLS();

/** Encryption contexts of the encrypted columns (also registered for `keys:rotate`). */
export const OUTBOX_ENCRYPTED_COLUMNS = {
  recipient: 'outbox_messages.recipient',
  subject: 'outbox_messages.subject',
  body: 'outbox_messages.body',
} as const;

for (const [column, context] of Object.entries(OUTBOX_ENCRYPTED_COLUMNS)) {
  registerEncryptedColumn({ table: 'outbox_messages', idColumn: 'id', column, context });
}
