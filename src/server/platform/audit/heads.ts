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
import { platformState } from '../state/state.tables.ts';
import { isChainName } from './chain.ts';
import type { AuditSigner } from './signing.ts';

/**
 * One line of the heads file: the newest row of a chain at the time of export, signed with the
 * audit signing key (`kid` names it, `sig` is Ed25519 over `headPayload`).
 */
export type ExportedHead = {
  chain: string;
  seq: number;
  hash: string;
  at: string;
  exportedAt: string;
  kid?: string;
  sig?: string;
};

/** Where heads go and what signs them. */
export type AnchorTarget = { dir: string; signer: AuditSigner };

/** The signed text of a head: every field, in a fixed order, with a version tag. */
export function headPayload(head: Omit<ExportedHead, 'kid' | 'sig'>): string {
  return ['tsunagari-audit-head-v1', head.chain, head.seq, head.hash, head.at, head.exportedAt].join('|');
}

/** `platform_state` key set at the first export: from then on a missing heads file is an alarm. */
export const ANCHORED_STATE_KEY = 'audit.heads-anchored';

/**
 * The heads file is missing although heads were exported before: the anchors were removed (with the
 * newest rows, perhaps). The exporter refuses to start a new file over that, so the alarm stays.
 */
export class AuditHeadsMissingError extends Error {
  override name = 'AuditHeadsMissingError';
  readonly code = 'audit_heads_missing';
}

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
 * `<dir>/heads.jsonl` (created 0600, directory 0700), each line signed, and fsyncs it. Runs each
 * minute (due job), at graceful shutdown and from `audit:verify --export`. A missing file after a
 * first export is refused (AuditHeadsMissingError) rather than silently started again. Schedule it periodically; put
 * `dir` on storage the database's administrators cannot rewrite (another host, WORM storage or a
 * log shipper reading the file), since a head is only as trustworthy as the place that keeps it.
 * Rows appended after the last export can still be truncated undetected: export often.
 *
 * Idempotent and cheap when nothing changed. With several app processes, run it from one scheduled
 * job; a duplicate line from a second exporter is harmless.
 */
export async function exportAuditHeads(
  db: Database,
  target: AnchorTarget,
  options: { now?: Date; firstAnchor?: boolean } = {},
): Promise<{ file: string; written: number; chains: number; lines: string[] }> {
  const { dir, signer } = target;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, HEADS_FILE_NAME);
  const lastExported = new Map<string, { seq: number; hash: string }>();
  const [anchored] = await db.orm
    .select({ value: platformState.value })
    .from(platformState)
    .where(sql`${platformState.key} = ${ANCHORED_STATE_KEY}`);
  if (!existsSync(file) && anchored && !options.firstAnchor) {
    throw new AuditHeadsMissingError(
      `The audit heads file ${file} is missing, but heads were exported before (since ${anchored.value}): ` +
        'the anchors were removed. Run `npm run audit:verify`; start new anchors only after investigating ' +
        '(`npm run audit:verify -- --first-anchor`). / 監査ログのヘッドファイルが削除されています。',
    );
  }
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
    .map((h) => {
      const head = { chain: h.chain, seq: h.seq, hash: h.hash, at: h.at, exportedAt };
      return `${JSON.stringify({ ...head, kid: signer.keyId, sig: signer.sign(headPayload(head)) })}\n`;
    });
  // The file is created even when no chain has a head yet: the marker below says anchoring began, and
  // a later export must find the file (an empty first export once left the marker without a file, and
  // every export after it refused to run as though the anchors had been removed).
  const fd = openSync(file, 'a', 0o600);
  try {
    if (lines.length > 0) writeSync(fd, lines.join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (!anchored || options.firstAnchor) {
    await db.orm
      .insert(platformState)
      .values({ key: ANCHORED_STATE_KEY, value: exportedAt })
      .onConflictDoUpdate({ target: platformState.key, set: { value: exportedAt, updatedAt: new Date() } });
  }
  return { file, written: lines.length, chains: heads.length, lines };
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
        ...(typeof value.kid === 'string' ? { kid: value.kid } : {}),
        ...(typeof value.sig === 'string' ? { sig: value.sig } : {}),
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
