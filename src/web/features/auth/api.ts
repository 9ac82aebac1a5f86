import { queryOptions } from '@tanstack/react-query';
import type { Role, ScopeKind } from '../../../shared/roles.ts';
import { api, setCsrfToken } from '../../api/client.ts';

/** Auth endpoints (ARCHITECTURE "Contract": POST login, GET csrf, GET me, POST logout). */

export type RoleAssignment = { role: Role; scope: ScopeKind; tenant: string | null };

/** The parts of `GET /api/auth/me` the console uses (the server sends more: mfa, session). */
export type Me = {
  account: {
    id: string;
    email: string;
    displayName: string;
    scope: ScopeKind;
    tenant: string | null;
    roles: RoleAssignment[];
  };
};

export async function login(email: string, password: string): Promise<void> {
  const body = await api<{ csrfToken?: string }>('/api/auth/login', {
    method: 'POST',
    body: { email, password },
  });
  // The session changes at login, and so does the token bound to it.
  setCsrfToken(typeof body?.csrfToken === 'string' ? body.csrfToken : null);
}

export async function logout(): Promise<void> {
  try {
    await api<unknown>('/api/auth/logout', { method: 'POST' });
  } finally {
    setCsrfToken(null);
  }
}

export const meQuery = () =>
  queryOptions({
    queryKey: ['auth', 'me'],
    queryFn: ({ signal }) => api<Me>('/api/auth/me', { signal }),
    staleTime: 60_000,
    retry: false,
  });
