import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditBy } from '../../platform/access/audit-context.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { appendAudit } from '../../platform/audit/append.ts';
import { NATIONAL_CHAIN } from '../../platform/audit/chain.ts';
import { personsReadBy, searchAudit } from '../../platform/audit/search.ts';
import { inTransaction } from '../../platform/db/tenant.ts';
import { listQueryShape, listResponse } from '../../platform/http/list.ts';
import { OutboxListQuery, OutboxListResponse } from '../../platform/outbox/outbox.schema.ts';
import { listOutbox } from '../../platform/outbox/outbox.service.ts';

const AuditQuery = z.strictObject({
  accountId: z.uuid().optional(),
  action: z
    .string()
    .max(100)
    .regex(/^[a-z0-9_.-]+\*?$/, {
      message: '操作名は英小文字・数字・. _ - と末尾の * で指定します / letters, digits, . _ - and a final *',
    })
    .optional(),
  recordType: z.string().max(50).optional(),
  recordId: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  ...listQueryShape,
});

const AuditItem = z.object({
  id: z.number(),
  chain: z.string(),
  seq: z.number(),
  at: z.string(),
  actorAccountId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  requestId: z.string().nullable(),
  outcome: z.string(),
  hash: z.string(),
});

const PersonsReadQuery = z.strictObject({
  accountId: z.uuid(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
});

/**
 * Administration of the platform's own records: the audit log (ids only) and the outbox. An
 * administrator sees its own tenant's chain and messages; a national administrator the national ones.
 */
export function registerAdministrationRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;

  app.get(
    '/api/admin/audit',
    {
      config: { permission: 'audit.search' },
      schema: {
        tags: ['administration'],
        summary: '監査ログの検索（記録は ID のみ）',
        querystring: AuditQuery,
        response: { 200: listResponse(AuditItem) },
      },
    },
    async (request) => {
      const tenant = actorOf(request).tenant;
      const q = request.query;
      return inTransaction(db, { tenant }, async (tx) => {
        const page = await searchAudit(tx, {
          chain: tenant ?? NATIONAL_CHAIN,
          accountId: q.accountId,
          action: q.action,
          recordType: q.recordType,
          recordId: q.recordId,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
          limit: q.limit,
          cursor: q.cursor,
        });
        await appendAudit(tx, {
          ...auditBy(request),
          action: 'audit.log.search',
          recordType: 'audit',
          recordId: null,
        });
        return {
          ...page,
          items: page.items.map((e) => ({
            id: Number(e.id),
            chain: e.chain,
            seq: Number(e.seq),
            at: e.at.toISOString(),
            actorAccountId: e.actorAccountId,
            actorRole: e.actorRole,
            action: e.action,
            recordType: e.recordType,
            recordId: e.recordId,
            requestId: e.requestId,
            outcome: e.outcome,
            hash: e.hash,
          })),
        };
      });
    },
  );

  app.get(
    '/api/admin/audit/persons-read',
    {
      config: { permission: 'audit.search' },
      schema: {
        tags: ['administration'],
        summary: '漏えい報告用: あるアカウントが期間内に閲覧した本人の ID 一覧',
        querystring: PersonsReadQuery,
        response: {
          200: z.object({
            accountId: z.uuid(),
            from: z.string(),
            to: z.string(),
            personIds: z.array(z.string()),
          }),
        },
      },
    },
    async (request) => {
      const tenant = actorOf(request).tenant;
      const { accountId, from, to } = request.query;
      return inTransaction(db, { tenant }, async (tx) => {
        const personIds = await personsReadBy(tx, {
          chain: tenant ?? NATIONAL_CHAIN,
          accountId,
          from: new Date(from),
          to: new Date(to),
        });
        await appendAudit(tx, {
          ...auditBy(request),
          action: 'audit.persons-read.report',
          recordType: 'account',
          recordId: accountId,
        });
        return { accountId, from, to, personIds };
      });
    },
  );

  app.get(
    '/api/admin/outbox',
    {
      config: { permission: 'outbox.read' },
      schema: {
        tags: ['administration'],
        summary: '送信予定・送信済みのメッセージ（SMTP 未設定時はここで確認）',
        querystring: OutboxListQuery,
        response: { 200: OutboxListResponse },
      },
    },
    async (request) =>
      inTransaction(db, { tenant: actorOf(request).tenant }, async (tx) => {
        const page = await listOutbox(tx, { config }, request.query);
        await appendAudit(tx, {
          ...auditBy(request),
          action: 'outbox.message.list',
          recordType: 'outbox',
          recordId: null,
        });
        return page;
      }),
  );
}
