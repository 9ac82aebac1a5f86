import type { Role } from '../../../shared/roles.ts';

/**
 * Who is calling. `tenant` is the 6-digit code every tenant-scoped query runs under (row-level
 * security); national accounts have none, prefecture accounts have their prefecture's tenant code.
 */
export type Actor = {
  accountId: string;
  sessionId: string;
  email: string;
  displayName: string;
  scope: 'national' | 'prefecture' | 'tenant';
  tenant: string | null;
  roles: Role[];
  /** True when this session passed a second factor, or the account is exempt (demo accounts). */
  mfaSatisfied: boolean;
  /** True when policy requires MFA for this account but it has not enrolled a factor yet. */
  mfaEnrolmentRequired: boolean;
};

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}
