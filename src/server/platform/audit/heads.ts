import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';
import { isChainName } from './chain.ts';

/** One line of the heads file: the newest row of a chain at the time of export. */
export type ExportedHead = { chain: string; seq: number; hash: string; at: string; exportedAt: string };

export const HEADS_FILE_NAME = 'heads.jsonl';

/** Default place of the heads file: `$DATA_DIR/audit-heads/heads.jsonl`. */
export function defaultHeadsDir(dataDir: string): string {
  return path.join(dataDir, 'audit-heads');
}

/**
 * The newest row of every chain, read as the connecting (owner) user: it must see all tenants.
 * A skip scan over the (chain, seq) index: one index probe per chain instead of reading the table.
 */
export async function currentAuditHeads(db: Database): Promise<Omit<ExportedHead, 'exportedAt'>[]> {
  const result = await rows<{ chain: string; seq: string; hash: string; at: string }>(
    db.orm,
    sql`with recursive chains(chain) as (
          (select chain from audit_events order by chain limit 1)
          union all
          select (select e.chain from audit_events e where e.chain > c.chain order by e.chain limit 1)
          from chains c where c.chain is not null
        )
        select h.chain, h.seq::text as seq, h.hash, to_json(h.at) #>> '{}' as at
        from chains c
        cross join lateral (
          select e.chain, e.seq, e.hash, e.at from audit_events e
          where e.chain = c.chain order by e.seq desc limit 1
        ) h
        where c.chain is not null
        order by h.chain`,
  );
  return result.map((r) => ({
    chain: r.chain,
    seq: Number(r.seq),
    hash: r.hash,
    at: new Date(r.at).toISOString(),
  }));
}

/** Bytes read from the end of the file to learn what was exported last (older lines are not needed). */
const TAIL_BYTES = 1024 * 1024;

function readTail(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    // Starting mid-file, the first line is partial: drop it.
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends the current head of every chain that changed since the last export to
 * `<dir>/heads.jsonl` (created 0600, directory 0700), and fsyncs it. Schedule it periodically; put
 * `dir` on storage the database's administrators cannot rewrite (another host, WORM storage or a
 * log shipper reading the file), since a head is only as trustworthy as the place that keeps it.
 * Rows appended after the last export can still be truncated undetected: export often.
 *
 * Idempotent and cheap when nothing changed. With several app processes, run it from one scheduled
 * job; a duplicate line from a second exporter is harmless.
 */
export async function exportAuditHeads(
  db: Database,
  dir: string,
  options: { now?: Date } = {},
): Promise<{ file: string; written: number; chains: number }> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, HEADS_FILE_NAME);
  const lastExported = new Map<string, { seq: number; hash: string }>();
  if (existsSync(file)) {
    for (const line of readTail(file).split('\n')) {
      const parsed = parseHeadLine(line);
      if (parsed) lastExported.set(parsed.chain, { seq: parsed.seq, hash: parsed.hash });
    }
  }
  const heads = await currentAuditHeads(db);
  const exportedAt = (options.now ?? new Date()).toISOString();
  const lines = heads
    .filter((h) => {
      const last = lastExported.get(h.chain);
      return !last || last.seq !== h.seq || last.hash !== h.hash;
    })
    .map((h) => `${JSON.stringify({ chain: h.chain, seq: h.seq, hash: h.hash, at: h.at, exportedAt })}\n`);
  if (lines.length > 0) {
    const fd = openSync(file, 'a', 0o600);
    try {
      writeSync(fd, lines.join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  return { file, written: lines.length, chains: heads.length };
}

function parseHeadLine(line: string): ExportedHead | undefined {
  if (!line.trim()) return undefined;
  try {
    const value = JSON.parse(line) as Partial<ExportedHead>;
    if (
      typeof value.chain === 'string' &&
      isChainName(value.chain) &&
      Number.isSafeInteger(value.seq) &&
      (value.seq as number) >= 1 &&
      typeof value.hash === 'string' &&
      /^[0-9a-f]{64}$/.test(value.hash)
    ) {
      return {
        chain: value.chain,
        seq: value.seq as number,
        hash: value.hash,
        at: String(value.at ?? ''),
        exportedAt: String(value.exportedAt ?? ''),
      };
    }
  } catch {
    // Reported by readHeadsFile; ignored when only the tail is read for an export.
  }
  return undefined;
}

/** Every exported head, in file order, and the numbers of lines that could not be read. */
export function parseHeadsFile(text: string): { heads: ExportedHead[]; badLines: number[] } {
  const heads: ExportedHead[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const parsed = parseHeadLine(line);
    if (parsed) heads.push(parsed);
    else badLines.push(index + 1);
  });
  return { heads, badLines };
}
