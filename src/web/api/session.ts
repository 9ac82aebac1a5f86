import { queryOptions } from '@tanstack/react-query';
import type {
  LoginResponse as LoginResult,
  MfaPassedResponse as MfaPassed,
  MfaSummary,
  PasskeyList,
  PasskeyRegisteredResponse as PasskeyRegistered,
  RecoveryCodesResponse as RecoveryCodes,
  SessionItem,
  TotpSetupResponse as TotpSetup,
} from '../../shared/contracts/accounts.ts';
import { api, type ListPage, setCsrfToken } from './client.ts';

/**
 * Auth endpoints (ARCHITECTURE "Contract": POST login, GET csrf, GET me, POST logout) and the account's
 * own security settings (second factors, sessions, password). The answers' shapes are the server's
 * own, from src/shared/contracts/accounts.ts.
 */

/** What login and a passed second factor say about the next step (the server's own shapes). */
export type { LoginResponse as LoginResult, MfaSummary } from '../../shared/contracts/accounts.ts';
// The signed-in account's shape and query moved to the shared api/me.ts; re-exported for the auth pages.
export type { Me, MfaMethod, RoleAssignment } from './me.ts';

export async function login(email: string, password: string): Promise<LoginResult> {
  const body = await api<LoginResult>('/api/auth/login', { method: 'POST', body: { email, password } });
  // The session changes at login, and so does the token bound to it.
  setCsrfToken(typeof body?.csrfToken === 'string' ? body.csrfToken : null);
  return body;
}

/**
 * A console address to come back to after signing in: same site, under /console only (never an
 * open redirect: no scheme, no `//`, no backslash).
 */
export function isConsoleReturnPath(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 500 &&
    /^\/console(\/|$|\?)/.test(value) &&
    !value.includes('//') &&
    !value.includes('\\')
  );
}

/** Where a freshly signed-in account goes next. */
export function nextStepAfterLogin(
  mfa: MfaSummary,
): '/console/security/setup' | '/login/verify' | '/console' {
  if (mfa.enrolmentRequired) return '/console/security/setup';
  if (mfa.required) return '/login/verify';
  return '/console';
}

export async function logout(): Promise<void> {
  try {
    await api<unknown>('/api/auth/logout', { method: 'POST' });
  } finally {
    setCsrfToken(null);
  }
}

export async function logoutEverywhere(): Promise<void> {
  try {
    await api<unknown>('/api/auth/logout-all', { method: 'POST' });
  } finally {
    setCsrfToken(null);
  }
}

// ---------------------------------------------------------------------------------------------
// Second factor at login

/** The server rotates the session after a passed second factor: adopt its new CSRF token. */
function adopt<T extends { csrfToken: string }>(result: T): T {
  setCsrfToken(result.csrfToken);
  return result;
}

export async function verifyCode(method: 'totp' | 'recovery', code: string): Promise<MfaPassed> {
  return adopt(await api<MfaPassed>('/api/auth/mfa/verify', { method: 'POST', body: { method, code } }));
}

/** Asks the browser for a passkey assertion and sends it to the server. */
export async function verifyWithPasskey(): Promise<MfaPassed> {
  const { startAuthentication } = await import('@simplewebauthn/browser');
  const optionsJSON = await api<Parameters<typeof startAuthentication>[0]['optionsJSON']>(
    '/api/auth/mfa/passkey/authenticate/options',
    { method: 'POST' },
  );
  const response = await startAuthentication({ optionsJSON });
  return adopt(
    await api<MfaPassed>('/api/auth/mfa/passkey/authenticate/verify', {
      method: 'POST',
      body: { response },
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Enrolment and management of second factors

export type {
  RecoveryCodesResponse as RecoveryCodes,
  TotpSetupResponse as TotpSetup,
} from '../../shared/contracts/accounts.ts';

export const startTotpSetup = () => api<TotpSetup>('/api/auth/mfa/totp/setup', { method: 'POST' });

export async function confirmTotp(code: string): Promise<RecoveryCodes> {
  return adopt(await api<RecoveryCodes>('/api/auth/mfa/totp/confirm', { method: 'POST', body: { code } }));
}

export async function removeTotp(code: string, currentPassword?: string): Promise<void> {
  await api<void>('/api/auth/mfa/totp', {
    method: 'DELETE',
    body: currentPassword ? { code, currentPassword } : { code },
  });
}

export async function regenerateRecoveryCodes(): Promise<RecoveryCodes> {
  return adopt(await api<RecoveryCodes>('/api/auth/mfa/recovery-codes', { method: 'POST' }));
}

export type Passkey = PasskeyList['items'][number];

export const passkeysQuery = () =>
  queryOptions({
    queryKey: ['auth', 'passkeys'],
    queryFn: ({ signal }) => api<ListPage<Passkey>>('/api/auth/mfa/passkeys', { signal }),
  });

export type { PasskeyRegisteredResponse as PasskeyRegistered } from '../../shared/contracts/accounts.ts';

export async function registerPasskey(label: string): Promise<PasskeyRegistered> {
  const { startRegistration } = await import('@simplewebauthn/browser');
  const optionsJSON = await api<Parameters<typeof startRegistration>[0]['optionsJSON']>(
    '/api/auth/mfa/passkey/register/options',
    { method: 'POST' },
  );
  const response = await startRegistration({ optionsJSON });
  return adopt(
    await api<PasskeyRegistered>('/api/auth/mfa/passkey/register/verify', {
      method: 'POST',
      body: label.trim() ? { response, label: label.trim() } : { response },
    }),
  );
}

export async function removePasskey(id: string, currentPassword?: string): Promise<void> {
  await api<void>(`/api/auth/mfa/passkeys/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    body: currentPassword ? { currentPassword } : {},
  });
}

// ---------------------------------------------------------------------------------------------
// Sessions and password

export type { SessionItem } from '../../shared/contracts/accounts.ts';

export const sessionsQuery = () =>
  queryOptions({
    queryKey: ['auth', 'sessions'],
    queryFn: ({ signal }) => api<ListPage<SessionItem>>('/api/auth/sessions', { signal }),
  });

export const endSession = (id: string) =>
  api<void>(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  adopt(
    await api<{ csrfToken: string }>('/api/auth/password', {
      method: 'POST',
      body: { currentPassword, newPassword },
    }),
  );
}

/** Public: sets a password with the one-time token of an administrator's link. */
export const resetPassword = (token: string, newPassword: string) =>
  api<void>('/api/auth/password-reset', { method: 'POST', body: { token, newPassword }, csrf: false });
