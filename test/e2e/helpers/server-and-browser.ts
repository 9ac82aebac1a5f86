import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { newPage, useSharedBrowser } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

export type ServerAndBrowser = {
  /** The file's running server (its url, clock and due jobs); read it inside a test, not at load. */
  readonly server: RunningServer;
  /** A fresh context on the file's server, so no cookies leak between tests. */
  openPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
};

/**
 * One server per test file, started before its tests (with Chromium, when this worker has none
 * running) and closed after them; the Chromium is shared with the files after it
 * (`useSharedBrowser`). Call it at the top of the file: it registers the beforeAll/afterAll hooks.
 */
export function setUpServerAndBrowser(): ServerAndBrowser {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let releaseBrowser: (() => void) | undefined;

  beforeAll(async () => {
    const leasing = useSharedBrowser();
    try {
      server = await startServer();
    } catch (error) {
      void leasing.then(
        (lease) => lease.release(),
        () => {},
      );
      throw error;
    }
    const lease = await leasing;
    browser = lease.browser;
    releaseBrowser = lease.release;
  });

  afterAll(async () => {
    releaseBrowser?.();
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
