import { and, asc, count, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { decryptField, encryptField, FieldCryptoError } from '../crypto/fields.ts';
import { type Database, rows, type Tx } from '../db/client.ts';
import { asSystem } from '../db/tenant.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../http/list.ts';
import { errorCodeOf } from '../jobs/due.ts';
import type { OutboxListQuery, OutboxMessageItem } from './outbox.schema.ts';
import { OUTBOX_ENCRYPTED_COLUMNS, outboxMessages } from './outbox.tables.ts';
import { isMailAddress, type MailMessage, parseSmtpUrl, SmtpError, sendMail } from './smtp.ts';
import { buildStaffAlert, isStaffAlertTemplate, STAFF_ALERT_LINK_PATH } from './staff-alerts.ts';

/** What the outbox needs from the app context (an `AppContext` fits). */
export type OutboxContext = { clock: Clock; config: Pick<Config, 'publicUrl' | 'dataKeys'> };

/**
 * A staff alert: a template key and a console path, nothing else. There is deliberately no
 * subject or body: the text is built from fixed wording so case content cannot reach a mailbox.
 */
export type StaffAlertInput = {
  kind: 'staff_alert';
  /** The tenant the alert belongs to; null for national operators. */
  municipalityCode: string | null;
  /** A staff address (e.g. the on-call contact of the tenant profile). */
  recipient: string;
  templateKey: string;
  /** e.g. `/console/support/cases/5b0c…`: ASCII segments only (see STAFF_ALERT_LINK_PATH). */
  linkPath: string;
  /** Same key in the same tenant → the same message (e.g. `consultation.received:<consultation id>`). */
  idempotencyKey: string;
};

/** A message to a person whose text the calling module rendered (e.g. an event reminder). */
export type NoticeInput = {
  kind: 'notice';
  municipalityCode: string | null;
  recipient: string;
  templateKey: string;
  subject: string;
  body: string;
  idempotencyKey: string;
  /**
   * The address was given only to receive this one message (e.g. the 受付番号 of an anonymous
   * consultation or report): recipient, subject and body are erased once it is sent or has failed
   * for good, and `OUTBOX_HELD_ERASE_MINUTES` after it was held (decision 0025).
   */
  eraseAfterSending?: boolean;
};

export type EnqueueInput = StaffAlertInput | NoticeInput;

const MunicipalityCode = z
  .string()
  .regex(/^\d{6}$/)
  .nullable();
const Recipient = z.string().refine(isMailAddress, 'recipient is not a plain e-mail address');
const TemplateKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/);
const IdempotencyKey = z.string().min(1).max(200);

/** Strict: any extra field (a `subject`, a `body`, a `note`…) is refused, not silently dropped. */
const StaffAlertSchema = z.strictObject({
  kind: z.literal('staff_alert'),
  municipalityCode: MunicipalityCode,
  recipient: Recipient,
  templateKey: TemplateKey.refine(isStaffAlertTemplate, 'unknown staff alert template'),
  linkPath: z.string().regex(STAFF_ALERT_LINK_PATH, 'link must be a plain /console/… path'),
  idempotencyKey: IdempotencyKey,
});

const NoticeSchema = z.strictObject({
  kind: z.literal('notice'),
  municipalityCode: MunicipalityCode,
  recipient: Recipient,
  templateKey: TemplateKey,
  subject: z
    .string()
    .min(1)
    .max(200)
    .refine((s) => !/[\r\n]/.test(s), 'subject must be one line'),
  body: z.string().min(1).max(20_000),
  idempotencyKey: IdempotencyKey,
  eraseAfterSending: z.boolean().optional(),
});

const EnqueueSchema = z.discriminatedUnion('kind', [StaffAlertSchema, NoticeSchema]);

/**
 * A programming error in the caller (e.g. case text handed to a staff alert). The message names
 * fields and rules only, never the values, which may be personal data.
 */
export class OutboxInputError extends Error {
  override name = 'OutboxInputError';
  readonly code = 'outbox_invalid_input';
}

