import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CsrfResponse, LoginResponse, MeResponse, SessionList } from '../../../shared/contracts/accounts.ts';
import { ROLE_SCOPE } from '../../../shared/roles.ts';
import { publicWork } from '../../platform/access/request-transaction.ts';
import {
  clearSessionCookie,
  optionalSession,
  requireSecondFactorIfEnrolled,
  requireSession,
  sessionToken,
} from '../../platform/auth/authentication.ts';
import { emitAuthEvent } from '../../platform/auth/events.ts';
import { verifyAgainstDummy, verifyPassword } from '../../platform/auth/password.ts';
import {
  createSession,
  listSessions,
  revokeAllSessions,
  revokeSession,
  revokeSessionByToken,
} from '../../platform/auth/sessions.ts';
import {
  beginAttempt,
  loginThrottleSubject,
  recordFailure,
  recordSuccess,
} from '../../platform/auth/throttle.ts';
import { userAgentLabel } from '../../platform/auth/user-agent.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findSignInAccount, normalizeEmail, rehashPasswordIfNeeded } from './auth.credentials.ts';
import { authFlow, mfaSummary, tags } from './auth.flow.ts';
import { IdParams, LoginBody } from './auth.schema.ts';

/** Per client address, on top of the per-account lockout (which is shared by all app processes). */
const LOGIN_RATE_LIMIT = { max: 30, timeWindow: '1 minute' } as const;

/** Sign-in, the session and its CSRF token, signing out, and the list of signed-in devices. */
export function registerSessionRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, config, clock } = app.ctx;
  const { timeouts, locked, adopt } = authFlow(app);

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
      const account = await asSystem(db, (tx) => findSignInAccount(tx, email));
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
        await rehashPasswordIfNeeded(tx, account, password);
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
}
