import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { appRole } from '../db/roles.ts';

/**
 * The chain a transaction may see and append to: its tenant, or `national` for work outside any
 * tenant (an empty or unset `app.tenant`). Kept in SQL so RLS and appendAudit agree on it.
 */
export const currentAuditChain = sql`coalesce(nullif(current_setting('app.tenant', true), ''), 'national')`;

/**
 * Append-only, hash-chained audit log (ARCHITECTURE "Security model"). One chain per tenant so that
 * only writers of the same municipality wait on each other. Rows hold ids only, never personal
 * content. The app role may insert and read rows of its own chain; UPDATE/DELETE/TRUNCATE are revoked
 * (roles.ts APPEND_ONLY_TABLES) and, with no policy for them, RLS would refuse them anyway.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** 6-digit municipality code of the tenant, or `national`. */
    chain: text().notNull(),
    /** 1, 2, 3 … without gaps within a chain: a gap is a deleted row. */
    seq: bigint({ mode: 'number' }).notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    /** Null for anonymous public requests. */
    actorAccountId: uuid(),
    actorRole: text(),
    /** e.g. `support.person.read`. */
    action: text().notNull(),
    recordType: text(),
    recordId: text(),
    requestId: text(),
    outcome: text({ enum: ['ok', 'denied'] }).notNull(),
    /** Hash of the previous row of the chain (64 zeros for seq 1). */
    prevHash: text().notNull(),
    /** sha256(prevHash + canonical JSON of this row), hex. */
    hash: text().notNull(),
  },
  (t) => [
    uniqueIndex('audit_events_chain_seq_uq').on(t.chain, t.seq),
    index('audit_events_chain_at_idx').on(t.chain, t.at),
    index('audit_events_chain_actor_idx').on(t.chain, t.actorAccountId, t.at),
    index('audit_events_chain_record_idx').on(t.chain, t.recordType, t.recordId),
    check('audit_events_chain_check', sql`${t.chain} ~ '^([0-9]{6}|national)$'`),
    check('audit_events_seq_check', sql`${t.seq} >= 1`),
    check('audit_events_outcome_check', sql`${t.outcome} in ('ok', 'denied')`),
    check('audit_events_hash_check', sql`${t.hash} ~ '^[0-9a-f]{64}$' and ${t.prevHash} ~ '^[0-9a-f]{64}$'`),
    pgPolicy('audit_events_read_own_chain', {
      as: 'permissive',
      for: 'select',
      to: appRole,
      using: sql`${t.chain} = ${currentAuditChain}`,
    }),
    pgPolicy('audit_events_append_own_chain', {
      as: 'permissive',
      for: 'insert',
      to: appRole,
      withCheck: sql`${t.chain} = ${currentAuditChain}`,
    }),
  ],
).enableRLS();

export type AuditEventRow = typeof auditEvents.$inferSelect;
