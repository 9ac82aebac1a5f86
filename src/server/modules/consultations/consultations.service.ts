import { and, asc, count, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hasPermission } from '../../../shared/permissions.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, conflict, notFound, registerErrorMessages } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../../platform/http/list.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import { listAccounts } from '../accounts/index.ts';
import { getTenantProfile } from '../municipalities/index.ts';
import { newReplyCode, replyCodeHash } from './consultations.codes.ts';
import type { ConsultationDetail, QueueItem } from './consultations.schema.ts';
import {
  CONSULTATION_CLOSE_REASON_CONTEXT,
  CONSULTATION_MESSAGE_CONTEXT,
  consultationMessages,
  consultations,
} from './consultations.tables.ts';

registerErrorMessages({
  consultation_not_found: {
    title: { ja: '相談が見つかりません', en: 'Consultation not found' },
    detail: {
      ja: '返信コードをもう一度確かめてください。コードは、大文字・小文字やハイフンの有無を区別しません。',
      en: 'Check the reply code again. Case and hyphens do not matter.',
    },
  },
  consultation_linked: {
    title: {
      ja: 'この相談には、すでに支援記録があります',
      en: 'A support record is already open for this consultation',
    },
  },
});

export type ConsultationsContext = { clock: Clock; config: Pick<Config, 'dataKeys' | 'publicUrl'> };

const seal = (ctx: ConsultationsContext, text: string) =>
  encryptField(text, ctx.config.dataKeys, CONSULTATION_MESSAGE_CONTEXT);
const open = (ctx: ConsultationsContext, stored: string) =>
  decryptField(stored, ctx.config.dataKeys, CONSULTATION_MESSAGE_CONTEXT);

type Row = typeof consultations.$inferSelect;

function present(row: Row, now: Date): QueueItem {
  return {
    id: row.id,
    writer: row.writer,
    easyJapanese: row.easyJapanese === 'yes',
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
    lastMessageAt: row.lastMessageAt.toISOString(),
    awaitingReplySince: row.awaitingReplySince?.toISOString() ?? null,
    unansweredHours: row.awaitingReplySince
      ? Math.max(0, Math.floor((now.getTime() - row.awaitingReplySince.getTime()) / 3_600_000))
      : null,
    messageCount: row.messageCount,
    personId: row.personId,
    version: row.version,
  };
}

/** Consultation staff of the tenant get a content-free alert with a console link. */
async function alertStaff(tx: Tx, ctx: ConsultationsContext, tenant: string, id: string, key: string) {
  const staff = await listAccounts(tx, { status: 'active', limit: 200 });
  for (const account of staff.items) {
    if (!hasPermission(account.roles, 'consultations.respond')) continue;
    await enqueueMessage(tx, ctx, {
      kind: 'staff_alert',
      municipalityCode: tenant,
      recipient: account.email,
      templateKey: 'consultation.received',
      linkPath: `/console/consultations/${id}`,
      idempotencyKey: `consultation.received:${key}:${account.id}`,
    });
  }
}

// ── public ─────────────────────────────────────────────────────────────────────────────────────

/**
 * The 受付番号 by e-mail. The address is used here once: it goes only into this outbox notice, which
 * the outbox erases once sent (decision 0025); nothing in the consultation's own tables refers to it.
 */
function codeNotice(
  ctx: ConsultationsContext,
  tenant: string,
  desk: string,
  replyCode: string,
  easyJapanese: boolean,
): { subject: string; body: string } {
  const replyPage = `${ctx.config.publicUrl}/m/${tenant}/consultation/reply`;
  if (easyJapanese)
    return {
      subject: '【つながり】相談の 受付番号',
      body: [
        `名前を 書かない 相談を 受け付けました（${desk}）。`,
        `受付番号: ${replyCode}`,
        '',
        `返事を 読む・もう いちど 書く: ${replyPage}`,
        '受付番号は ほかの 人に 見せないで ください。この 番号が ないと 返事を 読めません。',
        'この メールアドレスは、番号を おくる ためだけに 使いました。おくった あと、システムから けします。',
        'いま 命や からだが あぶない ときは、119番か 110番に 電話して ください。',
      ].join('\n'),
    };
  return {
    subject: '【つながり】相談の受付番号',
    body: [
      `名前を書かない相談を受け付けました（${desk}）。`,
      `受付番号: ${replyCode}`,
      '',
      `返事を読む・もう一度書く: ${replyPage}`,
      '受付番号は、ほかの人に見せないでください。この番号がないと返事を読めません。',
      'このメールアドレスは、番号をお送りするためだけに使い、送信後にシステムから消去します。相談の記録には残りません。',
      'いま命や体に危険があるときは、119番（救急）か110番（警察）に電話してください。',
    ].join('\n'),
  };
}

