import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CaseTheme, PublicCase, PublicCaseList } from '../../../shared/contracts/cases.ts';
import { UPLOAD_LIMIT_BYTES } from '../../../shared/limits.ts';
import { publicWork, staffWork } from '../../platform/access/request-transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { PUBLIC_READ_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import { linkedFigures, townsThatBuiltWhatIsLacking } from '../insights/index.ts';
import { getPublicProfile } from '../municipalities/index.ts';
import { readAttachment } from './knowledge.authoring.ts';
import { casesCsv, casesJson } from './knowledge.opendata.ts';
import { AttachmentParams, IdParams, PublicSearchQuery, ThemeBody } from './knowledge.schema.ts';
import { allPublished, getPublicCase, searchPublic } from './knowledge.search.ts';
import { registerStaffCaseRoutes } from './knowledge.staff.routes.ts';
import { activeThemes, addTheme, presentTheme } from './knowledge.themes.ts';

const tags = ['cases'];

/**
 * Model cases (issue 17): public search, a published case, its attachments, the themes and the open
 * data (no login, rate-limited); the staff routes are in knowledge.staff.routes.ts.
 */
export async function registerKnowledgeRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;

  app.get(
    '/api/public/cases',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary:
          'モデル事例の検索（公開中のみ）。q はよみでも一致（いばしょ・居場所・ｲﾊﾞｼｮ）。similarTo=市区町村コードで「うちと似た町」順',
        querystring: PublicSearchQuery,
        response: { 200: PublicCaseList },
      },
    },
    async (request) => {
      const code = request.query.similarTo;
      // The town's population, when it uses this deployment and keeps it in its profile.
      const population = code
        ? await publicWork(db, request, { tenant: code }, ({ tx }) => getPublicProfile(tx, code)).then(
            (p) => p?.population ?? null,
          )
        : null;
      // What the national layer knows of the town's gaps, in a transaction of its own: insights reads
      // returns in its public scope (accepted returns only), which must not leak into the case query.
      const gaps = code
        ? await publicWork(db, request, ({ tx }) => townsThatBuiltWhatIsLacking(tx, code))
        : undefined;
      return publicWork(db, request, ({ tx }) => searchPublic(tx, request.query, population, gaps));
    },
  );

  app.get(
    '/api/public/cases/themes',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: 'モデル事例のテーマ一覧（管理された一覧）',
        response: { 200: z.object({ items: z.array(CaseTheme) }) },
      },
    },
    async (request) =>
      publicWork(db, request, async ({ tx }) => ({ items: (await activeThemes(tx)).map(presentTheme) })),
  );

  app.get(
    '/api/public/cases/open-data.json',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT, publicCache: true },
      schema: { tags, summary: 'オープンデータ：公開中のモデル事例（JSON）' },
    },
    async (request, reply) => {
      const all = await publicWork(db, request, ({ tx }) => allPublished(tx));
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="model_cases.json"')
        .header('cache-control', 'public, max-age=300')
        .send(JSON.stringify(casesJson(all, clock.now(), config.publicUrl), null, 2));
    },
  );

  app.get(
    '/api/public/cases/open-data.csv',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT, publicCache: true },
      schema: {
        tags,
        summary: 'オープンデータ：公開中のモデル事例（CSV、UTF-8 BOM 付き）',
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const all = await publicWork(db, request, ({ tx }) => allPublished(tx));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="model_cases.csv"')
        .header('cache-control', 'public, max-age=300')
        .send(casesCsv(all, config.publicUrl));
    },
  );

  app.get(
    '/api/public/cases/:id',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: '公開中のモデル事例（下書き・審査中は 404）',
        params: IdParams,
        response: { 200: PublicCase },
      },
    },
    async (request) => {
      const found = await publicWork(db, request, ({ tx }) => getPublicCase(tx, request.params.id));
      // The figures in a transaction of their own: insights reads in its public scope (accepted
      // returns and aggregates only, suppressed as GET /api/public/indicators is).
      const figures = found.linkedIndicators.length
        ? await publicWork(db, request, ({ tx }) =>
            linkedFigures(tx, found.municipalityCode, found.linkedIndicators, config.suppressionThreshold),
          )
        : [];
      return { ...found, linkedFigures: figures };
    },
  );

  app.get(
    '/api/public/cases/:id/attachments/:attachmentId',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: '公開中のモデル事例の添付ファイル（画像はメタデータなし）',
        params: AttachmentParams,
      },
    },
    async (request, reply) => {
      const { id, attachmentId } = request.params;
      const file = await publicWork(db, request, async ({ tx }) => {
        await getPublicCase(tx, id);
        return readAttachment(tx, id, attachmentId);
      });
      if (!file) throw new AppError(404, 'not_found');
      return sendFile(reply, file);
    },
  );

  app.post(
    '/api/cases/themes',
    {
      config: { permission: 'cases.publish' },
      schema: { tags, summary: 'テーマを追加（国）', body: ThemeBody, response: { 201: CaseTheme } },
    },
    async (request, reply) => {
      const theme = await staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const added = await addTheme(tx, request.body);
        audit({ action: 'cases.theme.create', recordType: 'case_theme', recordId: null });
        return added;
      });
      return reply.code(201).send(theme);
    },
  );

  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 1, parts: 2 },
    });
    registerStaffCaseRoutes(scope);
  });
}

/** Sends stored bytes: images inline, PDFs as a download; never sniffed by the browser. */
export function sendFile(
  reply: import('fastify').FastifyReply,
  file: { name: string; mediaType: string; data: Uint8Array },
) {
  const extension =
    file.mediaType === 'application/pdf' ? 'pdf' : file.mediaType === 'image/png' ? 'png' : 'jpg';
  const disposition = file.mediaType === 'application/pdf' ? 'attachment' : 'inline';
  return reply
    .header('content-type', file.mediaType)
    .header(
      'content-disposition',
      `${disposition}; filename="attachment.${extension}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'")
    .send(Buffer.from(file.data));
}
