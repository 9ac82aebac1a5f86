import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptField, encryptedKeyId } from '../../src/server/platform/crypto/fields.ts';
import { encryptedColumns } from '../../src/server/platform/crypto/registry.ts';
import { rotateKeys } from '../../src/server/platform/crypto/rotate.ts';
import { rows } from '../../src/server/platform/db/client.ts';
import { DEMO_PASSWORD } from '../../src/server/platform/demo/registry.ts';
import { loginDemoStaff } from '../factories/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { type LoggedIn, login } from '../helpers/auth.ts';

/** Sensitive fields of the real tables: never plaintext at rest, and every value survives a key rotation. */
let t: TestApp;
let admin: LoggedIn;
let totpSecret: string;
const EMAIL = 'encryption-check@city.example.jp';

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [admin] = await loginDemoStaff(t, ['municipal_admin@kofu']);
  const created = await t.request({
    method: 'POST',
    url: '/api/admin/accounts',
    headers: admin.headers(),
    payload: { email: EMAIL, displayName: '暗号化 確認', roles: ['consultation'] },
  });
  expect(created.statusCode).toBe(201);
  const worker = await login(t, 'labour@kofu.demo.example', DEMO_PASSWORD);
  const setup = await t.request({
    method: 'POST',
    url: '/api/auth/mfa/totp/setup',
    headers: worker.headers(),
  });
  expect(setup.statusCode).toBe(200);
  totpSecret = setup.json().secret;
});
afterAll(async () => {
  await t?.close();
});

describe('field encryption at rest', () => {
  it('a raw SELECT of the outbox and TOTP tables shows no plaintext', async () => {
    const outbox = await rows<Record<string, string>>(
      t.db.orm,
      sql`select recipient, subject, body from outbox_messages`,
    );
    expect(outbox.length).toBeGreaterThan(0);
    const dump = JSON.stringify(outbox);
    expect(dump).not.toContain(EMAIL);
    expect(dump).not.toContain('password-reset');
    expect(dump).not.toContain('パスワード');
    const totp = await rows<{ secret_encrypted: string }>(
      t.db.orm,
      sql`select secret_encrypted from totp_credentials`,
    );
    expect(totp.length).toBe(1);
    expect(totp[0]!.secret_encrypted).not.toContain(totpSecret);
    expect(totp[0]!.secret_encrypted).toMatch(/^v1\./);
  });

  it('keys:rotate re-encrypts every registered column under the new key, and every value still decrypts', async () => {
    const newKey = { id: 'k2', key: randomBytes(32) };
    const keys = [newKey, ...t.config.dataKeys];
    const summary = await rotateKeys(t.db, keys, { retryDelayMs: 10 });
    expect(summary.ok).toBe(true);
    expect(summary.activeKeyId).toBe('k2');
    expect(summary.columns.reduce((n, c) => n + c.reencrypted, 0)).toBeGreaterThanOrEqual(4);

    for (const spec of encryptedColumns()) {
      const contextColumn = typeof spec.context === 'string' ? spec.idColumn : spec.context.column;
      const values = await rows<{ value: string | null; ctx: string }>(
        t.db.orm,
        sql.raw(`select ${spec.column} as value, ${contextColumn}::text as ctx from ${spec.table}`),
      );
      for (const { value, ctx } of values) {
        if (value === null) continue;
        expect(encryptedKeyId(value)).toBe('k2');
        const context = typeof spec.context === 'string' ? spec.context : spec.context.build(ctx);
        // The new key alone is enough: the old one can be retired.
        expect(() => decryptField(value, [newKey], context)).not.toThrow();
      }
    }
    const again = await rotateKeys(t.db, keys, { retryDelayMs: 10 });
    expect(again.columns.reduce((n, c) => n + c.reencrypted, 0)).toBe(0);
  });
});
