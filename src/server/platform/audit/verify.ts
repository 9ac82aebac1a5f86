import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { asc, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { auditEvents } from './audit.tables.ts';
import { chainHash, GENESIS_HASH } from './chain.ts';
import { headPayload, parseHeadsFile } from './heads.ts';
import type { AuditSigner } from './signing.ts';

export type AuditProblemKind =
  /** The row's content no longer matches its hash: it was edited. */
  | 'edited'
  /** prev_hash differs from the previous row's hash: that row was edited and re-hashed, or rows replaced. */
  | 'relinked'
  /** A gap in seq: rows were deleted. */
  | 'missing'
  /** The same seq twice (only possible if the unique index was dropped). */
  | 'duplicate'
  /** An exported head is beyond the last row: the tail of the chain was deleted. */
  | 'truncated'
  /** The row at an exported head's seq has another hash: history was rewritten. */
  | 'head_mismatch'
  /** A line of the heads file could not be read. */
  | 'heads_file'
  /** The heads file is absent although the log has rows: anchors were removed (or never made). */
  | 'heads_missing'
  /** An exported head is unsigned, signed by another key, or its signature does not verify. */
  | 'head_signature';

/** Names ids and positions only; rows hold no personal content, and neither do problems. */
export type AuditProblem = {
  kind: AuditProblemKind;
  chain: string | null;
  seq?: number;
  /** Last seq of a range (missing, truncated). */
  toSeq?: number;
  id?: number;
  line?: number;
  message: string;
};

export type AuditChainSummary = { chain: string; rows: number; lastSeq: number };

export type AuditVerifyResult = {
  ok: boolean;
  rows: number;
  chains: AuditChainSummary[];
  headsFile: string | null;
  headsFileFound: boolean;
  exportedHeads: number;
  problems: AuditProblem[];
};

const BATCH = 5000;

async function readHeads(headsFile: string | null, signer: AuditSigner | undefined) {
  const exported = new Map<string, Map<number, Set<string>>>();
  const problems: AuditProblem[] = [];
  let count = 0;
  if (!headsFile || !existsSync(headsFile)) return { exported, problems, count, found: false };
  // Streamed line by line: the file only grows.
  const lines = createInterface({
    input: createReadStream(headsFile, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    const { heads, badLines } = parseHeadsFile(line);
    if (badLines.length > 0) {
      problems.push({
        kind: 'heads_file',
        chain: null,
        line: lineNo,
        message: `line ${lineNo} of the heads file is not a valid head`,
      });
    }
    for (const head of heads) {
      count++;
      if (!signer) throw new Error('verifyAudit needs the audit signing key to check exported heads.');
      const problem = !head.sig
        ? 'is not signed'
        : head.kid !== signer.keyId
          ? `is signed by another key (${head.kid ?? 'none'}, expected ${signer.keyId})`
          : !signer.verify(headPayload(head), head.sig)
            ? 'has a signature that does not verify: the heads file was rewritten'
            : undefined;
      if (problem) {
        problems.push({
          kind: 'head_signature',
          chain: head.chain,
          seq: head.seq,
          line: lineNo,
          message: `line ${lineNo} of the heads file (seq ${head.seq}) ${problem}`,
        });
        // A head that does not verify anchors nothing.
        continue;
      }
      const bySeq = exported.get(head.chain) ?? new Map<number, Set<string>>();
      exported.set(head.chain, bySeq);
      const hashes = bySeq.get(head.seq) ?? new Set<string>();
      bySeq.set(head.seq, hashes);
      hashes.add(head.hash);
    }
  }
  return { exported, problems, count, found: true };
}

/**
 * Recomputes every chain from its first row and compares it with the exported heads, each of which
 * must carry a valid signature of `signer` (a head that does not verify is a problem and anchors
 * nothing). Runs as the
 * connecting (owner) user so that it sees every tenant's chain. Reads in keyset batches, so memory
 * stays flat however long the log is; rows appended while it runs are simply included or not.
 */
export async function verifyAudit(
  db: Database,
  headsFile: string | null,
  signer?: AuditSigner,
): Promise<AuditVerifyResult> {
  const heads = await readHeads(headsFile, signer);
  const problems: AuditProblem[] = [...heads.problems];
  const chains: AuditChainSummary[] = [];
  let total = 0;

  let current: { chain: string; rows: number; lastSeq: number; prevHash: string } | undefined;

  const finishChain = () => {
    if (!current) return;
    chains.push({ chain: current.chain, rows: current.rows, lastSeq: current.lastSeq });
    const bySeq = heads.exported.get(current.chain);
    if (bySeq) {
      const beyond = [...bySeq.keys()].filter((seq) => seq > current!.lastSeq);
      if (beyond.length > 0) {
        const highest = Math.max(...beyond);
        problems.push({
          kind: 'truncated',
          chain: current.chain,
          seq: current.lastSeq + 1,
          toSeq: highest,
          message: `rows ${current.lastSeq + 1}–${highest} are gone: an exported head reached seq ${highest} but the last row is seq ${current.lastSeq}`,
        });
      }
    }
  };

  let after: { chain: string; seq: number } | undefined;
  for (;;) {
    const batch = await db.orm
      .select()
      .from(auditEvents)
      .where(
        after ? sql`(${auditEvents.chain}, ${auditEvents.seq}) > (${after.chain}, ${after.seq})` : undefined,
      )
      .orderBy(asc(auditEvents.chain), asc(auditEvents.seq), asc(auditEvents.id))
      .limit(BATCH);
    for (const row of batch) {
      const seq = Number(row.seq);
      const id = Number(row.id);
      total++;
      if (!current || current.chain !== row.chain) {
        finishChain();
        current = { chain: row.chain, rows: 0, lastSeq: 0, prevHash: GENESIS_HASH };
      }
      current.rows++;
      const expected = current.lastSeq + 1;
      if (seq < expected) {
        problems.push({
          kind: 'duplicate',
          chain: row.chain,
          seq,
          id,
          message: `seq ${seq} appears more than once`,
        });
        continue;
      }
      if (seq > expected) {
        problems.push({
          kind: 'missing',
          chain: row.chain,
          seq: expected,
          toSeq: seq - 1,
          message:
            expected === seq - 1
              ? `row seq ${expected} was deleted`
              : `rows seq ${expected}–${seq - 1} were deleted`,
        });
      } else if (row.prevHash !== current.prevHash) {
        problems.push({
          kind: 'relinked',
          chain: row.chain,
          seq,
          id,
          message: `row seq ${seq} (id ${id}) does not link to row seq ${seq - 1}: that row was altered and re-hashed, or rows were replaced`,
        });
      }
      const recomputed = chainHash(row.prevHash, {
        chain: row.chain,
        seq,
        at: row.at,
        actorAccountId: row.actorAccountId,
        actorRole: row.actorRole,
        action: row.action,
        recordType: row.recordType,
        recordId: row.recordId,
        requestId: row.requestId,
        outcome: row.outcome,
      });
      if (recomputed !== row.hash) {
        problems.push({
          kind: 'edited',
          chain: row.chain,
          seq,
          id,
          message: `row seq ${seq} (id ${id}) was edited: its content does not match its hash`,
        });
      }
      const exportedHashes = heads.exported.get(row.chain)?.get(seq);
      if (exportedHashes && (exportedHashes.size > 1 || !exportedHashes.has(row.hash))) {
        problems.push({
          kind: 'head_mismatch',
          chain: row.chain,
          seq,
          id,
          message: `row seq ${seq} (id ${id}) differs from the exported head for that seq: the chain was rewritten`,
        });
      }
      current.lastSeq = seq;
      current.prevHash = row.hash;
    }
    const last = batch.at(-1);
    if (!last || batch.length < BATCH) break;
    after = { chain: last.chain, seq: Number(last.seq) };
  }
  finishChain();

  // Chains that were exported but have no row left at all.
  const seen = new Set(chains.map((c) => c.chain));
  for (const [chain, bySeq] of heads.exported) {
    if (seen.has(chain)) continue;
    const highest = Math.max(...bySeq.keys());
    problems.push({
      kind: 'truncated',
      chain,
      seq: 1,
      toSeq: highest,
      message: `every row is gone: an exported head reached seq ${highest} but the chain has no rows`,
    });
  }

  // With a heads file named, its absence is a finding, not a warning: it holds the only proof that
  // the newest rows existed. (null: a chain-only check, for tests and internal use.)
  if (headsFile && !heads.found && total > 0) {
    problems.unshift({
      kind: 'heads_missing',
      chain: null,
      message: `no heads file at ${headsFile} although the log has ${total} rows: the anchors were removed, so deleted newest rows cannot be ruled out`,
    });
  }

  return {
    ok: problems.length === 0,
    rows: total,
    chains,
    headsFile,
    headsFileFound: heads.found,
    exportedHeads: heads.count,
    problems,
  };
}
