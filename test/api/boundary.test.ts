import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * Issue 19: hostile input is decided once at the request boundary. Every text field refuses NUL and
 * lone surrogates with a 400 naming the field; every error is problem+json with a pointer where one
 * exists. Each case answered 500 or a non-problem body before.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

let address = 0;
const remoteAddress = () => `127.30.${Math.floor(++address / 250) % 250}.${(address % 250) + 1}`;

type Res = { statusCode: number; headers: Record<string, unknown>; body: string };
function problem(res: Res, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = JSON.parse(res.body) as {
    status: number;
    code: string;
    errors: { pointer: string; message: string }[];
  };
  expect(body.status).toBe(status);
  return body;
}
const pointers = (body: { errors: { pointer: string }[] }) => body.errors.map((e) => e.pointer);

describe('NUL and lone surrogates in any text field', () => {
  it('refuses NUL in the login e-mail with a 400 naming the field (was a 500 from PostgreSQL)', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a\u0000@b.example', password: 'x' },
      remoteAddress: remoteAddress(),
    });
    const body = problem(res, 400);
    expect(body.errors).toEqual([
      { pointer: '/body/email', message: '使えない制御文字（NUL）が含まれています' },
    ]);
  });

  it('says it in English when asked', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a\u0000@b.example', password: 'x' },
      headers: { 'accept-language': 'en' },
      remoteAddress: remoteAddress(),
    });
    expect(problem(res, 400).errors[0]!.message).toBe('Contains a character that cannot be used (NUL)');
  });

  it.each(['/api/public/municipalities?q=%00', '/api/public/places?q=a%00b'])(
    'refuses NUL in the search query %s',
    async (url) => {
      const body = problem(await t.request({ method: 'GET', url }), 400);
      expect(pointers(body)).toEqual(['/query/q']);
    },
  );

  it('refuses NUL in a path parameter', async () => {
    const body = problem(await t.request({ method: 'GET', url: '/api/public/places/%00' }), 400);
    expect(pointers(body)).toEqual(['/params/id']);
  });

  it('refuses a lone surrogate in an encrypted field (consultation message; was "not well-formed Unicode" 500)', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/public/consultations',
      payload: '{"municipalityCode":"192015","message":"\\ud800 話を聞いてほしい"}',
      headers: { 'content-type': 'application/json' },
      remoteAddress: remoteAddress(),
    });
    const body = problem(res, 400);
    expect(body.errors).toEqual([
      {
        pointer: '/body/message',
        message: '文字として読めないデータ（対になっていないサロゲート）が含まれています',
      },
    ]);
  });

  it.each([
    ['/api/public/reports/additions', '{"replyCode":"ABCD-EFGH-JKLM","text":"追加\\ud800"}', '/body/text'],
    [
      '/api/public/events/00000000-0000-4000-8000-000000000001/registrations',
      '{"nickname":"はな\\udc00"}',
      '/body/nickname',
    ],
    [
      '/api/public/events/00000000-0000-4000-8000-000000000001/registrations',
      '{"nickname":"はな","needs":"\\ud83d 車椅子"}',
      '/body/needs',
    ],
  ])(
    'refuses a lone surrogate in the other encrypted fields the probe named: %s %s',
    async (url, payload, pointer) => {
      const res = await t.request({
        method: 'POST',
        url,
        payload,
        headers: { 'content-type': 'application/json' },
        remoteAddress: remoteAddress(),
      });
      expect(pointers(problem(res, 400))).toEqual([pointer]);
    },
  );

  it('finds the field at any depth, and a bad key points at its object', async () => {
    const deep = await t.request({
      method: 'POST',
      url: '/api/public/reports',
      payload: '{"business":{"name":"株式会社\\udc00"}}',
      headers: { 'content-type': 'application/json' },
      remoteAddress: remoteAddress(),
    });
    expect(pointers(problem(deep, 400))).toEqual(['/body/business/name']);
    const key = await t.request({
      method: 'POST',
      url: '/api/public/reports',
      payload: '{"business":{"na\\u0000me":"x"}}',
      headers: { 'content-type': 'application/json' },
      remoteAddress: remoteAddress(),
    });
    expect(pointers(problem(key, 400))).toEqual(['/body/business']);
  });

  it('refuses nesting deeper than any form of ours', async () => {
    const payload = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const res = await t.request({
      method: 'POST',
      url: '/api/public/consultations',
      payload,
      headers: { 'content-type': 'application/json' },
      remoteAddress: remoteAddress(),
    });
    expect(problem(res, 400).errors[0]!.pointer).toMatch(/^\/body(\/0)+$/);
  });
});