export async function submitConsultation(
  tx: Tx,
  ctx: ConsultationsContext,
  input: {
    municipalityCode: string;
    writer: Row['writer'];
    message: string;
    easyJapanese: boolean;
    /** Only with `email`: the 受付番号 goes to that address once (nothing about it is stored here). */
    sendCodeByEmail?: boolean | undefined;
    email?: string | undefined;
  },
): Promise<{ id: string; replyCode: string; receivedAt: string; codeEmailed: boolean }> {
  const tenant = input.municipalityCode;
  // Only municipalities that use this deployment take consultations (others: 404).
  const profile = await getTenantProfile(tx, tenant);
  const now = ctx.clock.now();
  const replyCode = newReplyCode();
  const [row] = await tx
    .insert(consultations)
    .values({
      municipalityCode: tenant,
      replyCodeHash: replyCodeHash(tenant, replyCode)!,
      writer: input.writer,
      easyJapanese: input.easyJapanese ? 'yes' : 'no',
      receivedAt: now,
      lastMessageAt: now,
      awaitingReplySince: now,
    })
    .returning({ id: consultations.id });
  await tx.insert(consultationMessages).values({
    municipalityCode: tenant,
    consultationId: row!.id,
    author: 'writer',
    bodyEncrypted: seal(ctx, input.message),
    at: now,
  });
  await alertStaff(tx, ctx, tenant, row!.id, row!.id);
  const codeEmailed = Boolean(input.sendCodeByEmail && input.email);
  if (codeEmailed)
    await enqueueMessage(tx, ctx, {
      kind: 'notice',
      municipalityCode: tenant,
      recipient: input.email!,
      templateKey: 'consultations.receipt-code',
      ...codeNotice(ctx, tenant, profile.documentName, replyCode, input.easyJapanese),
      idempotencyKey: `consultations.receipt-code:${row!.id}`,
      eraseAfterSending: true,
    });
  return { id: row!.id, replyCode, receivedAt: now.toISOString(), codeEmailed };
}

/** The consultation a reply code opens, in its tenant's transaction; null (never a hint) when none. */
export async function findByReplyCode(tx: Tx, tenant: string, code: string): Promise<Row | null> {
  const hash = replyCodeHash(tenant, code);
  if (!hash) return null;
  const [row] = await tx
    .select()
    .from(consultations)
    .where(and(eq(consultations.municipalityCode, tenant), eq(consultations.replyCodeHash, hash)));
  return row ?? null;
}

export async function publicView(tx: Tx, ctx: ConsultationsContext, row: Row) {
  const messages = await tx
    .select()
    .from(consultationMessages)
    .where(
      and(
        eq(consultationMessages.municipalityCode, row.municipalityCode),
        eq(consultationMessages.consultationId, row.id),
      ),
    )
    .orderBy(asc(consultationMessages.id));
  return {
    receivedAt: row.receivedAt.toISOString(),
    easyJapanese: row.easyJapanese === 'yes',
    waitingForReply: row.awaitingReplySince !== null,
    closed: row.status === 'closed',
    messages: messages.map((m) => ({
      from: m.author === 'writer' ? ('you' as const) : ('staff' as const),
      text: open(ctx, m.bodyEncrypted),
      at: m.at.toISOString(),
    })),
  };
}

/** The writer writes again: the thread reopens if it was closed, and waits for a reply. */
export async function writeAgain(tx: Tx, ctx: ConsultationsContext, row: Row, message: string) {
  const now = ctx.clock.now();
  const [message_] = await tx
    .insert(consultationMessages)
    .values({
      municipalityCode: row.municipalityCode,
      consultationId: row.id,
      author: 'writer',
      bodyEncrypted: seal(ctx, message),
      at: now,
    })
    .returning({ id: consultationMessages.id });
  await tx
    .update(consultations)
    .set({
      status: 'open',
      closeReasonEncrypted: null,
      closedAt: null,
      lastMessageAt: now,
      awaitingReplySince: sql`coalesce(${consultations.awaitingReplySince}, ${now})`,
      messageCount: sql`${consultations.messageCount} + 1`,
      version: sql`${consultations.version} + 1`,
    })
    .where(and(eq(consultations.municipalityCode, row.municipalityCode), eq(consultations.id, row.id)));
  await alertStaff(tx, ctx, row.municipalityCode, row.id, `${row.id}:${message_!.id}`);
  return { id: message_!.id, at: now.toISOString() };
}

// ── staff ──────────────────────────────────────────────────────────────────────────────────────

const QueueCursor = z.object({ t: z.string(), i: z.string() });

/**
 * The queue: by default the longest-waiting first (awaiting), otherwise the most recent first; `sort`
 * turns either way round.
 */
