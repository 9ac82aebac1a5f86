import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Created, Me, Statement } from '../../../shared/contracts/peers.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import { recordActivity, submitClaim, yearlyStatement } from './peers.claims.ts';
import { supporterOverview } from './peers.me.ts';
import { selfSupporter } from './peers.registry.ts';
import { ActivityBody, ClaimBody, IdParams, StatementQuery, SwapBody } from './peers.schema.ts';
import { acceptSwap, requestSwap } from './peers.shifts.ts';

/**
 * Peer supporters' own routes (`peers.self`, issue 9 part 2): their shifts, swap requests,
 * activities, claims and statement. Every read and write of personal data is audited.
 */
export function registerPeerSelfRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };
  const tags = ['peers'];

  app.get(
    '/api/peers/me',
    {
      config: { permission: 'peers.self' },
      schema: { tags, summary: '自分のシフト・交代依頼・活動記録・請求', response: { 200: Me } },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const result = await supporterOverview(tx, ctx, actorOf(request), tenant);
        audit({ action: 'peers.self.read', recordType: 'peer_supporter', recordId: result.supporter.id });
        return result;
      }),
  );
  app.post(
    '/api/peers/me/activities',
    {
      config: { permission: 'peers.self' },
      schema: { tags, summary: '自分の活動記録', body: ActivityBody, response: { 201: Created } },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const me = await selfSupporter(tx, tenant, actorOf(request));
        const out = await recordActivity(tx, ctx, actorOf(request), tenant, me.id, request.body);
        audit({ action: 'peers.activity.create', recordType: 'peer_activity', recordId: out.id });
        return out;
      });
      return reply.code(201).send(created);
    },
  );
  app.post(
    '/api/peers/me/claims',
    {
      config: { permission: 'peers.self' },
      schema: {
        tags,
        summary: '自分の月次報酬請求（その月の未請求の活動記録から計算）',
        body: ClaimBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const me = await selfSupporter(tx, tenant, actorOf(request));
        const out = await submitClaim(tx, ctx, actorOf(request), tenant, me.id, request.body);
        audit({ action: 'peers.claim.submit', recordType: 'peer_claim', recordId: out.id });
        return out;
      });
      return reply.code(201).send(created);
    },
  );
  app.post(
    '/api/peers/me/shifts/:id/swap',
    {
      config: { permission: 'peers.self' },
      schema: {
        tags,
        summary: '自分のシフトの交代依頼',
        params: IdParams,
        body: SwapBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const me = await selfSupporter(tx, tenant, actorOf(request));
        const out = await requestSwap(tx, ctx, tenant, me.id, request.params.id, request.body.toSupporterId);
        audit({ action: 'peers.swap.request', recordType: 'peer_shift_swap', recordId: out.id });
        return out;
      });
      return reply.code(201).send(created);
    },
  );
  app.post(
    '/api/peers/me/swaps/:id/accept',
    {
      config: { permission: 'peers.self' },
      schema: { tags, summary: '交代依頼を引き受ける', params: IdParams },
    },
    async (request, reply) => {
      await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const me = await selfSupporter(tx, tenant, actorOf(request));
        await acceptSwap(tx, ctx, actorOf(request), tenant, request.params.id, me.id);
        audit({ action: 'peers.swap.accept', recordType: 'peer_shift_swap', recordId: request.params.id });
      });
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/peers/me/statement',
    {
      config: { permission: 'peers.self' },
      schema: {
        tags,
        summary: '自分の年間報酬明細',
        querystring: StatementQuery,
        response: { 200: Statement },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const me = await selfSupporter(tx, tenant, actorOf(request));
        const s = await yearlyStatement(tx, tenant, me.id, request.query.year);
        audit({ action: 'peers.statement.read', recordType: 'peer_supporter', recordId: me.id });
        return s;
      }),
  );
}
