import { mkdirSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/** The machine has no internet: these flags keep Chromium from trying to reach it. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: inject('chromiumPath'), args: CHROMIUM_ARGS });
}

/**
 * One Chromium for the test files that run one after another in this worker (the browser tier runs
 * them all in one process): each test still gets a fresh context (`newPage`), which is what keeps
 * cookies and storage apart, and starting Chromium cost about a second of the two cores per file.
 * It is closed when no file has used it for `SHARED_BROWSER_IDLE_MS`: the next file's set-up comes
 * well within that, and the last file's leaves the worker to exit with no browser behind it.
 */
const SHARED_BROWSER_IDLE_MS = 3_000;
type SharedBrowser = { browser: Promise<Browser>; users: number; idle?: NodeJS.Timeout };
let shared: SharedBrowser | undefined;

export async function useSharedBrowser(): Promise<{ browser: Browser; release(): void }> {
  if (!shared) {
    const launching = launchBrowser();
    const entry: SharedBrowser = { browser: launching, users: 0 };
    shared = entry;
    const forget = () => {
      if (shared === entry) shared = undefined;
    };
    // A launch that fails is not kept, nor a browser that died (a crash, an out-of-memory kill): the
    // next file starts another, so one crash fails the file it happened in, not every file after it.
    launching.then((browser) => browser.on('disconnected', forget), forget);
  }
  const current = shared;
  current.users++;
  clearTimeout(current.idle);
  const browser = await current.browser;
  let released = false;
  return {
    browser,
    release() {
      if (released) return;
      released = true;
      current.users--;
      if (current.users > 0) return;
      current.idle = setTimeout(() => {
        if (shared === current) shared = undefined;
        void browser.close();
      }, SHARED_BROWSER_IDLE_MS);
    },
  };
}

export const VIEWPORTS = {
  phone: { width: 360, height: 640 },
  desktop: { width: 1280, height: 800 },
} as const;

/** A fresh context per test: no cookies (language choice, session) leak between tests. */
export async function newPage(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number } = VIEWPORTS.desktop,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  return { context, page };
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type AxeWindow = { axe: typeof axe };

/**
 * axe-core's own `axe.run` over the page's document, the engine loaded once per document.
 *
 * Not `@axe-core/playwright`: its `analyze()` parsed the whole engine again on every check and, in
 * its default mode, opened a second page to merge the results — 1.5 s a check on the 2-core CI
 * machine, against 0.3 s here, for the same rules on the same document (decision 0030). The
 * application has no frames, so the frame handling that the wrapper adds has nothing to do.
 */
async function runAxe(page: Page): Promise<axe.AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(
    (tags) =>
      (window as unknown as AxeWindow).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        // Only violations are read; passes would be serialised node by node for nothing.
        resultTypes: ['violations'],
      }),
    WCAG_TAGS,
  );
}

/** Every violation on the page as "id [impact] where — what", so a report says what to fix. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await runAxe(page);
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} [${violation.impact ?? 'unknown'}] ${node.target.join(' ')} — ${violation.help}`,
    ),
  );
}

/** Fails listing every violation (id, impact, where). */
export async function expectAxeClean(page: Page): Promise<void> {
  expect(await axeViolations(page), `axe found accessibility violations on ${page.url()}`).toEqual([]);
}

/** WCAG 1.4.10 reflow: nothing may make the page scroll sideways. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const size = await page.evaluate(() => {
    const el = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
  });
  expect(
    size.scrollWidth,
    `page is ${size.scrollWidth}px wide in a ${size.clientWidth}px viewport`,
  ).toBeLessThanOrEqual(size.clientWidth);
}

/** Screenshots go to .scratch/screenshots (gitignored) for a human to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve('.scratch/screenshots');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Keeps pressing Tab until the focused element matches, so tests follow a real keyboard path.
 *
 * First it waits for the element to be on the page, as a person waits for a page to appear before
 * tabbing through it: pressing on while it renders ran past it on a busy machine (the navigator's
 * journey, ci9) and then failed for a reason that was the machine's speed, not the page.
 */
export async function tabUntil(page: Page, selector: string, maxPresses = 40): Promise<void> {
  await page.locator(selector).first().waitFor({ state: 'attached', timeout: 10_000 });
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Pressed Tab ${maxPresses} times without reaching ${selector}`);
}
