import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
const INDEX =
  '<!doctype html><html lang="ja"><head><title>つながり</title></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("つながり");\n';

beforeAll(async () => {
  webRoot = mkdtempSync(path.join(tmpdir(), 'tsunagari-web-'));
  mkdirSync(path.join(webRoot, 'assets'));
  writeFileSync(path.join(webRoot, 'index.html'), INDEX);
  writeFileSync(path.join(webRoot, 'assets', 'app-1a2b3c.js'), SCRIPT);
  t = await createTestApp({ webRoot });
});
afterAll(async () => {
  await t?.close();
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
});
