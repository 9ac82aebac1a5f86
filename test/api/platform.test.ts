import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/** Contract behaviour shared by every route: errors, limits, encodings, health and the API description. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const login = (payload: string | Buffer, headers: Record<string, string> = {}) =>
  t.request({
    method: 'POST',
    url: '/api/auth/login',
    payload,
    headers: { 'content-type': 'application/json', ...headers },
    remoteAddress: `127.20.0.${Math.floor(Math.random() * 250) + 1}`,
  });

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = JSON.parse(res.body);
  expect(body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    code: expect.any(String),
  });
  expect(Array.isArray(body.errors)).toBe(true);
  expect(res.body).not.toMatch(/at .*\.ts:\d+/); // no stack traces
  return body;
}

describe('GET /healthz', () => {
  it('reports the database kind, the answering process and its memory', async () => {
    const res = await t.request({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      rssBytes: number;
      memory: { heapUsedBytes: number; heapTotalBytes: number; pgliteWasmBytes: number | null };
    };
    expect(body).toEqual({
      status: 'ok',
      database: t.db.kind,
      pid: process.pid,
      rssBytes: expect.any(Number),
      memory: {
        heapUsedBytes: expect.any(Number),
        heapTotalBytes: expect.any(Number),
        externalBytes: expect.any(Number),
        arrayBuffersBytes: expect.any(Number),
        pgliteWasmBytes: t.db.kind === 'pglite' ? expect.any(Number) : null,
      },
    });
    // A resident process holds at least some megabytes; an absurd figure would mean a wrong unit.
    expect(body.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(body.memory.heapUsedBytes).toBeLessThanOrEqual(body.memory.heapTotalBytes);
    // PGlite's WebAssembly memory starts at 128 MiB and grows in 64 KiB pages.
    if (t.db.kind === 'pglite') expect(body.memory.pgliteWasmBytes! % 65_536).toBe(0);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 problem+json in Japanese', async () => {
    const body = expectProblem(await login('{"email": "a@b.example", '), 400);
    expect(body.code).toBe('malformed_json');
    expect(body.title).toBe('送信されたデータを読み取れません');
  });

  it('answers invalid UTF-8 with 400 invalid_encoding, never garbling the text', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"email":"'),
      Buffer.from([0xff, 0xfe, 0x82]),
      Buffer.from('@x.example","password":"x"}'),
    ]);
    const body = expectProblem(await login(bytes), 400);
    expect(body.code).toBe('invalid_encoding');
  });

  it('answers Shift_JIS sent as JSON with 400 invalid_encoding', async () => {
    // 「相談」 in Shift_JIS: 0x91 0x8a 0x92 0x6b — not valid UTF-8.
    const bytes = Buffer.concat([
      Buffer.from('{"email":"'),
      Buffer.from([0x91, 0x8a, 0x92, 0x6b]),
      Buffer.from('","password":"x"}'),
    ]);
    expect(expectProblem(await login(bytes), 400).code).toBe('invalid_encoding');
  });

  it('answers a body over 1 MiB with 413', async () => {
    const big = JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(1024 * 1024 + 10) });
    expect(expectProblem(await login(big), 413).code).toBe('body_too_large');
  });

  it('answers unknown fields with 400 naming them', async () => {
    const body = expectProblem(
      await login(JSON.stringify({ email: 'a@b.example', password: 'x', admin: true })),
      400,
    );
    expect(body.code).toBe('validation_failed');
    expect(body.errors).toContainEqual({ pointer: '/body', message: expect.stringContaining('admin') });
  });

  it('answers a wrong content type with 415', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: 'email=a',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(res, 415);
  });

  it('answers in English when asked', async () => {
    const body = expectProblem(await login('{', { 'accept-language': 'en' }), 400);
    expect(body.title).toBe('The request body could not be read');
  });

  it('answers unknown API paths with 404 problem+json', async () => {
    const body = expectProblem(await t.request({ method: 'GET', url: '/api/nothing-here' }), 404);
    expect(body.code).toBe('not_found');
  });

  it('refuses callers without a session before reading their body (401, not 400)', async () => {
    const res = await t.request({
      method: 'PUT',
      url: '/api/tenant/profile',
      payload: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(expectProblem(res, 401).code).toBe('unauthenticated');
  });
});

describe('GET /api/openapi.json', () => {
  it('is OpenAPI 3.1 with a schema for the public municipality search', async () => {
    const res = await t.request({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths['/api/public/municipalities'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['prefecture', 'q', 'limit', 'cursor']),
    );
  });
});

describe('security headers', () => {
  it('sends a request id, a content security policy and no-sniff', async () => {
    const res = await t.request({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
