import { and, asc, count, desc, eq, isNotNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ConsultationDetail, QueueItem } from '../../../shared/contracts/consultations.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../../platform/http/list.ts';
import { type ConsultationsContext, open, present, type Row, seal } from './consultations.context.ts';
import {
  CONSULTATION_CLOSE_REASON_CONTEXT,
  consultationMessages,
  consultations,
} from './consultations.tables.ts';

/** Use cases of consultation staff: the queue, a thread, a reply, closing. */

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

export async function getRow(tx: Tx, tenant: string, id: string): Promise<Row> {
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
