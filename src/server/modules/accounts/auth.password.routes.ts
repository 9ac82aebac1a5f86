import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CsrfResponse } from '../../../shared/contracts/accounts.ts';
import { publicWork } from '../../platform/access/request-transaction.ts';
import {
  requireSecondFactorIfEnrolled,
  requireSession,
  setSessionCookie,
} from '../../platform/auth/authentication.ts';
import { emitAuthEvent } from '../../platform/auth/events.ts';
import { assertPasswordPolicy, hashPassword } from '../../platform/auth/password.ts';
import { resetPasswordWithToken } from '../../platform/auth/password-reset.ts';
import { revokeAllSessions, rotateSessionToken } from '../../platform/auth/sessions.ts';
import { storeNewPassword } from './auth.credentials.ts';
import { authFlow, tags } from './auth.flow.ts';
import { PasswordChangeBody, PasswordResetBody } from './auth.schema.ts';

const PASSWORD_RESET_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

/** Changing one's own password, and setting one with a reset link an administrator issued. */
export function registerPasswordRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, config, clock } = app.ctx;
  const { checkCurrentPassword } = authFlow(app);

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
        await storeNewPassword(tx, session.accountId, passwordHash, now);
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
