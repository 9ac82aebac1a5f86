import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE, type TestDatabase } from '../../../../test/helpers/database.ts';
import { type Database, rows } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { asSystem, inTransaction } from '../db/tenant.ts';
import { AppError } from '../errors.ts';
import { anchorAuditHeads } from './anchor.ts';
import { type AuditEntry, AuditEntryError, appendAudit, appendAuditBatch } from './append.ts';
import { chainHash } from './chain.ts';
import { AuditHeadsMissingError, exportAuditHeads, HEADS_FILE_NAME } from './heads.ts';
import { personsReadBy, searchAudit } from './search.ts';
import { auditSignerFromSeed } from './signing.ts';
import { verifyAudit } from './verify.ts';

const KOFU = '192015';
const KAI = '192104';
const STAFF = '6f1c1d2e-0000-4000-8000-000000000001';
const OTHER_STAFF = '6f1c1d2e-0000-4000-8000-000000000002';

let testDb: TestDatabase;
let db: Database;
let headsDir: string;
let headsFile: string;
const signer = auditSignerFromSeed(Buffer.alloc(32, 3));
const target = () => ({ dir: headsDir, signer });

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  await migrateDatabase(db);
});

afterAll(async () => {
  await testDb?.drop();
});

beforeEach(async () => {
  // Owner-level reset between tests; the app role could not do this.
  await db.orm.execute(sql`truncate audit_events restart identity`);
  await db.orm.execute(sql`delete from platform_state`);
  headsDir = mkdtempSync(path.join(tmpdir(), 'tsunagari-audit-'));
  headsFile = path.join(headsDir, HEADS_FILE_NAME);
  return () => rmSync(headsDir, { recursive: true, force: true });
});

function entry(n: number, extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    action: 'support.person.read',
    actorAccountId: STAFF,
    actorRole: 'consultation',
    recordType: 'person',
    recordId: `p-${n}`,
    requestId: `req-${n}`,
    ...extra,
  };
}

async function appendMany(tenant: string | null, count: number) {
  const out = [];
  for (let i = 1; i <= count; i++)
    out.push(await inTransaction(db, { tenant }, (tx) => appendAudit(tx, entry(i))));
  return out;
}

/** Edits row `seq` of `chain` and recomputes every hash, as a database superuser could. */
async function recomputeChainAfterEdit(chain: string, seq: number) {
  await db.orm.execute(
    sql`update audit_events set record_id = 'p-999' where chain = ${chain} and seq = ${seq}`,
  );
  const all = await db.orm.execute(sql`select * from audit_events where chain = ${chain} order by seq`);
  let prev = '0'.repeat(64);
  for (const r of (all as unknown as { rows: Record<string, unknown>[] }).rows) {
    const hash = chainHash(prev, {
      chain,
      seq: Number(r.seq),
      at: new Date(r.at as string | Date),
      actorAccountId: r.actor_account_id as string,
      actorRole: r.actor_role as string,
      action: r.action as string,
      recordType: r.record_type as string,
      recordId: r.record_id as string,
      requestId: r.request_id as string,
      outcome: r.outcome as string,
    });
    await db.orm.execute(sql`update audit_events set prev_hash = ${prev}, hash = ${hash} where id = ${r.id}`);
    prev = hash;
  }
}

