import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../platform/audit/append.ts';
import { inTransaction } from '../platform/db/tenant.ts';
import { type CliDatabase, createCliDatabase, runCli } from './cli-harness.ts';

const KEY = `k1:${Buffer.alloc(32, 5).toString('base64')}`;
let target: CliDatabase;

beforeAll(async () => {
  target = await createCliDatabase(KEY);
  await target.use(async (db) => {
    for (let i = 1; i <= 4; i++) {
      await inTransaction(db, { tenant: '192015' }, (tx) =>
        appendAudit(tx, { action: 'support.person.read', recordType: 'person', recordId: `p-${i}` }),
      );
    }
  });
});

afterAll(async () => {
  await target?.cleanup();
});

// A cap, not a measure: each CLI run is a new Node process loading the server's sources. The tests here
// took up to 16 s on a quiet 2-core machine and up to 40 s with two whole suites on it (ci36, ci37), near the API
// tier's 60 s. No test here asserts a time.
describe('npm run audit:verify', { timeout: 180_000 }, () => {
  it('exits 1 without a heads file (never "intact" with a warning); --first-anchor starts one', async () => {
    const first = await runCli('audit-verify', ['--export'], target.env);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/heads_missing: no heads file/);
    expect(first.stdout).not.toContain('RESULT: intact');
    expect(first.stderr).toContain('Heads NOT exported');

    const anchored = await runCli('audit-verify', ['--first-anchor'], target.env);
    expect(anchored.stderr).toBe('');
    expect(anchored.code).toBe(0);
    expect(anchored.stdout).toMatch(/First anchor: 1 heads of 1 chains signed/);
    expect(existsSync(path.join(target.dataDir, 'audit-heads', 'heads.jsonl'))).toBe(true);
    // Made the development signing key outside the database, beside DATA_KEY's file.
    expect(existsSync(path.join(target.dataDir, 'audit-signing.key'))).toBe(true);

    const second = await runCli('audit-verify', ['--export'], target.env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Exported heads: 1');
    expect(second.stdout).toContain('RESULT: intact');
    expect((await runCli('audit-verify', ['--first-anchor'], target.env)).code).toBe(1);
  });

  it('exits 1 when the heads were signed with another key', async () => {
    const result = await runCli('audit-verify', [], {
      ...target.env,
      AUDIT_SIGNING_KEY: Buffer.alloc(32, 8).toString('base64'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/head_signature: .*signed by another key/);
  });

  it('exits 1 and names the chain and rows when the tail was deleted', async () => {
    await target.use((db) => db.orm.execute(sql`delete from audit_events where seq >= 3`));
    const result = await runCli('audit-verify', ['--export'], target.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\[192015\] truncated: rows 3–4 are gone/);
    expect(result.stderr).toContain('Heads NOT exported');
  });

  it('reads the heads from AUDIT_HEAD_DIR when set (none there: exit 1)', async () => {
    const result = await runCli('audit-verify', [], {
      ...target.env,
      AUDIT_HEAD_DIR: path.join(target.dataDir, 'none'),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(path.join(target.dataDir, 'none', 'heads.jsonl'));
  });
});
