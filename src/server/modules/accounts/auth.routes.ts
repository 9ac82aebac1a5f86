import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ROLE_SCOPE } from '../../../shared/roles.ts';
import { publicWork } from '../../platform/access/request-transaction.ts';
import {
  clearSessionCookie,
  optionalSession,
  requireSecondFactorIfEnrolled,
  requireSession,
  sessionToken,
  setSessionCookie,
} from '../../platform/auth/authentication.ts';
import { emitAuthEvent } from '../../platform/auth/events.ts';
import { lockedError } from '../../platform/auth/messages.ts';
import {
  beginTotpSetup,
  confirmTotpSetup,
  consumeRecoveryCode,
  dropRecoveryCodesIfNoFactor,
  factorSummary,
  hasSecondFactor,
  invalidCode,
  removeTotp,
  replaceRecoveryCodes,
  verifyTotpCode,
} from '../../platform/auth/mfa.ts';
import type { MfaMethod } from '../../platform/auth/mfa-policy.ts';
import {
  listPasskeys,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  removePasskey,
  verifyPasskeyAuthentication,
  verifyPasskeyRegistration,
} from '../../platform/auth/passkeys.ts';
import {
  assertPasswordPolicy,
  checkPasswordPolicy,
  hashPassword,
  passwordNeedsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from '../../platform/auth/password.ts';
import { resetPasswordWithToken } from '../../platform/auth/password-reset.ts';
import {
  createSession,
  elevateSession,
  listSessions,
  type ResolvedSession,
  resolveSession,
  revokeAllSessions,
  revokeSession,
  revokeSessionByToken,
  rotateSessionToken,
  sessionTimeouts,
} from '../../platform/auth/sessions.ts';
import {
  beginAttempt,
  loginThrottleSubject,
  mfaThrottleSubject,
  recordFailure,
  recordSuccess,
} from '../../platform/auth/throttle.ts';
import { userAgentLabel } from '../../platform/auth/user-agent.ts';
import type { Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { accounts } from './accounts.tables.ts';
import {
  CsrfResponse,
  IdParams,
  LoginBody,
  LoginResponse,
  MeResponse,
  MfaPassedResponse,
  MfaVerifyBody,
  PasskeyAuthenticationBody,
  PasskeyList,
  PasskeyOptionsResponse,
  PasskeyRegisteredResponse,
  PasskeyRegistrationBody,
  PasswordChangeBody,
  PasswordResetBody,
  RecoveryCodesResponse,
  RemoveFactorBody,
  RemovePasskeyBody,
  SessionList,
  TotpConfirmBody,
  TotpSetupResponse,
} from './auth.schema.ts';

/** Per client address, on top of the per-account lockout (which is shared by all app processes). */
export const LOGIN_RATE_LIMIT = { max: 30, timeWindow: '1 minute' } as const;
export const PASSWORD_RESET_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

const tags = ['auth'];

/** E-mail addresses are stored lower-cased; full-width characters from a Japanese IME are folded. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

function mfaSummary(session: ResolvedSession) {
  return {
    required: session.mfa.verificationRequired,
    enrolmentRequired: session.mfa.enrolmentRequired,
    methods: session.mfa.methods,
  };
}

export function registerAuthRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
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
            message: {
              ja: '最後の二段階認証を解除するには、現在のパスワードを入力してください。',
              en: 'Enter your current password to remove your last second factor.',
            },
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
        const [account] = await publicWork(db, reply.request, { tenant: session.tenant }, ({ tx }) =>
          tx
            .select({ passwordHash: accounts.passwordHash })
            .from(accounts)
            .where(eq(accounts.id, session.accountId)),
        );
        const ok = account?.passwordHash
          ? await verifyPassword(account.passwordHash, password)
          : await verifyAgainstDummy(password);
        if (ok) return true as const;
        return false;
      },
      () =>
        new AppError(400, 'password_incorrect', {
          errors: [
            {
              pointer: '/body/currentPassword',
              message: {
                ja: '現在のパスワードが正しくありません。',
                en: 'The current password is incorrect.',
              },
            },
          ],
        }),
    );
  }

  // ------------------------------------------------------------------------------------------
  // Login, session

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public', rateLimit: LOGIN_RATE_LIMIT },
      schema: {
        tags,
        summary: 'ログイン（セッション Cookie を発行）',
        body: LoginBody,
        response: { 200: LoginResponse },
      },
    },
    async (request, reply) => {
      const now = clock.now();
      const email = normalizeEmail(request.body.email);
      const { password } = request.body;
      const subject = loginThrottleSubject(email, config.dataKeys);
      const gate = await beginAttempt(db, subject, now);
      if (!gate.allowed) {
        await emitAuthEvent(
          request,
          { action: 'auth.login.locked', outcome: 'denied', accountId: null, tenant: null, sessionId: null },
          null,
        );
        throw locked(reply, 'login_locked', gate.lockedUntil);
      }
      // Before any tenant is known, the account is looked up by e-mail as the system role (by design).
      const [account] = await asSystem(db, (tx) =>
        tx
          .select({
            id: accounts.id,
            passwordHash: accounts.passwordHash,
            status: accounts.status,
            tenantCode: accounts.tenantCode,
          })
          .from(accounts)
          // An account created with an address another tenant's account uses never signs in.
          .where(and(eq(accounts.email, email), eq(accounts.emailInUseElsewhere, false))),
      );
      // Always one argon2 verification, so time does not reveal whether the address has an account.
      const passwordOk = account?.passwordHash
        ? await verifyPassword(account.passwordHash, password)
        : await verifyAgainstDummy(password);
      if (!account || !passwordOk || account.status !== 'active') {
        const lockedUntil = await recordFailure(db, subject, now);
        await emitAuthEvent(
          request,
          {
            action: 'auth.login.failed',
            outcome: 'denied',
            accountId: account?.id ?? null,
            tenant: account?.tenantCode ?? null,
            sessionId: null,
          },
          null,
        );
        if (lockedUntil) throw locked(reply, 'login_locked', lockedUntil);
        throw new AppError(401, 'login_failed');
      }
      await recordSuccess(db, subject);
      // Rotation: whatever session this browser had before ends now (no session fixation).
      await revokeSessionByToken(db, sessionToken(request), now, 'replaced_by_login');
      const created = await publicWork(db, request, { tenant: account.tenantCode }, async ({ tx }) => {
        if (account.passwordHash && passwordNeedsRehash(account.passwordHash)) {
          await tx
            .update(accounts)
            .set({ passwordHash: await hashPassword(password) })
            .where(eq(accounts.id, account.id));
        }
        const session = await createSession(tx, {
          accountId: account.id,
          tenantCode: account.tenantCode,
          now,
          timeouts,
          userAgentLabel: userAgentLabel(request.headers['user-agent']),
        });
        await emitAuthEvent(
          request,
          {
            action: 'auth.login.succeeded',
            outcome: 'ok',
            accountId: account.id,
            tenant: account.tenantCode,
            sessionId: session.publicId,
          },
          tx,
        );
        return session;
      });
      const session = await adopt(request, reply, created.token);
      reply.header('cache-control', 'no-store');
      return {
        csrfToken: session.csrfToken,
        mfa: mfaSummary(session),
        account: { id: session.accountId, email: session.email, displayName: session.displayName },
      };
    },
  );

  app.get(
    '/api/auth/csrf',
    {
      config: { permission: 'public' },
      schema: { tags, summary: 'このセッションの CSRF トークン', response: { 200: CsrfResponse } },
    },
    async (request, reply) => {
      const session = await optionalSession(request);
      if (!session) throw new AppError(401, 'unauthenticated');
      reply.header('cache-control', 'no-store');
      return { csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { permission: 'self', beforeSecondFactor: true },
      schema: { tags, summary: 'ログイン中のアカウントとセッション', response: { 200: MeResponse } },
    },
    async (request, reply) => {
      const session = requireSession(request);
      reply.header('cache-control', 'no-store');
      return {
        account: {
          id: session.accountId,
          email: session.email,
          displayName: session.displayName,
          scope: session.scope,
          tenant: session.tenant,
          roles: session.roles.map((r) => ({ role: r.role, scope: ROLE_SCOPE[r.role], tenant: r.tenant })),
        },
        mfa: {
          required: session.mfa.required,
          satisfied: session.mfa.satisfied,
          enrolmentRequired: session.mfa.enrolmentRequired,
          verificationRequired: session.mfa.verificationRequired,
          methods: session.mfa.methods,
        },
        session: {
          id: session.publicId,
          expiresAt: session.absoluteExpiresAt.toISOString(),
          idleExpiresAt: session.idleExpiresAt.toISOString(),
          idleSeconds: app.ctx.config.sessionIdleMinutes * 60,
        },
      };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { permission: 'self', beforeSecondFactor: true }, schema: { tags, summary: 'ログアウト' } },
    async (request, reply) => {
      const session = requireSession(request);
      await publicWork(db, request, { tenant: session.tenant }, async ({ tx }) => {
        await revokeSession(tx, session.accountId, session.publicId, clock.now(), 'logout');
        await emitAuthEvent(
          request,
          {
            action: 'auth.logout',
            outcome: 'ok',
            accountId: session.accountId,
            tenant: session.tenant,
            sessionId: session.publicId,
          },
          tx,
        );
      });
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/logout-all',
    { config: { permission: 'self' }, schema: { tags, summary: 'すべての端末からログアウト' } },
    async (request, reply) => {
      const session = requireSession(request);
      await publicWork(db, request, { tenant: session.tenant }, async ({ tx }) => {
        await revokeAllSessions(tx, session.accountId, { at: clock.now(), reason: 'logout_all' });
        await emitAuthEvent(
          request,
          {
            action: 'auth.logout_all',
            outcome: 'ok',
            accountId: session.accountId,
            tenant: session.tenant,
            sessionId: session.publicId,
          },
          tx,
        );
      });
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/sessions',
    {
      config: { permission: 'self' },
      schema: { tags, summary: 'ログイン中の端末の一覧', response: { 200: SessionList } },
    },
    async (request) => {
      const session = requireSession(request);
      requireSecondFactorIfEnrolled(session);
      const items = await publicWork(db, request, { tenant: session.tenant }, ({ tx }) =>
        listSessions(tx, session.accountId, clock.now(), timeouts, session.publicId),
      );
      return { items, total: items.length, nextCursor: null };
    },
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      config: { permission: 'self' },
      schema: { tags, summary: '端末のログアウト', params: IdParams },
    },
    async (request, reply) => {
      const session = requireSession(request);
      requireSecondFactorIfEnrolled(session);
      const revoked = await publicWork(db, request, { tenant: session.tenant }, async ({ tx }) => {
        const done = await revokeSession(
          tx,
          session.accountId,
          request.params.id,
          clock.now(),
          'revoked_by_owner',
        );
        if (done) {
          await emitAuthEvent(
            request,
            {
              action: 'auth.session.revoked',
              outcome: 'ok',
              accountId: session.accountId,
              tenant: session.tenant,
              sessionId: session.publicId,
              recordId: request.params.id,
            },
            tx,
          );
        }
        return done;
      });
      if (!revoked) throw notFound();
      if (request.params.id === session.publicId) clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );

  // ------------------------------------------------------------------------------------------
  // Second factor: TOTP and recovery codes

  app.post(
    '/api/auth/mfa/totp/setup',
    {
      config: { permission: 'self', beforeSecondFactor: true },
      schema: { tags, summary: '認証アプリの設定を開始', response: { 200: TotpSetupResponse } },
    },
    async (request, reply) => {
      const session = requireSession(request);
      requireSecondFactorIfEnrolled(session);
      reply.header('cache-control', 'no-store');
      return publicWork(db, request, { tenant: session.tenant }, ({ tx }) =>
        beginTotpSetup(tx, {
          accountId: session.accountId,
          tenantCode: session.tenant,
          email: session.email,
          now: clock.now(),
          keys: config.dataKeys,
        }),
      );
    },
  );

  app.post(
    '/api/auth/mfa/totp/confirm',
    {
      config: { permission: 'self', beforeSecondFactor: true },
      schema: {
        tags,
        summary: '認証アプリの設定を完了（回復コードを発行）',
        body: TotpConfirmBody,
        response: { 200: RecoveryCodesResponse },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      requireSecondFactorIfEnrolled(session);
      const result = await throttled(
        reply,
        mfaThrottleSubject(session.accountId),
        'mfa_locked',
        () =>
          publicWork(db, request, { tenant: session.tenant }, async ({ tx }) => {
            const now = clock.now();
            const ok = await confirmTotpSetup(tx, {
              accountId: session.accountId,
              code: request.body.code,
              now,
              keys: config.dataKeys,
            });
            if (!ok) return false;
            const recoveryCodes = await replaceRecoveryCodes(tx, {
              accountId: session.accountId,
              tenantCode: session.tenant,
              now,
            });
            await emitAuthEvent(
              request,
              {
                action: 'auth.mfa.totp.enrolled',
                outcome: 'ok',
                accountId: session.accountId,
                tenant: session.tenant,
                sessionId: session.publicId,
              },
              tx,
            );
            await emitAuthEvent(
              request,
              {
                action: 'auth.mfa.recovery_codes.generated',
                outcome: 'ok',
                accountId: session.accountId,
                tenant: session.tenant,
                sessionId: session.publicId,
              },
              tx,
            );
            const token = await passSecondFactor(request, tx, session, 'totp');
            return { token, recoveryCodes };
          }),
        invalidCode,
      );
      reply.header('cache-control', 'no-store');
      return {
        csrfToken: (await adopt(request, reply, result.token)).csrfToken,
        recoveryCodes: result.recoveryCodes,
      };
    },
  );

  app.post(
    '/api/auth/mfa/verify',
    {
      config: { permission: 'self', beforeSecondFactor: true },
      schema: {
        tags,
        summary: '二段階認証（認証アプリまたは回復コード）',
        body: MfaVerifyBody,
        response: { 200: MfaPassedResponse },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const { method, code } = request.body;
      if (!session.mfa.methods.includes(method)) throw new AppError(400, 'mfa_not_enrolled');
      const token = await throttled(
        reply,
        mfaThrottleSubject(session.accountId),
        'mfa_locked',
        () =>
          publicWork(db, request, { tenant: session.tenant }, async ({ tx }) => {
            const now = clock.now();
            const ok =
              method === 'totp'
                ? await verifyTotpCode(tx, { accountId: session.accountId, code, now, keys: config.dataKeys })
                : await consumeRecoveryCode(tx, { accountId: session.accountId, code, now });
            if (!ok) return false;
            return passSecondFactor(request, tx, session, method);
          }),
        async () => {
          await emitAuthEvent(
            request,
            {
              action: 'auth.mfa.failed',
              outcome: 'denied',
              accountId: session.accountId,
              tenant: session.tenant,
              sessionId: session.publicId,
              method,
            },
            null,
          );
          return invalidCode();
        },
      );
      const updated = await adopt(request, reply, token);
      reply.header('cache-control', 'no-store');
      return { csrfToken: updated.csrfToken, mfa: mfaSummary(updated) };
    },
  );

  app.delete(
    '/api/auth/mfa/totp',
    {
      config: { permission: 'self' },
      schema: { tags, summary: '認証アプリの設定を解除', body: RemoveFactorBody },
    },
    async (request, reply) => {
      const session = requireSession(request);
      requireSecondFactorIfEnrolled(session);
      if (!session.mfa.methods.includes('totp')) throw new AppError(400, 'mfa_not_enrolled');
      const factors = await publicWork(db, request, { tenant: session.tenant }, ({ tx }) =>
        factorSummary(tx, session.accountId),
      );
      if (factors.passkeys === 0)
        await assertPasswordSafeWithoutMfa(reply, session, request.body.currentPassword);
      await throttled(
        reply,
        mfaThrottleSubject(session.accountId),
        'mfa_locked',
        () =>
          publicWork(db, request, { tenant: session.tenant }, async ({ tx }) => {
            const ok = await verifyTotpCode(tx, {
              accountId: session.accountId,
              code: request.body.code,
              now: clock.now(),
              keys: config.dataKeys,
            });
            if (!ok) return false;
            await removeTotp(tx, session.accountId);
            await dropRecoveryCodesIfNoFactor(tx, session.accountId);
            await emitAuthEvent(
              request,
              {
                action: 'auth.mfa.totp.removed',
                outcome: 'ok',
                accountId: session.accountId,
                tenant: session.tenant,
                sessionId: session.publicId,
              },
              tx,
            );
            return true;
          }),
        invalidCode,
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/mfa/recovery-codes',
    {
      config: { permission: 'self' },
      schema: {
        tags,
        summary: '回復コードを発行し直す（以前のコードは無効）',
        response: { 200: RecoveryCodesResponse },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      requireSecondFactorIfEnrolled(session);
      if (!session.mfa.enrolled) throw new AppError(400, 'mfa_not_enrolled');
      const recoveryCodes = await publicWork(db, request, { tenant: session.tenant }, async ({ tx }) => {
        const codes = await replaceRecoveryCodes(tx, {
          accountId: session.accountId,
          tenantCode: session.tenant,
          now: clock.now(),
        });
        await emitAuthEvent(
          request,
          {
            action: 'auth.mfa.recovery_codes.generated',
            outcome: 'ok',
            accountId: session.accountId,
            tenant: session.tenant,
            sessionId: session.publicId,
          },
          tx,
        );
        return codes;
      });
      reply.header('cache-control', 'no-store');
      return { csrfToken: session.csrfToken, recoveryCodes };
    },
  );

  // ------------------------------------------------------------------------------------------
  // Second factor: passkeys

  app.post(
    '/api/auth/mfa/passkey/register/options',
    {
      config: { permission: 'self', beforeSecondFactor: true },
      schema: { tags, summary: 'パスキー登録の開始', response: { 200: PasskeyOptionsResponse } },
    },
    async (request) => {
      const session = requireSession(request);
      requireSecondFactorIfEnrolled(session);
      const options = await publicWork(db, request, { tenant: session.tenant }, ({ tx }) =>
        passkeyRegistrationOptions(tx, {
          sessionHash: session.hash,
          accountId: session.accountId,
          email: session.email,
          displayName: session.displayName,
          now: clock.now(),
          config,
        }),
      );
      return { ...options };
    },
  );

  app.post(
    '/api/auth/mfa/passkey/register/verify',
    {
      config: { permission: 'self', beforeSecondFactor: true },
      schema: {
        tags,
        summary: 'パスキー登録の完了',
        body: PasskeyRegistrationBody,
        response: { 200: PasskeyRegisteredResponse },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      requireSecondFactorIfEnrolled(session);
      const result = await publicWork(db, request, { tenant: session.tenant }, async ({ tx }) => {
        const now = clock.now();
        const firstFactor = !hasSecondFactor(await factorSummary(tx, session.accountId));
        const { id } = await verifyPasskeyRegistration(tx, {
          sessionHash: session.hash,
          accountId: session.accountId,
          tenantCode: session.tenant,
          response: request.body.response as Parameters<typeof verifyPasskeyRegistration>[1]['response'],
          label: request.body.label || userAgentLabel(request.headers['user-agent']),
          now,
          config,
        });
        await emitAuthEvent(
          request,
          {
            action: 'auth.mfa.passkey.registered',
            outcome: 'ok',
            accountId: session.accountId,
            tenant: session.tenant,
            sessionId: session.publicId,
            recordId: id,
          },
          tx,
        );
        // The first factor comes with recovery codes, as TOTP does.
        const recoveryCodes = firstFactor
          ? await replaceRecoveryCodes(tx, { accountId: session.accountId, tenantCode: session.tenant, now })
          : null;
        const token = await passSecondFactor(request, tx, session, 'passkey');
        return { id, token, recoveryCodes };
      });
      reply.header('cache-control', 'no-store');
      return {
        id: result.id,
        csrfToken: (await adopt(request, reply, result.token)).csrfToken,
        recoveryCodes: result.recoveryCodes,
      };
    },
  );

  app.post(
    '/api/auth/mfa/passkey/authenticate/options',
    {
      config: { permission: 'self', beforeSecondFactor: true },
      schema: { tags, summary: 'パスキーによる二段階認証の開始', response: { 200: PasskeyOptionsResponse } },
    },
    async (request) => {
      const session = requireSession(request);
      const options = await publicWork(db, request, { tenant: session.tenant }, ({ tx }) =>
        passkeyAuthenticationOptions(tx, {
          sessionHash: session.hash,
          accountId: session.accountId,
          now: clock.now(),
          config,
        }),
      );
      return { ...options };
    },
  );

  app.post(
    '/api/auth/mfa/passkey/authenticate/verify',
    {
      config: { permission: 'self', beforeSecondFactor: true },
      schema: {
        tags,
        summary: 'パスキーによる二段階認証',
        body: PasskeyAuthenticationBody,
        response: { 200: MfaPassedResponse },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const token = await throttled(
        reply,
        mfaThrottleSubject(session.accountId),
        'mfa_locked',
        () =>
          publicWork(db, request, { tenant: session.tenant }, async ({ tx }) => {
            const ok = await verifyPasskeyAuthentication(tx, {
              sessionHash: session.hash,
              accountId: session.accountId,
              response: request.body.response as Parameters<
                typeof verifyPasskeyAuthentication
              >[1]['response'],
              now: clock.now(),
              config,
            });
            if (!ok) return false;
            return passSecondFactor(request, tx, session, 'passkey');
          }),
        () => new AppError(400, 'passkey_invalid'),
      );
      const updated = await adopt(request, reply, token);
      reply.header('cache-control', 'no-store');
      return { csrfToken: updated.csrfToken, mfa: mfaSummary(updated) };
    },
  );

  // Open before the second factor: a session whose account must (re-)enrol — for instance right after
  // removing its last passkey on the security page — needs its own (empty) list to enrol again. An
  // account that has a factor still passes it first (requireSecondFactorIfEnrolled).
  app.get(
    '/api/auth/mfa/passkeys',
    {
      config: { permission: 'self', beforeSecondFactor: true },
      schema: { tags, summary: '登録済みのパスキー', response: { 200: PasskeyList } },
    },
    async (request) => {
      const session = requireSession(request);
      requireSecondFactorIfEnrolled(session);
      const items = await publicWork(db, request, { tenant: session.tenant }, ({ tx }) =>
        listPasskeys(tx, session.accountId),
      );
      return { items, total: items.length, nextCursor: null };
    },
  );

  app.delete(
    '/api/auth/mfa/passkeys/:id',
    {
      config: { permission: 'self' },
      schema: { tags, summary: 'パスキーの削除', params: IdParams, body: RemovePasskeyBody.optional() },
    },
    async (request, reply) => {
      const session = requireSession(request);
      requireSecondFactorIfEnrolled(session);
      const factors = await publicWork(db, request, { tenant: session.tenant }, ({ tx }) =>
        factorSummary(tx, session.accountId),
      );
      if (!factors.hasTotp && factors.passkeys <= 1) {
        await assertPasswordSafeWithoutMfa(reply, session, request.body?.currentPassword);
      }
      const removed = await publicWork(db, request, { tenant: session.tenant }, async ({ tx }) => {
        const done = await removePasskey(tx, session.accountId, request.params.id);
        if (!done) return false;
        await dropRecoveryCodesIfNoFactor(tx, session.accountId);
        await emitAuthEvent(
          request,
          {
            action: 'auth.mfa.passkey.removed',
            outcome: 'ok',
            accountId: session.accountId,
            tenant: session.tenant,
            sessionId: session.publicId,
            recordId: request.params.id,
          },
          tx,
        );
        return true;
      });
      if (!removed) throw notFound();
      return reply.code(204).send();
    },
  );

  // ------------------------------------------------------------------------------------------
  // Passwords

  app.post(
    '/api/auth/password',
    {
      config: { permission: 'self' },
      schema: {
        tags,
        summary: 'パスワードの変更（他の端末はログアウト）',
        body: PasswordChangeBody,
        response: { 200: CsrfResponse },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      requireSecondFactorIfEnrolled(session);
      const { currentPassword, newPassword } = request.body;
      await checkCurrentPassword(reply, session, currentPassword);
      assertPasswordPolicy(
        newPassword,
        { hasMfa: session.mfa.enrolled, email: session.email },
        '/body/newPassword',
      );
      const passwordHash = await hashPassword(newPassword);
      const rotated = await publicWork(db, request, { tenant: session.tenant }, async ({ tx }) => {
        const now = clock.now();
        await tx
          .update(accounts)
          .set({ passwordHash, passwordChangedAt: now })
          .where(eq(accounts.id, session.accountId));
        await revokeAllSessions(tx, session.accountId, {
          at: now,
          reason: 'password_changed',
          exceptPublicId: session.publicId,
        });
        await emitAuthEvent(
          request,
          {
            action: 'auth.password.changed',
            outcome: 'ok',
            accountId: session.accountId,
            tenant: session.tenant,
            sessionId: session.publicId,
          },
          tx,
        );
        return rotateSessionToken(tx, session.hash);
      });
      setSessionCookie(request, reply, rotated.token);
      reply.header('cache-control', 'no-store');
      return { csrfToken: rotated.csrfToken };
    },
  );

  app.post(
    '/api/auth/password-reset',
    {
      config: { permission: 'public', rateLimit: PASSWORD_RESET_RATE_LIMIT },
      schema: { tags, summary: '管理者が発行したリンクでパスワードを再設定', body: PasswordResetBody },
    },
    async (request, reply) => {
      await resetPasswordWithToken(db, config, {
        token: request.body.token,
        newPassword: request.body.newPassword,
        now: clock.now(),
        within: (tx, account) =>
          emitAuthEvent(
            request,
            {
              action: 'auth.password.reset',
              outcome: 'ok',
              accountId: account.accountId,
              tenant: account.tenantCode,
              sessionId: null,
            },
            tx,
          ),
      });
      return reply.code(204).send();
    },
  );
}
