import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AgencyList,
  AgencyView,
  Inbox,
  ReferralList,
  ReferralView,
  SharedReferral,
} from '../../../shared/contracts/agencies.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import { actOnReferral, inbox, referralForAgency, sharedView } from './agencies.inbox.ts';
import {
  getReferralForStaff,
  listReferrals,
  presentReferral,
  sendReferral,
  transitionReferral,
} from './agencies.referrals.ts';
import {
  AddMemberBody,
  AgencyInput,
  IdParams,
  ReferralActionBody,
  ReferralListQuery,
  SendReferralBody,
  UpdateAgencyBody,
} from './agencies.schema.ts';
import { addAgencyMember, agencyView, createAgency, listAgencies, updateAgency } from './agencies.service.ts';

/**
 * Agencies and referrals (issue 7; conferences are in agencies.conferences.routes.ts). permission → validate → tenant transaction
 * → lawful-basis / membership check in the service → audit (ids only; every read that shows content
 * about a person is recorded as a read of record type `person`, which feeds the person's access
 * report and the breach report) → present.
 */
export function registerAgencyRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };
  const tags = ['agencies'];

  // ── agencies ──

  app.get(
    '/api/agencies',
    {
      config: { permission: 'agencies.read' },
      schema: {
        tags,
        summary: '関係機関の一覧（所属する職員アカウントを含む）',
        response: { 200: AgencyList },
      },
    },
    async (request) => staffWork(db, request, ({ tx, tenant }) => listAgencies(tx, tenant)),
  );

  app.post(
    '/api/agencies',
    {
      config: { permission: 'agencies.manage' },
      schema: { tags, summary: '関係機関を登録', body: AgencyInput, response: { 201: AgencyView } },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const row = await createAgency(tx, ctx, tenant, request.body);
        audit({ action: 'agencies.agency.create', recordType: 'agency', recordId: row.id });
        return agencyView(tx, tenant, row.id);
      });
      return reply.code(201).send(created);
    },
  );

  app.put(
    '/api/agencies/:id',
    {
      config: { permission: 'agencies.manage' },
      schema: {
        tags,
        summary: '関係機関を更新（version が古いと 409）',
        params: IdParams,
        body: UpdateAgencyBody,
        response: { 200: AgencyView },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        await updateAgency(tx, ctx, tenant, request.params.id, request.body);
        audit({ action: 'agencies.agency.update', recordType: 'agency', recordId: request.params.id });
        return agencyView(tx, tenant, request.params.id);
      }),
  );

  app.post(
    '/api/agencies/:id/members',
    {
      config: { permission: 'agencies.manage' },
      schema: {
        tags,
        summary: '関係機関の職員アカウント（役割「関係機関」）を所属させる',
        params: IdParams,
        body: AddMemberBody,
        response: { 200: AgencyView },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        await addAgencyMember(tx, ctx, tenant, request.params.id, request.body.accountId);
        audit({ action: 'agencies.member.add', recordType: 'account', recordId: request.body.accountId });
        return agencyView(tx, tenant, request.params.id);
      }),
  );

  // ── referrals: consultation staff ──

  app.get(
    '/api/referrals',
    {
      config: { permission: 'referrals.send' },
      schema: {
        tags,
        summary: '紹介の一覧（personId で本人ごと）',
        querystring: ReferralListQuery,
        response: { 200: ReferralList },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const list = await listReferrals(tx, ctx, tenant, actor, request.query);
        for (const r of list.items)
          audit({ action: 'agencies.referral-list.read', recordType: 'person', recordId: r.personId });
        return list;
      }),
  );

  app.post(
    '/api/referrals',
    {
      config: { permission: 'referrals.send' },
      schema: {
        tags,
        summary:
          '関係機関へ紹介する（その機関を名指しした本人の同意、または支援会議の決定が必要。なければ 422 で不足を示す）',
        body: SendReferralBody,
        response: { 201: ReferralView },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const row = await sendReferral(tx, ctx, tenant, actor, request.body);
        audit({ action: 'agencies.referral.create', recordType: 'referral', recordId: row.id });
        return presentReferral(tx, ctx, row);
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/referrals/:id',
    {
      config: { permission: 'referrals.send' },
      schema: { tags, summary: '紹介の内容と経過', params: IdParams, response: { 200: ReferralView } },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const row = await getReferralForStaff(tx, ctx, tenant, actor, request.params.id);
        audit({ action: 'agencies.referral.read', recordType: 'person', recordId: row.personId });
        return presentReferral(tx, ctx, row);
      }),
  );

  app.post(
    '/api/referrals/:id/withdraw',
    {
      config: { permission: 'referrals.send' },
      schema: {
        tags,
        summary: '紹介を取り下げる（以後、紹介先は内容を見られない）',
        params: IdParams,
        body: ReferralActionBody,
        response: { 200: ReferralView },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const row = await getReferralForStaff(tx, ctx, tenant, actor, request.params.id);
        const moved = await transitionReferral(tx, ctx, row, actor, 'consultation', 'withdraw', request.body);
        audit({ action: 'agencies.referral.withdraw', recordType: 'referral', recordId: row.id });
        return presentReferral(tx, ctx, moved);
      }),
  );

  // ── referrals: the receiving agency ──

  app.get(
    '/api/agency/referrals',
    {
      config: { permission: 'referrals.receive' },
      schema: {
        tags,
        summary: '自分の機関に届いた紹介（本人の呼び名・紹介した職員と連絡先。内容は開いたときだけ）',
        response: { 200: Inbox },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const found = await inbox(tx, ctx, tenant, actor);
        // The nickname is personal data shown to another organisation: each one shown is a read.
        for (const r of found.items)
          if (r.personNickname)
            audit({ action: 'agencies.referral.list', recordType: 'person', recordId: r.personId });
        return { ...found, items: found.items.map(({ personId: _, ...r }) => r) };
      }),
  );

  app.get(
    '/api/agency/referrals/:id',
    {
      config: { permission: 'referrals.receive' },
      schema: {
        tags,
        summary: '紹介の共有内容（同意の撤回・期限切れのあとは 403 referral_basis_ended）',
        params: IdParams,
        response: { 200: SharedReferral },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const row = await referralForAgency(tx, ctx, tenant, actor, request.params.id, true);
        audit({ action: 'agencies.referral.read', recordType: 'person', recordId: row.personId });
        return sharedView(tx, ctx, row);
      }),
  );

  const AgencyAction = z.strictObject({
    id: z.uuid(),
    action: z.enum(['accept', 'decline', 'progress', 'complete']),
  });
  app.post(
    '/api/agency/referrals/:id/:action',
    {
      config: { permission: 'referrals.receive' },
      schema: {
        tags,
        summary:
          '紹介を受ける・断る（理由が必要）・対応中にする・完了する。受ける・対応中にするには共有の根拠が必要',
        params: AgencyAction,
        body: ReferralActionBody,
        response: { 200: SharedReferral },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const { action } = request.params;
        const { row, moved, needBasis } = await actOnReferral(
          tx,
          ctx,
          tenant,
          actor,
          request.params.id,
          action,
          request.body,
        );
        audit({ action: `agencies.referral.${action}`, recordType: 'referral', recordId: row.id });
        if (!needBasis) {
          return {
            ...(await sharedView(tx, ctx, moved)),
            personNickname: '',
            summary: '',
            basisInForce: false,
          };
        }
        audit({ action: 'agencies.referral.read', recordType: 'person', recordId: row.personId });
        return sharedView(tx, ctx, moved);
      }),
  );
}
