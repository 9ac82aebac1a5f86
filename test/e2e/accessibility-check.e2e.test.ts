import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser } from './helpers/browser.ts';

/**
 * The check every journey relies on (`expectAxeClean`, through `axeViolations`) must itself find
 * violations. It loads axe once per document and runs it again on later checks, so a violation that
 * appears after the first check of the same document (as a single-page app changes its screen) must
 * be found too, and a new document must get the engine again.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('axeViolations (behind expectAxeClean)', () => {
  it('finds nothing on a clean document, then names what appeared later in the same document', async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<!doctype html><html lang="ja"><head><title>確認</title></head><body><main><h1>確認</h1><p>本文</p></main></body></html>',
    );
    expect(await axeViolations(page)).toEqual([]);

    await page.evaluate(() => {
      const image = document.createElement('img');
      image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      const button = document.createElement('button');
      document.querySelector('main')?.append(image, button);
    });
    const found = await axeViolations(page);
    expect(found.some((line) => line.startsWith('image-alt [critical] img'))).toBe(true);
    expect(found.some((line) => line.startsWith('button-name [critical] button'))).toBe(true);
    await page.close();
  });

  it('names the violations of the next document the page navigates to (the engine is loaded again)', async () => {
    const page = await browser.newPage();
    const open = (html: string) => page.goto(`data:text/html,${encodeURIComponent(html)}`);
    await open(
      '<!doctype html><html lang="ja"><head><title>確認</title></head><body><main><p>本文</p></main></body></html>',
    );
    expect(await axeViolations(page)).toEqual([]);
    await open('<!doctype html><html><head></head><body><p>本文</p></body></html>');
    expect(await page.evaluate(() => 'axe' in window)).toBe(false);
    const found = await axeViolations(page);
    expect(found.some((line) => line.startsWith('html-has-lang '))).toBe(true);
    expect(found.some((line) => line.startsWith('document-title '))).toBe(true);
    await page.close();
  });
});
