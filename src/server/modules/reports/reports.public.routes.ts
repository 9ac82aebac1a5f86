import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AddInformationResult,
  PublicReportView,
  ReportWindow,
  SubmitReportResult,
} from '../../../shared/contracts/reports.ts';
import { type PublicWork, publicWork } from '../../platform/access/request-transaction.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { PUBLIC_FORM_RATE_LIMIT, PUBLIC_READ_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import { reportsError } from './reports.errors.ts';
import { addInformation, findByReplyCode, publicView, reportWindow, submitReport } from './reports.public.ts';
import {
  AddInformationBody,
  ReplyLookupBody,
  ReportWindowParams,
  SubmitReportBody,
} from './reports.schema.ts';

/**
 * The public side of reports: the report form, whether a town takes reports, and reading answers or
 * adding information with the reply code. No account; rate-limited; a form's write once per
 * Idempotency-Key.
 */
export function registerPublicReportRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };

  /** The report a reply code opens; a wrong code answers as if no report existed. */
  const reportOfReplyCode = async (replyCode: string) => {
    const found = await findByReplyCode(db, replyCode);
    if (!found) throw reportsError(404, 'reply_code_not_found');
    return found;
  };

  /**
   * A public form's write, once per Idempotency-Key: a sender's retry gets the first answer again,
   * and no cache keeps it.
   */
  const createOnce = async <T>(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { scope: string; tenant: string },
    create: (w: PublicWork) => Promise<T>,
  ) => {
    const { scope, tenant } = options;
    const result = await publicWork(db, request, { tenant }, (w) =>
      idempotent(request, w.tx, { scope, tenant, keys: config.dataKeys }, async () => ({
        status: 201,
        body: await create(w),
      })),
    );
    return reply
      .code(result.status)
      .header('idempotent-replayed', String(result.replayed))
      .header('cache-control', 'no-store')
      .send(result.body);
  };

  app.post(
    '/api/public/reports',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags: ['reports'],
        summary: '不適切な支援の通報（匿名可。Idempotency-Key で二重送信を防止）',
        body: SubmitReportBody,
        response: { 201: SubmitReportResult },
      },
    },
    async (request, reply) => {
      const tenant = request.body.municipalityCode;
      return createOnce(request, reply, { scope: 'reports.submit', tenant }, async ({ tx, audit }) => {
        const { id, ...body } = await submitReport(tx, ctx, request.body);
        audit({ action: 'reports.report.create', recordType: 'report', recordId: id });
        return body;
      });
    },
  );

  app.get(
    '/api/public/reports/window/:code',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags: ['reports'],
        summary: 'この市区町村（または都道府県）が通報を受け付けているか、職員が読む時間',
        params: ReportWindowParams,
        response: { 200: ReportWindow },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const window = await publicWork(db, request, { tenant: code }, ({ tx }) => reportWindow(tx, code));
      return reply.header('cache-control', 'no-cache').send(window);
    },
  );

  app.post(
    '/api/public/reports/reply',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags: ['reports'],
        summary: '返信コードで、市区町村からの返信と受付状況を読む',
        body: ReplyLookupBody,
        response: { 200: PublicReportView },
      },
    },
    async (request, reply) => {
      const found = await reportOfReplyCode(request.body.replyCode);
      const view = await publicWork(
        db,
        request,
        { tenant: found.municipalityCode },
        async ({ tx, audit }) => {
          const result = await publicView(tx, ctx, found.municipalityCode, found.id);
          audit({ action: 'reports.reply.read', recordType: 'report', recordId: found.id });
          return result;
        },
      );
      return reply.header('cache-control', 'no-store').send(view);
    },
  );

  app.post(
    '/api/public/reports/additions',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags: ['reports'],
        summary: '返信コードで、通報に情報を追加する（Idempotency-Key 対応）',
        body: AddInformationBody,
        response: { 201: AddInformationResult },
      },
    },
    async (request, reply) => {
      const found = await reportOfReplyCode(request.body.replyCode);
      const tenant = found.municipalityCode;
      return createOnce(request, reply, { scope: 'reports.addition', tenant }, async ({ tx, audit }) => {
        const { id, ...body } = await addInformation(tx, ctx, tenant, found.id, request.body.text);
        audit({ action: 'reports.addition.create', recordType: 'report_note', recordId: id });
        return body;
      });
    },
  );
}
