import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ApplicationDetail,
  ApplicationList,
  CheckBody,
  ClaimBody,
  ClaimView,
  ConfirmBody,
  DecideBody,
  Notice,
  Programme,
  ProgrammeBody,
  ProgrammeList,
  RejectClaimBody,
  Revealed,
  UpdateProgrammeBody,
  WaitingClaimList,
} from '../../../shared/contracts/subsidies.ts';
import { hasPermission } from '../../../shared/permissions.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import {
  applicationIdOfClaim,
  confirmClaim,
  listWaitingClaims,
  rejectClaim,
  submitClaim,
} from './subsidies.claims.ts';
import { checkIdentity, decideApplication, decisionNotice } from './subsidies.decision.ts';
import { createProgramme, getProgramme, listProgrammes, updateProgramme } from './subsidies.programmes.ts';
import { getApplication, getReceiptFile, listApplications, revealField } from './subsidies.queue.ts';
import {
  ApplicationListQuery,
  ClaimParams,
  IdParams,
  ReceiptParams,
  WaitingClaimsQuery,
} from './subsidies.schema.ts';

const tags = ['subsidies'];

/**
 * Request 4, the staff's work on the transport-cost subsidy: programmes, the queue, identity check,
 * decision and its notice, monthly claims and 額の確定 (the application routes are in
 * subsidies.apply.routes.ts). Every read and write of an application is audited (ids only).
 */
export async function registerSubsidyRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };

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
