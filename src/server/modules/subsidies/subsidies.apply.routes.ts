import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  ApplicationBody,
  PublicApplicationBody,
  PublicProgramme,
  PublicStatus,
  StatusLookupBody,
  SubmittedApplication,
} from '../../../shared/contracts/subsidies.ts';
import { UPLOAD_LIMIT_BYTES } from '../../../shared/limits.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { publicWork, staffWork } from '../../platform/access/request-transaction.ts';
import { AppError, type LocalisedFieldError } from '../../platform/errors.ts';
import { assertCleanText } from '../../platform/http/hostile-text.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { localisedIssue } from '../../platform/http/problem.ts';
import { PUBLIC_FORM_RATE_LIMIT, PUBLIC_READ_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import { receiveMultipart, refuseWhenGateFull, throughUploadGate } from '../../platform/uploads/index.ts';
import {
  findByReceiptNumber,
  publicStatus,
  type ReceiptFile,
  submitApplication,
} from './subsidies.applications.ts';
import { SUBSIDY_TEXT, subsidyError } from './subsidies.errors.ts';
import { publicProgramme } from './subsidies.programmes.ts';
import { prepareReceipt } from './subsidies.receipts.ts';
import { IdParams, TenantParams } from './subsidies.schema.ts';

const tags = ['subsidies'];
const MAX_RECEIPTS = 3;

/**
 * Request 4, the application: the public programme's rules, the application (multipart: a JSON field
 * `application` and up to 3 receipt files, each ≤ 10 MiB, `Idempotency-Key`) sent by the person or
 * entered at the counter, and the status by receipt number. Every read and write is audited (ids only).
 */
export async function registerSubsidyApplyRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };

  // ── public ────────────────────────────────────────────────────────────────────────────────

  app.get(
    '/api/public/subsidy-programmes/:municipalityCode',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: '交通費補助：いま申請できる制度のきまり（上限・距離あたりの額・申請できる人）',
        params: TenantParams,
        response: { 200: PublicProgramme },
      },
    },
    async (request) => {
      const tenant = request.params.municipalityCode;
      return publicWork(db, request, { tenant }, ({ tx }) => publicProgramme(tx, tenant, clock.now()));
    },
  );

  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: UPLOAD_LIMIT_BYTES, files: MAX_RECEIPTS, fields: 1, parts: MAX_RECEIPTS + 1 },
    });
    const s = scope.withTypeProvider<ZodTypeProvider>();

    s.post(
      '/api/public/subsidy-applications',
      {
        config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
        bodyLimit: MAX_RECEIPTS * UPLOAD_LIMIT_BYTES + 256 * 1024,
        schema: {
          tags,
          summary:
            '交通費補助の申請（アカウント不要）。multipart: application（JSON）と receipts（JPEG・PNG・PDF、各 10 MiB まで、3 つまで）。Idempotency-Key で二重送信を防止',
          consumes: ['multipart/form-data'],
          response: { 201: SubmittedApplication },
        },
      },
      async (request, reply) => {
        const { body, receipts } = await readApplication(request, reply, PublicApplicationBody);
        const tenant = body.municipalityCode;
        const result = await publicWork(db, request, { tenant }, ({ tx, audit }) =>
          idempotent(request, tx, { scope: 'subsidies.apply', tenant, keys: config.dataKeys }, async () => {
            const { id, ...created } = await submitApplication(tx, ctx, body, receipts, null);
            audit({
              action: 'subsidies.application.create',
              recordType: 'subsidy_application',
              recordId: id,
            });
            return { status: 201, body: created };
          }),
        );
        return reply
          .code(201)
          .header('idempotent-replayed', String(result.replayed))
          .header('cache-control', 'no-store')
          .send(result.body);
      },
    );

    s.post(
      '/api/subsidies/applications',
      {
        config: { permission: 'subsidies.review' },
        bodyLimit: MAX_RECEIPTS * UPLOAD_LIMIT_BYTES + 256 * 1024,
        schema: {
          tags,
          summary: '窓口での申請の入力（本人と一緒に）。multipart は公開の申請と同じ',
          consumes: ['multipart/form-data'],
          response: { 201: SubmittedApplication.extend({ id: IdParams.shape.id }) },
        },
      },
      async (request, reply) => {
        const { body, receipts } = await readApplication(request, reply, ApplicationBody);
        const result = await staffWork(db, request, ({ tx, tenant, audit }) =>
          idempotent(request, tx, { scope: 'subsidies.apply', tenant, keys: config.dataKeys }, async () => {
            const created = await submitApplication(
              tx,
              ctx,
              { ...body, municipalityCode: tenant },
              receipts,
              actorOf(request).accountId,
            );
            audit({
              action: 'subsidies.application.create',
              recordType: 'subsidy_application',
              recordId: created.id,
            });
            return { status: 201, body: created };
          }),
        );
        return reply.code(201).header('idempotent-replayed', String(result.replayed)).send(result.body);
      },
    );
  });

  app.post(
    '/api/public/subsidy-applications/status',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags,
        summary: '受付番号で申請の状況を見る（状況と日付だけ）',
        body: StatusLookupBody,
        response: { 200: PublicStatus },
      },
    },
    async (request, reply) => {
      const found = await findByReceiptNumber(db, request.body.receiptNumber);
      if (!found) throw subsidyError(404, 'subsidy_receipt_not_found');
      const view = await publicWork(
        db,
        request,
        { tenant: found.municipalityCode },
        async ({ tx, audit }) => {
          const status = await publicStatus(tx, found.municipalityCode, found.id);
          audit({
            action: 'subsidies.application.status-read',
            recordType: 'subsidy_application',
            recordId: found.id,
          });
          return status;
        },
      );
      return reply.header('cache-control', 'no-store').send(view);
    },
  );
}