export async function listQueue(
  tx: Tx,
  tenant: string,
  query: {
    filter: 'awaiting' | 'open' | 'closed' | 'all';
    sort?: 'oldest' | 'newest' | undefined;
    limit: number;
    cursor?: string;
  },
  now: Date,
): Promise<ListResult<QueueItem>> {
  const c = consultations;
  const filters: (SQL | undefined)[] = [eq(c.municipalityCode, tenant)];
  if (query.filter === 'awaiting') filters.push(isNotNull(c.awaitingReplySince), eq(c.status, 'open'));
  if (query.filter === 'open') filters.push(eq(c.status, 'open'));
  if (query.filter === 'closed') filters.push(eq(c.status, 'closed'));
  const where = and(...filters);
  const after = decodeCursor(query.cursor, QueueCursor);
  const awaiting = query.filter === 'awaiting';
  const key = awaiting ? c.awaitingReplySince : c.lastMessageAt;
  const oldestFirst = (query.sort ?? (awaiting ? 'oldest' : 'newest')) === 'oldest';
  const page = await tx
    .select()
    .from(c)
    .where(
      after
        ? and(
            where,
            oldestFirst
              ? sql`(${key}, ${c.id}) > (${after.t}::timestamptz, ${after.i}::uuid)`
              : sql`(${key}, ${c.id}) < (${after.t}::timestamptz, ${after.i}::uuid)`,
          )
        : where,
    )
    .orderBy(oldestFirst ? asc(key) : desc(key), oldestFirst ? asc(c.id) : desc(c.id))
    .limit(query.limit + 1);
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(c).where(where);
  const items = page.slice(0, query.limit);
  const last = items.at(-1);
  const lastKey = last ? (awaiting ? last.awaitingReplySince : last.lastMessageAt) : null;
  return {
    items: items.map((r) => present(r, now)),
    total,
    nextCursor:
      page.length > query.limit && last && lastKey
        ? encodeCursor({ t: lastKey.toISOString(), i: last.id })
        : null,
  };
}

async function getRow(tx: Tx, tenant: string, id: string): Promise<Row> {
  const [row] = await tx
    .select()
    .from(consultations)
    .where(and(eq(consultations.municipalityCode, tenant), eq(consultations.id, id)));
  if (!row) throw notFound();
  return row;
}

export async function getConsultation(
  tx: Tx,
  ctx: ConsultationsContext,
  tenant: string,
  id: string,
): Promise<ConsultationDetail> {
  const row = await getRow(tx, tenant, id);
  const messages = await tx
    .select()
    .from(consultationMessages)
    .where(
      and(eq(consultationMessages.municipalityCode, tenant), eq(consultationMessages.consultationId, id)),
    )
    .orderBy(asc(consultationMessages.id));
  return {
    ...present(row, ctx.clock.now()),
    closeReason: row.closeReasonEncrypted
      ? decryptField(row.closeReasonEncrypted, ctx.config.dataKeys, CONSULTATION_CLOSE_REASON_CONTEXT)
      : null,
    messages: messages.map((m) => ({
      id: m.id,
      author: m.author,
      authorAccountId: m.authorAccountId,
      text: open(ctx, m.bodyEncrypted),
      at: m.at.toISOString(),
    })),
  };
}

export async function replyToConsultation(
  tx: Tx,
  ctx: ConsultationsContext,
  tenant: string,
  id: string,
  accountId: string,
  message: string,
): Promise<{ messageId: number; consultation: ConsultationDetail }> {
  const row = await getRow(tx, tenant, id);
  const now = ctx.clock.now();
  const [inserted] = await tx
    .insert(consultationMessages)
    .values({
      municipalityCode: tenant,
      consultationId: row.id,
      author: 'staff',
      authorAccountId: accountId,
      bodyEncrypted: seal(ctx, message),
      at: now,
    })
    .returning({ id: consultationMessages.id });
  await tx
    .update(consultations)
    .set({
      lastMessageAt: now,
      awaitingReplySince: null,
      messageCount: sql`${consultations.messageCount} + 1`,
      version: sql`${consultations.version} + 1`,
    })
    .where(and(eq(consultations.municipalityCode, tenant), eq(consultations.id, id)));
  return { messageId: inserted!.id, consultation: await getConsultation(tx, ctx, tenant, id) };
}

