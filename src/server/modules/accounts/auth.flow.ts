import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicWork } from '../../platform/access/request-transaction.ts';
import { setSessionCookie } from '../../platform/auth/authentication.ts';
import { emitAuthEvent } from '../../platform/auth/events.ts';
import { lockedError } from '../../platform/auth/messages.ts';
import type { MfaMethod } from '../../platform/auth/mfa-policy.ts';
import { checkPasswordPolicy, verifyAgainstDummy, verifyPassword } from '../../platform/auth/password.ts';
import {
  elevateSession,
  type ResolvedSession,
  resolveSession,
  sessionTimeouts,
} from '../../platform/auth/sessions.ts';
import {
  beginAttempt,
  loginThrottleSubject,
  recordFailure,
  recordSuccess,
} from '../../platform/auth/throttle.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { ACCOUNTS_FIELD } from './accounts.errors.ts';
import { passwordHashOf } from './auth.credentials.ts';

/*
 * What the sign-in, second-factor and password routes share: one guess at a secret under the
 * lockout, the lock's answer, passing a second factor, adopting a new session cookie, and checking
 * the current password. HTTP-side (reply headers, cookies), so it sits with the routes, not in a use case.
 */

export const tags = ['auth'];

export function mfaSummary(session: ResolvedSession) {
  return {
    required: session.mfa.verificationRequired,
    enrolmentRequired: session.mfa.enrolmentRequired,
    methods: session.mfa.methods,
  };
}

export function authFlow(app: FastifyInstance) {
  const { db, config, clock } = app.ctx;
  const timeouts = sessionTimeouts(config);

  /**
   * Runs one guess at a secret under the 5-in-15-minutes lock of `subject`. `attempt` returns false for
   * a wrong secret; the failure is counted and `wrong()` (or the lock) is thrown.
   */
  async function throttled<T>(
    reply: FastifyReply,
    subject: string,
    lockCode: 'login_locked' | 'mfa_locked',
    attempt: () => Promise<T | false>,
    wrong: () => AppError | Promise<AppError>,
  ): Promise<T> {
    const now = clock.now();
    const gate = await beginAttempt(db, subject, now);
    if (!gate.allowed) throw locked(reply, lockCode, gate.lockedUntil);
    const result = await attempt();
    if (result === false) {
      const lockedUntil = await recordFailure(db, subject, now);
      const error = await wrong();
      if (lockedUntil) throw locked(reply, lockCode, lockedUntil);
      throw error;
    }
    await recordSuccess(db, subject);
    return result;
  }

  function locked(reply: FastifyReply, code: 'login_locked' | 'mfa_locked', until: Date): AppError {
    const now = clock.now();
    reply.header('retry-after', String(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))));
    return lockedError(code, until, now);
  }

  /**
   * Marks the session as having passed a second factor; returns its new cookie value, which the caller
   * sets only after the transaction committed (a cookie for a rolled-back row would log the person out).
   */
  async function passSecondFactor(
    request: FastifyRequest,
    tx: Tx,
    session: ResolvedSession,
    method: MfaMethod,
  ): Promise<string> {
    const elevated = await elevateSession(tx, session.hash, method, clock.now());
    await emitAuthEvent(
      request,
      {
        action: 'auth.mfa.verified',
        outcome: 'ok',
        accountId: session.accountId,
        tenant: session.tenant,
        sessionId: session.publicId,
        method,
      },
      tx,
    );
    return elevated.token;
  }

  /** Sets the (new) session cookie after its transaction committed, and reads the session back. */
  async function adopt(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
  ): Promise<ResolvedSession> {
    setSessionCookie(request, reply, token);
    const session = await resolveSession(db, token, clock.now(), timeouts);
    if (!session) throw new AppError(401, 'unauthenticated');
    return session;
  }

  /**
   * Removing the last second factor leaves the password alone: it must then meet the single-factor
   * rule (15 characters), which a password chosen under the 8-character rule may not. The person
   * proves it by typing the current password.
   */
  async function assertPasswordSafeWithoutMfa(
    reply: FastifyReply,
    session: ResolvedSession,
    currentPassword: string | undefined,
  ) {
    if (currentPassword === undefined) {
      throw new AppError(400, 'validation_failed', {
        errors: [
          {
            pointer: '/body/currentPassword',
            message: ACCOUNTS_FIELD.currentPasswordForLastFactor,
          },
        ],
      });
    }
    await checkCurrentPassword(reply, session, currentPassword);
    if (!checkPasswordPolicy(currentPassword, { hasMfa: false, email: session.email }).ok) {
      throw new AppError(409, 'password_too_short_without_mfa');
    }
  }

  async function checkCurrentPassword(
    reply: FastifyReply,
    session: ResolvedSession,
    password: string,
  ): Promise<void> {
    await throttled(
      reply,
      loginThrottleSubject(session.email, config.dataKeys),
      'login_locked',
      async () => {
        const passwordHash = await publicWork(db, reply.request, { tenant: session.tenant }, ({ tx }) =>
          passwordHashOf(tx, session.accountId),
        );
        const ok = passwordHash
          ? await verifyPassword(passwordHash, password)
          : await verifyAgainstDummy(password);
        if (ok) return true as const;
        return false;
      },
      () =>
        new AppError(400, 'password_incorrect', {
          errors: [
            {
              pointer: '/body/currentPassword',
              message: ACCOUNTS_FIELD.currentPasswordIncorrect,
            },
          ],
        }),
    );
  }

  return {
    timeouts,
    throttled,
    locked,
    passSecondFactor,
    adopt,
    assertPasswordSafeWithoutMfa,
    checkCurrentPassword,
  };
}
