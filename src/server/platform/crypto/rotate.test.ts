import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE, type TestDatabase } from '../../../../test/helpers/database.ts';
import type { DataKey } from '../config.ts';
import { type Database, rows } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { asSystem } from '../db/tenant.ts';
import { blindIndex, decryptField, encryptField, encryptOptional } from './fields.ts';
import { type EncryptedColumn, encryptedColumns, registerEncryptedColumn } from './registry.ts';
import { rotateKeys } from './rotate.ts';

const k1: DataKey = { id: 'k1', key: Buffer.alloc(32, 11) };
const k2: DataKey = { id: 'k2', key: Buffer.alloc(32, 22) };
const NOTE = 'test_secrets.note';
const EMAIL = 'test_secrets.email';
const EMAIL_INDEX = 'test_secrets.email_index';
const BODY = 'test_secret_docs.body';
const ownerContext = (ownerId: string) => `test_row_bound.secret:${ownerId}`;
const OWNERS = ['0b8f4a52-8d3c-4e59-9e2a-1f0c6b7d8e91', '5c2e9d31-7a4b-4f68-8b1c-2d3e4f5a6b7c'];
const normalizeEmail = (v: string) => v.trim().toLowerCase();

const plainNote = (i: number) => `相談メモ${i}：ひきこもり歴 ${i} 年`;
const plainEmail = (i: number) => `Person${i}@Example.jp`;

let testDb: TestDatabase;
let db: Database;
/** This file's registrations, taken back after it: its worker runs other files against other databases. */
const unregister: (() => void)[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  await migrateDatabase(db);
  // Tiny tables of this test only: keyed by bigint and by uuid.
  await db.orm.execute(sql`create table test_secrets (
    id bigint generated always as identity primary key,
    municipality_code char(6) not null,
    note text,
    email text,
    email_index text)`);
  await db.orm.execute(
    sql`create table test_secret_docs (id uuid primary key default gen_random_uuid(), body text)`,
  );
  // Per-row context, as for TOTP secrets bound to their account: here bound to the row's own id.
  await db.orm.execute(sql`create table test_row_bound (owner_id uuid primary key, secret text not null)`);
  unregister.push(
    registerEncryptedColumn({ table: 'test_secrets', idColumn: 'id', column: 'note', context: NOTE }),
  );
  unregister.push(
    registerEncryptedColumn({
      table: 'test_secrets',
      idColumn: 'id',
      column: 'email',
      context: EMAIL,
      blindIndex: { column: 'email_index', context: EMAIL_INDEX, normalize: normalizeEmail },
    }),
  );
  unregister.push(
    registerEncryptedColumn({ table: 'test_secret_docs', idColumn: 'id', column: 'body', context: BODY }),
  );
  unregister.push(
    registerEncryptedColumn({
      table: 'test_row_bound',
      idColumn: 'owner_id',
      column: 'secret',
      context: { column: 'owner_id', build: ownerContext },
    }),
  );
});

afterAll(async () => {
  for (const take of unregister.splice(0)) take();
  await testDb?.drop();
});

beforeEach(async () => {
  await db.orm.execute(sql`truncate test_secrets, test_secret_docs, test_row_bound restart identity`);
  await asSystem(db, async (tx) => {
    for (let i = 1; i <= 25; i++) {
      await tx.execute(sql`insert into test_secrets (municipality_code, note, email, email_index) values (
        '192015',
        ${encryptOptional(i % 5 === 0 ? null : plainNote(i), [k1], NOTE)},
        ${encryptField(plainEmail(i), [k1], EMAIL)},
        ${blindIndex(normalizeEmail(plainEmail(i)), k1, EMAIL_INDEX)})`);
    }
    for (const owner of OWNERS) {
      await tx.execute(
        sql`insert into test_row_bound values (${owner}, ${encryptField(`otp-${owner}`, [k1], ownerContext(owner))})`,
      );
    }
    for (let i = 1; i <= 9; i++) {
      await tx.execute(
        sql`insert into test_secret_docs (body) values (${encryptField(`書類${i}`, [k1], BODY)})`,
      );
    }
  });
});

type SecretRow = { id: string; note: string | null; email: string; email_index: string };

