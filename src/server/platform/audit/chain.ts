import { createHash } from 'node:crypto';

/** prev_hash of the first row of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

export const NATIONAL_CHAIN = 'national';

/** The fields of a row that its hash covers: everything but the database id and the hashes. */
export type ChainedFields = {
  chain: string;
  seq: number;
  at: Date;
  actorAccountId: string | null;
  actorRole: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  requestId: string | null;
  outcome: 'ok' | 'denied' | string;
};

/**
 * Canonical JSON: fixed key order (alphabetical), nulls spelled out, the time as ISO-8601 UTC with
 * milliseconds (what a JS Date holds and what appendAudit stores), seq as a JSON number. Any change
 * here invalidates every existing chain, so it is pinned by a unit test with a known hash.
 */
export function canonicalJson(row: ChainedFields): string {
  return JSON.stringify({
    action: row.action,
    actorAccountId: row.actorAccountId,
    actorRole: row.actorRole,
    at: row.at.toISOString(),
    chain: row.chain,
    outcome: row.outcome,
    recordId: row.recordId,
    recordType: row.recordType,
    requestId: row.requestId,
    seq: row.seq,
  });
}

export function chainHash(prevHash: string, row: ChainedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

export function isChainName(value: string): boolean {
  return /^([0-9]{6}|national)$/.test(value);
}
