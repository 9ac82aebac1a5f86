import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../../test/helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/database.ts';
import { prepareDatabase } from '../../startup.ts';
import { systemClock } from '../clock.ts';
import { rows } from '../db/client.ts';
import { inTransaction } from '../db/tenant.ts';
import { AppError } from '../errors.ts';
import { idempotent } from './idempotency.ts';
import { sendProblem } from './problem.ts';

/** A real route on the real database, using the helper exactly as a public form does. */
let database: TestDatabase;
const app = Fastify();
const config = testConfig();

beforeAll(async () => {
  database = await createTestDatabase();
  await prepareDatabase(database.db, config, systemClock);
  await database.db.orm.execute(
    sql`create table test_submissions (id serial primary key, municipality_code char(6), note text)`,
  );
  await database.db.orm.execute(sql`grant select, insert on test_submissions to tsunagari_app`);
  await database.db.orm.execute(sql`grant usage on sequence test_submissions_id_seq to tsunagari_app`);
  app.setErrorHandler((error, request, reply) =>
    sendProblem(reply, request, error instanceof AppError ? error : new AppError(500, 'internal')),
  );
  app.post('/submit', async (request, reply) => {
    const result = await inTransaction(database.db, { tenant: '192015' }, (tx) =>
      idempotent(request, tx, { scope: 'test.submit', tenant: '192015', keys: config.dataKeys }, async () => {
        const [row] = await rows<{ id: number }>(
          tx,
          sql`insert into test_submissions (municipality_code, note) values ('192015', ${String((request.body as { note: string }).note)}) returning id`,
        );
        return { status: 201, body: { id: row!.id, replyCode: `RC-${row!.id}` } };
      }),
    );
    return reply.code(result.status).header('idempotent-replayed', String(result.replayed)).send(result.body);
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database?.drop();
});

const submit = (key: string | undefined, note = 'hello') =>
  app.inject({
    method: 'POST',
    url: '/submit',
    payload: { note },
    headers: key ? { 'idempotency-key': key } : {},
  });

const count = async () =>
  Number(
    (await rows<{ n: string }>(database.db.orm, sql`select count(*)::text as n from test_submissions`))[0]!.n,
  );

describe('Idempotency-Key', () => {
  it('a double submission with the same key creates one record and returns the same answer', async () => {
    const before = await count();
    const first = await submit('tap-once-0001');
    const second = await submit('tap-once-0001');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await count()).toBe(before + 1);
  });

  it('concurrent duplicates still create one record', async () => {
    const before = await count();
    const answers = await Promise.all([
      submit('race-key-0002'),
      submit('race-key-0002'),
      submit('race-key-0002'),
    ]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('refuses the same key with a different body (422), writing nothing', async () => {
    await submit('reused-key-003', 'first');
    const before = await count();
    const res = await submit('reused-key-003', 'second');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('idempotency_mismatch');
    expect(await count()).toBe(before);
  });

  it('refuses a malformed key with a clear error', async () => {
    const res = await submit('bad key!');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('idempotency_key_invalid');
  });

  it('without a key, every submission is its own', async () => {
    const before = await count();
    await submit(undefined);
    await submit(undefined);
    expect(await count()).toBe(before + 2);
  });

  it('stores the answer encrypted (it may hold a reply code)', async () => {
    const stored = await rows<{ response_encrypted: string }>(
      database.db.orm,
      sql`select response_encrypted from idempotency_keys`,
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain('RC-');
  });
});
