import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Created, ReportDetail, Statistics } from '../../../shared/contracts/reports.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import {
  addNote,
  addProtection,
  addReferral,
  assignReport,
  completeFollowUp,
  setStatus,
} from './reports.changes.ts';
import { registerOperatorRoutes } from './reports.operators.routes.ts';
import { registerPublicReportRoutes } from './reports.public.routes.ts';
import { getReportDetail, listReports, protectionBoard } from './reports.queue.ts';
import { reportStaffWork } from './reports.route-work.ts';
import {
  AssignBody,
  FollowUpBody,
  NoteBody,
  ProtectionBoard,
  ProtectionBoardQuery,
  ProtectionBody,
  ProtectionParams,
  ReferralBody,
  ReportList,
  ReportListQuery,
  ReportParams,
  StatisticsQuery,
  StatusBody,
} from './reports.schema.ts';
import { computeStatistics, statisticsCsv } from './reports.statistics.ts';

/**
 * Request 10: harmful "support" businesses. Public: the report form, reading answers and adding
 * information with the reply code (reports.public.routes.ts). Staff: triage, emergency protection
 * (here), the operator registry (reports.operators.routes.ts) and statistics (here). Every write and
 * every read of report content is audited (ids only). Routes register in that order.
 */
export function registerReportRoutes(fastify: FastifyInstance): void {
  registerPublicReportRoutes(fastify);
  registerTriageRoutes(fastify);
  registerOperatorRoutes(fastify);
  registerStatisticsRoutes(fastify);
}

function registerTriageRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };
  const { auditedRecord, changeReport } = reportStaffWork(fastify);

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
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const board = await protectionBoard(tx, tenant, request.query);
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
}

/** Statistics: suppressed aggregates only, across the towns the caller may see. */
function registerStatisticsRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;

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
