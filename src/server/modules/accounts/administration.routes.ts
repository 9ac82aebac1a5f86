import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { formatWarekiWithWestern } from '../../../shared/text/wareki.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import { NATIONAL_CHAIN } from '../../platform/audit/chain.ts';
import { auditActionLabel } from '../../platform/audit/labels.ts';
import { personsReadBy, searchAudit } from '../../platform/audit/search.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { listQueryShape, listResponse } from '../../platform/http/list.ts';
import { OutboxListQuery, OutboxListResponse } from '../../platform/outbox/outbox.schema.ts';
import { listOutbox } from '../../platform/outbox/outbox.service.ts';
import { toCsv, withBom } from '../../platform/text/csv.ts';
import { AUDIT_EXPORT_MAX } from './accounts.errors.ts';
import { displayNames } from './accounts.service.ts';

const AuditQuery = z.strictObject({
  accountId: z.uuid().optional(),
  action: z
    .string()
    .max(100)
    .regex(/^[a-z0-9_.-]+\*?$/, {
      message: fieldMessage({
        ja: '操作名は英小文字・数字・. _ - と末尾の * で指定します',
        en: 'letters, digits, . _ - and a final *',
      }),
    })
    .optional(),
  recordType: z.string().max(50).optional(),
  recordId: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** newest first (default) or oldest first (the order things happened, for a disclosure). */
  order: z.enum(['newest', 'oldest']).optional(),
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
  /** The acting account's display name (null for the system or an account no longer visible). */
  actorName: z.string().nullable(),
  /** The action in words (「本人の記録：閲覧」); the code itself when it has none. */
  label: z.object({ ja: z.string(), en: z.string() }),
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
      return staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const page = await searchAudit(tx, {
          ...auditFilter(tenant, q),
          limit: q.limit,
          cursor: q.cursor,
        });
        audit({ action: 'audit.log.search', recordType: 'audit', recordId: null });
        return { ...page, items: await presentAudit(tx, page.items) };
      });
    },
  );

  app.get(
    '/api/admin/audit.csv',
    {
      config: { permission: 'audit.search' },
      schema: {
        tags: ['administration'],
        summary: '監査ログの CSV（開示請求・漏えい報告の添付用。検索と同じ条件、最大 1 万件）',
        querystring: AuditQuery.omit({ limit: true, cursor: true }),
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const tenant = actorOf(request).tenant;
      const q = request.query;
      const entries = await staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const page = await searchAudit(tx, {
          ...auditFilter(tenant, q),
          limit: AUDIT_EXPORT_MAX,
          maxLimit: AUDIT_EXPORT_MAX,
        });
        if (page.total > AUDIT_EXPORT_MAX) throw new AppError(422, 'audit_export_too_large');
        audit({ action: 'audit.log.export', recordType: 'audit', recordId: null });
        return presentAudit(tx, page.items);
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        )
        .header('cache-control', 'no-store')
        .send(auditCsv(entries));
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
      return staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const personIds = await personsReadBy(tx, {
          chain: tenant ?? NATIONAL_CHAIN,
          accountId,
          from: new Date(from),
          to: new Date(to),
        });
        audit({ action: 'audit.persons-read.report', recordType: 'account', recordId: accountId });
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
      staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const page = await listOutbox(tx, { config }, request.query);
        audit({ action: 'outbox.message.list', recordType: 'outbox', recordId: null });
        return page;
      }),
  );
}

type AuditRow = Awaited<ReturnType<typeof searchAudit>>['items'][number];

/** Entries as people read them: the acting account's name and the action in words beside the codes. */
async function presentAudit(tx: Tx, rows: AuditRow[]) {
  const names = await displayNames(
    tx,
    rows.map((e) => e.actorAccountId).filter((id): id is string => id !== null),
  );
  return rows.map((e) => ({
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
    actorName: e.actorAccountId ? (names.get(e.actorAccountId) ?? null) : null,
    label: auditActionLabel(e.action),
  }));
}

function auditCsv(entries: Awaited<ReturnType<typeof presentAudit>>): string {
  return withBom(
    toCsv([
      [
        '日時',
        '操作',
        '操作コード',
        '職員',
        '職員ID',
        '役割',
        '記録の種類',
        '記録ID',
        '結果',
        '連番',
        'リクエストID',
      ],
      ...entries.map((e) => [
        `${formatWarekiWithWestern(new Date(e.at))} ${new Date(e.at).toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo' })}`,
        e.label.ja,
        e.action,
        e.actorName ?? '',
        e.actorAccountId ?? '',
        e.actorRole ?? '',
        e.recordType ?? '',
        e.recordId ?? '',
        e.outcome,
        e.seq,
        e.requestId ?? '',
      ]),
    ]),
  );
}

/** The search's filters, the same for the page and its CSV: the caller's chain and the query's conditions. */
function auditFilter(
  tenant: string | null,
  q: z.infer<typeof AuditQuery> | Omit<z.infer<typeof AuditQuery>, 'limit' | 'cursor'>,
) {
  return {
    chain: tenant ?? NATIONAL_CHAIN,
    accountId: q.accountId,
    action: q.action,
    recordType: q.recordType,
    recordId: q.recordId,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    order: q.order,
  };
}
