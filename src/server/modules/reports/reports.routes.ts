import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasPermission } from '../../../shared/permissions.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { type PublicWork, publicWork, staffWork } from '../../platform/access/request-transaction.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { PUBLIC_FORM_RATE_LIMIT, PUBLIC_READ_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import {
  createOperator,
  getOperator,
  linkOperator,
  listOperators,
  suggestOperators,
  unlinkOperator,
} from './reports.operators.ts';
import {
  AddInformationBody,
  AddInformationResult,
  AssignBody,
  Created,
  CreateOperatorBody,
  FollowUpBody,
  LinkOperatorBody,
  NoteBody,
  OperatorDetail,
  OperatorList,
  OperatorListQuery,
  OperatorParams,
  OperatorSuggestions,
  ProtectionBoard,
  ProtectionBoardQuery,
  ProtectionBody,
  ProtectionParams,
  PublicReportView,
  ReferralBody,
  ReplyLookupBody,
  ReportDetail,
  ReportList,
  ReportListQuery,
  ReportParams,
  ReportWindow,
  ReportWindowParams,
  Statistics,
  StatisticsQuery,
  StatusBody,
  SubmitReportBody,
  SubmitReportResult,
} from './reports.schema.ts';
import {
  addInformation,
  addNote,
  addProtection,
  addReferral,
  assignReport,
  completeFollowUp,
  findByReplyCode,
  getReportDetail,
  listReports,
  protectionBoard,
  publicView,
  reportWindow,
  setStatus,
  submitReport,
} from './reports.service.ts';
import { computeStatistics, statisticsCsv } from './reports.statistics.ts';

/**
 * Request 10: harmful "support" businesses. Public: the report form, reading answers and adding
 * information with the reply code. Staff: triage, emergency protection, the operator registry and
 * statistics. Every write and every read of report content is audited (ids only).
 */
export function registerReportRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };

  /** Work in the caller's tenant that answers with one record, audited under that record's id. */
  const auditedRecord = <T extends { id: string }>(
    request: FastifyRequest,
    action: string,
    recordType: string,
    work: (tx: Tx, tenant: string) => Promise<T>,
  ) =>
    staffWork(db, request, async ({ tx, tenant, audit }) => {
      const record = await work(tx, tenant);
      audit({ action, recordType, recordId: record.id });
      return record;
    });

  /** A change to a report answers with the report as it now stands, so the screen needs no reload. */
  const changeReport = (
    request: FastifyRequest<{ Params: { id: string } }>,
    action: string,
    change: (tx: Tx, tenant: string, id: string) => Promise<unknown>,
  ) =>
    staffWork(db, request, async ({ tx, tenant, audit }) => {
      const { id } = request.params;
      await change(tx, tenant, id);
      audit({ action, recordType: 'report', recordId: id });
      return getReportDetail(tx, ctx, tenant, id);
    });

  /** The report a reply code opens; a wrong code answers as if no report existed. */
  const reportOfReplyCode = async (replyCode: string) => {
    const found = await findByReplyCode(db, replyCode);
    if (!found) throw new AppError(404, 'reply_code_not_found');
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

  // -------------------------------------------------------------------------------------------
  // Public

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
          const result = await publicView(tx, ctx, found.id);
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

  // -------------------------------------------------------------------------------------------
  // Triage

  app.get(
    '/api/reports',
    {
      config: { permission: 'reports.triage' },
      schema: {
        tags: ['reports'],
        summary: '通報の一覧（緊急を先頭に、新しい順）',
        querystring: ReportListQuery,
        response: { 200: ReportList },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, audit }) => {
        const list = await listReports(tx, actorOf(request), request.query);
        audit({ action: 'reports.report.list', recordType: 'report', recordId: null });
        return list;
      }),
  );

  app.get(
    '/api/reports/:id',
    {
      config: { permission: 'reports.triage' },
      schema: {
        tags: ['reports'],
        summary: '通報の詳細（本文・連絡先を含む）',
        params: ReportParams,
        response: { 200: ReportDetail },
      },
    },
    async (request) =>
      auditedRecord(request, 'reports.report.read', 'report', (tx, tenant) =>
        getReportDetail(tx, ctx, tenant, request.params.id),
      ),
  );

  app.post(
    '/api/reports/:id/assign',
    {
      config: { permission: 'reports.triage' },
      schema: {
        tags: ['reports'],
        summary: '担当者の設定（null で解除）',
        params: ReportParams,
        body: AssignBody,
        response: { 200: ReportDetail },
      },
    },
    async (request) =>
      changeReport(request, 'reports.report.assign', (tx, tenant, id) =>
        assignReport(tx, ctx, actorOf(request), tenant, id, request.body.accountId),
      ),
  );

  app.post(
    '/api/reports/:id/status',
    {
      config: { permission: 'reports.triage' },
      schema: {
        tags: ['reports'],
        summary: '状態の変更（新規 → 対応中 → 引継ぎ済み → 終了）',
        params: ReportParams,
        body: StatusBody,
        response: { 200: ReportDetail },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const { id } = request.params;
        const { changed } = await setStatus(tx, tenant, id, request.body.status, clock.now());
        if (changed) audit({ action: 'reports.report.status', recordType: 'report', recordId: id });
        return getReportDetail(tx, ctx, tenant, id);
      }),
  );

  app.post(
    '/api/reports/:id/notes',
    {
      config: { permission: 'reports.triage' },
      schema: {
        tags: ['reports'],
        summary: 'メモ（internal）または通報者への返信（reply）',
        params: ReportParams,
        body: NoteBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const created = await auditedRecord(request, 'reports.note.create', 'report_note', (tx, tenant) =>
        addNote(tx, ctx, actorOf(request), tenant, request.params.id, request.body),
      );
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/api/reports/:id/referrals',
    {
      config: { permission: 'reports.triage' },
      schema: {
        tags: ['reports'],
        summary: '消費生活センター（188）・警察などへの引継ぎ',
        params: ReportParams,
        body: ReferralBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const created = await auditedRecord(
        request,
        'reports.referral.create',
        'report_referral',
        (tx, tenant) => addReferral(tx, ctx, actorOf(request), tenant, request.params.id, request.body),
      );
      return reply.code(201).send(created);
    },
  );

  // -------------------------------------------------------------------------------------------
  // Emergency protection

  app.get(
    '/api/report-protections',
    {
      config: { permission: 'reports.protect' },
      schema: {
        tags: ['reports'],
        summary: '緊急保護の一覧（緊急の通報と保護記録。本文は含まない）',
        querystring: ProtectionBoardQuery,
        response: { 200: ProtectionBoard },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, audit }) => {
        const board = await protectionBoard(tx, request.query);
        audit({ action: 'reports.protection.list', recordType: 'report', recordId: null });
        return board;
      }),
  );

  app.post(
    '/api/reports/:id/protections',
    {
      config: { permission: 'reports.protect' },
      schema: {
        tags: ['reports'],
        summary: '緊急保護の記録（場所・日時・対応者・フォローアップ日）',
        params: ReportParams,
        body: ProtectionBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const created = await auditedRecord(
        request,
        'reports.protection.create',
        'report_protection',
        (tx, tenant) => addProtection(tx, ctx, actorOf(request), tenant, request.params.id, request.body),
      );
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/api/reports/:id/protections/:protectionId/follow-up',
    {
      config: { permission: 'reports.protect' },
      schema: {
        tags: ['reports'],
        summary: '緊急保護のフォローアップ完了',
        params: ProtectionParams,
        body: FollowUpBody,
        response: { 200: Created },
      },
    },
    async (request) =>
      auditedRecord(request, 'reports.protection.follow-up', 'report_protection', (tx, tenant) => {
        const { id, protectionId } = request.params;
        return completeFollowUp(tx, ctx, tenant, id, protectionId, request.body.note);
      }),
  );

  // -------------------------------------------------------------------------------------------
  // Operator registry

  app.get(
    '/api/reports/:id/operator-suggestions',
    {
      config: { permission: 'operators.manage' },
      schema: {
        tags: ['operators'],
        summary: '通報に合いそうな登録事業者（法人番号・名称・電話・ウェブサイト）',
        params: ReportParams,
        response: { 200: OperatorSuggestions },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const suggestions = await suggestOperators(tx, ctx, tenant, request.params.id);
        audit({ action: 'reports.operator.suggest', recordType: 'report', recordId: request.params.id });
        return suggestions;
      }),
  );

  app.post(
    '/api/reports/:id/operator-link',
    {
      config: { permission: 'operators.manage' },
      schema: {
        tags: ['operators'],
        summary: '通報と事業者の紐づけ（職員が確認して確定）',
        params: ReportParams,
        body: LinkOperatorBody,
        response: { 200: ReportDetail },
      },
    },
    async (request) =>
      changeReport(request, 'reports.operator.link', (tx, tenant, id) =>
        linkOperator(tx, ctx, actorOf(request), tenant, id, request.body.operatorId),
      ),
  );

  app.delete(
    '/api/reports/:id/operator-link',
    {
      config: { permission: 'operators.manage' },
      schema: {
        tags: ['operators'],
        summary: '事業者との紐づけの解除',
        params: ReportParams,
        response: { 200: ReportDetail },
      },
    },
    async (request) =>
      changeReport(request, 'reports.operator.unlink', (tx, tenant, id) =>
        unlinkOperator(tx, ctx, tenant, id),
      ),
  );

  app.post(
    '/api/operators',
    {
      config: { permission: 'operators.manage' },
      schema: {
        tags: ['operators'],
        summary: '事業者の登録（reportId を付けると、その通報と紐づける）',
        body: CreateOperatorBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const operator = await createOperator(tx, ctx, actorOf(request), tenant, request.body);
        audit({ action: 'reports.operator.create', recordType: 'report_operator', recordId: operator.id });
        if (request.body.reportId)
          audit({ action: 'reports.operator.link', recordType: 'report', recordId: request.body.reportId });
        return operator;
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/operators',
    {
      config: { permission: 'operators.read' },
      schema: {
        tags: ['operators'],
        summary: '事業者の一覧（全国。事業者の識別情報と件数のみ）',
        querystring: OperatorListQuery,
        response: { 200: OperatorList },
      },
    },
    async (request) => staffWork(db, request, ({ tx }) => listOperators(tx, request.query)),
  );

  app.get(
    '/api/operators/:id',
    {
      config: { permission: 'operators.read' },
      schema: {
        tags: ['operators'],
        summary: '事業者の集計（全国の件数・分類。金額は3件以上のときのみ）と自治体内の通報',
        params: OperatorParams,
        response: { 200: OperatorDetail },
      },
    },
    async (request) =>
      auditedRecord(request, 'reports.operator.read', 'report_operator', (tx, tenant) => {
        const triage = hasPermission(actorOf(request).roles, 'reports.triage');
        return getOperator(tx, tenant, request.params.id, triage);
      }),
  );

  // -------------------------------------------------------------------------------------------
  // Statistics (suppressed aggregates only)

  const statistics = (request: FastifyRequest<{ Querystring: StatisticsQuery }>) =>
    staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
      const stats = await computeStatistics(tx, request.query, clock.now(), config.suppressionThreshold);
      audit({ action: 'reports.statistics.read', recordType: 'report_statistics', recordId: null });
      return stats;
    });

  app.get(
    '/api/reports/statistics',
    {
      config: { permission: 'reports.statistics' },
      schema: {
        tags: ['reports'],
        summary: '統計（都道府県・分類・年度。10件未満は秘匿）',
        querystring: StatisticsQuery,
        response: { 200: Statistics },
      },
    },
    async (request) => statistics(request),
  );

  app.get(
    '/api/reports/statistics.csv',
    {
      config: { permission: 'reports.statistics' },
      schema: {
        tags: ['reports'],
        summary: '統計の CSV（UTF-8 BOM 付き。10件未満は秘匿）',
        querystring: StatisticsQuery,
      },
    },
    async (request, reply) => {
      const stats = await statistics(request);
      const prefectureName = stats.prefecture
        ? (stats.byPrefecture.rows.find((r) => r.key === stats.prefecture)?.label ?? null)
        : null;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="report-statistics-${stats.fromYear}-${stats.toYear}${stats.prefecture ? `-${stats.prefecture}` : ''}.csv"`,
        )
        .header('cache-control', 'no-store')
        .send(statisticsCsv(stats, prefectureName));
    },
  );
}