describe('every error is problem+json with a pointer', () => {
  it('a path parameter over the limit (was Fastify’s own body echoing the path)', async () => {
    const res = await t.request({ method: 'GET', url: `/api/public/places/${'a'.repeat(300)}` });
    const body = problem(res, 414);
    expect(pointers(body)).toEqual(['']);
    expect(res.body).not.toContain('aaaaaaaaaa');
  });

  it('a URL over 8 KiB answers 414', async () => {
    const res = await t.request({ method: 'GET', url: `/api/public/municipalities?q=${'a'.repeat(9000)}` });
    expect(pointers(problem(res, 414))).toEqual(['']);
  });

  it('headers over Node’s limit answer 431 problem+json on a real socket (was a bare 431)', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = t.app.server.address() as AddressInfo;
      const res = await new Promise<Res>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: `/api/public/prefectures?q=${'a'.repeat(20_000)}`, method: 'GET' },
          (r) => {
            let data = '';
            r.setEncoding('utf8');
            r.on('data', (c) => {
              data += c;
            });
            r.on('end', () => resolve({ statusCode: r.statusCode ?? 0, headers: r.headers, body: data }));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(res.statusCode).toBe(431);
      expect(String(res.headers['content-type'])).toContain('application/problem+json');
      const body = JSON.parse(res.body);
      expect(body.code).toBe('headers_too_large');
      expect(body.errors).toEqual([{ pointer: '', message: 'ヘッダーが大きすぎます' }]);
    } finally {
      await t.app.server.close();
    }
  });

  it('malformed JSON names the body (was errors: [])', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"email": ',
      headers: { 'content-type': 'application/json' },
      remoteAddress: remoteAddress(),
    });
    const body = problem(res, 400);
    expect(body.code).toBe('malformed_json');
    expect(body.errors).toEqual([{ pointer: '/body', message: 'JSON の形式が正しくありません' }]);
  });

  it('a body of the wrong shape names the type sent, not "undefined"', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: '[]',
      headers: { 'content-type': 'application/json' },
      remoteAddress: remoteAddress(),
    });
    expect(problem(res, 400).errors).toEqual([
      { pointer: '/body', message: 'オブジェクトで入力してください（配列が送信されました）' },
    ]);
  });

  it('a wrong type names the expected type and never echoes the value', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 918273645, password: 'x' },
      remoteAddress: remoteAddress(),
    });
    const body = problem(res, 400);
    expect(body.errors).toEqual([
      { pointer: '/body/email', message: '文字列で入力してください（数値が送信されました）' },
    ]);
    expect(res.body).not.toContain('undefined');
    expect(res.body).not.toContain('918273645');
    const en = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ['a'], password: 'x' },
      headers: { 'accept-language': 'en' },
      remoteAddress: remoteAddress(),
    });
    expect(problem(en, 400).errors).toEqual([
      { pointer: '/body/email', message: 'Expected text, received a list' },
    ]);
  });

  it('a 12-digit 法人番号 gets its own message, not the union’s "無効な入力"', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/public/reports',
      payload: { business: { corporateNumber: '123456789012' } },
      remoteAddress: remoteAddress(),
    });
    const body = problem(res, 400);
    const error = body.errors.find((e) => e.pointer === '/body/business/corporateNumber');
    expect(error?.message).toBeDefined();
    expect(error?.message).not.toBe('無効な入力');
    expect(error?.message).toContain('法人番号');
  });

  it('a body that is not JSON answers 415 naming the content-type', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: 'email=a@b.example',
      headers: { 'content-type': 'text/plain' },
      remoteAddress: remoteAddress(),
    });
    expect(pointers(problem(res, 415))).toEqual(['/headers/content-type']);
  });

  it('a body over 1 MiB answers 413 naming the body', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/public/consultations',
      payload: JSON.stringify({ message: 'あ'.repeat(600_000) }),
      headers: { 'content-type': 'application/json' },
      remoteAddress: remoteAddress(),
    });
    expect(pointers(problem(res, 413))).toEqual(['/body']);
  });

  it.each(['javascript:alert(1)', 'https://x.example/"><script>', 'data:text/html,<b>x</b>'])(
    'a reporter’s business.website accepts only http(s) URLs (%s refused naming the field)',
    async (website) => {
      const res = await t.request({
        method: 'POST',
        url: '/api/public/reports',
        payload: { business: { website } },
        remoteAddress: remoteAddress(),
      });
      const body = problem(res, 400);
      expect(body.errors.find((e) => e.pointer === '/body/business/website')?.message).toBe(
        'http:// か https:// で始まる URL を入力してください',
      );
    },
  );
});
