import { acceptLanguageOf } from '../i18n/language.ts';
import { ApiError } from './client.ts';

/**
 * A key for `Idempotency-Key`: random, made once per submission and kept in memory only (never in web
 * storage), so a retry after a lost answer cannot create a second record.
 */
export function newIdempotencyKey(prefix: string): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const networkError = () =>
  new ApiError({ type: 'about:blank', title: '', status: 0, code: 'network', errors: [] }, false);

/**
 * Public forms (Contract): no CSRF token, optional `Idempotency-Key`, no cache. Errors take the shared
 * client's `ApiError` shape; status 0 means the request or its answer was lost on the network.
 */
export async function publicPost<T>(path: string, body: unknown, idempotencyKey?: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Accept-Language': acceptLanguageOf(document.documentElement.lang),
        'Content-Type': 'application/json',
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw networkError();
  }
  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    // An answer cut off halfway is as good as no answer: the caller retries with the same key.
    if (response.ok) throw networkError();
  }
  if (response.ok) return parsed as T;
  const p = (parsed ?? {}) as Record<string, unknown>;
  throw new ApiError(
    {
      type: typeof p.type === 'string' ? p.type : 'about:blank',
      title: typeof p.title === 'string' ? p.title : '',
      status: response.status,
      detail: typeof p.detail === 'string' ? p.detail : undefined,
      code: typeof p.code === 'string' ? p.code : undefined,
      errors: Array.isArray(p.errors) ? (p.errors as { pointer: string; message: string }[]) : [],
    },
    typeof p.title === 'string' && p.title !== '',
  );
}
