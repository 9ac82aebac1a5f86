import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ConsultationDetail,
  PublicConsultationView,
  QueueItem,
  QueueList,
  ReplyResult,
  SubmitConsultationResult,
  WriteAgainResult,
} from '../../../shared/contracts/consultations.ts';
import { actorOf, tenantOf } from '../../platform/access/guard.ts';
import { publicWork, staffWork } from '../../platform/access/request-transaction.ts';
import { blindIndex } from '../../platform/crypto/fields.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { PUBLIC_FORM_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import { consultationsError } from './consultations.errors.ts';
import { findByReplyCode, publicView, submitConsultation, writeAgain } from './consultations.public.ts';
import { closeConsultation, getConsultation, listQueue, replyToConsultation } from './consultations.queue.ts';
import {
  CloseBody,
  ConsultationParams,
  QueueQuery,
  ReadConsultationBody,
  ReplyBody,
  SubmitConsultationBody,
  WriteAgainBody,
} from './consultations.schema.ts';

/** Keyed digest context of the one-time address in the idempotency request hash. */
const EMAIL_DIGEST = 'idempotency_keys.request_hash:consultations.email';

/**
 * Anonymous online consultation (issue 6, part 1). Public: write, read replies and write again with
 * the reply code (no account; rate-limited; Idempotency-Key). Staff: the tenant's queue, reading
 * (audited), replying and closing. Every answer carries `cache-control: no-store`: a shared phone
 * must not keep a consultation in its cache.
 */
export function registerConsultationRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };
  const tags = ['consultations'];
  const notFoundByCode = () => consultationsError(404, 'consultation_not_found');

  app.post(
    '/api/public/consultations',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags,
        summary:
          '匿名のオンライン相談を送る（アカウント不要。返信コードは一度だけ表示。Idempotency-Key 対応）',
        body: SubmitConsultationBody,
        response: { 201: SubmitConsultationResult },
      },
    },
    async (request, reply) => {
      const tenant = request.body.municipalityCode;
      const result = await publicWork(db, request, { tenant }, ({ tx, audit }) =>
        idempotent(
          request,
          tx,
          {
            scope: 'consultations.submit',
            tenant,
            keys: config.dataKeys,
            // The address (used once for the 受付番号) must not stay even as a plain hash of the body.
            hashBody: request.body.email
              ? {
                  ...request.body,
                  email: blindIndex(request.body.email.toLowerCase(), config.dataKeys[0]!, EMAIL_DIGEST),
                }
              : request.body,
          },
          async () => {
            const { id, replyCode, receivedAt, codeEmailed } = await submitConsultation(
              tx,
              ctx,
              request.body,
            );
            audit({ action: 'consultations.consultation.create', recordType: 'consultation', recordId: id });
            return { status: 201, body: { replyCode, municipalityCode: tenant, receivedAt, codeEmailed } };
          },
        ),
      );
      return reply
        .code(result.status as 201)
        .header('idempotent-replayed', String(result.replayed))
        .header('cache-control', 'no-store')
        .send(result.body);
    },
  );

  app.post(
    '/api/public/consultations/read',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags,
        summary: '返信コードで、相談のやりとりを読む（見つからないときは常に同じ 404）',
        body: ReadConsultationBody,
        response: { 200: PublicConsultationView },
      },
    },
    async (request, reply) => {
      const { municipalityCode: tenant, replyCode } = request.body;
      const view = await publicWork(db, request, { tenant }, async ({ tx, audit }) => {
        const row = await findByReplyCode(tx, tenant, replyCode);
        if (!row) return null;
        const result = await publicView(tx, ctx, row);
        audit({ action: 'consultations.reply.read', recordType: 'consultation', recordId: row.id });
        return result;
      });
      if (!view) throw notFoundByCode();
      return reply.header('cache-control', 'no-store').send(view);
    },
  );

  app.post(
    '/api/public/consultations/messages',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags,
        summary: '返信コードで、もう一度書く（Idempotency-Key 対応）',
        body: WriteAgainBody,
        response: { 201: WriteAgainResult },
      },
    },
    async (request, reply) => {
      const { municipalityCode: tenant, replyCode, message } = request.body;
      const result = await publicWork(db, request, { tenant }, async ({ tx, audit }) => {
        const row = await findByReplyCode(tx, tenant, replyCode);
        if (!row) return null;
        return idempotent(
          request,
          tx,
          { scope: 'consultations.message', tenant, keys: config.dataKeys },
          async () => {
            const written = await writeAgain(tx, ctx, row, message);
            audit({ action: 'consultations.message.create', recordType: 'consultation', recordId: row.id });
            return { status: 201, body: { at: written.at } };
          },
        );
      });
      if (!result) throw notFoundByCode();
      return reply
        .code(result.status as 201)
        .header('idempotent-replayed', String(result.replayed))
        .header('cache-control', 'no-store')
        .send(result.body);
    },
  );

  // ── staff ──

  app.get(
    '/api/consultations',
    {
      config: { permission: 'consultations.respond' },
      schema: {
        tags,
        summary: '相談の受付一覧（返信待ちの長いものから。本文は含まない）',
        querystring: QueueQuery,
        response: { 200: QueueList },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, async ({ tx, audit }) => {
        const list = await listQueue(tx, tenant, request.query, clock.now());
        audit({ action: 'consultations.consultation.list', recordType: 'consultation', recordId: null });
        return list;
      });
    },
  );

  app.get(
    '/api/consultations/:id',
    {
      config: { permission: 'consultations.respond' },
      schema: {
        tags,
        summary: '相談のやりとり（閲覧は監査ログに残る）',
        params: ConsultationParams,
        response: { 200: ConsultationDetail },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const detail = await staffWork(db, request, async ({ tx, audit }) => {
        const found = await getConsultation(tx, ctx, tenant, request.params.id);
        audit({ action: 'consultations.consultation.read', recordType: 'consultation', recordId: found.id });
        return found;
      });
      return reply.header('cache-control', 'no-store').send(detail);
    },
  );

  app.post(
    '/api/consultations/:id/replies',
    {
      config: { permission: 'consultations.respond' },
      schema: {
        tags,
        summary: '相談に返信する（相手には通知しない: 返信コードで読みに来る）',
        params: ConsultationParams,
        body: ReplyBody,
        response: { 201: ReplyResult },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const result = await staffWork(db, request, async ({ tx, audit }) => {
        const done = await replyToConsultation(
          tx,
          ctx,
          tenant,
          request.params.id,
          actorOf(request).accountId,
          request.body.message,
        );
        audit({
          action: 'consultations.reply.create',
          recordType: 'consultation',
          recordId: request.params.id,
        });
        return done;
      });
      return reply.code(201).header('cache-control', 'no-store').send(result);
    },
  );

  app.post(
    '/api/consultations/:id/close',
    {
      config: { permission: 'consultations.respond' },
      schema: {
        tags,
        summary: '相談を終了にする（本人がまた書けば再開する。version が古いと 409）',
        params: ConsultationParams,
        body: CloseBody,
        response: { 200: QueueItem },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, async ({ tx, audit }) => {
        const closed = await closeConsultation(
          tx,
          ctx,
          tenant,
          request.params.id,
          request.body.version,
          request.body.reason,
        );
        audit({
          action: 'consultations.consultation.close',
          recordType: 'consultation',
          recordId: closed.id,
        });
        return closed;
      });
    },
  );
}