const allSecrets = () =>
  rows<SecretRow>(
    db.orm,
    sql`select t.id::text as id, note, email, email_index from test_secrets t order by t.id`,
  );
const allDocs = () =>
  rows<{ id: string; body: string }>(db.orm, sql`select id::text as id, body from test_secret_docs`);

describe('encrypted columns at rest', () => {
  it('stores no plaintext', async () => {
    const raw = await rows<{ line: string }>(db.orm, sql`select t::text as line from test_secrets t`);
    expect(raw).toHaveLength(25);
    for (const { line } of raw) {
      expect(line).not.toMatch(/相談|ひきこもり|example/i);
    }
    const secrets = await allSecrets();
    expect(decryptField(secrets[0]!.note!, [k1], NOTE)).toBe(plainNote(1));
  });

  it('finds a row by blind index', async () => {
    const candidates = [k2, k1].map((k) =>
      blindIndex(normalizeEmail(' PERSON7@example.JP '), k, EMAIL_INDEX),
    );
    const found = await rows<{ id: string }>(
      db.orm,
      sql`select id::text as id from test_secrets where email_index in (${sql.join(
        candidates.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
    expect(found.map((r) => r.id)).toEqual(['7']);
  });
});

describe('rotateKeys', () => {
  it('re-encrypts every registered value under the new key, in batches, and is idempotent', async () => {
    const progress: number[] = [];
    const passes = new Set<number>();
    const summary = await rotateKeys(db, [k2, k1], {
      batchSize: 4,
      retryDelayMs: 0,
      onProgress: (p) => {
        passes.add(p.pass);
        if (p.column === 'note') progress.push(p.reencrypted);
      },
    });
    expect(summary.ok).toBe(true);
    expect(summary.activeKeyId).toBe('k2');
    // Other registered columns are those of modules that earlier files in this worker imported: their
    // tables exist here (the database is migrated) and are empty.
    const own = summary.columns.filter((c) => c.table.startsWith('test_'));
    const others = summary.columns.filter((c) => !c.table.startsWith('test_'));
    expect(others.every((c) => c.reencrypted === 0 && c.failed === 0 && c.remaining === 0)).toBe(true);
    expect(own.map((c) => [`${c.table}.${c.column}`, c.reencrypted, c.failed, c.remaining])).toEqual([
      ['test_row_bound.secret', 2, 0, 0],
      ['test_secret_docs.body', 9, 0, 0],
      ['test_secrets.email', 25, 0, 0],
      ['test_secrets.note', 20, 0, 0],
    ]);
    // Several small transactions, not one big one, and one pass: the keyset skips nothing.
    expect(progress.length).toBeGreaterThanOrEqual(5);
    expect([...passes]).toEqual([1]);

    const secrets = await allSecrets();
    for (const [index, row] of secrets.entries()) {
      const i = index + 1;
      // Only the new key is needed from now on.
      if (i % 5 === 0) expect(row.note).toBeNull();
      else expect(decryptField(row.note!, [k2], NOTE)).toBe(plainNote(i));
      expect(row.email.startsWith('v1.k2.')).toBe(true);
      expect(decryptField(row.email, [k2], EMAIL)).toBe(plainEmail(i));
      expect(row.email_index).toBe(blindIndex(normalizeEmail(plainEmail(i)), k2, EMAIL_INDEX));
    }
    const bound = await rows<{ owner_id: string; secret: string }>(
      db.orm,
      sql`select owner_id::text, secret from test_row_bound`,
    );
    expect(bound).toHaveLength(2);
    for (const row of bound) {
      expect(decryptField(row.secret, [k2], ownerContext(row.owner_id))).toBe(`otp-${row.owner_id}`);
    }
    for (const doc of await allDocs()) {
      expect(doc.body.startsWith('v1.k2.')).toBe(true);
      expect(decryptField(doc.body, [k2], BODY)).toMatch(/^書類[1-9]$/);
    }

    const again = await rotateKeys(db, [k2, k1], { batchSize: 4, retryDelayMs: 0 });
    expect(again.ok).toBe(true);
    expect(again.columns.every((c) => c.reencrypted === 0)).toBe(true);
    expect(await allSecrets()).toEqual(secrets);
  });

  it('recomputes a blind index that is stale even when the value is already current', async () => {
    await db.orm.execute(sql`update test_secrets set email_index = null where id = 3`);
    await rotateKeys(db, [k2, k1], { retryDelayMs: 0 });
    await db.orm.execute(sql`update test_secrets set email_index = 'k1.stale' where id = 4`);
    const summary = await rotateKeys(db, [k2, k1], { retryDelayMs: 0 });
    expect(summary.columns.find((c) => c.column === 'email')).toMatchObject({ reencrypted: 1, remaining: 0 });
    const [row] = await rows<SecretRow>(db.orm, sql`select email_index from test_secrets where id = 4`);
    expect(row!.email_index).toBe(blindIndex(normalizeEmail(plainEmail(4)), k2, EMAIL_INDEX));
  });

  it('reports values it cannot decrypt by id, leaves them alone and rotates the rest', async () => {
    const k0: DataKey = { id: 'k0', key: Buffer.alloc(32, 99) };
    const foreign = encryptField('unknown key', [k0], NOTE);
    await db.orm.execute(sql`update test_secrets set note = ${foreign} where id = 2`);
    const summary = await rotateKeys(db, [k2, k1], { batchSize: 10, maxPasses: 2, retryDelayMs: 0 });
    expect(summary.ok).toBe(false);
    const note = summary.columns.find((c) => c.column === 'note')!;
    expect(note).toMatchObject({ reencrypted: 19, failed: 1, failedIds: ['2'], remaining: 1 });
    expect(JSON.stringify(summary)).not.toContain('unknown key');
    const [row] = await rows<SecretRow>(db.orm, sql`select note from test_secrets where id = 2`);
    expect(row!.note).toBe(foreign);
  });

  it('reports a registered table that does not exist and carries on', async () => {
    const missing: EncryptedColumn = {
      table: 'no_such_table',
      idColumn: 'id',
      column: 'x',
      context: 'no_such_table.x',
    };
    const summary = await rotateKeys(db, [k2, k1], {
      columns: [missing, ...encryptedColumns()],
      retryDelayMs: 0,
    });
    expect(summary.ok).toBe(false);
    expect(summary.columns[0]!.error).toMatch(/no_such_table/);
    expect(summary.columns.slice(1).every((c) => c.remaining === 0)).toBe(true);
  });

  it('refuses a second, different registration of the same column', () => {
    expect(() =>
      registerEncryptedColumn({
        table: 'test_secrets',
        idColumn: 'id',
        column: 'note',
        context: 'other.context',
      }),
    ).toThrow(/registered twice/);
    expect(() =>
      registerEncryptedColumn({
        table: 'test_secrets; drop table x',
        idColumn: 'id',
        column: 'n',
        context: 'c',
      }),
    ).toThrow(/identifier/);
  });

  it.runIf(TEST_DATABASE === 'postgres')(
    'PostgreSQL: skips rows the app holds locked instead of waiting, and finishes on the next run',
    async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let signalLocked!: () => void;
      const locked = new Promise<void>((resolve) => {
        signalLocked = resolve;
      });
      // An app transaction editing row 5 for as long as the test wants.
      const app = asSystem(db, async (tx) => {
        await tx.execute(sql`select 1 from test_secrets where id = 5 for update`);
        signalLocked();
        await gate;
      });
      await locked;

      const partial = await rotateKeys(db, [k2, k1], { batchSize: 4, maxPasses: 2, retryDelayMs: 0 });
      expect(partial.ok).toBe(false);
      expect(partial.columns.find((c) => c.column === 'email')).toMatchObject({
        reencrypted: 24,
        remaining: 1,
        failed: 0,
      });
      // Meanwhile every value reads with the configured keys, old and new.
      for (const row of await allSecrets())
        expect(decryptField(row.email, [k2, k1], EMAIL)).toMatch(/@Example\.jp$/);

      release();
      await app;
      const rest = await rotateKeys(db, [k2, k1], { retryDelayMs: 0 });
      expect(rest.ok).toBe(true);
      expect(rest.columns.find((c) => c.column === 'email')).toMatchObject({ reencrypted: 1, remaining: 0 });
    },
  );
});
