import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PublicMapSettings, PublicPlace, PublicSearchResponse } from '../../../shared/contracts/places.ts';
import { isValidMunicipalityCode } from '../../../shared/municipality-code.ts';
import { publicWork } from '../../platform/access/request-transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { sendEncodedJson } from '../../platform/http/list.ts';
import { PUBLIC_READ_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import { getPublicPlace, listingsOf } from './places.listing.ts';
import { hsdsDocument, publicFacilityCsv } from './places.opendata.ts';
import { HsdsParams, OpenDataParams, PlaceParams, PublicSearchQuery } from './places.schema.ts';
import { renderPublicSearch, searchPublicJson } from './places.search.ts';

const tags = ['places'];

/** The directory for everyone (no login, any municipality): search, detail, open data, map settings. */
export async function registerPublicPlaceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;

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
}
