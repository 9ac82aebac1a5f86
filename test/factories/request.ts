import type { InjectOptions } from 'fastify';
import type { TestApp } from '../helpers/app.ts';
import type { LoggedIn } from '../helpers/auth.ts';

let addressCounter = 0;

/**
 * One request of a factory, made as `who` (null: anonymous, as the public sends it) from an address of
 * its own (so public-form rate limits never decide what a test sees). Throws with the method, url,
 * status and body when the app does not answer one of `expected`, so a factory that stops working says
 * why instead of handing a test an undefined id. Returns the parsed JSON body.
 */
// biome-ignore lint/suspicious/noExplicitAny: a factory's answer is read by the test that asked for it.
export async function send<T = any>(
  t: TestApp,
  who: LoggedIn | null,
  options: InjectOptions,
  expected: readonly number[] = [200, 201],
): Promise<T> {
  addressCounter += 1;
  const res = await t.request({
    remoteAddress: `127.52.${Math.floor(addressCounter / 250) % 250}.${(addressCounter % 250) + 1}`,
    ...options,
    headers: { ...(who?.headers() ?? {}), ...((options.headers as Record<string, string>) ?? {}) },
  });
  if (!expected.includes(res.statusCode))
    throw new Error(`${options.method ?? 'GET'} ${options.url}: ${res.statusCode} ${res.body.slice(0, 400)}`);
  return (res.body ? res.json() : undefined) as T;
}