function parseInput(input: EnqueueInput): z.infer<typeof EnqueueSchema> {
  const parsed = EnqueueSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? `not allowed: ${(issue as { keys: string[] }).keys.join(', ')}`
      : `${issue.path.join('.') || 'input'}: ${issue.message}`,
  );
  throw new OutboxInputError(`Outbox message refused (${problems.join('; ')}).`);
}

const protect = (value: string, ctx: OutboxContext, column: keyof typeof OUTBOX_ENCRYPTED_COLUMNS) =>
  encryptField(value, ctx.config.dataKeys, OUTBOX_ENCRYPTED_COLUMNS[column]);
const reveal = (value: string, keys: Config['dataKeys'], column: keyof typeof OUTBOX_ENCRYPTED_COLUMNS) =>
  decryptField(value, keys, OUTBOX_ENCRYPTED_COLUMNS[column]);
/** Null once erased after sending (decision 0025). */
const revealKept = (
  value: string | null,
  keys: Config['dataKeys'],
  column: keyof typeof OUTBOX_ENCRYPTED_COLUMNS,
) => (value === null ? null : reveal(value, keys, column));

/**
 * Adds a message inside the caller's transaction, so it is sent only if that transaction commits.
 * Idempotent: the same key in the same tenant returns the existing message (`created: false`).
 * Delivery follows on its own (the `outbox.deliver` worker sweeps every minute); to send sooner,
 * call `requestOutboxDelivery()` after the transaction has committed.
 */
export async function enqueueMessage(
  tx: Tx,
  ctx: OutboxContext,
  input: EnqueueInput,
): Promise<{ id: string; created: boolean }> {
  const message = parseInput(input);
  const text =
    message.kind === 'staff_alert'
      ? buildStaffAlert(message.templateKey, message.linkPath, ctx.config.publicUrl)
      : { subject: message.subject, body: message.body };

  const [inserted] = await tx
    .insert(outboxMessages)
    .values({
      municipalityCode: message.municipalityCode,
      channel: 'email',
      kind: message.kind,
      recipient: protect(message.recipient, ctx, 'recipient'),
      templateKey: message.templateKey,
      subject: protect(text.subject, ctx, 'subject'),
      body: protect(text.body, ctx, 'body'),
      createdAt: ctx.clock.now(),
      idempotencyKey: message.idempotencyKey,
      eraseAfterSending: message.kind === 'notice' && message.eraseAfterSending === true,
    })
    .onConflictDoNothing()
    .returning({ id: outboxMessages.id });
  if (inserted) return { id: inserted.id, created: true };

  const [existing] = await tx
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(
      and(
        message.municipalityCode === null
          ? isNull(outboxMessages.municipalityCode)
          : eq(outboxMessages.municipalityCode, message.municipalityCode),
        eq(outboxMessages.idempotencyKey, message.idempotencyKey),
      ),
    );
  if (!existing) throw new Error('Outbox insert conflicted but no message with that key is visible.');
  return { id: existing.id, created: false };
}

const Cursor = z.object({ c: z.iso.datetime({ offset: true }), i: z.uuid() });

/**
 * Messages visible to the transaction's tenant (row-level security decides), newest first.
 * Recipient, subject and body are decrypted: the route that exposes this must require a permission.
 */
export async function listOutbox(
  tx: Tx,
  ctx: Pick<OutboxContext, 'config'>,
  query: OutboxListQuery,
): Promise<ListResult<OutboxMessageItem>> {
  const after = decodeCursor(query.cursor, Cursor);
  const m = outboxMessages;
  const where = query.status ? eq(m.status, query.status) : undefined;
  const oldest = query.sort === 'oldest';
  const beyond = oldest ? gt : lt;
  const direction = oldest ? asc : desc;
  const found = await tx
    .select()
    .from(m)
    .where(
      and(
        where,
        after
          ? or(
              beyond(m.createdAt, new Date(after.c)),
              and(eq(m.createdAt, new Date(after.c)), beyond(m.id, after.i)),
            )
          : undefined,
      ),
    )
    .orderBy(direction(m.createdAt), direction(m.id))
    .limit(query.limit + 1);
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(m).where(where);
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  const keys = ctx.config.dataKeys;
  return {
    items: page.map((row) => ({
      id: row.id,
      municipalityCode: row.municipalityCode,
      channel: row.channel,
      kind: row.kind,
      recipient: revealKept(row.recipient, keys, 'recipient'),
      templateKey: row.templateKey,
      subject: revealKept(row.subject, keys, 'subject'),
      body: revealKept(row.body, keys, 'body'),
      status: row.status,
      attempts: row.attempts,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
      lastError: row.lastError,
      eraseAfterSending: row.eraseAfterSending,
      erasedAt: row.erasedAt?.toISOString() ?? null,
    })),
    total,
    nextCursor:
      found.length > query.limit && last
        ? encodeCursor({ c: last.createdAt.toISOString(), i: last.id })
        : null,
  };
}

