import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PublicRegistration, RegisterResult } from '../../../shared/contracts/events.ts';
import { publicWork } from '../../platform/access/request-transaction.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { PUBLIC_FORM_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import { registrationByCode } from './events.codes.ts';
import { eventsError } from './events.errors.ts';
import { publicEventRow } from './events.public.ts';
import {
  cancelRegistrationSession,
  presentRegistration,
  register,
  registrationByToken,
  tenantOfToken,
} from './events.registration.ts';
import {
  EventParams,
  RegisterBody,
  RegistrationCodeBody,
  RegistrationCodeCancelBody,
  TokenParams,
  TokenSessionParams,
} from './events.schema.ts';

const tags = ['events'];

/**
 * Registration without an account (issue 5): sign up (Idempotency-Key), then check and cancel with
 * the private link, or with the 受付番号 and cancel code typed in on the event's cancel page.
 */
export function registerEventRegistrationRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };

  app.post(
    '/api/public/events/:id/registrations',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags,
        summary:
          '申し込み（アカウント不要。連続講座は全日程。満席ならキャンセル待ち。確認用リンクは一度だけ表示。Idempotency-Key 対応）',
        params: EventParams,
        body: RegisterBody,
        response: { 201: RegisterResult },
      },
    },
    async (request, reply) => {
      const found = await publicWork(db, request, ({ tx }) => publicEventRow(tx, request.params.id));
      const tenant = found.municipalityCode;
      const result = await publicWork(db, request, { tenant }, ({ tx, audit }) =>
        idempotent(request, tx, { scope: 'events.register', tenant, keys: config.dataKeys }, async () => {
          const event = await publicEventRow(tx, request.params.id);
          const { id, result } = await register(tx, ctx, event, request.body);
          audit({ action: 'events.registration.create', recordType: 'event_registration', recordId: id });
          return { status: 201, body: result };
        }),
      );
      return reply
        .code(result.status as 201)
        .header('idempotent-replayed', String(result.replayed))
        .header('cache-control', 'no-store')
        .send(result.body);
    },
  );

  const notFoundByToken = () => eventsError(404, 'events_registration_not_found');

  app.get(
    '/api/public/event-registrations/:token',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags,
        summary: '確認用リンク: 申し込みの状態（日程ごと。連絡先は表示しません）',
        params: TokenParams,
        response: { 200: PublicRegistration },
      },
    },
    async (request, reply) => {
      const tenant = tenantOfToken(request.params.token);
      if (!tenant) throw notFoundByToken();
      const view = await publicWork(db, request, { tenant }, async ({ tx, audit }) => {
        const found = await registrationByToken(tx, request.params.token);
        if (!found) return null;
        audit({
          action: 'events.registration.read',
          recordType: 'event_registration',
          recordId: found.registration.id,
        });
        return presentRegistration(tx, found, clock.now());
      });
      if (!view) throw notFoundByToken();
      return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send(view);
    },
  );

  app.post(
    '/api/public/event-registrations/:token/sessions/:sessionId/cancel',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags,
        summary: '確認用リンク: 日程ごとの取り消し（空いた席はキャンセル待ちの先頭の方へ）',
        params: TokenSessionParams,
        response: { 200: PublicRegistration },
      },
    },
    async (request, reply) => {
      const tenant = tenantOfToken(request.params.token);
      if (!tenant) throw notFoundByToken();
      const view = await publicWork(db, request, { tenant }, async ({ tx, audit }) => {
        const found = await registrationByToken(tx, request.params.token);
        if (!found) return null;
        await cancelRegistrationSession(tx, ctx, found, request.params.sessionId);
        audit({
          action: 'events.registration.cancel',
          recordType: 'event_registration',
          recordId: found.registration.id,
        });
        return presentRegistration(tx, found, clock.now());
      });
      if (!view) throw notFoundByToken();
      return reply.header('cache-control', 'no-store').send(view);
    },
  );

  // The same two actions with the 受付番号 and the short cancel code typed in, on the event's cancel
  // page. POST, so the codes never sit in an address, a history or a proxy log.
  const notFoundByCode = () => eventsError(404, 'events_registration_code_not_found');

  app.post(
    '/api/public/events/:id/registrations/find',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags,
        summary: '受付番号と取り消し番号で申し込みの状態を見る（連絡先は表示しません）',
        params: EventParams,
        body: RegistrationCodeBody,
        response: { 200: PublicRegistration },
      },
    },
    async (request, reply) => {
      const event = await publicWork(db, request, ({ tx }) => publicEventRow(tx, request.params.id));
      const view = await publicWork(
        db,
        request,
        { tenant: event.municipalityCode },
        async ({ tx, audit }) => {
          const found = await registrationByCode(
            tx,
            event,
            request.body.receiptNumber,
            request.body.cancelCode,
          );
          if (!found) return null;
          audit({
            action: 'events.registration.read',
            recordType: 'event_registration',
            recordId: found.registration.id,
          });
          return presentRegistration(tx, found, clock.now());
        },
      );
      if (!view) throw notFoundByCode();
      return reply.header('cache-control', 'no-store').send(view);
    },
  );

  app.post(
    '/api/public/events/:id/registrations/cancel',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags,
        summary: '受付番号と取り消し番号で日程ごとに取り消す（空いた席はキャンセル待ちの先頭の方へ）',
        params: EventParams,
        body: RegistrationCodeCancelBody,
        response: { 200: PublicRegistration },
      },
    },
    async (request, reply) => {
      const event = await publicWork(db, request, ({ tx }) => publicEventRow(tx, request.params.id));
      const { receiptNumber, cancelCode, sessionId } = request.body;
      const view = await publicWork(
        db,
        request,
        { tenant: event.municipalityCode },
        async ({ tx, audit }) => {
          const found = await registrationByCode(tx, event, receiptNumber, cancelCode);
          if (!found) return null;
          await cancelRegistrationSession(tx, ctx, found, sessionId);
          audit({
            action: 'events.registration.cancel',
            recordType: 'event_registration',
            recordId: found.registration.id,
          });
          return presentRegistration(tx, found, clock.now());
        },
      );
      if (!view) throw notFoundByCode();
      return reply.header('cache-control', 'no-store').send(view);
    },
  );
}
