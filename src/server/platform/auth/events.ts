import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Tx } from '../db/client.ts';
import type { MfaMethod } from './mfa-policy.ts';

/**
 * Authentication events for the audit log. Ids only, never an e-mail address, password or code.
 *
 * `tx` is the tenant transaction in which the change was written (append the audit row there, so both
 * commit or neither does); it is null for events with nothing written in a tenant, such as a failed
 * login for an address that may not exist (no tenant is known, and `accountId` is null then).
 */
export type AuthEventAction =
  | 'auth.login.succeeded'
  | 'auth.login.failed'
  | 'auth.login.locked'
  | 'auth.logout'
  | 'auth.logout_all'
  | 'auth.session.revoked'
  | 'auth.mfa.verified'
  | 'auth.mfa.failed'
  | 'auth.mfa.locked'
  | 'auth.mfa.totp.enrolled'
  | 'auth.mfa.totp.removed'
  | 'auth.mfa.passkey.registered'
  | 'auth.mfa.passkey.removed'
  | 'auth.mfa.recovery_codes.generated'
  | 'auth.password.changed'
  | 'auth.password.reset';

export type AuthEvent = {
  action: AuthEventAction;
  outcome: 'ok' | 'denied';
  /** Null when no account is known (a failed login for an address that may not exist). */
  accountId: string | null;
  tenant: string | null;
  /** The session's public id (never the cookie or its hash). */
  sessionId: string | null;
  /** For auth.session.revoked: the revoked session's public id; for passkeys: the credential's row id. */
  recordId?: string;
  method?: MfaMethod;
  requestId: string;
  at: Date;
};

export type AuthEventListener = (event: AuthEvent, tx: Tx | null) => Promise<void> | void;

declare module 'fastify' {
  interface FastifyInstance {
    authEventListener: AuthEventListener | null;
  }
}

export function setAuthEventListener(app: FastifyInstance, listener: AuthEventListener | null): void {
  if (app.hasDecorator('authEventListener')) app.authEventListener = listener;
  else app.decorate('authEventListener', listener);
}

export async function emitAuthEvent(
  request: FastifyRequest,
  event: Omit<AuthEvent, 'requestId' | 'at'>,
  tx: Tx | null,
): Promise<void> {
  const listener = request.server.authEventListener;
  if (!listener) return;
  await listener({ ...event, requestId: request.id, at: request.server.ctx.clock.now() }, tx);
}