/** How a message leaves the system; SMTP in production, a fake in tests. */
export type MailTransport = { send(message: MailMessage): Promise<void> };

/** The SMTP transport when SMTP_URL is set; undefined means "hold messages, nothing is sent". */
export function transportFromConfig(
  config: Pick<Config, 'smtpUrl' | 'publicUrl'>,
): MailTransport | undefined {
  if (!config.smtpUrl) return undefined;
  const settings = parseSmtpUrl(config.smtpUrl);
  return { send: (message) => sendMail(settings, message) };
}

/** The sender address: `from` in SMTP_URL, else noreply at the public host name. */
export function senderAddress(config: Pick<Config, 'smtpUrl' | 'publicUrl'>): string {
  const configured = config.smtpUrl ? parseSmtpUrl(config.smtpUrl).from : undefined;
  return configured ?? `noreply@${new URL(config.publicUrl).hostname}`;
}

export const OUTBOX_MAX_ATTEMPTS = 5;
/**
 * A `held` message marked erase-after-sending (no SMTP server configured) keeps its address this
 * long, so an administrator checking a new deployment can see what would have gone out; then it is
 * erased like a sent one (the `outbox.erase` due job).
 */
export const OUTBOX_HELD_ERASE_MINUTES = 60;

/** The SET clause that erases recipient, subject and body of a message marked erase-after-sending. */
const ERASE_IF_MARKED = sql`
  recipient = case when erase_after_sending then null else recipient end,
  subject = case when erase_after_sending then null else subject end,
  body = case when erase_after_sending then null else body end,
  erase_due_at = case when erase_after_sending then null else erase_due_at end,
  erased_at = case when erase_after_sending then now() else erased_at end`;
/** Minutes to wait after the n-th failed attempt (temporary failures only). */
const RETRY_MINUTES = [1, 5, 15, 60];
/** A `sending` claim expires after this; a deliverer that died mid-send is then taken over. */
const CLAIM_MINUTES = 5;

export type DeliveryReport = { sent: number; held: number; retrying: number; failed: number };

/**
 * Sends what is due, as the owner (all tenants). Safe to run in several processes at once: each
 * message is claimed (`for update skip locked`, status `sending`) before it is sent. Delivery is
 * at least once: if a process dies between the server accepting a message and marking it sent,
 * the claim expires and the message is sent again.
 *
 * Without a transport (no SMTP_URL) messages become `held`: visible in the outbox, never sent.
 */
