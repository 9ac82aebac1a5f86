import { queryOptions } from '@tanstack/react-query';
import type { MeResponse, MfaMethod } from '../../shared/contracts/accounts.ts';
import { api } from './client.ts';

/**
 * The signed-in account (GET /api/auth/me): who, where, which roles, the second-factor state. Shared
 * by every feature that shows or hides by role or tenant, under one query key, so the console asks
 * once; the auth feature keeps the endpoints that change it (login, logout, second factors).
 * Shapes are the server's contract (src/shared/contracts/accounts.ts), imported type-only.
 */

export type Me = MeResponse;
export type RoleAssignment = Me['account']['roles'][number];
export type { MfaMethod };

export const meQuery = () =>
  queryOptions({
    queryKey: ['auth', 'me'],
    queryFn: ({ signal }) => api<Me>('/api/auth/me', { signal }),
    staleTime: 60_000,
    retry: false,
  });
