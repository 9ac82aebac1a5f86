import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  HistoryResponse,
  type StaffPlace as Place,
  PostalAddress,
  ReadingResponse,
  StaffPlace,
  StaffPlaceList,
} from '../../../shared/contracts/places.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { actorOf, tenantOf } from '../../platform/access/guard.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { suggestReading } from '../../platform/text/reading.ts';
import { POSTAL_CODE_NOT_FOUND } from './places.errors.ts';
import { resolvePostalCode } from './places.listing.ts';
import {
  CreatePlaceBody,
  HistoryQuery,
  PlaceParams,
  PostalCodeParams,
  ReadingQuery,
  ReturnBody,
  StaffListQuery,
  UpdatePlaceBody,
  VerifyBody,
  VersionBody,
} from './places.schema.ts';
import { listPlaces, placeHistory } from './places.staff.ts';
import {
  createPlace,
  getPlace,
  publishPlace,
  returnPlace,
  submitPlace,
  updatePlace,
  verifyPlace,
  withdrawPlace,
} from './places.workflow.ts';

const tags = ['places'];

/**
 * The staff's directory of their municipality: list, entry, history, and the workflow draft → review
 * by a second person → published. The CSV import is in places.import.routes.ts, the public side in
 * places.public.routes.ts.
 */
export async function registerPlaceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;

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
      if (!area) throw new AppError(404, 'not_found', { detail: POSTAL_CODE_NOT_FOUND });
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

  /**
   * A change to one entry (its content, a step of the workflow, the day it was checked): made in the
   * tenant's transaction and audited as `action` with the entry's id.
   */
  const change = <Body extends z.ZodType>(
    method: 'POST' | 'PUT',
    path: string,
    permission: 'places.manage' | 'places.review',
    summary: string,
    body: Body,
    action: string,
    run: (tx: Tx, tenant: string, id: string, actor: Actor, body: z.infer<Body>, now: Date) => Promise<Place>,
  ) =>
    app.route({
      method,
      url: `/api/places/:id${path}`,
      config: { permission },
      schema: { tags, summary, params: PlaceParams, body, response: { 200: StaffPlace } },
      handler: async (request) => {
        const tenant = tenantOf(request);
        // The schema has checked the body; the type provider cannot name its type through `Body`.
        const input = request.body as z.infer<Body>;
        return staffWork(db, request, async ({ tx, audit }) => {
          const place = await run(tx, tenant, request.params.id, actorOf(request), input, clock.now());
          audit({ action, recordType: 'place', recordId: place.id });
          return place;
        });
      },
    });

  change(
    'PUT',
    '',
    'places.manage',
    '掲載の変更（下書きに戻り、公開中の内容は確認が済むまでそのまま）',
    UpdatePlaceBody,
    'places.place.update',
    updatePlace,
  );
  // The workflow's steps take only the version the client last saw (a stale one is refused with 409).
  const byVersion =
    (step: typeof submitPlace) =>
    (tx: Tx, tenant: string, id: string, actor: Actor, body: z.infer<typeof VersionBody>, now: Date) =>
      step(tx, tenant, id, actor, body.version, now);
  change(
    'POST',
    '/submit',
    'places.manage',
    '公開の確認を依頼',
    VersionBody,
    'places.place.submit',
    byVersion(submitPlace),
  );
  change(
    'POST',
    '/publish',
    'places.review',
    '確認して公開（依頼した人・変更した人とは別の職員）',
    VersionBody,
    'places.place.publish',
    byVersion(publishPlace),
  );
  change(
    'POST',
    '/withdraw',
    'places.review',
    '公開を取り下げる（すぐに一般の検索から外れます）',
    VersionBody,
    'places.place.withdraw',
    byVersion(withdrawPlace),
  );
  change(
    'POST',
    '/return',
    'places.review',
    '確認の結果、差し戻す（理由を添えて）',
    ReturnBody,
    'places.place.return',
    returnPlace,
  );
  change(
    'POST',
    '/verify',
    'places.manage',
    '掲載内容を確認した日を記録',
    VerifyBody,
    'places.place.verify',
    verifyPlace,
  );

  app.get(
    '/api/places/:id/history',
    {
      config: { permission: 'places.read' },
      schema: {
        tags,
        summary: '掲載の変更履歴',
        params: PlaceParams,
        querystring: HistoryQuery,
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
}
