import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import { type RequestAudit, staffWork } from '../../platform/access/request-transaction.ts';
import type { Tx } from '../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/list.ts';
import {
  Centre,
  CentreBody,
  DeadlineBody,
  DeadlineParams,
  EnterForBody,
  ImportBody,
  ImportPreview,
  ReminderBody,
  ReminderResult,
  ReturnList,
  ReturnListQuery,
  ReturnParams,
  ReturnVersions,
  ReviewBody,
  SaveReturnBody,
  StatusReturn,
  VersionBody,
} from './insights.schema.ts';
import { declareCentre, remindNotReported, setDeadline } from './returns.admin.ts';
import { importReturns } from './returns.import.ts';
import {
  enterLayerScope,
  enterReturnFor,
  type LayerActor,
  listReturns,
  listReturnVersions,
  readReturn,
  reviewReturn,
  saveReturn,
  submitReturn,
} from './returns.service.ts';

/**
 * Annual status returns (issue 16 item 1). Municipal administrators keep their own; the prefecture
 * reviews, enters for towns that do not use Tsunagari, imports and reminds; national staff read all.
 * No route here returns person-level data: a return holds what a municipality declares.
 */
const tags = ['returns'];

const layerActor = (actor: Actor): LayerActor => ({
  accountId: actor.accountId,
  scope: actor.scope,
  tenant: actor.tenant,
  roles: actor.roles,
});

