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

describe('npm run audit:verify', () => {
  it('exits 0 on an intact log, warns without a heads file, and exports heads with --export', async () => {
    const first = await runCli('audit-verify.ts', ['--export'], target.env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('WARNING: no heads file');
    expect(first.stdout).toContain('RESULT: intact');
    expect(first.stdout).toMatch(/Exported 1 changed heads of 1 chains/);
    expect(existsSync(path.join(target.dataDir, 'audit-heads', 'heads.jsonl'))).toBe(true);

    const second = await runCli('audit-verify.ts', [], target.env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Exported heads: 1');
  });

  it('exits 1 and names the chain and rows when the tail was deleted', async () => {
    await target.use((db) => db.orm.execute(sql`delete from audit_events where seq >= 3`));
    const result = await runCli('audit-verify.ts', ['--export'], target.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\[192015\] truncated: rows 3–4 are gone/);
    expect(result.stderr).toContain('Heads NOT exported');
  });

  it('reads the heads from AUDIT_HEAD_DIR when set', async () => {
    const result = await runCli('audit-verify.ts', [], {
      ...target.env,
      AUDIT_HEAD_DIR: path.join(target.dataDir, 'none'),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(path.join(target.dataDir, 'none', 'heads.jsonl'));
  });
});
