import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * The server serving a built web app (as `npm start` serves dist/web): pages, assets and the
 * single-page fallback answer GET, and HEAD answers the same status and headers without a body
 * (issue 19: `HEAD /` answered 404). The tree is a small real build of our own, so this tier does
 * not depend on `vite build`; test/e2e/web-serving.e2e.test.ts checks the real dist/web.
 */
let t: TestApp;
let webRoot: string;
/** The same tree with the development setting WEB_SOURCE_MAPS on. */
let withMaps: TestApp;
const INDEX =
  '<!doctype html><html lang="ja"><head><title>つながり</title></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("つながり");\n';
/** Large enough to be worth compressing; the build writes .br and .gz beside it. */
const BIG_SCRIPT = `${'console.log("つながり — ひきこもりの状態にある本人と家族のための地域の案内");\n'.repeat(200)}`;
const MAP = '{"version":3,"sources":["src/web/main.tsx"],"mappings":""}';

beforeAll(async () => {
  webRoot = mkdtempSync(path.join(tmpdir(), 'tsunagari-web-'));
  mkdirSync(path.join(webRoot, 'assets'));
  writeFileSync(path.join(webRoot, 'index.html'), INDEX);
  writeFileSync(path.join(webRoot, 'assets', 'app-1a2b3c.js'), SCRIPT);
  writeFileSync(path.join(webRoot, 'assets', 'big-9f8e7d.js'), BIG_SCRIPT);
  writeFileSync(path.join(webRoot, 'assets', 'big-9f8e7d.js.br'), brotliCompressSync(BIG_SCRIPT));
  writeFileSync(path.join(webRoot, 'assets', 'big-9f8e7d.js.gz'), gzipSync(BIG_SCRIPT));
  writeFileSync(path.join(webRoot, 'assets', 'big-9f8e7d.js.map'), MAP);
  t = await createTestApp({ webRoot });
  withMaps = await createTestApp({ webRoot, config: { webSourceMaps: true } });
});
afterAll(async () => {
  await t?.close();
  await withMaps?.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('built web app', () => {
  it('GET serves the page, the single-page fallback and a built asset with their bodies', async () => {
    for (const url of ['/', '/events', '/console/support?tab=1']) {
      const res = await t.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(String(res.headers['content-type']), url).toContain('text/html');
      expect(res.body, url).toBe(INDEX);
    }
    const asset = await t.request({ method: 'GET', url: '/assets/app-1a2b3c.js' });
    expect(asset.statusCode).toBe(200);
    expect(String(asset.headers['content-type'])).toContain('javascript');
    expect(asset.body).toBe(SCRIPT);
  });

  it('HEAD answers 200 with the headers GET would send and no body', async () => {
    for (const url of ['/', '/events', '/console/support?tab=1', '/assets/app-1a2b3c.js']) {
      const get = await t.request({ method: 'GET', url });
      const head = await t.request({ method: 'HEAD', url });
      expect(head.statusCode, url).toBe(200);
      expect(head.body, url).toBe('');
      expect(head.headers['content-type'], url).toBe(get.headers['content-type']);
      expect(head.headers['content-length'], url).toBe(get.headers['content-length']);
    }
  });

  it('HEAD of the health check answers like GET', async () => {
    const head = await t.request({ method: 'HEAD', url: '/healthz' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it('an unknown API path stays a problem+json 404 for GET and HEAD, never the page', async () => {
    const get = await t.request({ method: 'GET', url: '/api/no-such-thing' });
    expect(get.statusCode).toBe(404);
    expect(String(get.headers['content-type'])).toContain('application/problem+json');
    const head = await t.request({ method: 'HEAD', url: '/api/no-such-thing' });
    expect(head.statusCode).toBe(404);
    expect(String(head.headers['content-type'])).toContain('application/problem+json');
  });

  it('a page method other than GET/HEAD does not get the page', async () => {
    const res = await t.request({ method: 'DELETE', url: '/events' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('<div id="root">');
  });

  it('sends the precompressed variant the client accepts: br first, then gzip, else the file itself', async () => {
    const url = '/assets/big-9f8e7d.js';
    const br = await t.request({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(String(br.headers['content-type'])).toContain('javascript');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(BIG_SCRIPT);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(BIG_SCRIPT) / 10);

    const gz = await t.request({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(BIG_SCRIPT);

    const plain = await t.request({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BIG_SCRIPT);
  });

  it('caches hashed assets for good and makes the page revalidate', async () => {
    for (const url of ['/assets/app-1a2b3c.js', '/assets/big-9f8e7d.js']) {
      const res = await t.request({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(res.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    }
    for (const url of ['/', '/events']) {
      const res = await t.request({ method: 'GET', url });
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('serves no source map unless the development setting asks for it; a missing asset is a 404, not the page', async () => {
    for (const url of ['/assets/big-9f8e7d.js.map', '/assets/gone-000000.js']) {
      const res = await t.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(String(res.headers['content-type']), url).toContain('application/problem+json');
      expect(res.body, url).not.toContain('mappings');
    }
    const map = await withMaps.request({ method: 'GET', url: '/assets/big-9f8e7d.js.map' });
    expect(map.statusCode).toBe(200);
    expect(map.body).toBe(MAP);
  });

  it('a path reaching outside the built files never serves a file from beside them', async () => {
    const secret = `${webRoot}-beside.txt`;
    writeFileSync(secret, 'NOT-PUBLIC');
    try {
      const beside = path.basename(secret);
      for (const url of [
        `/../${beside}`,
        `/assets/../../${beside}`,
        `/%2e%2e/${beside}`,
        `/assets/%2e%2e/%2e%2e/${beside}`,
        '//example.com/',
      ]) {
        for (const method of ['GET', 'HEAD'] as const) {
          const res = await t.request({ method, url });
          expect(res.body, `${method} ${url}`).not.toContain('NOT-PUBLIC');
          // Refused (404 problem+json), or read as a page path within the app (its page, 200).
          if (res.statusCode === 404)
            expect(String(res.headers['content-type']), url).toContain('application/problem+json');
          else expect(res.statusCode, `${method} ${url}`).toBe(200);
        }
      }
    } finally {
      rmSync(secret, { force: true });
    }
  });

  it('compresses API answers above the threshold, and never small ones', async () => {
    const big = await t.request({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'br' },
    });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(big.rawPayload).toString('utf8')).openapi).toBe('3.1.0');
    const gz = await t.request({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');

    const small = await t.request({
      method: 'GET',
      url: '/healthz',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(small.statusCode).toBe(200);
    expect(Buffer.byteLength(small.body)).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    const problem = await t.request({
      method: 'GET',
      url: '/api/nothing',
      headers: { 'accept-encoding': 'br' },
    });
    expect(problem.headers['content-encoding']).toBeUndefined();
  });
});
