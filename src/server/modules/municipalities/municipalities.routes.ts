import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  HelplineList,
  MunicipalityDetail,
  MunicipalityList,
  PrefectureList,
  TenantProfile,
} from '../../../shared/contracts/municipalities.ts';
import { tenantOf } from '../../platform/access/guard.ts';
import { publicWork, staffWork } from '../../platform/access/request-transaction.ts';
import { PUBLIC_READ_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import {
  MunicipalityListQuery,
  MunicipalityParams,
  UpdateTenantProfileBody,
} from './municipalities.schema.ts';
import {
  getMunicipality,
  getPublicProfile,
  getTenantProfile,
  listHelplines,
  listPrefectures,
  searchMunicipalities,
  updateTenantProfile,
} from './municipalities.service.ts';

/**
 * The public reference routes are rate-limited per address like every other public read, and
 * cacheable: an unthrottled client saturated PGlite at ~82 requests a second (issue 19). Prefectures
 * and the search are reference data (5 minutes); a municipality's page carries the contact details
 * its staff edit, so it is cached for one minute only, then revalidated (ETag, 304). All three are
 * kept in the process's memory between writes (config.publicCache, platform/http/public-cache.ts).
 */
const REFERENCE_CACHE = 'public, max-age=300';
const PROFILE_CACHE = 'public, max-age=60, must-revalidate';

export function registerMunicipalityRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;

  app.get(
    '/api/public/prefectures',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT, publicCache: true },
      schema: { tags: ['municipalities'], summary: '都道府県の一覧', response: { 200: PrefectureList } },
    },
    async (request, reply) => {
      const prefectures = await publicWork(db, request, ({ tx }) => listPrefectures(tx));
      return reply.header('cache-control', REFERENCE_CACHE).send(prefectures);
    },
  );

  app.get(
    '/api/public/helplines',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags: ['municipalities'],
        summary: '全国の相談電話：受付時間・無料かどうか・いまつながるか（日本時間）',
        response: { 200: HelplineList },
      },
    },
    async (_request, reply) => {
      // "Open now" changes with the clock: a cache must ask again rather than serve an old answer.
      reply.header('cache-control', 'no-cache');
      return listHelplines(app.ctx.clock.now());
    },
  );

  app.get(
    '/api/public/municipalities',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT, publicCache: true },
      schema: {
        tags: ['municipalities'],
        summary: '市区町村の検索（漢字・かな・ローマ字）',
        querystring: MunicipalityListQuery,
        response: { 200: MunicipalityList },
      },
    },
    async (request, reply) => {
      const found = await publicWork(db, request, ({ tx }) => searchMunicipalities(tx, request.query));
      return reply.header('cache-control', REFERENCE_CACHE).send(found);
    },
  );

  app.get(
    '/api/public/municipalities/:code',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT, publicCache: true },
      schema: {
        tags: ['municipalities'],
        summary: '市区町村と、その自治体が公開している連絡先',
        params: MunicipalityParams,
        response: { 200: MunicipalityDetail },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const municipality = await publicWork(db, request, ({ tx }) => getMunicipality(tx, code));
      const profile = await publicWork(db, request, { tenant: code }, ({ tx }) => getPublicProfile(tx, code));
      return reply.header('cache-control', PROFILE_CACHE).send({ ...municipality, profile });
    },
  );

  app.get(
    '/api/tenant/profile',
    {
      config: { permission: 'tenant.profile.read' },
      schema: {
        tags: ['municipalities'],
        summary: '自治体プロフィール（管理用）',
        response: { 200: TenantProfile },
      },
    },
    async (request) => staffWork(db, request, ({ tx }) => getTenantProfile(tx, tenantOf(request))),
  );

  app.put(
    '/api/tenant/profile',
    {
      config: { permission: 'tenant.profile.update' },
      schema: {
        tags: ['municipalities'],
        summary: '自治体プロフィールの更新（version が古いと 409）',
        body: UpdateTenantProfileBody,
        response: { 200: TenantProfile },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, async ({ tx, audit }) => {
        const profile = await updateTenantProfile(tx, tenant, request.body, app.ctx.clock.now());
        audit({ action: 'tenant.profile.update', recordType: 'tenant_profile', recordId: tenant });
        return profile;
      });
    },
  );
}