/** Messages of an error and its causes (drizzle wraps driver errors). */
function messages(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    parts.push(String(e.message));
  }
  return parts.join(' | ');
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('appendAudit and verifyAudit', () => {
  it('chains each tenant separately and verifies an intact log', async () => {
    const kofu = await appendMany(KOFU, 3);
    const kai = await appendMany(KAI, 2);
    const national = await appendMany(null, 1);
    expect(kofu.map((r) => [r.chain, r.seq])).toEqual([
      [KOFU, 1],
      [KOFU, 2],
      [KOFU, 3],
    ]);
    expect(kai.map((r) => r.seq)).toEqual([1, 2]);
    expect(national[0]).toMatchObject({ chain: 'national', seq: 1 });

    const exported = await exportAuditHeads(db, target());
    expect(exported).toMatchObject({ written: 3, chains: 3 });
    const lines = readFileSync(headsFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.find((l) => l.chain === KOFU)).toMatchObject({ seq: 3, hash: kofu[2]!.hash });
    // Nothing changed: nothing appended.
    expect((await exportAuditHeads(db, target())).written).toBe(0);
    await appendMany(KAI, 1);
    expect((await exportAuditHeads(db, target())).written).toBe(1);

    const result = await verifyAudit(db, headsFile, signer);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, rows: 7, exportedHeads: 4, headsFileFound: true });
    expect(result.chains).toEqual([
      { chain: KOFU, rows: 3, lastSeq: 3 },
      { chain: KAI, rows: 3, lastSeq: 3 },
      { chain: 'national', rows: 1, lastSeq: 1 },
    ]);
  });

  it('anchors the newest rows at shutdown and mails them, so deleting them afterwards is caught (issue 19)', async () => {
    await appendMany(KOFU, 60);
    await exportAuditHeads(db, target()); // the last scheduled export
    await appendMany(KOFU, 5);
    // What main.ts runs at graceful shutdown (and the due job each minute).
    const config = {
      auditHeadDir: headsDir,
      auditSigner: () => signer,
      auditAnchorEmail: 'auditor@example.jp',
      publicUrl: 'http://localhost',
      dataKeys: [{ id: 'k1', key: Buffer.alloc(32, 1) }],
    };
    expect(await anchorAuditHeads(db, config)).toEqual({ written: 1 });
    const [mailed] = await rows<{ n: number }>(
      db.orm,
      sql`select count(*)::int as n from outbox_messages where template_key = 'audit.heads-anchor' and municipality_code is null`,
    );
    expect(mailed?.n).toBe(1);
    // The newest rows deleted.
    await db.orm.execute(sql`delete from audit_events where chain = ${KOFU} and seq > 60`);
    const result = await verifyAudit(db, headsFile, signer);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'truncated', chain: KOFU, seq: 61, toSeq: 65 }),
    ]);
  });

  it('a first export with nothing to anchor still leaves the file, so the next export runs (found on a fresh server)', async () => {
    await db.orm.execute(sql`truncate audit_events`);
    expect((await exportAuditHeads(db, target())).written).toBe(0);
    expect(readFileSync(headsFile, 'utf8')).toBe('');
    // Before the fix: the marker was set with no file, and this export refused as if anchors were removed.
    await appendMany(KAI, 2);
    expect((await exportAuditHeads(db, target())).written).toBe(1);
    expect((await verifyAudit(db, headsFile, signer)).problems).toEqual([]);
  });

  it('fails when the heads file is missing and the log has rows (issue 19: only a warning before)', async () => {
    await appendMany(KOFU, 60);
    await exportAuditHeads(db, target());
    // The heads file deleted with the newest 50 rows.
    rmSync(headsFile);
    await db.orm.execute(sql`delete from audit_events where chain = ${KOFU} and seq > 10`);
    const result = await verifyAudit(db, headsFile, signer);
    expect(result).toMatchObject({ ok: false, headsFileFound: false, exportedHeads: 0 });
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'heads_missing' })]);
    // The exporter does not quietly start a new file over the removed one…
    await expect(exportAuditHeads(db, target())).rejects.toBeInstanceOf(AuditHeadsMissingError);
    // …unless an operator starts new anchors on purpose.
    expect((await exportAuditHeads(db, target(), { firstAnchor: true })).written).toBe(1);
    // An empty log needs no heads.
    await db.orm.execute(sql`truncate audit_events`);
    expect((await verifyAudit(db, path.join(headsDir, 'none.jsonl'), signer)).ok).toBe(true);
  });

  it('fails when a row was edited, the chain recomputed and the heads file rewritten (issue 19)', async () => {
    await appendMany(KOFU, 6);
    await exportAuditHeads(db, target());
    await recomputeChainAfterEdit(KOFU, 2);
    // The attacker rewrites the heads file: without the signing key (or with one of their own).
    rmSync(headsFile);
    const forger = auditSignerFromSeed(Buffer.alloc(32, 4));
    await db.orm.execute(sql`delete from platform_state`);
    await exportAuditHeads(db, { dir: headsDir, signer: forger });
    const forged = await verifyAudit(db, headsFile, signer);
    expect(forged.ok).toBe(false);
    expect(forged.problems).toEqual([
      expect.objectContaining({ kind: 'head_signature', chain: KOFU, seq: 6 }),
    ]);
    expect(forged.problems[0]!.message).toMatch(/signed by another key/);
    // Same key id, but the hash in the line changed after signing.
    const original = readFileSync(headsFile, 'utf8');
    const line = JSON.parse(original.trim()) as Record<string, unknown>;
    const tampered = { ...line, kid: signer.keyId, hash: 'f'.repeat(64) };
    writeFileSync(headsFile, `${JSON.stringify(tampered)}\n`);
    const result = await verifyAudit(db, headsFile, signer);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'head_signature', chain: KOFU })]);
    expect(result.problems[0]!.message).toMatch(/does not verify/);
    // An unsigned line (the old format) does not anchor anything either.
    const { kid: _k, sig: _s, ...unsigned } = line;
    writeFileSync(headsFile, `${JSON.stringify(unsigned)}\n`);
    expect((await verifyAudit(db, headsFile, signer)).problems[0]!.message).toMatch(/not signed/);
  });

  it('names an edited row', async () => {
    const rowsAppended = await appendMany(KOFU, 5);
    await exportAuditHeads(db, target());
    await db.orm.execute(sql`update audit_events set record_id = 'p-999' where chain = ${KOFU} and seq = 3`);
    const result = await verifyAudit(db, headsFile, signer);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'edited', chain: KOFU, seq: 3, id: rowsAppended[2]!.id }),
    ]);
  });

  it('names a row edited and re-hashed (the next row no longer links to it)', async () => {
    await appendMany(KOFU, 4);
    const [row] = await db.orm
      .execute(sql`select * from audit_events where chain = ${KOFU} and seq = 2`)
      .then((r) => (r as unknown as { rows: Record<string, unknown>[] }).rows);
    const forged = chainHash(String(row!.prev_hash), {
      chain: KOFU,
      seq: 2,
      at: new Date(String(row!.at)),
      actorAccountId: String(row!.actor_account_id),
      actorRole: String(row!.actor_role),
      action: String(row!.action),
      recordType: 'person',
      recordId: 'p-999',
      requestId: String(row!.request_id),
      outcome: 'ok',
    });
    await db.orm.execute(
      sql`update audit_events set record_id = 'p-999', hash = ${forged} where chain = ${KOFU} and seq = 2`,
    );
    const result = await verifyAudit(db, null);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'relinked', chain: KOFU, seq: 3 })]);
  });

  it('catches a rewritten history through the exported head', async () => {
    await appendMany(KOFU, 4);
    await exportAuditHeads(db, target());
    // An attacker with database superuser rights edits row 2 and recomputes every later hash.
    await recomputeChainAfterEdit(KOFU, 2);
    const result = await verifyAudit(db, headsFile, signer);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'head_mismatch', chain: KOFU, seq: 4 }),
    ]);
  });

  it('names a deleted row', async () => {
    await appendMany(KOFU, 5);
    await appendMany(KAI, 2);
    await db.orm.execute(sql`delete from audit_events where chain = ${KOFU} and seq = 2`);
    const result = await verifyAudit(db, null);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'missing', chain: KOFU, seq: 2, toSeq: 2 }),
    ]);
  });

  it('names a truncated tail after an export, and a chain deleted entirely', async () => {
    await appendMany(KOFU, 5);
    await appendMany(KAI, 2);
    await exportAuditHeads(db, target());
    await db.orm.execute(sql`delete from audit_events where chain = ${KOFU} and seq >= 4`);
    await db.orm.execute(sql`delete from audit_events where chain = ${KAI}`);
    const result = await verifyAudit(db, headsFile, signer);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'truncated', chain: KOFU, seq: 4, toSeq: 5 }),
      expect.objectContaining({ kind: 'truncated', chain: KAI, seq: 1, toSeq: 2 }),
    ]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE from the app role', async () => {
    await appendMany(KOFU, 2);
    for (const statement of [
      sql`update audit_events set record_id = 'x'`,
      sql`delete from audit_events`,
      sql`truncate audit_events`,
    ]) {
      const error = await errorOf(inTransaction(db, { tenant: KOFU }, (tx) => tx.execute(statement)));
      expect(messages(error)).toMatch(/permission denied/);
    }
    expect((await verifyAudit(db, null)).rows).toBe(2);
  });

  it("lets the app role neither read nor append to another tenant's chain", async () => {
    await appendMany(KOFU, 2);
    const seen = await inTransaction(db, { tenant: KAI }, (tx) =>
      rows<{ n: number }>(tx, sql`select count(*)::int as n from audit_events`),
    );
    expect(seen[0]!.n).toBe(0);
    const error = await errorOf(
      inTransaction(db, { tenant: KAI }, (tx) => appendAudit(tx, { ...entry(1), chain: KOFU })),
    );
    expect(messages(error)).toMatch(/row-level security/);
    // Owner-level work may write a tenant's chain explicitly (e.g. a retention job).
    const system = await asSystem(db, (tx) =>
      appendAudit(tx, { ...entry(1), chain: KAI, actorAccountId: null }),
    );
    expect(system).toMatchObject({ chain: KAI, seq: 1 });
  });

  it('refuses entries that look like personal content, without echoing them', async () => {
    for (const bad of [
      { recordId: 'taro.yamada@example.jp' },
      { recordId: '山田太郎' },
      { action: 'read person 山田' },
      { action: 'Support.Person.Read' },
      { actorAccountId: 'not-a-uuid' },
    ]) {
      const error = await errorOf(
        inTransaction(db, { tenant: KOFU }, (tx) => appendAudit(tx, { ...entry(1), ...bad })),
      );
      expect(error).toBeInstanceOf(AuditEntryError);
      expect((error as Error).message).not.toContain('山田');
      expect((error as Error).message).not.toContain('yamada');
    }
    expect((await verifyAudit(db, null)).rows).toBe(0);
  });

  it('appends a batch in order under one lock, or nothing when one entry is bad', async () => {
    await appendMany(KOFU, 1);
    const batch = await inTransaction(db, { tenant: KOFU }, (tx) =>
      appendAuditBatch(tx, [entry(2), entry(3, { action: 'audit.persons-read.report' }), entry(4)]),
    );
    expect(batch.map((r) => r.seq)).toEqual([2, 3, 4]);
    expect(new Set(batch.map((r) => r.id)).size).toBe(3);
    const bad = await errorOf(
      inTransaction(db, { tenant: KOFU }, (tx) =>
        appendAuditBatch(tx, [entry(5), entry(6, { recordId: 'a b' })]),
      ),
    );
    expect(bad).toBeInstanceOf(AuditEntryError);
    const mixed = await errorOf(
      asSystem(db, (tx) =>
        appendAuditBatch(tx, [
          { ...entry(5), chain: KOFU },
          { ...entry(6), chain: KAI },
        ]),
      ),
    );
    expect(mixed).toBeInstanceOf(AuditEntryError);
    const result = await verifyAudit(db, null);
    expect(result).toMatchObject({ ok: true, rows: 4 });
  });

  it('hashes the uuid as PostgreSQL stores it (lower case)', async () => {
    await inTransaction(db, { tenant: KOFU }, (tx) =>
      appendAudit(tx, entry(1, { actorAccountId: STAFF.toUpperCase() })),
    );
    expect((await verifyAudit(db, null)).ok).toBe(true);
  });

  it('needs READ COMMITTED', async () => {
    const error = await errorOf(
      db.orm.transaction(
        async (tx) => {
          await appendAudit(tx, { ...entry(1), chain: KOFU });
        },
        { isolationLevel: 'repeatable read' },
      ),
    );
    expect(messages(error)).toMatch(/READ COMMITTED/);
  });
});

