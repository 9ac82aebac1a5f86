import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { UPLOAD_LIMIT_BYTES } from '../../../shared/limits.ts';
import { hasPermission } from '../../../shared/permissions.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { publicWork, staffWork } from '../../platform/access/request-transaction.ts';
import { AppError, type LocalisedFieldError } from '../../platform/errors.ts';
import { assertCleanText } from '../../platform/http/hostile-text.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { PUBLIC_FORM_RATE_LIMIT, PUBLIC_READ_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import { receiveMultipart, refuseWhenGateFull, throughUploadGate } from '../../platform/uploads/index.ts';
import {
  findByReceiptNumber,
  publicStatus,
  type ReceiptFile,
  submitApplication,
} from './subsidies.applications.ts';
import {
  applicationIdOfClaim,
  confirmClaim,
  listWaitingClaims,
  rejectClaim,
  submitClaim,
} from './subsidies.claims.ts';
import { checkIdentity, decideApplication, decisionNotice } from './subsidies.decision.ts';
import {
  createProgramme,
  getProgramme,
  listProgrammes,
  publicProgramme,
  updateProgramme,
} from './subsidies.programmes.ts';
import { getApplication, getReceiptFile, listApplications, revealField } from './subsidies.queue.ts';
import { prepareReceipt } from './subsidies.receipts.ts';
import {
  ApplicationBody,
  ApplicationDetail,
  ApplicationList,
  ApplicationListQuery,
  CheckBody,
  ClaimBody,
  ClaimParams,
  ClaimView,
  ConfirmBody,
  DecideBody,
  IdParams,
  Notice,
  Programme,
  ProgrammeBody,
  ProgrammeList,
  PublicApplicationBody,
  PublicProgramme,
  PublicStatus,
  ReceiptParams,
  RejectClaimBody,
  Revealed,
  StatusLookupBody,
  SubmittedApplication,
  TenantParams,
  UpdateProgrammeBody,
  WaitingClaimList,
  WaitingClaimsQuery,
} from './subsidies.schema.ts';
import './subsidies.payable.ts';

const tags = ['subsidies'];
export const MAX_RECEIPTS = 3;

/**
 * Request 4: the transport-cost subsidy. Public: the programme's rules, the application (multipart:
 * a JSON field `application` and up to 3 receipt files, each ≤ 10 MiB, `Idempotency-Key`), and the
 * status by receipt number. Staff: programmes, the queue, identity check, decision and its notice,
 * monthly claims and 額の確定. Every read and write of an application is audited (ids only).
 */
