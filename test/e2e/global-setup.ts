import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildWebIfStale } from '../../scripts/build-web-if-stale.ts';
import { testPreparation } from '../helpers/app.ts';
import { preparedKey, preparedPgliteDump, prepareFor } from '../helpers/prepared-database.ts';

/**
 * Browser tier set-up: find Chromium (browser tests must never silently pass without one) and make
 * sure dist/web is built from the current sources.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string;
  }
}

/**
 * Debian's `chromium-headless-shell` first: the same Blink without the browser's own windows and UI
 * pages, as Playwright itself runs headless tests. The whole browser in headless mode spent a third
 * more CPU on the same journeys (a renderer for its top-level UI, a busier browser process), and the
 * browser tier is the longest of the suite on two cores. `chromium` remains a working fallback.
 */
const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
  }
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (found) return found;
  if (process.env.CI === 'true') {
    throw new Error(
      '\n\n  ✖ BROWSER TESTS CANNOT RUN IN CI: Chromium was not found (looked for CHROMIUM_PATH, ' +
        `${CANDIDATES.join(', ')}).\n  The CI image must provide it: apt-get install -y chromium-headless-shell chromium fonts-noto-cjk\n`,
    );
  }
  throw new Error(
    '\n\n  Browser tests need Chromium and Japanese fonts, which are not installed.\n' +
      '  Install them with:  sudo apt-get install -y chromium-headless-shell chromium fonts-noto-cjk\n' +
      '  or point CHROMIUM_PATH at a Chromium binary. (These tests never pass without a browser.)\n',
  );
}

export default async function setup(project: TestProject): Promise<void> {
  const chromiumPath = findChromium();
  console.info(`[e2e] browser: ${chromiumPath}`);
  project.provide('chromiumPath', chromiumPath);
  await buildWebIfStale({ log: (message) => console.info(`[e2e] ${message}`) });
  // The demo database every journey's server starts from, prepared once (test/helpers/prepared-database.ts).
  const { config, clock } = testPreparation({ demo: true });
  await preparedPgliteDump(preparedKey(config, clock, true), prepareFor({ config, clock, demo: true }));
}