describe('concurrency', () => {
  it('keeps every chain gapless under many concurrent transactions of two tenants', async () => {
    // On PostgreSQL these run on up to 5 connections at once and the chain lock orders each tenant's
    // writers; on PGlite (one connection, one transaction at a time) they interleave as a queue.
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        inTransaction(db, { tenant: i % 2 === 0 ? KOFU : KAI }, (tx) => appendAudit(tx, entry(i))),
      ),
    );
    for (const chain of [KOFU, KAI]) {
      const seqs = results
        .filter((r) => r.chain === chain)
        .map((r) => r.seq)
        .sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    }
    expect((await verifyAudit(db, null)).ok).toBe(true);
  });

  it.runIf(TEST_DATABASE === 'postgres')(
    "PostgreSQL: another tenant appends while a tenant's transaction is open; the same tenant waits",
    async () => {
      let releaseA!: () => void;
      const gateA = new Promise<void>((resolve) => {
        releaseA = resolve;
      });
      let signalAppended!: (seq: number) => void;
      const appended = new Promise<number>((resolve) => {
        signalAppended = resolve;
      });
      let aDone = false;
      const a = inTransaction(db, { tenant: KOFU }, async (tx) => {
        const r = await appendAudit(tx, entry(1));
        signalAppended(r.seq);
        await gateA;
        return r;
      }).finally(() => {
        aDone = true;
      });
      expect(await appended).toBe(1);

      // Tenant B completes a whole transaction while A still holds its chain lock.
      const b = await inTransaction(db, { tenant: KAI }, (tx) => appendAudit(tx, entry(1)));
      expect(b).toMatchObject({ chain: KAI, seq: 1 });
      expect(aDone).toBe(false);

      // A second writer of tenant A waits for A's lock…
      let a2Done = false;
      const a2 = inTransaction(db, { tenant: KOFU }, (tx) => appendAudit(tx, entry(2))).finally(() => {
        a2Done = true;
      });
      await waitUntil(async () => (await waitingAuditLocks()) === 1);
      expect(a2Done).toBe(false);

      // …and appends after A, as seq 2, once A commits.
      releaseA();
      expect((await a).seq).toBe(1);
      expect((await a2).seq).toBe(2);
      expect((await verifyAudit(db, null)).ok).toBe(true);
    },
  );

  it.runIf(TEST_DATABASE === 'pglite')(
    'PGlite: transactions run one at a time, so a second tenant queues behind an open transaction',
    async () => {
      // Documented so nobody mistakes it for a chain-lock effect: PGlite has a single connection and
      // runs whole transactions one after another, whatever the tenant. Chains stay independent.
      const order: string[] = [];
      let releaseA!: () => void;
      const gateA = new Promise<void>((resolve) => {
        releaseA = resolve;
      });
      const a = inTransaction(db, { tenant: KOFU }, async (tx) => {
        await appendAudit(tx, entry(1));
        order.push('A appended');
        await gateA;
        order.push('A commits');
      });
      const b = inTransaction(db, { tenant: KAI }, async (tx) => {
        const r = await appendAudit(tx, entry(1));
        order.push('B appended');
        return r;
      });
      await new Promise((resolve) => setImmediate(resolve));
      releaseA();
      await a;
      expect((await b).seq).toBe(1);
      expect(order).toEqual(['A appended', 'A commits', 'B appended']);
    },
  );
});