export async function registerSubsidyRoutes(fastify: FastifyInstance): Promise<void> {
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
      if (!found) throw new AppError(404, 'subsidy_receipt_not_found');
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

  // ── programmes ────────────────────────────────────────────────────────────────────────────

  app.get(
    '/api/subsidies/programmes',
    {
      config: { permission: 'subsidies.read' },
      schema: { tags, summary: '制度（年度ごと）と予算の残り', response: { 200: ProgrammeList } },
    },
    async (request) => staffWork(db, request, ({ tx, tenant }) => listProgrammes(tx, tenant)),
  );

  app.post(
    '/api/subsidies/programmes',
    {
      config: { permission: 'subsidies.manage' },
      schema: {
        tags,
        summary: '制度の作成（年度に 1 つ）',
        body: ProgrammeBody,
        response: { 201: Programme },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const p = await createProgramme(tx, tenant, request.body, clock.now());
        audit({ action: 'subsidies.programme.create', recordType: 'subsidy_programme', recordId: p.id });
        return p;
      });
      return reply.code(201).send(created);
    },
  );

  app.put(
    '/api/subsidies/programmes/:id',
    {
      config: { permission: 'subsidies.manage' },
      schema: {
        tags,
        summary: '制度の設定の変更（version が古いと 409）',
        params: IdParams,
        body: UpdateProgrammeBody,
        response: { 200: Programme },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const p = await updateProgramme(tx, tenant, request.params.id, request.body, clock.now());
        audit({ action: 'subsidies.programme.update', recordType: 'subsidy_programme', recordId: p.id });
        return p;
      }),
  );

  app.get(
    '/api/subsidies/programmes/:id',
    {
      config: { permission: 'subsidies.read' },
      schema: { tags, summary: '制度の設定と予算', params: IdParams, response: { 200: Programme } },
    },
    async (request) =>
      staffWork(db, request, ({ tx, tenant }) => getProgramme(tx, tenant, request.params.id)),
  );

  // ── applications ──────────────────────────────────────────────────────────────────────────

  app.get(
    '/api/subsidies/applications',
    {
      config: { permission: 'subsidies.read' },
      schema: {
        tags,
        summary: '申請の一覧（既定は新しい順。q で行き先・受付番号の一部、sort で並び順）',
        querystring: ApplicationListQuery,
        response: { 200: ApplicationList },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const list = await listApplications(tx, tenant, request.query);
        audit({ action: 'subsidies.application.list', recordType: 'subsidy_application', recordId: null });
        return list;
      }),
  );

  app.get(
    '/api/subsidies/applications/:id',
    {
      config: { permission: 'subsidies.read' },
      schema: {
        tags,
        summary: '申請の詳細（連絡先と口座は会計担当以外には伏せ字）',
        params: IdParams,
        response: { 200: ApplicationDetail },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const unmasked = hasPermission(actorOf(request).roles, 'subsidies.bank');
        const detail = await getApplication(tx, ctx, tenant, request.params.id, unmasked);
        audit({
          action: 'subsidies.application.read',
          recordType: 'subsidy_application',
          recordId: detail.id,
        });
        if (unmasked)
          audit({
            action: 'subsidies.application.unmask',
            recordType: 'subsidy_application',
            recordId: detail.id,
          });
        return detail;
      }),
  );

  // Unmasking on purpose, one field group per route so each has its own permission; both audited.
  for (const [field, permission, summary] of [
    ['contact', 'subsidies.review', '連絡先の伏せ字を外して表示（審査担当）。記録が残ります'],
    ['bank', 'subsidies.bank', '口座番号と名義の伏せ字を外して表示（会計担当）。記録が残ります'],
  ] as const) {
    app.post(
      `/api/subsidies/applications/:id/reveal-${field}`,
      {
        config: { permission },
        schema: { tags, summary, params: IdParams, response: { 200: Revealed } },
      },
      async (request) =>
        staffWork(db, request, async ({ tx, tenant, audit }) => {
          const revealed = await revealField(tx, ctx, tenant, request.params.id, field);
          audit({
            action: `subsidies.application.unmask-${field}`,
            recordType: 'subsidy_application',
            recordId: request.params.id,
          });
          return revealed;
        }),
    );
  }

  app.get(
    '/api/subsidies/applications/:id/receipts/:receiptId',
    {
      config: { permission: 'subsidies.read' },
      schema: {
        tags,
        summary: '領収書ファイル（位置情報などのメタデータは保存時に削除済み）',
        params: ReceiptParams,
      },
    },
    async (request, reply) => {
      const file = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const f = await getReceiptFile(tx, tenant, request.params.id, request.params.receiptId);
        audit({
          action: 'subsidies.receipt.read',
          recordType: 'subsidy_receipt',
          recordId: request.params.receiptId,
        });
        return f;
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', 'inline')
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .send(Buffer.from(file.data));
    },
  );

  app.post(
    '/api/subsidies/applications/:id/check',
    {
      config: { permission: 'subsidies.review' },
      schema: {
        tags,
        summary: '本人確認・居住確認の記録（何を見たか、誰が）',
        params: IdParams,
        body: CheckBody,
        response: { 200: ApplicationDetail },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        await checkIdentity(tx, ctx, tenant, request.params.id, request.body, actorOf(request));
        audit({
          action: 'subsidies.application.check',
          recordType: 'subsidy_application',
          recordId: request.params.id,
        });
        return getApplication(tx, ctx, tenant, request.params.id, false);
      }),
  );

  app.post(
    '/api/subsidies/applications/:id/decision',
    {
      config: { permission: 'subsidies.decide' },
      schema: {
        tags,
        summary: '交付決定（承認・減額して承認・不交付）。理由と教示、文書番号',
        params: IdParams,
        body: DecideBody,
        response: { 200: ApplicationDetail },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        await decideApplication(tx, ctx, tenant, request.params.id, request.body, actorOf(request));
        audit({
          action: `subsidies.application.decide-${request.body.decision}`,
          recordType: 'subsidy_application',
          recordId: request.params.id,
        });
        return getApplication(tx, ctx, tenant, request.params.id, false);
      }),
  );

  app.get(
    '/api/subsidies/applications/:id/notice',
    {
      config: { permission: 'subsidies.read' },
      schema: {
        tags,
        summary: '決定通知書（印刷用: 和暦、文書番号、自治体名、教示）',
        params: IdParams,
        response: { 200: Notice },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const notice = await decisionNotice(tx, ctx, tenant, request.params.id);
        audit({
          action: 'subsidies.application.notice',
          recordType: 'subsidy_application',
          recordId: request.params.id,
        });
        return notice;
      }),
  );

  // ── claims ────────────────────────────────────────────────────────────────────────────────

  app.post(
    '/api/subsidies/applications/:id/claims',
    {
      config: { permission: 'subsidies.review' },
      schema: {
        tags,
        summary: '実績報告（月ごと）：交付決定額・月の上限・予算の残りで確認',
        params: IdParams,
        body: ClaimBody,
        response: { 201: ClaimView },
      },
    },
    async (request, reply) => {
      const claim = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const c = await submitClaim(tx, ctx, tenant, request.params.id, request.body, actorOf(request));
        audit({ action: 'subsidies.claim.create', recordType: 'subsidy_claim', recordId: c.id });
        return c;
      });
      return reply.code(201).send(claim);
    },
  );

  app.get(
    '/api/subsidies/claims/waiting',
    {
      config: { permission: 'subsidies.confirm' },
      schema: {
        tags,
        summary:
          '額の確定を待つ実績報告（全申請、既定は古い順。q で申請者・制度・受付番号の一部、sort で並び順）',
        querystring: WaitingClaimsQuery,
        response: { 200: WaitingClaimList },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const list = await listWaitingClaims(tx, ctx, tenant, actorOf(request), request.query);
        audit({ action: 'subsidies.claim.list', recordType: 'subsidy_claim', recordId: null });
        return list;
      }),
  );

  app.post(
    '/api/subsidies/claims/:id/confirm',
    {
      config: { permission: 'subsidies.confirm' },
      schema: {
        tags,
        summary: '額の確定（報告額以内・予算の残り以内。年度は利用月の年度）',
        params: ClaimParams,
        body: ConfirmBody,
        response: { 200: ClaimView },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const claim = await confirmClaim(tx, ctx, tenant, request.params.id, request.body, actorOf(request));
        audit({ action: 'subsidies.claim.confirm', recordType: 'subsidy_claim', recordId: claim.id });
        const { inClosingPeriod: _ignored, ...view } = claim;
        return view;
      }),
  );

  app.post(
    '/api/subsidies/claims/:id/reject',
    {
      config: { permission: 'subsidies.confirm' },
      schema: {
        tags,
        summary: '実績報告を認めない（理由つき。同じ月をあらためて報告できる）',
        params: ClaimParams,
        body: RejectClaimBody,
        response: { 200: ClaimView },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        await applicationIdOfClaim(tx, tenant, request.params.id);
        const claim = await rejectClaim(tx, ctx, tenant, request.params.id, request.body.reason);
        audit({ action: 'subsidies.claim.reject', recordType: 'subsidy_claim', recordId: claim.id });
        return claim;
      }),
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
      throw new AppError(400, 'validation_failed', {
        errors: [
          {
            pointer: '/body/application',
            message: { ja: '申請の内容がありません', en: 'The application is missing' },
          },
        ],
      });
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      throw new AppError(400, 'validation_failed', {
        errors: [
          { pointer: '/body/application', message: { ja: 'JSON が正しくありません', en: 'Invalid JSON' } },
        ],
      });
    }
    assertCleanText(raw, '/body/application');
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const errors: LocalisedFieldError[] = parsed.error.issues.map((issue) => {
        const [ja, en] = issue.message.includes(' / ')
          ? issue.message.split(' / ', 2)
          : [issue.message, issue.message];
        return { pointer: `/body/${issue.path.map(String).join('/')}`, message: { ja: ja!, en: en! } };
      });
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