export async function deliverOutbox(
  ctx: { db: Database; config: Pick<Config, 'smtpUrl' | 'publicUrl' | 'dataKeys'> },
  options: { transport?: MailTransport | null; limit?: number } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, held: 0, retrying: 0, failed: 0 };
  const transport = options.transport === undefined ? transportFromConfig(ctx.config) : options.transport;
  if (!transport) {
    const held = await asSystem(ctx.db, (tx) =>
      rows<{ id: string }>(
        tx,
        sql`
          update outbox_messages set status = 'held', locked_until = null, next_attempt_at = null,
            erase_due_at = case when erase_after_sending
              then now() + make_interval(mins => ${OUTBOX_HELD_ERASE_MINUTES}) end
          where status = 'pending' or (status = 'sending' and locked_until < now())
          returning id`,
      ),
    );
    report.held = held.length;
    return report;
  }

  const from = senderAddress(ctx.config);
  const claimed = await asSystem(ctx.db, (tx) =>
    rows<{
      id: string;
      recipient: string | null;
      subject: string | null;
      body: string | null;
      attempts: number;
    }>(
      tx,
      sql`
        update outbox_messages m
        set status = 'sending', attempts = m.attempts + 1,
          locked_until = now() + make_interval(mins => ${CLAIM_MINUTES})
        where m.id in (
          select id from outbox_messages
          where ((status = 'pending' and (next_attempt_at is null or next_attempt_at <= now()))
             or (status = 'sending' and locked_until < now()))
            and erased_at is null
          order by created_at
          limit ${options.limit ?? 50}
          for update skip locked)
        returning m.id, m.recipient, m.subject, m.body, m.attempts`,
    ),
  );

  const keys = ctx.config.dataKeys;
  for (const message of claimed) {
    let outcome: { status: 'sent' } | { status: 'pending' | 'failed'; code: string };
    try {
      // Never null here: only sent, failed and held messages are erased, and those are not claimed.
      await transport.send({
        from,
        to: reveal(message.recipient ?? '', keys, 'recipient'),
        subject: reveal(message.subject ?? '', keys, 'subject'),
        text: reveal(message.body ?? '', keys, 'body'),
      });
      outcome = { status: 'sent' };
    } catch (error) {
      // A refusal (5xx, bad address) or an undecryptable value will not improve with time;
      // anything else (network, 4xx, timeouts) is retried with backoff.
      const permanent = error instanceof SmtpError ? error.permanent : error instanceof FieldCryptoError;
      const giveUp = permanent || message.attempts >= OUTBOX_MAX_ATTEMPTS;
      outcome = { status: giveUp ? 'failed' : 'pending', code: errorCodeOf(error) };
    }
    const retryMinutes = RETRY_MINUTES[Math.min(message.attempts, RETRY_MINUTES.length) - 1] ?? 60;
    await asSystem(ctx.db, (tx) => {
      // Delivered or refused for good: a message marked erase-after-sending keeps only its status row.
      if (outcome.status === 'sent') {
        return tx.execute(sql`
          update outbox_messages set status = 'sent', sent_at = now(), locked_until = null, last_error = null,
            ${ERASE_IF_MARKED}
          where id = ${message.id}`);
      }
      if (outcome.status === 'failed') {
        return tx.execute(sql`
          update outbox_messages set status = 'failed', locked_until = null, next_attempt_at = null,
            last_error = ${outcome.code}, ${ERASE_IF_MARKED}
          where id = ${message.id}`);
      }
      return tx.execute(sql`
        update outbox_messages set status = 'pending', locked_until = null, last_error = ${outcome.code},
          next_attempt_at = now() + make_interval(mins => ${retryMinutes})
        where id = ${message.id}`);
    });
    if (outcome.status === 'sent') report.sent++;
    else if (outcome.status === 'failed') report.failed++;
    else report.retrying++;
  }
  return report;
}

/**
 * Erases held messages marked erase-after-sending once their bound has passed (wall-clock: a
 * technical bound, like the idempotency purge, so a fixed demo clock cannot keep an address).
 * Idempotent; the row stays with its status for the audit trail.
 */
export async function eraseHeldOutbox(ctx: { db: Database }): Promise<number> {
  const erased = await asSystem(ctx.db, (tx) =>
    rows<{ id: string }>(
      tx,
      sql`
        update outbox_messages set ${ERASE_IF_MARKED}
        where erase_after_sending and erased_at is null and status = 'held'
          and erase_due_at is not null and erase_due_at <= now()
        returning id`,
    ),
  );
  return erased.length;
}

/** Messages whose retention has passed are deleted (they hold addresses): sent, failed or held only. */
export const OUTBOX_RETENTION_DAYS = 90;

export async function purgeOutbox(ctx: { db: Database; clock: Clock }): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - OUTBOX_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const deleted = await asSystem(ctx.db, (tx) =>
    rows<{ id: string }>(
      tx,
      sql`
        delete from outbox_messages
        where status in ('sent', 'failed', 'held') and created_at < ${cutoff.toISOString()}
        returning id`,
    ),
  );
  return deleted.length;
}
