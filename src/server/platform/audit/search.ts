import { and, asc, count, desc, eq, gt, gte, like, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../db/client.ts';
import { fieldError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../http/list.ts';
import { likeEscape } from '../text/search.ts';
import { type AuditEventRow, auditEvents } from './audit.tables.ts';

export type AuditSearch = {
  /** The tenant's chain (or `national`); the transaction must be scoped to it, RLS hides the rest. */
  chain: string;
  accountId?: string;
  /** Exact action, or a prefix ending in `*` (e.g. `support.person.*`). */
  action?: string;
  recordType?: string;
  recordId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** newest (default) or oldest first: a disclosure or a breach report reads in the order things happened. */
  order?: 'newest' | 'oldest';
  /** 1–200 (Contract "Lists"); clamped. */
  limit: number;
  /** A larger ceiling for exports (CSV for a disclosure or breach report), which page in one go. */
  maxLimit?: number;
  cursor?: string | null;
};

export type AuditEventView = Omit<AuditEventRow, 'prevHash'>;

export type AuditPage = { items: AuditEventView[]; total: number; nextCursor: string | null };

const MAX_LIMIT = 200;

/** Keyset position: the last sequence number shown (opaque to clients, like every list's cursor). */
const Cursor = z.object({ s: z.number().int().positive() });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A non-uuid would make PostgreSQL fail the whole query (a 500); answer it as bad input instead. */
function accountIdOf(value: string): string {
  if (!UUID.test(value))
    throw fieldError('/accountId', 'アカウントIDの形式が正しくありません。', 'The account id is not a UUID.');
  return value.toLowerCase();
}

function filters(query: Omit<AuditSearch, 'limit' | 'cursor'>): SQL[] {
  const where: SQL[] = [eq(auditEvents.chain, query.chain)];
  if (query.accountId) where.push(eq(auditEvents.actorAccountId, accountIdOf(query.accountId)));
  if (query.action) {
    where.push(
      query.action.endsWith('*')
        ? like(auditEvents.action, `${likeEscape(query.action.slice(0, -1))}%`)
        : eq(auditEvents.action, query.action),
    );
  }
  if (query.recordType) where.push(eq(auditEvents.recordType, query.recordType));
  if (query.recordId) where.push(eq(auditEvents.recordId, query.recordId));
  if (query.from) where.push(gte(auditEvents.at, query.from));
  if (query.to) where.push(lt(auditEvents.at, query.to));
  return where;
}

/**
 * Newest first (or oldest first). The cursor is opaque (the seq to continue from) and stable while rows
 * are appended.
 */
export async function searchAudit(tx: Tx, query: AuditSearch): Promise<AuditPage> {
  const limit = Math.min(query.maxLimit ?? MAX_LIMIT, Math.max(1, Math.trunc(query.limit) || 1));
  const where = filters(query);
  const [totalRow] = await tx
    .select({ n: count() })
    .from(auditEvents)
    .where(and(...where));
  const oldest = query.order === 'oldest';
  const from = query.cursor ? decodeCursor(query.cursor, Cursor)!.s : null;
  const page =
    from === null ? where : [...where, oldest ? gt(auditEvents.seq, from) : lt(auditEvents.seq, from)];
  const found = await tx
    .select({
      id: auditEvents.id,
      chain: auditEvents.chain,
      seq: auditEvents.seq,
      at: auditEvents.at,
      actorAccountId: auditEvents.actorAccountId,
      actorRole: auditEvents.actorRole,
      action: auditEvents.action,
      recordType: auditEvents.recordType,
      recordId: auditEvents.recordId,
      requestId: auditEvents.requestId,
      outcome: auditEvents.outcome,
      hash: auditEvents.hash,
    })
    .from(auditEvents)
    .where(and(...page))
    .orderBy(oldest ? asc(auditEvents.seq) : desc(auditEvents.seq))
    .limit(limit + 1);
  const items = found.slice(0, limit).map((r) => ({ ...r, id: Number(r.id), seq: Number(r.seq) }));
  const more = found.length > limit;
  return {
    items,
    total: Number(totalRow?.n ?? 0),
    nextCursor: more && items.length > 0 ? encodeCursor({ s: Number(items.at(-1)!.seq) }) : null,
  };
}

/**
 * "Which persons did account X read between two dates" (breach reports): distinct ids of records of
 * type `person` on which the account performed a successful `*.read`. `from` inclusive, `to` exclusive.
 */
export async function personsReadBy(
  tx: Tx,
  query: { chain: string; accountId: string; from: Date; to: Date },
): Promise<string[]> {
  const found = await tx
    .selectDistinct({ recordId: auditEvents.recordId })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.chain, query.chain),
        eq(auditEvents.actorAccountId, accountIdOf(query.accountId)),
        eq(auditEvents.recordType, 'person'),
        like(auditEvents.action, '%.read'),
        eq(auditEvents.outcome, 'ok'),
        gte(auditEvents.at, query.from),
        lt(auditEvents.at, query.to),
      ),
    )
    .orderBy(asc(auditEvents.recordId));
  return found.map((r) => r.recordId).filter((id): id is string => id !== null);
}
