import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  MfaPassedResponse,
  RecoveryCodesResponse,
  TotpSetupResponse,
} from '../../../shared/contracts/accounts.ts';
import { publicWork } from '../../platform/access/request-transaction.ts';
import { requireSecondFactorIfEnrolled, requireSession } from '../../platform/auth/authentication.ts';
import { emitAuthEvent } from '../../platform/auth/events.ts';
import {
  beginTotpSetup,
  confirmTotpSetup,
  consumeRecoveryCode,
  dropRecoveryCodesIfNoFactor,
  factorSummary,
  invalidCode,
  removeTotp,
  replaceRecoveryCodes,
  verifyTotpCode,
} from '../../platform/auth/mfa.ts';
import { mfaThrottleSubject } from '../../platform/auth/throttle.ts';
import { AppError } from '../../platform/errors.ts';
import { authFlow, mfaSummary, tags } from './auth.flow.ts';
import { MfaVerifyBody, RemoveFactorBody, TotpConfirmBody } from './auth.schema.ts';

/** Second factor: an authenticator app (TOTP), checking a code, and recovery codes. */
export function registerTotpRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, config, clock } = app.ctx;
  const { throttled, passSecondFactor, adopt, assertPasswordSafeWithoutMfa } = authFlow(app);

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
}
