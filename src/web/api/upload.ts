import { textLanguageOf } from '../i18n/language.ts';
import { ApiError } from './client.ts';

/**
 * Multipart upload of one file (the JSON client cannot send files): fetches a CSRF token first and
 * turns a failure into the same `ApiError` as `api()`. Used by every CSV import (places, support…).
 */
export async function uploadFile<T>(path: string, file: File, language: string): Promise<T> {
  const headers = { Accept: 'application/json', 'Accept-Language': textLanguageOf(language) };
  const csrf = await fetch('/api/auth/csrf', { headers, credentials: 'same-origin' })
    .then((r) => (r.ok ? (r.json() as Promise<{ csrfToken: string }>) : null))
    .catch(() => null);
  const form = new FormData();
  form.append('file', file);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { ...headers, ...(csrf ? { 'X-CSRF-Token': csrf.csrfToken } : {}) },
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: '', status: 0, code: 'network', errors: [] }, false);
  }
  const body = (await response.json().catch(() => null)) as (T & { title?: string }) | null;
  if (!response.ok) {
    const problem = body as unknown as { title?: string; detail?: string; code?: string; errors?: [] } | null;
    throw new ApiError(
      {
        type: 'about:blank',
        title: problem?.title ?? '',
        status: response.status,
        detail: problem?.detail,
        code: problem?.code,
        errors: problem?.errors ?? [],
      },
      Boolean(problem?.title),
    );
  }
  return body as T;
}
