import { queryOptions } from '@tanstack/react-query';
import type { Role, ScopeKind } from '../../shared/roles.ts';
import { api } from './client.ts';

/**
 * The signed-in account (GET /api/auth/me): who, where, which roles, the second-factor state. Shared
 * by every feature that shows or hides by role or tenant, under one query key, so the console asks
 * once; the auth feature keeps the endpoints that change it (login, logout, second factors).
 * Shapes follow src/server/modules/accounts/auth.schema.ts.
 */

export type RoleAssignment = { role: Role; scope: ScopeKind; tenant: string | null };

export type MfaMethod = 'totp' | 'passkey' | 'recovery';

export type Me = {
  account: {
    id: string;
    email: string;
    displayName: string;
    scope: ScopeKind;
    tenant: string | null;
    roles: RoleAssignment[];
  };
  mfa: {
    required: boolean;
    satisfied: boolean;
    enrolmentRequired: boolean;
    verificationRequired: boolean;
    methods: MfaMethod[];
  };
  session: { id: string; expiresAt: string; idleExpiresAt: string; idleSeconds: number };
};

export const meQuery = () =>
  queryOptions({
    queryKey: ['auth', 'me'],
    queryFn: ({ signal }) => api<Me>('/api/auth/me', { signal }),
    staleTime: 60_000,
    retry: false,
  });
