import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  Created,
  OperatorDetail,
  OperatorSuggestions,
  ReportDetail,
} from '../../../shared/contracts/reports.ts';
import { hasPermission } from '../../../shared/permissions.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import {
  createOperator,
  getOperator,
  linkOperator,
  listOperators,
  suggestOperators,
  unlinkOperator,
} from './reports.operators.ts';
import { reportStaffWork } from './reports.route-work.ts';
import {
  CreateOperatorBody,
  LinkOperatorBody,
  OperatorList,
  OperatorListQuery,
  OperatorParams,
  ReportParams,
} from './reports.schema.ts';

/**
 * The operator registry (national: business identity and counts only): suggestions for a report,
 * linking and unlinking, registering an operator, and reading the registry.
 */
export function registerOperatorRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };
  const { auditedRecord, changeReport } = reportStaffWork(fastify);

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
}