/**
 * Reads the multipart application: the JSON field `application` (validated with `schema`) and up to
 * three receipt files. The body is streamed to temporary files with limits before anything else; the
 * JSON is checked before any picture is decoded; the receipts are then prepared (re-encoded or
 * checked) through the upload gate, outside any database transaction. The parsed body and the files'
 * hashes become `request.body`, so `Idempotency-Key` compares what was really sent.
 */
async function readApplication<S extends z.ZodType>(
  request: FastifyRequest,
  reply: FastifyReply,
  schema: S,
): Promise<{ body: z.infer<S>; receipts: ReceiptFile[] }> {
  refuseWhenGateFull(reply);
  const received = await receiveMultipart(request, {
    maxFiles: MAX_RECEIPTS,
    maxFileBytes: UPLOAD_LIMIT_BYTES,
    maxFields: 1,
  });
  try {
    const json = received.fields.get('application') ?? null;
    if (json === null)
      throw subsidyError(400, 'validation_failed', {
        pointer: '/body/application',
        message: SUBSIDY_TEXT.applicationMissing,
      });
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      throw subsidyError(400, 'validation_failed', {
        pointer: '/body/application',
        message: SUBSIDY_TEXT.invalidJson,
      });
    }
    assertCleanText(raw, '/body/application');
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const errors: LocalisedFieldError[] = parsed.error.issues.map((issue) => ({
        pointer: `/body/${issue.path.map(String).join('/')}`,
        message: localisedIssue(issue),
      }));
      throw new AppError(400, 'validation_failed', { errors });
    }
    const files = received.files.filter((f) => f.fieldname === 'receipts');
    const receipts = await throughUploadGate(reply, async () => {
      const out: ReceiptFile[] = [];
      for (const [index, file] of files.entries())
        out.push(await prepareReceipt(await received.read(file), index));
      return out;
    });
    (request as { body: unknown }).body = { application: parsed.data, receipts: files.map((f) => f.sha256) };
    return { body: parsed.data, receipts };
  } finally {
    await received.cleanup();
  }
}
