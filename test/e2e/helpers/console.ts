import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const DEMO_PASSWORD = 'tsunagari-demo';

/** Logs in through the login form, by typing, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  if (!page.url().endsWith('/login')) await page.goto('/login');
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.getByRole('button', { name: 'ログインする' }).click();
}

/** Signs in and waits for the console's home page, so the next step starts from a loaded console. */
export async function signInToConsole(page: Page, email: string): Promise<void> {
  await signIn(page, email);
  await page.waitForURL('**/console');
  await expectHeading(page, 'ホーム');
}

/** Waits for a page's h1 to read `text` (pages render after their lazy chunk and data arrive). */
export async function expectHeading(page: Page, text: string | RegExp): Promise<void> {
  await expect
    .poll(() => page.locator('h1').first().textContent(), { timeout: 10_000 })
    .toMatch(typeof text === 'string' ? new RegExp(`^${escapeRegExp(text)}$`) : text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The console's navigation (業務メニュー). */
export function consoleNav(page: Page) {
  return page.getByRole('navigation', { name: '業務メニュー' });
}

/**
 * A request from the page itself, with its own session cookie and CSRF token: what a person could
 * craft in the browser's developer tools.
 */
export async function fetchFromPage(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> | null }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: {
          Accept: 'application/json',
          'X-CSRF-Token': csrf.csrfToken,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
    },
    { method, path, body },
  );
}