export function registerReturnRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;

  /**
   * The request's transaction: the caller's tenant (municipality or prefecture) with row-level
   * security, or for national staff no tenant and the layer's national read scope; audited (ids only).
   */
  const inLayer = <T>(
    request: FastifyRequest,
    work: (tx: Tx, actor: LayerActor, audit: (entry: RequestAudit) => void) => Promise<T>,
  ): Promise<T> =>
    staffWork(db, request, { scope: 'caller' }, async ({ tx, actor, audit }) => {
      if (!actor.tenant) await enterLayerScope(tx, actor);
      return work(tx, layerActor(actor), audit);
    });
  const id = (code: string, fiscalYear: number) => `${code}:${fiscalYear}`;

  app.get(
    '/api/returns',
    {
      config: { permission: 'returns.read' },
      schema: {
        tags,
        summary: '取組状況の報告の一覧（都道府県: 管内の市区町村、国: 全市区町村。未報告を含む）',
        querystring: ReturnListQuery,
        response: { 200: ReturnList },
      },
    },
    async (request) =>
      inLayer(request, async (tx, actor, audit) => {
        const { limit, cursor, ...query } = request.query;
        const offset = decodeCursor(cursor, z.object({ offset: z.number().int().min(0) }))?.offset ?? 0;
        const result = await listReturns(tx, actor, query, { limit, offset });
        audit({ action: 'returns.list', recordType: 'status_return', recordId: String(query.fiscalYear) });
        return {
          ...result,
          nextCursor: result.nextCursor ? encodeCursor({ offset: Number(result.nextCursor) }) : null,
        };
      }),
  );

  app.get(
    '/api/returns/:code/:fiscalYear',
    {
      config: { permission: 'returns.read' },
      schema: {
        tags,
        summary: '取組状況の報告（未作成の年度は実データから事前入力した下書き）',
        params: ReturnParams,
        response: { 200: StatusReturn },
      },
    },
    async (request) =>
      inLayer(request, (tx, actor) => {
        const { code, fiscalYear } = request.params;
        return readReturn(tx, actor, code, fiscalYear);
      }),
  );

  app.get(
    '/api/returns/:code/:fiscalYear/versions',
    {
      config: { permission: 'returns.read' },
      schema: { tags, summary: '報告の版の履歴', params: ReturnParams, response: { 200: ReturnVersions } },
    },
    async (request) =>
      inLayer(request, async (tx, actor) => ({
        items: await listReturnVersions(tx, actor, request.params.code, request.params.fiscalYear),
      })),
  );

  app.put(
    '/api/returns/:code/:fiscalYear',
    {
      config: { permission: 'returns.edit' },
      schema: {
        tags,
        summary: '報告を保存（事前入力の値を変えるときは理由が必要）',
        params: ReturnParams,
        body: SaveReturnBody,
        response: { 200: StatusReturn },
      },
    },
    async (request) =>
      inLayer(request, async (tx, actor, audit) => {
        const { code, fiscalYear } = request.params;
        const result = await saveReturn(tx, actor, code, fiscalYear, request.body, clock.now());
        audit({ action: 'returns.save', recordType: 'status_return', recordId: id(code, fiscalYear) });
        return result;
      }),
  );

  app.post(
    '/api/returns/:code/:fiscalYear/submit',
    {
      config: { permission: 'returns.edit' },
      schema: {
        tags,
        summary: '報告を提出',
        params: ReturnParams,
        body: VersionBody,
        response: { 200: StatusReturn },
      },
    },
    async (request) =>
      inLayer(request, async (tx, actor, audit) => {
        const { code, fiscalYear } = request.params;
        const result = await submitReturn(tx, actor, code, fiscalYear, request.body.version, clock.now());
        audit({ action: 'returns.submit', recordType: 'status_return', recordId: id(code, fiscalYear) });
        return result;
      }),
  );

  app.post(
    '/api/returns/:code/:fiscalYear/review',
    {
      config: { permission: 'returns.review' },
      schema: {
        tags,
        summary: '提出された報告を受理または差し戻し（差し戻しはコメント必須）',
        params: ReturnParams,
        body: ReviewBody,
        response: { 200: StatusReturn },
      },
    },
    async (request) =>
      inLayer(request, async (tx, actor, audit) => {
        const { code, fiscalYear } = request.params;
        const result = await reviewReturn(tx, actor, code, fiscalYear, request.body, clock.now());
        audit({
          action: `returns.${request.body.decision}`,
          recordType: 'status_return',
          recordId: id(code, fiscalYear),
        });
        return result;
      }),
  );

  app.put(
    '/api/returns/:code/:fiscalYear/on-behalf',
    {
      config: { permission: 'returns.review' },
      schema: {
        tags,
        summary: 'つながりを使っていない市区町村の報告を都道府県が代わりに入力（受理済みになる）',
        params: ReturnParams,
        body: EnterForBody,
        response: { 200: StatusReturn },
      },
    },
    async (request) =>
      inLayer(request, async (tx, actor, audit) => {
        const { code, fiscalYear } = request.params;
        const result = await enterReturnFor(tx, actor, code, fiscalYear, request.body.items, clock.now());
        audit({ action: 'returns.enter_for', recordType: 'status_return', recordId: id(code, fiscalYear) });
        return result;
      }),
  );

  app.post(
    '/api/returns/import',
    {
      config: { permission: 'returns.review' },
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        summary:
          '管内の市区町村の報告を CSV / Excel で取り込む（まず全行のプレビュー。誤りが1行でもあれば何も書き込まない）',
        body: ImportBody,
        response: { 200: ImportPreview },
      },
    },
    async (request) =>
      inLayer(request, async (tx, actor, audit) => {
        const result = await importReturns(tx, actor, request.body, clock.now());
        if (result.applied)
          audit({
            action: 'returns.import',
            recordType: 'status_return',
            recordId: String(request.body.fiscalYear),
          });
        return result;
      }),
  );

  app.post(
    '/api/returns/reminders',
    {
      config: { permission: 'returns.review' },
      schema: {
        tags,
        summary: 'まだ報告していない管内の市区町村に催促を送る（送信はアウトボックス経由）',
        body: ReminderBody,
        response: { 200: ReminderResult },
      },
    },
    async (request) =>
      inLayer(request, async (tx, actor, audit) => {
        const result = await remindNotReported(tx, { clock, config }, actor, request.body.fiscalYear);
        audit({
          action: 'returns.remind',
          recordType: 'status_return',
          recordId: String(request.body.fiscalYear),
        });
        return result;
      }),
  );

  app.put(
    '/api/returns/deadlines/:fiscalYear',
    {
      config: { permission: 'insights.manage' },
      schema: {
        tags,
        summary: '年度の報告期限を設定（国）',
        params: DeadlineParams,
        body: DeadlineBody,
        response: { 200: DeadlineBody },
      },
    },
    async (request) =>
      inLayer(request, async (tx, _actor, audit) => {
        const result = await setDeadline(tx, request.params.fiscalYear, request.body.dueOn, clock.now());
        audit({
          action: 'returns.deadline',
          recordType: 'return_deadline',
          recordId: String(request.params.fiscalYear),
        });
        return result;
      }),
  );

  app.put(
    '/api/returns/prefecture-centre',
    {
      config: { permission: 'returns.review' },
      schema: {
        tags,
        summary: '都道府県のひきこもり地域支援センターを登録（管内の全市区町村の公開ページに表示）',
        body: CentreBody,
        response: { 200: Centre },
      },
    },
    async (request) =>
      inLayer(request, async (tx, actor, audit) => {
        const result = await declareCentre(tx, actor, request.body, clock.now());
        audit({ action: 'returns.centre', recordType: 'prefecture_centre', recordId: actor.tenant });
        return result;
      }),
  );
}
