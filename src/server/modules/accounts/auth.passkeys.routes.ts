import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  MfaPassedResponse,
  PasskeyList,
  PasskeyOptionsResponse,
  PasskeyRegisteredResponse,
} from '../../../shared/contracts/accounts.ts';
import { publicWork } from '../../platform/access/request-transaction.ts';
import { requireSecondFactorIfEnrolled, requireSession } from '../../platform/auth/authentication.ts';
import { emitAuthEvent } from '../../platform/auth/events.ts';
import {
  dropRecoveryCodesIfNoFactor,
  factorSummary,
  hasSecondFactor,
  replaceRecoveryCodes,
} from '../../platform/auth/mfa.ts';
import {
  listPasskeys,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  removePasskey,
  verifyPasskeyAuthentication,
  verifyPasskeyRegistration,
} from '../../platform/auth/passkeys.ts';
import { mfaThrottleSubject } from '../../platform/auth/throttle.ts';
import { userAgentLabel } from '../../platform/auth/user-agent.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authFlow, mfaSummary, tags } from './auth.flow.ts';
import {
  IdParams,
  PasskeyAuthenticationBody,
  PasskeyRegistrationBody,
  RemovePasskeyBody,
} from './auth.schema.ts';

/** Second factor: passkeys (WebAuthn), registering, signing in with one, listing and removing them. */
export function registerPasskeyRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, config, clock } = app.ctx;
  const { throttled, passSecondFactor, adopt, assertPasswordSafeWithoutMfa } = authFlow(app);

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
}
