import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UPLOAD_LIMIT_BYTES } from '../../../shared/limits.ts';
import { isValidMunicipalityCode } from '../../../shared/municipality-code.ts';
import { actorOf, tenantOf } from '../../platform/access/guard.ts';
import { publicWork, staffWork } from '../../platform/access/request-transaction.ts';
import { AppError, pickLang } from '../../platform/errors.ts';
import { sendEncodedJson } from '../../platform/http/list.ts';
import { PUBLIC_READ_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import { errorCodeOf } from '../../platform/jobs/due.ts';
import { suggestReading } from '../../platform/text/reading.ts';
import { receiveOneFile } from '../../platform/uploads/index.ts';
import {
  applyImport,
  claimImport,
  createImport,
  getImport,
  IMPORT_INLINE_ROWS,
  markImportFailed,
  parseImportFile,
  presentImport,
} from './places.import.ts';
import { hsdsDocument, publicFacilityCsv } from './places.opendata.ts';
import {
  ConfirmImportBody,
  CreatePlaceBody,
  HistoryResponse,
  HsdsParams,
  ImportParams,
  ImportView,
  OpenDataParams,
  PlaceParams,
  PostalAddress,
  PostalCodeParams,
  PublicMapSettings,
  PublicPlace,
  PublicSearchQuery,
  PublicSearchResponse,
  ReadingQuery,
  ReadingResponse,
  ReturnBody,
  StaffListQuery,
  StaffPlace,
  StaffPlaceList,
  UpdatePlaceBody,
  VerifyBody,
  VersionBody,
} from './places.schema.ts';
import {
  createPlace,
  getPlace,
  getPublicPlace,
  listingsOf,
  listPlaces,
  placeHistory,
  publishPlace,
  renderPublicSearch,
  resolvePostalCode,
  returnPlace,
  searchPublicJson,
  submitPlace,
  updatePlace,
  verifyPlace,
  withdrawPlace,
} from './places.service.ts';

const tags = ['places'];

/**
 * The directory of places: public search and detail (no login, any municipality), open data, and the
 * staff workflow draft → review by a second person → published, with history and CSV import.
 */
export async function registerPlaceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;

  // ── public ────────────────────────────────────────────────────────────────────────────────────

  app.get(
    '/api/public/places',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      // The hottest public route. Its results are the listings' stored renderings (publicJsonOf, made
      // when a listing is written), joined into the body as they are: the response schema documents
      // the shape (OpenAPI) but does not encode it; converting, presenting and encoding twenty entries
      // on every request cost more than the search itself at 5,000 places (bench/places.ts).
      schema: {
        tags,
        summary: '居場所・相談窓口・家族会などの検索（ログイン不要、全国）',
        querystring: PublicSearchQuery,
        response: { 200: PublicSearchResponse },
      },
    },
    async (request, reply) => {
      const found = await publicWork(db, request, ({ tx }) => searchPublicJson(tx, request.query));
      return sendEncodedJson(reply, renderPublicSearch(found));
    },
  );

  app.get(
    '/api/public/map',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: '地図の背景タイルの設定（MAP_TILE_URL。off のときは null で、地図は端末内の表示のみ）',
        response: { 200: PublicMapSettings },
      },
    },
    async () => {
      const tiles = app.ctx.config.mapTiles;
      return {
        tiles: tiles
          ? {
              urlTemplate: tiles.urlTemplate,
              attribution: tiles.attribution,
              attributionUrl: tiles.attributionUrl,
            }
          : null,
      };
    },
  );

  app.get(
    '/api/public/places/:id',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: { tags, summary: '公開中の掲載の詳細', params: PlaceParams, response: { 200: PublicPlace } },
    },
    async (request) => publicWork(db, request, ({ tx }) => getPublicPlace(tx, request.params.id)),
  );

  app.get(
    '/api/public/open-data/:file',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT, publicCache: true },
      schema: {
        tags,
        summary:
          '推奨データセット「公共施設一覧」CSV（<市区町村コード>_public_facility.csv、UTF-8 BOM 付き）',
        params: OpenDataParams,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const match = /^(\d{6})_public_facility\.csv$/.exec(request.params.file);
      if (!match || !isValidMunicipalityCode(match[1]!)) throw new AppError(404, 'not_found');
      const code = match[1]!;
      const listings = await publicWork(db, request, ({ tx }) => listingsOf(tx, code));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${code}_public_facility.csv"`)
        .header('cache-control', 'public, max-age=300')
        .send(publicFacilityCsv(listings));
    },
  );

  app.get(
    '/api/public/open-data/hsds/:code',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT, publicCache: true },
      schema: { tags, summary: 'Open Referral HSDS 形式の JSON（公開中の掲載）', params: HsdsParams },
    },
    async (request, reply) => {
      const code = request.params.code;
      const listings = await publicWork(db, request, ({ tx }) => listingsOf(tx, code));
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${code}_places_hsds.json"`)
        .header('cache-control', 'public, max-age=300')
        .send(
          JSON.stringify(
            hsdsDocument(listings, {
              municipalityCode: code,
              generatedAt: clock.now().toISOString(),
              baseUrl: app.ctx.config.publicUrl.replace(/\/$/, ''),
            }),
            null,
            2,
          ),
        );
    },
  );

  // ── staff ─────────────────────────────────────────────────────────────────────────────────────

  app.get(
    '/api/places',
    {
      config: { permission: 'places.read' },
      schema: {
        tags,
        summary: '自分の自治体の掲載一覧（下書き・確認待ちを含む）',
        querystring: StaffListQuery,
        response: { 200: StaffPlaceList },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, ({ tx }) =>
        listPlaces(tx, tenant, actorOf(request), request.query, clock.now()),
      );
    },
  );

  app.get(
    '/api/places/reading',
    {
      config: { permission: 'places.manage' },
      schema: {
        tags,
        summary: '名称のよみの候補（kuromoji。職員が確認・修正して保存します）',
        querystring: ReadingQuery,
        response: { 200: ReadingResponse },
      },
    },
    async (request) => ({ reading: await suggestReading(request.query.text) }),
  );

  app.get(
    '/api/places/postal-codes/:postalCode',
    {
      config: { permission: 'places.manage' },
      schema: {
        tags,
        summary: '郵便番号から都道府県・市区町村・町名（日本郵便のデータ。住所の入力補助）',
        params: PostalCodeParams,
        response: { 200: PostalAddress },
      },
    },
    async (request) => {
      const area = await staffWork(db, request, ({ tx }) => resolvePostalCode(tx, request.params.postalCode));
      if (!area)
        throw new AppError(404, 'not_found', {
          detail: {
            ja: 'この郵便番号は見つかりませんでした。番号を確かめてください。',
            en: 'This postal code was not found. Please check the number.',
          },
        });
      return area;
    },
  );

  app.post(
    '/api/places',
    {
      config: { permission: 'places.manage' },
      schema: { tags, summary: '掲載の下書きを作成', body: CreatePlaceBody, response: { 201: StaffPlace } },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const place = await staffWork(db, request, async ({ tx, audit }) => {
        const created = await createPlace(tx, tenant, actorOf(request), request.body, clock.now());
        audit({ action: 'places.place.create', recordType: 'place', recordId: created.id });
        return created;
      });
      return reply.code(201).send(place);
    },
  );

  app.get(
    '/api/places/:id',
    {
      config: { permission: 'places.read' },
      schema: {
        tags,
        summary: '掲載（作業中の内容と公開の状態）',
        params: PlaceParams,
        response: { 200: StaffPlace },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, ({ tx }) =>
        getPlace(tx, tenant, request.params.id, actorOf(request), clock.now()),
      );
    },
  );

  app.put(
    '/api/places/:id',
    {
      config: { permission: 'places.manage' },
      schema: {
        tags,
        summary: '掲載の変更（下書きに戻り、公開中の内容は確認が済むまでそのまま）',
        params: PlaceParams,
        body: UpdatePlaceBody,
        response: { 200: StaffPlace },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, async ({ tx, audit }) => {
        const place = await updatePlace(
          tx,
          tenant,
          request.params.id,
          actorOf(request),
          request.body,
          clock.now(),
        );
        audit({ action: 'places.place.update', recordType: 'place', recordId: place.id });
        return place;
      });
    },
  );

  const transition = (
    path: string,
    permission: 'places.manage' | 'places.review',
    summary: string,
    action: string,
    run: typeof submitPlace,
  ) =>
    app.post(
      `/api/places/:id/${path}`,
      {
        config: { permission },
        schema: { tags, summary, params: PlaceParams, body: VersionBody, response: { 200: StaffPlace } },
      },
      async (request) => {
        const tenant = tenantOf(request);
        return staffWork(db, request, async ({ tx, audit }) => {
          const place = await run(
            tx,
            tenant,
            request.params.id,
            actorOf(request),
            request.body.version,
            clock.now(),
          );
          audit({ action, recordType: 'place', recordId: place.id });
          return place;
        });
      },
    );

  transition('submit', 'places.manage', '公開の確認を依頼', 'places.place.submit', submitPlace);
  transition(
    'publish',
    'places.review',
    '確認して公開（依頼した人・変更した人とは別の職員）',
    'places.place.publish',
    publishPlace,
  );
  transition(
    'withdraw',
    'places.review',
    '公開を取り下げる（すぐに一般の検索から外れます）',
    'places.place.withdraw',
    withdrawPlace,
  );

  app.post(
    '/api/places/:id/return',
    {
      config: { permission: 'places.review' },
      schema: {
        tags,
        summary: '確認の結果、差し戻す（理由を添えて）',
        params: PlaceParams,
        body: ReturnBody,
        response: { 200: StaffPlace },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, async ({ tx, audit }) => {
        const place = await returnPlace(
          tx,
          tenant,
          request.params.id,
          actorOf(request),
          request.body,
          clock.now(),
        );
        audit({ action: 'places.place.return', recordType: 'place', recordId: place.id });
        return place;
      });
    },
  );

  app.post(
    '/api/places/:id/verify',
    {
      config: { permission: 'places.manage' },
      schema: {
        tags,
        summary: '掲載内容を確認した日を記録',
        params: PlaceParams,
        body: VerifyBody,
        response: { 200: StaffPlace },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, async ({ tx, audit }) => {
        const place = await verifyPlace(
          tx,
          tenant,
          request.params.id,
          actorOf(request),
          request.body,
          clock.now(),
        );
        audit({ action: 'places.place.verify', recordType: 'place', recordId: place.id });
        return place;
      });
    },
  );

  app.get(
    '/api/places/:id/history',
    {
      config: { permission: 'places.read' },
      schema: {
        tags,
        summary: '掲載の変更履歴',
        params: PlaceParams,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(500).optional(),
        }),
        response: { 200: HistoryResponse },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, ({ tx }) =>
        placeHistory(tx, tenant, request.params.id, request.query.limit, request.query.cursor),
      );
    },
  );

  // ── CSV import: preview (writes nothing to the directory) → confirm ─────────────────────────────

  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 5, parts: 6 },
    });
    const s = scope.withTypeProvider<ZodTypeProvider>();
    s.post(
      '/api/places/imports',
      {
        config: { permission: 'places.import' },
        bodyLimit: UPLOAD_LIMIT_BYTES + 64 * 1024,
        schema: {
          tags,
          summary: 'CSV の取り込み（1）: 読み込んで全行を検査し、プレビューを返す（掲載には書き込まない）',
          consumes: ['multipart/form-data'],
          response: { 201: ImportView },
        },
      },
      async (request, reply) => {
        const tenant = tenantOf(request);
        const bytes = await receiveOneFile(request, { maxFileBytes: UPLOAD_LIMIT_BYTES });
        const parsed = parseImportFile(bytes);
        const view = await staffWork(db, request, async ({ tx, audit }) => {
          const row = await createImport(tx, tenant, actorOf(request).accountId, parsed, clock.now());
          audit({ action: 'places.import.preview', recordType: 'place_import', recordId: row.id });
          return presentImport(tx, row, pickLang(request.headers['accept-language']));
        });
        return reply.code(201).send(view);
      },
    );
  });

  app.get(
    '/api/places/imports/:id',
    {
      config: { permission: 'places.import' },
      schema: {
        tags,
        summary: '取り込みのプレビューと進み具合',
        params: ImportParams,
        response: { 200: ImportView },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, async ({ tx }) =>
        presentImport(
          tx,
          await getImport(tx, tenant, request.params.id),
          pickLang(request.headers['accept-language']),
        ),
      );
    },
  );

  app.post(
    '/api/places/imports/:id/confirm',
    {
      config: { permission: 'places.import' },
      schema: {
        tags,
        summary: 'CSV の取り込み（2）: プレビューした内容を 1 つのトランザクションで書き込む（外部IDで照合）',
        params: ImportParams,
        body: ConfirmImportBody,
        response: { 200: ImportView, 202: ImportView },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const actorId = actorOf(request).accountId;
      const lang = pickLang(request.headers['accept-language']);
      const { id } = request.params;
      const claimed = await staffWork(db, request, async ({ tx, audit }) => {
        const row = await claimImport(tx, tenant, id, request.body.skipInvalid, actorId, clock.now());
        if (row.rows.length > IMPORT_INLINE_ROWS) {
          audit({ action: 'places.import.confirm', recordType: 'place_import', recordId: id });
          return { row, inline: false };
        }
        await applyImport(tx, row, actorId, clock.now());
        audit({ action: 'places.import.confirm', recordType: 'place_import', recordId: id });
        return { row, inline: true };
      });
      if (!claimed.inline) {
        // Large files: applied after this answer, still in one transaction; the page polls the import.
        setImmediate(() => {
          staffWork(db, request, ({ tx }) => applyImport(tx, claimed.row, actorId, clock.now())).catch(
            (error) =>
              staffWork(db, request, ({ tx }) =>
                markImportFailed(tx, id, errorCodeOf(error), clock.now()),
              ).catch(() => {}),
          );
        });
      }
      const view = await staffWork(db, request, async ({ tx }) =>
        presentImport(tx, await getImport(tx, tenant, id), lang),
      );
      return reply.code(claimed.inline ? 200 : 202).send(view);
    },
  );
}