const AUDIT_LOCK_CLASS = 0x41554454;

async function waitingAuditLocks(): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db.orm,
    sql`select count(*)::int as n from pg_locks
        where locktype = 'advisory' and not granted and objsubid = 2
          and classid = ${AUDIT_LOCK_CLASS}::bigint::oid
          and database = (select oid from pg_database where datname = current_database())`,
  );
  return row?.n ?? 0;
}

/** Polls a condition (no timing assertion: it only bounds how long a broken test hangs). */
async function waitUntil(condition: () => Promise<boolean>, attempts = 500): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not reached');
}

describe('searchAudit and personsReadBy', () => {
  const day = (d: number) => new Date(`2026-04-${String(d).padStart(2, '0')}T10:00:00+09:00`);

  beforeEach(async () => {
    const entries: AuditEntry[] = [
      entry(1, { recordId: 'p-1', at: day(1) }),
      entry(2, { recordId: 'p-2', at: day(2) }),
      entry(3, { recordId: 'p-1', at: day(3) }),
      entry(4, { recordId: 'p-3', at: day(4), outcome: 'denied' }),
      entry(5, { recordId: 'p-4', at: day(5), action: 'support.person.update' }),
      entry(6, { recordId: 'p-5', at: day(6), actorAccountId: OTHER_STAFF }),
      entry(7, { recordId: 'p-6', at: day(20) }),
      entry(8, { recordId: 'c-1', at: day(7), recordType: 'case', action: 'support.case.read' }),
    ];
    for (const e of entries) await inTransaction(db, { tenant: KOFU }, (tx) => appendAudit(tx, e));
    await inTransaction(db, { tenant: KAI }, (tx) =>
      appendAudit(tx, entry(9, { recordId: 'p-9', at: day(2) })),
    );
  });

  it('lists which persons an account read between two dates', async () => {
    const ids = await inTransaction(db, { tenant: KOFU }, (tx) =>
      personsReadBy(tx, { chain: KOFU, accountId: STAFF, from: day(1), to: day(10) }),
    );
    // p-1 once despite two reads; not p-3 (denied), p-4 (update), p-5 (other account), p-6 (later), c-1 (case).
    expect(ids).toEqual(['p-1', 'p-2']);
  });

  it('filters and pages newest first with a cursor and a total', async () => {
    const first = await inTransaction(db, { tenant: KOFU }, (tx) =>
      searchAudit(tx, { chain: KOFU, accountId: STAFF, action: 'support.person.*', limit: 3 }),
    );
    expect(first.total).toBe(6);
    expect(first.items.map((i) => i.recordId)).toEqual(['p-6', 'p-4', 'p-3']);
    expect(first.nextCursor).toBeTruthy();
    const second = await inTransaction(db, { tenant: KOFU }, (tx) =>
      searchAudit(tx, {
        chain: KOFU,
        accountId: STAFF,
        action: 'support.person.*',
        limit: 3,
        cursor: first.nextCursor,
      }),
    );
    expect(second.items.map((i) => i.recordId)).toEqual(['p-1', 'p-2', 'p-1']);
    expect(second.nextCursor).toBeNull();

    const byRecord = await inTransaction(db, { tenant: KOFU }, (tx) =>
      searchAudit(tx, {
        chain: KOFU,
        recordType: 'person',
        recordId: 'p-1',
        from: day(2),
        to: day(30),
        limit: 50,
      }),
    );
    expect(byRecord.items.map((i) => i.seq)).toEqual([3]);
    expect(byRecord.items[0]).toMatchObject({ chain: KOFU, action: 'support.person.read', outcome: 'ok' });
    expect(byRecord.items[0]!.at).toEqual(day(3));
  });

  it("shows nothing of another tenant's chain", async () => {
    const page = await inTransaction(db, { tenant: KAI }, (tx) =>
      searchAudit(tx, { chain: KOFU, limit: 50 }),
    );
    expect(page).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it('answers a bad cursor or account id as bad input', async () => {
    for (const query of [
      { chain: KOFU, limit: 10, cursor: 'bm90LWEtY3Vyc29y' },
      { chain: KOFU, limit: 10, accountId: 'x' },
    ]) {
      const error = await errorOf(inTransaction(db, { tenant: KOFU }, (tx) => searchAudit(tx, query)));
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
    }
  });
});
