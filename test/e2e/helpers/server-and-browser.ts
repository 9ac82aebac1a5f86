import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, newPage } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

export type ServerAndBrowser = {
  /** The file's running server (its url, clock and due jobs); read it inside a test, not at load. */
  readonly server: RunningServer;
  /** A fresh context on the file's server, so no cookies leak between tests. */
  openPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
};

/**
 * One server and one Chromium per test file, started together (both are slow) before its tests and
 * closed after them. Call it at the top of the file: it registers the beforeAll/afterAll hooks.
 */
export function setUpServerAndBrowser(): ServerAndBrowser {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const started = () => {
    if (!server || !browser)
      throw new Error('the server and browser start in beforeAll: use them inside a test');
    return { server, browser };
  };

  return {
    get server() {
      return started().server;
    },
    openPage(viewport) {
      const { server, browser } = started();
      return newPage(browser, server.url, viewport);
    },
  };
}
