import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  BankView,
  BatchDetail,
  BatchList,
  Created,
  Ledger,
  PayableList,
} from '../../../shared/contracts/payments.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import {
  approveBatch,
  batchCsv,
  createBatch,
  deleteDraft,
  getBatch,
  listBatches,
} from './payments.batches.ts';
import { ledgerCsv, ledgerSummary, setBudget } from './payments.ledger.ts';
import { listPayable } from './payments.payable.ts';
import {
  BatchParams,
  BudgetBody,
  CreateBatchBody,
  LedgerQuery,
  LineParams,
  LineResultBody,
} from './payments.schema.ts';
import {
  downloadExported,
  exportBatch,
  markRemainingPaid,
  recordLineResult,
  revealLineBank,
} from './payments.transfers.ts';

/**
 * Payment batches and the budget ledger (issue 9 parts 3–5). Finance builds a batch from payable items
 * of every registered source, approves it, and another finance user exports the 全銀 file; results are
 * recorded per line. Every write and every read of payees' data is audited (ids only).
 */
export function registerPaymentRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };
  const tags = ['payments'];

  app.get(
    '/api/payments/payable',
    {
      config: { permission: 'payments.manage' },
      schema: { tags, summary: '支払対象（確定済み・未払い）の一覧', response: { 200: PayableList } },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const items = await listPayable(tx, ctx, tenant);
        audit({ action: 'payments.payable.list', recordType: 'payment_line', recordId: null });
        return { items, total: items.length };
      }),
  );

  app.get(
    '/api/payments/batches',
    {
      config: { permission: 'payments.manage' },
      schema: { tags, summary: '支払バッチの一覧（新しい順、最大200件）', response: { 200: BatchList } },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant }) => {
        const items = await listBatches(tx, tenant);
        return { items, total: items.length, nextCursor: null };
      }),
  );

  app.post(
    '/api/payments/batches',
    {
      config: { permission: 'payments.manage' },
      schema: {
        tags,
        summary: '支払バッチの作成（下書き）',
        body: CreateBatchBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const result = await createBatch(tx, ctx, actorOf(request), tenant, request.body);
        audit({ action: 'payments.batch.create', recordType: 'payment_batch', recordId: result.id });
        return result;
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/payments/batches/:id',
    {
      config: { permission: 'payments.manage' },
      schema: {
        tags,
        summary: '支払バッチの詳細と明細',
        params: BatchParams,
        response: { 200: BatchDetail },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const batch = await getBatch(tx, ctx, tenant, request.params.id);
        audit({ action: 'payments.batch.read', recordType: 'payment_batch', recordId: batch.id });
        return batch;
      }),
  );

  app.delete(
    '/api/payments/batches/:id',
    {
      config: { permission: 'payments.manage' },
      schema: { tags, summary: '下書きの支払バッチを削除', params: BatchParams },
    },
    async (request, reply) => {
      await staffWork(db, request, async ({ tx, tenant, audit }) => {
        await deleteDraft(tx, actorOf(request), tenant, request.params.id);
        audit({ action: 'payments.batch.delete', recordType: 'payment_batch', recordId: request.params.id });
      });
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/payments/batches/:id/approve',
    {
      config: { permission: 'payments.manage' },
      schema: { tags, summary: '支払バッチの承認', params: BatchParams, response: { 200: BatchDetail } },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        await approveBatch(tx, ctx, actorOf(request), tenant, request.params.id);
        audit({ action: 'payments.batch.approve', recordType: 'payment_batch', recordId: request.params.id });
        return getBatch(tx, ctx, tenant, request.params.id);
      }),
  );

  const sendFile = (reply: import('fastify').FastifyReply, result: { file: Buffer; fileName: string }) =>
    reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${result.fileName}"`)
      .header('cache-control', 'no-store')
      .send(result.file);

  app.post(
    '/api/payments/batches/:id/export',
    {
      config: { permission: 'payments.manage' },
      schema: {
        tags,
        summary: '全銀 総合振込ファイルの出力（承認者以外。出力後は変更不可）',
        params: BatchParams,
        produces: ['application/octet-stream'],
      },
    },
    async (request, reply) => {
      const result = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const out = await exportBatch(tx, ctx, actorOf(request), tenant, request.params.id);
        audit({ action: 'payments.batch.export', recordType: 'payment_batch', recordId: request.params.id });
        return out;
      });
      return sendFile(reply, result);
    },
  );

  app.get(
    '/api/payments/batches/:id/file',
    {
      config: { permission: 'payments.manage' },
      schema: {
        tags,
        summary: '出力済みの全銀ファイルを再ダウンロード（出力時と同一のバイト列）',
        params: BatchParams,
        produces: ['application/octet-stream'],
      },
    },
    async (request, reply) => {
      const result = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const out = await downloadExported(tx, ctx, actorOf(request), tenant, request.params.id);
        audit({
          action: 'payments.batch.download',
          recordType: 'payment_batch',
          recordId: request.params.id,
        });
        return out;
      });
      return sendFile(reply, result);
    },
  );

  app.get(
    '/api/payments/batches/:id/accounting.csv',
    {
      config: { permission: 'payments.manage' },
      schema: {
        tags,
        summary: '会計システム向け CSV（UTF-8 BOM 付き）',
        params: BatchParams,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const csv = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const out = await batchCsv(tx, ctx, tenant, request.params.id);
        audit({ action: 'payments.batch.csv', recordType: 'payment_batch', recordId: request.params.id });
        return out;
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="payment-batch-${request.params.id}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.post(
    '/api/payments/batches/:id/lines/:lineId/result',
    {
      config: { permission: 'payments.manage' },
      schema: {
        tags,
        summary: '明細ごとの結果（振込済み / 組戻し）。組戻しの明細は次のバッチで再振込できる',
        params: LineParams,
        body: LineResultBody,
        response: { 200: BatchDetail },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const { id, lineId } = request.params;
        await recordLineResult(tx, ctx, actorOf(request), tenant, id, lineId, request.body);
        audit({
          action: `payments.line.${request.body.status}`,
          recordType: 'payment_line',
          recordId: lineId,
        });
        return getBatch(tx, ctx, tenant, id);
      }),
  );

  app.post(
    '/api/payments/batches/:id/paid',
    {
      config: { permission: 'payments.manage' },
      schema: {
        tags,
        summary: '残りの明細をすべて振込済みにする',
        params: BatchParams,
        response: { 200: BatchDetail },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        await markRemainingPaid(tx, ctx, actorOf(request), tenant, request.params.id);
        audit({ action: 'payments.batch.paid', recordType: 'payment_batch', recordId: request.params.id });
        return getBatch(tx, ctx, tenant, request.params.id);
      }),
  );

  app.post(
    '/api/payments/batches/:id/lines/:lineId/reveal',
    {
      config: { permission: 'payments.manage' },
      schema: {
        tags,
        summary: '振込先口座の表示（マスク解除。会計担当のみ、毎回記録）',
        params: LineParams,
        response: { 200: BankView },
      },
    },
    async (request, reply) => {
      const bank = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const out = await revealLineBank(tx, ctx, tenant, request.params.id, request.params.lineId);
        audit({
          action: 'payments.line.bank.reveal',
          recordType: 'payment_line',
          recordId: request.params.lineId,
        });
        return out;
      });
      return reply.header('cache-control', 'no-store').send(bank);
    },
  );

  app.get(
    '/api/payments/ledger',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: '事業・年度ごとの予算台帳',
        querystring: LedgerQuery,
        response: { 200: Ledger },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant }) => {
        const items = await ledgerSummary(tx, tenant, request.query.fiscalYear);
        return { items, total: items.length, nextCursor: null };
      }),
  );

  app.get(
    '/api/payments/ledger.csv',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: '予算台帳 CSV（会計システム向け）',
        querystring: LedgerQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const csv = await staffWork(db, request, ({ tx, tenant }) =>
        ledgerCsv(tx, tenant, request.query.fiscalYear),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="ledger.csv"')
        .send(csv);
    },
  );

  app.put(
    '/api/payments/ledger/budget',
    {
      config: { permission: 'payments.manage' },
      schema: { tags, summary: '事業・年度の予算額を設定', body: BudgetBody, response: { 200: Ledger } },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const { programmeKey, fiscalYear, amount } = request.body;
        await setBudget(tx, tenant, programmeKey, fiscalYear, amount, {
          at: clock.now(),
          actorAccountId: actorOf(request).accountId,
        });
        audit({
          action: 'payments.ledger.budget',
          recordType: 'ledger',
          recordId: `${programmeKey}:${fiscalYear}`,
        });
        const items = await ledgerSummary(tx, tenant, fiscalYear);
        return { items, total: items.length, nextCursor: null };
      }),
  );
}