export async function closeConsultation(
  tx: Tx,
  ctx: ConsultationsContext,
  tenant: string,
  id: string,
  version: number,
  reason: string,
): Promise<QueueItem> {
  const now = ctx.clock.now();
  const [row] = await tx
    .update(consultations)
    .set({
      status: 'closed',
      closedAt: now,
      closeReasonEncrypted: encryptField(reason, ctx.config.dataKeys, CONSULTATION_CLOSE_REASON_CONTEXT),
      awaitingReplySince: null,
      version: sql`${consultations.version} + 1`,
    })
    .where(
      and(
        eq(consultations.municipalityCode, tenant),
        eq(consultations.id, id),
        eq(consultations.version, version),
      ),
    )
    .returning();
  if (row) return present(row, now);
  const current = await getRow(tx, tenant, id);
  throw conflict({ current: present(current, now), yours: { version } });
}

// ── for the support module (exported service functions, no table access from outside) ──────────

/** Links a consultation to the support record opened from it (once). */
export async function linkConsultationToPerson(
  tx: Tx,
  tenant: string,
  id: string,
  personId: string,
): Promise<void> {
  const row = await getRow(tx, tenant, id);
  if (row.personId && row.personId !== personId) throw new AppError(409, 'consultation_linked');
  await tx
    .update(consultations)
    .set({ personId, version: sql`${consultations.version} + 1` })
    .where(and(eq(consultations.municipalityCode, tenant), eq(consultations.id, id)));
}

/** Unanswered consultations of the tenant for the caseload: how many, and the longest-waiting. */
export async function unansweredSummary(
  tx: Tx,
  tenant: string,
  now: Date,
  limit = 5,
): Promise<{ count: number; oldest: QueueItem[] }> {
  const where = and(
    eq(consultations.municipalityCode, tenant),
    eq(consultations.status, 'open'),
    isNotNull(consultations.awaitingReplySince),
  );
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(consultations).where(where);
  const oldest = await tx
    .select()
    .from(consultations)
    .where(where)
    .orderBy(asc(consultations.awaitingReplySince), asc(consultations.id))
    .limit(limit);
  return { count: n, oldest: oldest.map((r) => present(r, now)) };
}

// ── for the rights module (issue 7): disclosure and retention ────────────────────────────────────

/** Consultations linked to these support persons and their messages, decrypted (disclosure drafts). */
export async function consultationHoldings(
  tx: Tx,
  ctx: Pick<ConsultationsContext, 'config'>,
  tenant: string,
  personIds: string[],
) {
  if (personIds.length === 0) return [];
  const threads = await tx
    .select()
    .from(consultations)
    .where(and(eq(consultations.municipalityCode, tenant), inArray(consultations.personId, personIds)))
    .orderBy(asc(consultations.receivedAt));
  const items: {
    source: { table: string; id: string };
    kind: string;
    at: string | null;
    origin: 'person' | 'staff' | 'third_party' | 'record';
    content: unknown;
  }[] = [];
  for (const c of threads) {
    items.push({
      source: { table: 'consultations', id: c.id },
      kind: 'consultation',
      at: c.receivedAt.toISOString(),
      origin: 'record',
      content: { writer: c.writer, status: c.status, receivedAt: c.receivedAt.toISOString() },
    });
    const messages = await tx
      .select()
      .from(consultationMessages)
      .where(
        and(eq(consultationMessages.municipalityCode, tenant), eq(consultationMessages.consultationId, c.id)),
      )
      .orderBy(asc(consultationMessages.id));
    for (const m of messages)
      items.push({
        source: { table: 'consultation_messages', id: String(m.id) },
        kind: 'consultation_message',
        at: m.at.toISOString(),
        // A message written by a family member or someone else is a third party's statement.
        origin: m.author === 'staff' ? 'staff' : c.writer === 'person' ? 'person' : 'third_party',
        content: { author: m.author, text: open(ctx as ConsultationsContext, m.bodyEncrypted) },
      });
  }
  return items;
}

/** Retention purge only (runs as the owner): removes consultations linked to these persons. */
export async function purgeConsultationsOfPersons(tx: Tx, tenant: string, personIds: string[]) {
  if (personIds.length === 0) return { consultations: 0, consultation_messages: 0 };
  const threads = await tx
    .select({ id: consultations.id })
    .from(consultations)
    .where(and(eq(consultations.municipalityCode, tenant), inArray(consultations.personId, personIds)));
  const threadIds = threads.map((t) => t.id);
  const messages =
    threadIds.length === 0
      ? []
      : await tx
          .delete(consultationMessages)
          .where(
            and(
              eq(consultationMessages.municipalityCode, tenant),
              inArray(consultationMessages.consultationId, threadIds),
            ),
          )
          .returning({ id: consultationMessages.id });
  const deleted =
    threadIds.length === 0
      ? []
      : await tx
          .delete(consultations)
          .where(and(eq(consultations.municipalityCode, tenant), inArray(consultations.id, threadIds)))
          .returning({ id: consultations.id });
  return { consultations: deleted.length, consultation_messages: messages.length };
}
