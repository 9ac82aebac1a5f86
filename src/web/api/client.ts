/**
 * One fetch wrapper for the whole web app (ARCHITECTURE "Contract"):
 * - sends Accept-Language, so problem+json comes back in the page's language;
 * - turns every failure into a typed `ApiError` (RFC 9457 fields, per-field errors);
 * - sends `X-CSRF-Token` on every non-GET request, fetching a token first when it has none and
 *   retrying once when the server says the token expired.
 */
import { acceptLanguageOf } from '../i18n/language.ts';

export type FieldError = { pointer: string; message: string };

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors: FieldError[];
  /** Members beyond RFC 9457's (e.g. `current` in a 409 on a versioned record). */
  extra?: Record<string, unknown>;
};

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly problem: Problem;
  /** False when the server did not answer with problem+json (proxy page, network failure). */
  readonly isProblem: boolean;

  constructor(problem: Problem, isProblem: boolean) {
    super(problem.title || `HTTP ${problem.status}`);
    this.status = problem.status;
    this.problem = problem;
    this.isProblem = isProblem;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** A status of 0 means the request never reached the server. */
  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/**
 * Called when the session is gone (401) or needs its second factor (403 `mfa_required` /
 * `mfa_enrolment_required`), so the app can send the person to the right step. Not called for the
 * requests that establish a session (login, password reset), whose errors the form shows itself.
 */
export type AuthFailureListener = (error: ApiError, path: string) => void;
const authFailureListeners = new Set<AuthFailureListener>();
const AUTH_FAILURE_EXEMPT = ['/api/auth/login', '/api/auth/password-reset', '/api/auth/csrf'];
const MFA_CODES = new Set(['mfa_required', 'mfa_enrolment_required']);

export function onAuthFailure(listener: AuthFailureListener): () => void {
  authFailureListeners.add(listener);
  return () => authFailureListeners.delete(listener);
}

function notifyAuthFailure(error: ApiError, path: string): void {
  if (AUTH_FAILURE_EXEMPT.includes(path)) return;
  if (error.status !== 401 && !(error.status === 403 && MFA_CODES.has(error.code ?? ''))) return;
  for (const listener of authFailureListeners) listener(error, path);
}

/** The CSRF token lives in memory only: a reload fetches a fresh one from the server. */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
  /** Anonymous public POSTs need no token (Contract); staff requests always send one. */
  csrf?: boolean;
};

/** The language of the page (`<html lang>`), kept in sync by i18n. */
function acceptLanguage(): string {
  return acceptLanguageOf(document.documentElement.lang);
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * When the server last answered a request of this page successfully (browser clock). Every such
 * request renewed the session's idle timer, so the console can warn before it runs out.
 */
let lastAnsweredAt = Date.now();
export const lastApiAnswerAt = (): number => lastAnsweredAt;

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const needsCsrf = method !== 'GET' && options.csrf !== false;
  if (needsCsrf && csrfToken === null) await refreshCsrfToken();

  let response = await send(path, method, options, needsCsrf);
  if (needsCsrf && response.status === 403) {
    const problem = await readProblem(response.clone());
    if (problem?.code === 'csrf_invalid') {
      await refreshCsrfToken();
      response = await send(path, method, options, needsCsrf);
    }
  }
  if (!response.ok) {
    const error = await toApiError(response);
    notifyAuthFailure(error, path);
    throw error;
  }
  lastAnsweredAt = Date.now();
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function send(
  path: string,
  method: string,
  options: RequestOptions,
  withCsrf: boolean,
): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': acceptLanguage(),
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (withCsrf && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ type: 'about:blank', title: '', status: 0, code: 'network', errors: [] }, false);
  }
}

/**
 * Asks the server for a CSRF token. Before the auth module exists the endpoint may be missing:
 * then the request goes without a token and the server's own answer is what the user sees.
 */
async function refreshCsrfToken(): Promise<void> {
  try {
    const response = await fetch('/api/auth/csrf', {
      headers: { Accept: 'application/json', 'Accept-Language': acceptLanguage() },
      credentials: 'same-origin',
    });
    if (!response.ok) return;
    const body = (await response.json()) as { csrfToken?: unknown };
    if (typeof body.csrfToken === 'string') csrfToken = body.csrfToken;
  } catch {
    // Network failure: the real request reports it.
  }
}

async function readProblem(response: Response): Promise<Problem | null> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return null;
  try {
    const body = (await response.json()) as Partial<Problem> & Record<string, unknown>;
    const { type: _t, title: _ti, status: _s, detail: _d, code: _c, errors: _e, ...extra } = body;
    return {
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: typeof body.title === 'string' ? body.title : '',
      status: typeof body.status === 'number' ? body.status : response.status,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      code: typeof body.code === 'string' ? body.code : undefined,
      errors: Array.isArray(body.errors) ? body.errors.filter(isFieldError) : [],
      extra,
    };
  } catch {
    return null;
  }
}

function isFieldError(value: unknown): value is FieldError {
  const v = value as Partial<FieldError> | null;
  return typeof v?.pointer === 'string' && typeof v.message === 'string';
}

async function toApiError(response: Response): Promise<ApiError> {
  const problem = await readProblem(response);
  if (problem?.title) return new ApiError(problem, true);
  return new ApiError({ type: 'about:blank', title: '', status: response.status, errors: [] }, false);
}

/** Field errors whose JSON Pointer names a body field, keyed by that field (`/body/email` → `email`). */
export function fieldErrorsByName(error: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { pointer, message } of error.problem.errors) {
    const name = pointer.replace(/^\/body\//, '').split('/')[0];
    if (name && !(name in out)) out[name] = message;
  }
  return out;
}

/** Every list endpoint answers `{items, total, nextCursor}` (Contract "Lists"). */
export type ListPage<T> = { items: T[]; total: number; nextCursor: string | null };
