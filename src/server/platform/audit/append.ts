import { desc, eq, sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.ts';
import { auditEvents, currentAuditChain } from './audit.tables.ts';
import { chainHash, GENESIS_HASH, isChainName } from './chain.ts';

export type AuditOutcome = 'ok' | 'denied';

/** What a module records: ids only, never names, text or other personal content. */
export type AuditEntry = {
  /** `<module>.<record>.<verb>`, e.g. `support.person.read`. */
  action: string;
  outcome?: AuditOutcome;
  /** Null for anonymous public requests. */
  actorAccountId?: string | null;
  actorRole?: string | null;
  recordType?: string | null;
  recordId?: string | null;
  requestId?: string | null;
  /** Defaults to the real time now (not the business clock: the log says when it really happened). */
  at?: Date;
  /**
   * Defaults to the transaction's tenant (`app.tenant`), or `national` outside any tenant. Only
   * owner-level work (asSystem) may name another chain: under the app role RLS refuses it.
   */
  chain?: string;
};

export type AppendedAudit = { id: number; chain: string; seq: number; hash: string; at: Date };

/**
 * Thrown before anything is written when an entry is malformed. The message names the field only,
 * never its value: a value in the wrong field may be personal data.
 */
export class AuditEntryError extends Error {
  override name = 'AuditEntryError';
  readonly field: string;
  constructor(field: string, reason: string) {
    super(`Invalid audit entry: ${field} ${reason}.`);
    this.field = field;
  }
}

/**
 * Transaction-level advisory locks in the two-int4 key space (classid, objid) do not collide with the
 * single-bigint keys used elsewhere (migration lock, pg-boss). objid = hashtext(chain): two tenants
 * whose names hash alike merely share a lock, which costs throughput, never correctness.
 */
const AUDIT_LOCK_CLASS = 0x41554454; // 'AUDT'

const PATTERNS: Record<string, RegExp> = {
  // e.g. `audit.persons-read.report`: lower-case words, `_` or `-` inside a segment.
  action: /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*){1,5}$/,
  actorRole: /^[a-z][a-z0-9_-]{0,63}$/,
  recordType: /^[a-z][a-z0-9_-]{0,63}$/,
  // Ids: uuids, numbers, codes, `192015:2026-04`. No spaces, no @, no kana: a name or an email will not fit.
  recordId: /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/,
  requestId: /^[A-Za-z0-9_.:-]{1,128}$/,
  actorAccountId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

function optional(entry: AuditEntry, field: keyof typeof PATTERNS & keyof AuditEntry): string | null {
  const raw = entry[field];
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') throw new AuditEntryError(field, 'must be a string');
  // uuid is case-insensitive in PostgreSQL but not in a hash: hash what the database will return.
  const value = field === 'actorAccountId' ? raw.toLowerCase() : raw;
  if (!PATTERNS[field]!.test(value)) throw new AuditEntryError(field, 'has an unexpected format (ids only)');
  return value;
}

/**
 * Appends one event to the tenant's chain inside the caller's transaction, so the event exists if and
 * only if the work it records commits.
 *
 * Writers of the same chain take the chain's advisory lock and so append one after another; other
 * tenants' chains are not blocked. The lock is held until the caller's transaction ends, so append
 * late: a transaction that appends early and then waits for a row lock held by another writer of the
 * same tenant (who is queued on the chain lock) deadlocks, and PostgreSQL aborts one of them. Collect
 * entries and write them with `appendAuditBatch` just before commit where a transaction is long.
 * Needs READ COMMITTED (the default): the last row must be read with a snapshot taken after the lock.
 */
export async function appendAudit(tx: Tx, entry: AuditEntry): Promise<AppendedAudit> {
  const [appended] = await appendAuditBatch(tx, [entry]);
  return appended!;
}

type Prepared = {
  action: string;
  outcome: AuditOutcome;
  at: Date;
  actorAccountId: string | null;
  actorRole: string | null;
  recordType: string | null;
  recordId: string | null;
  requestId: string | null;
};

function prepare(entry: AuditEntry): Prepared {
  if (typeof entry.action !== 'string' || !PATTERNS.action!.test(entry.action)) {
    throw new AuditEntryError('action', 'must look like module.record.verb');
  }
  const outcome = entry.outcome ?? 'ok';
  if (outcome !== 'ok' && outcome !== 'denied') throw new AuditEntryError('outcome', 'must be ok or denied');
  const at = entry.at ?? new Date();
  if (!(at instanceof Date) || Number.isNaN(at.getTime()))
    throw new AuditEntryError('at', 'must be a valid date');
  return {
    action: entry.action,
    outcome,
    at,
    actorAccountId: optional(entry, 'actorAccountId'),
    actorRole: optional(entry, 'actorRole'),
    recordType: optional(entry, 'recordType'),
    recordId: optional(entry, 'recordId'),
    requestId: optional(entry, 'requestId'),
  };
}

/**
 * Appends several events, in order, to one chain under one lock and one INSERT. All entries must name
 * the same chain (or none). Everything is validated before the lock is taken, so a bad entry writes
 * nothing.
 */
export async function appendAuditBatch(tx: Tx, entries: readonly AuditEntry[]): Promise<AppendedAudit[]> {
  if (entries.length === 0) return [];
  const prepared = entries.map(prepare);
  const requested = entries[0]!.chain;
  if (entries.some((e) => e.chain !== requested))
    throw new AuditEntryError('chain', 'must be the same for a batch');
  if (requested !== undefined && !isChainName(requested)) {
    throw new AuditEntryError('chain', 'must be a 6-digit municipality code or national');
  }

  const [lock] = await rows<{ chain: string; isolation: string }>(
    tx,
    sql`select c.chain, current_setting('transaction_isolation') as isolation,
          pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}::int4, hashtext(c.chain))::text as locked
        from (select coalesce(${requested ?? null}::text, ${currentAuditChain}) as chain) c`,
  );
  if (!lock) throw new Error('Audit chain lock returned no row.');
  if (lock.isolation !== 'read committed') {
    throw new Error(
      `appendAudit needs a READ COMMITTED transaction (this one is ${lock.isolation}): ` +
        'under a longer snapshot the chain head could be stale.',
    );
  }
  const chain = lock.chain;
  if (!isChainName(chain))
    throw new AuditEntryError('chain', 'of the transaction (app.tenant) is not a tenant code');

  // A fresh statement, hence a fresh snapshot that includes the previous lock holder's commit.
  const [head] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.chain, chain))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  let seq = head ? Number(head.seq) : 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const values = prepared.map((fields) => {
    seq++;
    const row = { chain, seq, ...fields };
    const hash = chainHash(prevHash, row);
    const value = { ...row, prevHash, hash };
    prevHash = hash;
    return value;
  });

  const inserted = await tx
    .insert(auditEvents)
    .values(values)
    .returning({ id: auditEvents.id, seq: auditEvents.seq });
  const idBySeq = new Map(inserted.map((r) => [Number(r.seq), Number(r.id)]));
  return values.map((v) => ({ id: idBySeq.get(v.seq)!, chain, seq: v.seq, hash: v.hash, at: v.at }));
}
