import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';
import { runDueJobs } from '../../platform/jobs/due.ts';
import { DRAFT_CONTENT_MAX_CHARS } from './drafts.schema.ts';

/** Drafts (issue 22): kept on the server, encrypted, for their writer only; nothing typed is lost. */
let t: TestApp;
let worker: LoggedIn;
let sameTownAdmin: LoggedIn;
let otherTown: LoggedIn;
let national: LoggedIn;

const NOTE = '本人から電話。最近は夜に散歩をしているとのこと。次は来週の火曜に電話する約束をした。';

const call = (who: LoggedIn | null, method: 'GET' | 'PUT' | 'DELETE', key: string, payload?: object) =>
  t.request({
    method,
    url: `/api/drafts/${key}`,
    headers: who?.headers() ?? {},
    ...(payload ? { payload } : {}),
  });

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [worker, sameTownAdmin, otherTown, national] = await loginDemoStaff(t, [
    'consultation@kofu',
    'municipal_admin@kofu',
    'consultation@kai',
    'national',
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe('drafts of long texts (issue 22)', () => {
  it('saves, restores and discards a draft for its writer', async () => {
    const saved = await call(worker, 'PUT', 'note:person-1', { content: NOTE });
    expect(saved.statusCode, saved.body).toBe(200);
    const again = await call(worker, 'PUT', 'note:person-1', { content: `${NOTE}（追記）` });
    expect(again.statusCode).toBe(200);

    const read = await call(worker, 'GET', 'note:person-1');
    expect(read.statusCode).toBe(200);
    expect(read.headers['cache-control']).toBe('no-store');
    expect(read.json()).toMatchObject({ key: 'note:person-1', content: `${NOTE}（追記）` });

    expect((await call(worker, 'DELETE', 'note:person-1')).statusCode).toBe(204);
    expect((await call(worker, 'DELETE', 'note:person-1')).statusCode).toBe(204);
    expect((await call(worker, 'GET', 'note:person-1')).statusCode).toBe(404);
  });

  it('keeps the text encrypted at rest, one row per writer and key', async () => {
    await call(worker, 'PUT', 'intake:person-2', { content: NOTE });
    const stored = await asSystem(t.db, (tx) =>
      rows<{ content_encrypted: string; tenant_code: string | null }>(
        tx,
        sql`select content_encrypted, tenant_code from drafts where draft_key = 'intake:person-2'`,
      ),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tenant_code).toBe('192015');
    expect(stored[0]!.content_encrypted).not.toContain('散歩');
  });

  it('is read by nobody else: not a colleague, not another town, not the public', async () => {
    await call(worker, 'PUT', 'plan:person-3', { content: NOTE });
    for (const other of [sameTownAdmin, otherTown, national]) {
      const res = await call(other, 'GET', 'plan:person-3');
      expect(res.statusCode).toBe(404);
    }
    // Another account's save under the same key is its own draft and leaves the writer's alone.
    await call(sameTownAdmin, 'PUT', 'plan:person-3', { content: '別の人の下書き' });
    expect((await call(worker, 'GET', 'plan:person-3')).json().content).toBe(NOTE);
    expect((await call(null, 'GET', 'plan:person-3')).statusCode).toBe(401);
    expect((await call(null, 'PUT', 'plan:person-3', { content: 'x' })).statusCode).toBe(401);
  });

  it('serves national staff too (drafts with no tenant)', async () => {
    expect(
      (await call(national, 'PUT', 'return-comment:2026', { content: '差し戻しの理由' })).statusCode,
    ).toBe(200);
    expect((await call(national, 'GET', 'return-comment:2026')).json().content).toBe('差し戻しの理由');
  });

  it('refuses bad keys and oversized texts with a clear error, writing nothing', async () => {
    for (const key of ['..%2F..%2Fetc', '%E4%B8%8B%E6%9B%B8%E3%81%8D', `a${'b'.repeat(130)}`]) {
      const res = await call(worker, 'PUT', key, { content: NOTE });
      expect(res.statusCode, key).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const big = await call(worker, 'PUT', 'note:big', { content: 'あ'.repeat(DRAFT_CONTENT_MAX_CHARS + 1) });
    expect([400, 413]).toContain(big.statusCode);
    expect((await call(worker, 'GET', 'note:big')).statusCode).toBe(404);
    const extra = await call(worker, 'PUT', 'note:extra', { content: NOTE, owner: 'someone-else' });
    expect(extra.statusCode).toBe(400);
  });

  it('audits a restore and a discard, never the text', async () => {
    await call(worker, 'PUT', 'reply:audit', { content: NOTE });
    await call(worker, 'GET', 'reply:audit');
    await call(worker, 'DELETE', 'reply:audit');
    const actions = await asSystem(t.db, (tx) =>
      rows<{ action: string; row: string }>(
        tx,
        sql`select action, row_to_json(a)::text as row from audit_events a where action like 'draft.%' order by seq`,
      ),
    );
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['draft.restore', 'draft.discard']));
    for (const a of actions) expect(a.row).not.toContain('散歩');
  });

  it('removes drafts untouched for two weeks (daily job), and keeps fresh ones', async () => {
    await call(worker, 'PUT', 'note:old', { content: NOTE });
    t.clock.advance(15 * 24 * 60 * 60 * 1000);
    // Two weeks later the session has long expired: the writer signs in again.
    worker = await login(t, 'consultation@kofu.demo.example', DEMO_PASSWORD);
    await call(worker, 'PUT', 'note:fresh', { content: NOTE });
    const ctx = { db: t.db, config: t.config, clock: t.clock };
    const run = await runDueJobs(ctx, { only: ['drafts.purge-stale'], trigger: 'test' });
    expect(JSON.stringify(run)).toContain('drafts.purge-stale');
    expect((await call(worker, 'GET', 'note:old')).statusCode).toBe(404);
    expect((await call(worker, 'GET', 'note:fresh')).statusCode).toBe(200);
  });
});
