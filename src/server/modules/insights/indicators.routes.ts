import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { INDICATORS } from '../../../shared/contracts/insights.ts';
import { fiscalYearOf } from '../../../shared/text/wareki.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { publicWork, staffWork } from '../../platform/access/request-transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/list.ts';
import { PUBLIC_READ_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import { getPublicProfile } from '../municipalities/index.ts';
import { coverage } from './coverage.service.ts';
import { exportNotes, indicatorCsv, indicatorXlsx } from './indicators.exports.ts';
import { indicatorDefinition, indicatorTable } from './indicators.service.ts';
import {
  Coverage,
  CoverageQuery,
  IndicatorCatalog,
  IndicatorExportQuery,
  IndicatorList,
  IndicatorQuery,
  MunicipalityStatus,
  OwnFigures,
  RefreshResult,
  StatusParams,
} from './insights.schema.ts';
import { ownAggregates, refreshAllAggregates } from './outcomes.service.ts';
import { enterLayerScope, enterPublicScope, municipalityEntry } from './returns.service.ts';
import { municipalityStatus } from './status.service.ts';

/**
 * Published indicators (Contract): the catalogue, the suppressed figures of every municipality or
 * prefecture as JSON, CSV and .xlsx (tag `indicators`), and the public status of any municipality.
 * Staff views: coverage and completeness (national, prefecture), a municipality's own figures
 * unsuppressed, and the on-demand refresh of the maintained aggregates.
 */
const tags = ['indicators'];

export function registerIndicatorRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const threshold = config.suppressionThreshold;

  const publicTable = (request: FastifyRequest, query: z.infer<typeof IndicatorExportQuery>) =>
    publicWork(db, request, async ({ tx }) => {
      await enterPublicScope(tx);
      return indicatorTable(tx, query, threshold);
    });

  app.get(
    '/api/public/indicators/catalog',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: '指標の一覧（ja/en の名称、人数を数える指標か）',
        response: { 200: IndicatorCatalog },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return { items: INDICATORS.map((i) => ({ ...i })) };
    },
  );

  app.get(
    '/api/public/indicators',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary:
          '指標の値（市区町村別は全1,741団体をページ送り、または都道府県別）。状態は value | zero | suppressed | not_reported | not_expected',
        querystring: IndicatorQuery,
        response: { 200: IndicatorList },
      },
    },
    async (request) => {
      const { limit, cursor, ...query } = request.query;
      const offset = decodeCursor(cursor, z.object({ offset: z.number().int().min(0) }))?.offset ?? 0;
      const table = await publicTable(request, query);
      const next = offset + limit;
      return {
        indicator: query.indicator,
        fiscalYear: query.fiscalYear,
        threshold,
        items: table.items.slice(offset, next),
        total: table.items.length,
        nextCursor: next < table.items.length ? encodeCursor({ offset: next }) : null,
        national: table.national,
        median: table.median,
        medianPer100k: table.medianPer100k,
        demo: table.demo,
      };
    },
  );

  const fileName = (q: z.infer<typeof IndicatorExportQuery>, ext: string) =>
    `indicator-${q.indicator}-${q.fiscalYear}-${q.level}${q.prefecture ? `-${q.prefecture}` : ''}.${ext}`;
  const sendFile = (reply: FastifyReply, type: string, name: string, body: string | Buffer) =>
    reply
      .header('content-type', type)
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'public, max-age=300')
      .send(body);

  app.get(
    '/api/public/indicators.csv',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: '指標の表の CSV（UTF-8 BOM 付き、1行1団体。秘匿・未報告・対象外は値を空欄にして状態を記載）',
        querystring: IndicatorExportQuery,
      },
    },
    async (request, reply) => {
      const table = await publicTable(request, request.query);
      return sendFile(
        reply,
        'text/csv; charset=utf-8',
        fileName(request.query, 'csv'),
        indicatorCsv(table.items),
      );
    },
  );

  app.get(
    '/api/public/indicators.xlsx',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: '指標の表の Excel（.xlsx、1行1団体、注記のシート付き。秘匿の値は含まない）',
        querystring: IndicatorExportQuery,
      },
    },
    async (request, reply) => {
      const q = request.query;
      const table = await publicTable(request, q);
      const body = await indicatorXlsx(
        table.items,
        exportNotes(indicatorDefinition(q.indicator).ja, q.fiscalYear, threshold),
      );
      return sendFile(
        reply,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        fileName(q, 'xlsx'),
        body,
      );
    },
  );

  app.get(
    '/api/public/municipalities/:code/status',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary:
          '市区町村の取組状況（相談窓口と支援の有無。つながりを使っていない団体も、都道府県が入力した内容と都道府県のひきこもり地域支援センターを表示）',
        params: StatusParams,
        response: { 200: MunicipalityStatus },
      },
    },
    async (request) => {
      const { code } = request.params;
      if (!municipalityEntry(code)) throw new AppError(404, 'not_found');
      const profile = await publicWork(db, request, { tenant: code }, ({ tx }) => getPublicProfile(tx, code));
      return publicWork(db, request, async ({ tx }) => {
        await enterPublicScope(tx);
        return municipalityStatus(tx, code, fiscalYearOf(clock.now()), profile);
      });
    },
  );

  // ── staff views ──

  app.get(
    '/api/insights/coverage',
    {
      config: { permission: 'insights.read' },
      schema: {
        tags,
        summary: '項目ごとの実施率・報告率・期限内提出率と未整備の一覧（国: 全国、都道府県: 管内）',
        querystring: CoverageQuery,
        response: { 200: Coverage },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const layer = {
        accountId: actor.accountId,
        scope: actor.scope,
        tenant: actor.tenant,
        roles: actor.roles,
      };
      return staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        await enterLayerScope(tx, actor);
        const result = await coverage(tx, layer, request.query.fiscalYear);
        audit({ action: 'insights.coverage.read', recordType: 'status_return', recordId: null });
        return result;
      });
    },
  );

  app.get(
    '/api/insights/own',
    {
      config: { permission: 'returns.edit' },
      schema: {
        tags,
        summary: '自治体自身の成果指標（秘匿なし。自団体の職員のみ）',
        querystring: CoverageQuery,
        response: { 200: OwnFigures },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        audit({ action: 'insights.own.read', recordType: 'insight_aggregate', recordId: tenant });
        return { items: await ownAggregates(tx, tenant, request.query.fiscalYear) };
      }),
  );

  app.post(
    '/api/insights/refresh',
    {
      config: { permission: 'insights.manage' },
      schema: {
        tags,
        summary: '成果指標の集計をいますぐ作り直す（各自治体のトランザクションで）',
        body: z.strictObject({ fiscalYear: z.number().int().min(2015).max(2100).optional() }),
        response: { 200: RefreshResult },
      },
    },
    async (request: FastifyRequest<{ Body: { fiscalYear?: number } }>) => {
      const now = clock.now();
      const years = request.body.fiscalYear ? [request.body.fiscalYear] : undefined;
      const result = await refreshAllAggregates(db, now, years, undefined, 1, config.dataKeys);
      // The refresh runs in each town's own transaction; this one only records that it was asked for.
      await staffWork(db, request, { scope: 'national' }, async ({ audit }) => {
        audit({ action: 'insights.refresh', recordType: 'insight_aggregate', recordId: null });
      });
      return result;
    },
  );
}
