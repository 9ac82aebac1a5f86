import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './helpers/server.ts';

/**
 * The real dist/web (built by the browser tier's set-up) over real HTTP: a page and one of the
 * assets it loads answer GET with their bodies and HEAD with 200 and no body. Guards against a
 * change to static serving that breaks every built page (a header hook once made them all 500).
 */
let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('built web app over HTTP', () => {
  it('GET and HEAD of pages and of a built asset answer 200; HEAD has no body', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root"');
    const assetPath = /(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/.exec(html)?.[1];
    expect(assetPath).toBeDefined();

    const asset = await fetch(`${server.url}${assetPath}`);
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(0);

    for (const url of ['/', '/events', assetPath!]) {
      const head = await fetch(`${server.url}${url}`, { method: 'HEAD' });
      expect(head.status, url).toBe(200);
      expect(await head.text(), url).toBe('');
    }
  });
});
