import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ClaimList,
  Created,
  Programme,
  ProgrammeList,
  RevealedBank,
  ShiftList,
  Statement,
  Supporter,
  SupporterList,
} from '../../../shared/contracts/peers.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import {
  approveClaim,
  listClaims,
  recordActivity,
  rejectClaim,
  submitClaim,
  yearlyStatement,
} from './peers.claims.ts';
import {
  createProgramme,
  createSupporter,
  getSupporter,
  listProgrammes,
  listSupporters,
  readLivedExperience,
  revealBank,
  setBank,
  supporterRow,
  updateProgramme,
  updateSupporter,
} from './peers.registry.ts';
import {
  AssignSwapBody,
  BankBody,
  ClaimQuery,
  IdParams,
  ProgrammeBody,
  ProgrammeUpdateBody,
  RejectBody,
  ShiftBody,
  ShiftQuery,
  StaffActivityBody,
  StaffClaimBody,
  StatementQuery,
  SupporterBody,
  SupporterUpdateBody,
} from './peers.schema.ts';
import { acceptSwap, cancelShift, createShift, listShifts } from './peers.shifts.ts';

/**
 * Peer supporters (issue 9 part 2), staff side. Staff (`peers.manage`): programmes, the registry,
 * shifts, swap assignment, activity records on a supporter's behalf, claim approval, yearly
 * statements. Finance (`payments.manage`): unmasking bank details. The supporters' own routes are in
 * peers.self.routes.ts. Every read and write of personal data is audited.
 */
export function registerPeerRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };
  const tags = ['peers'];

  const noList = <T>(items: T[]) => ({ items, total: items.length, nextCursor: null });

  // ── programmes ───────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/peers/programmes',
    {
      config: { permission: 'peers.manage' },
      schema: {
        tags,
        summary: 'ピアサポート事業（時間単価・源泉徴収税率）の一覧',
        response: { 200: ProgrammeList },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant }) => noList(await listProgrammes(tx, tenant))),
  );
  app.post(
    '/api/peers/programmes',
    {
      config: { permission: 'peers.manage' },
      schema: { tags, summary: '事業の登録', body: ProgrammeBody, response: { 201: Programme } },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const p = await createProgramme(tx, ctx, tenant, request.body);
        audit({ action: 'peers.programme.create', recordType: 'peer_programme', recordId: p.id });
        return p;
      });
      return reply.code(201).send(created);
    },
  );
  app.put(
    '/api/peers/programmes/:id',
    {
      config: { permission: 'peers.manage' },
      schema: {
        tags,
        summary: '事業の単価・税率の変更（以後の請求から）',
        params: IdParams,
        body: ProgrammeUpdateBody,
        response: { 200: Programme },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const p = await updateProgramme(tx, tenant, request.params.id, request.body);
        audit({ action: 'peers.programme.update', recordType: 'peer_programme', recordId: p.id });
        return p;
      }),
  );

  // ── registry ─────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/peers/supporters',
    {
      config: { permission: 'peers.manage' },
      schema: { tags, summary: 'ピアサポーター名簿', response: { 200: SupporterList } },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const items = await listSupporters(tx, ctx, tenant, actorOf(request));
        const experience = items.filter(readLivedExperience);
        audit({ action: 'peers.supporter.list', recordType: 'peer_supporter', recordId: null });
        for (const s of experience)
          audit({ action: 'peers.supporter.experience-read', recordType: 'peer_supporter', recordId: s.id });
        return noList(items);
      }),
  );
  app.post(
    '/api/peers/supporters',
    {
      config: { permission: 'peers.manage' },
      schema: {
        tags,
        summary: 'ピアサポーターの登録（登録した職員が担当コーディネーター）',
        body: SupporterBody,
        response: { 201: Supporter },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const s = await createSupporter(tx, ctx, actorOf(request), tenant, request.body);
        audit({ action: 'peers.supporter.create', recordType: 'peer_supporter', recordId: s.id });
        return s;
      });
      return reply.code(201).send(created);
    },
  );
  app.get(
    '/api/peers/supporters/:id',
    {
      config: { permission: 'peers.manage' },
      schema: {
        tags,
        summary: 'ピアサポーターの詳細（経験の記録は担当コーディネーターのみ）',
        params: IdParams,
        response: { 200: Supporter },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const s = await getSupporter(tx, ctx, tenant, actorOf(request), request.params.id);
        audit({ action: 'peers.supporter.read', recordType: 'peer_supporter', recordId: s.id });
        if (readLivedExperience(s))
          audit({ action: 'peers.supporter.experience-read', recordType: 'peer_supporter', recordId: s.id });
        return s;
      }),
  );
  app.put(
    '/api/peers/supporters/:id',
    {
      config: { permission: 'peers.manage' },
      schema: {
        tags,
        summary: 'ピアサポーターの更新（version で競合を検出）',
        params: IdParams,
        body: SupporterUpdateBody,
        response: { 200: Supporter },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const s = await updateSupporter(tx, ctx, actorOf(request), tenant, request.params.id, request.body);
        audit({ action: 'peers.supporter.update', recordType: 'peer_supporter', recordId: s.id });
        return s;
      }),
  );
  app.put(
    '/api/peers/supporters/:id/bank',
    {
      config: { permission: 'peers.manage' },
      schema: {
        tags,
        summary: '振込先口座の登録（名義はカナに変換、金融機関・支店を確認）',
        params: IdParams,
        body: BankBody,
        response: { 200: Supporter },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        await setBank(tx, ctx, tenant, request.params.id, request.body);
        audit({
          action: 'peers.supporter.bank-update',
          recordType: 'peer_supporter',
          recordId: request.params.id,
        });
        return getSupporter(tx, ctx, tenant, actorOf(request), request.params.id);
      }),
  );
  app.post(
    '/api/peers/supporters/:id/bank/reveal',
    {
      config: { permission: 'payments.manage' },
      schema: {
        tags,
        summary: '振込先口座のマスク解除（会計担当のみ、毎回記録）',
        params: IdParams,
        response: { 200: RevealedBank },
      },
    },
    async (request, reply) => {
      const bank = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const out = await revealBank(tx, ctx, tenant, request.params.id);
        audit({
          action: 'peers.supporter.bank-reveal',
          recordType: 'peer_supporter',
          recordId: request.params.id,
        });
        return out;
      });
      return reply.header('cache-control', 'no-store').send({ bank });
    },
  );
  app.get(
    '/api/peers/supporters/:id/statement',
    {
      config: { permission: 'peers.manage' },
      schema: {
        tags,
        summary: '年間の報酬明細（暦年、支払金額・源泉徴収税額・差引支払額）',
        params: IdParams,
        querystring: StatementQuery,
        response: { 200: Statement },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const s = await yearlyStatement(tx, tenant, request.params.id, request.query.year);
        audit({ action: 'peers.statement.read', recordType: 'peer_supporter', recordId: request.params.id });
        return s;
      }),
  );

  // ── shifts ───────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/peers/shifts',
    {
      config: { permission: 'peers.manage' },
      schema: {
        tags,
        summary: '居場所のシフト（期間指定）',
        querystring: ShiftQuery,
        response: { 200: ShiftList },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant }) => noList(await listShifts(tx, tenant, request.query))),
  );
  app.post(
    '/api/peers/shifts',
    {
      config: { permission: 'peers.manage' },
      schema: {
        tags,
        summary: 'シフトの登録（公開中の居場所）',
        body: ShiftBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const out = await createShift(tx, ctx, actorOf(request), tenant, request.body);
        audit({ action: 'peers.shift.create', recordType: 'peer_shift', recordId: out.id });
        return out;
      });
      return reply.code(201).send(created);
    },
  );
  app.post(
    '/api/peers/shifts/:id/cancel',
    {
      config: { permission: 'peers.manage' },
      schema: { tags, summary: 'シフトの取消し', params: IdParams },
    },
    async (request, reply) => {
      await staffWork(db, request, async ({ tx, tenant, audit }) => {
        await cancelShift(tx, tenant, request.params.id);
        audit({ action: 'peers.shift.cancel', recordType: 'peer_shift', recordId: request.params.id });
      });
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/peers/swaps/:id/assign',
    {
      config: { permission: 'peers.manage' },
      schema: { tags, summary: '交代依頼に職員が交代者を割り当てる', params: IdParams, body: AssignSwapBody },
    },
    async (request, reply) => {
      await staffWork(db, request, async ({ tx, tenant, audit }) => {
        await acceptSwap(tx, ctx, actorOf(request), tenant, request.params.id, request.body.supporterId);
        audit({ action: 'peers.swap.assign', recordType: 'peer_shift_swap', recordId: request.params.id });
      });
      return reply.code(204).send();
    },
  );

  // ── activities and claims (staff) ────────────────────────────────────────────────────────────
  app.post(
    '/api/peers/activities',
    {
      config: { permission: 'peers.manage' },
      schema: { tags, summary: '活動記録の代理入力', body: StaffActivityBody, response: { 201: Created } },
    },
    async (request, reply) => {
      const { supporterId, ...body } = request.body;
      const created = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        await supporterRow(tx, tenant, supporterId);
        const out = await recordActivity(tx, ctx, actorOf(request), tenant, supporterId, body);
        audit({ action: 'peers.activity.create', recordType: 'peer_activity', recordId: out.id });
        return out;
      });
      return reply.code(201).send(created);
    },
  );
  app.get(
    '/api/peers/claims',
    {
      config: { permission: 'peers.manage' },
      schema: { tags, summary: '報酬請求の一覧', querystring: ClaimQuery, response: { 200: ClaimList } },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const items = await listClaims(tx, tenant, request.query, actorOf(request).accountId);
        audit({ action: 'peers.claim.list', recordType: 'peer_claim', recordId: null });
        return noList(items);
      }),
  );
  app.post(
    '/api/peers/claims',
    {
      config: { permission: 'peers.manage' },
      schema: { tags, summary: '月次報酬請求の代理作成', body: StaffClaimBody, response: { 201: Created } },
    },
    async (request, reply) => {
      const { supporterId, ...body } = request.body;
      const created = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const out = await submitClaim(tx, ctx, actorOf(request), tenant, supporterId, body);
        audit({ action: 'peers.claim.submit', recordType: 'peer_claim', recordId: out.id });
        return out;
      });
      return reply.code(201).send(created);
    },
  );
  app.post(
    '/api/peers/claims/:id/approve',
    {
      config: { permission: 'peers.manage' },
      schema: {
        tags,
        summary: '報酬請求の承認（提出者以外。承認で支払対象になる）',
        params: IdParams,
        response: { 200: ClaimList },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        await approveClaim(tx, ctx, actorOf(request), tenant, request.params.id);
        audit({ action: 'peers.claim.approve', recordType: 'peer_claim', recordId: request.params.id });
        return noList(
          (await listClaims(tx, tenant, {}, actorOf(request).accountId)).filter(
            (c) => c.id === request.params.id,
          ),
        );
      }),
  );
  app.post(
    '/api/peers/claims/:id/reject',
    {
      config: { permission: 'peers.manage' },
      schema: {
        tags,
        summary: '報酬請求の差戻し（活動記録は再請求できる）',
        params: IdParams,
        body: RejectBody,
        response: { 200: ClaimList },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        await rejectClaim(tx, ctx, actorOf(request), tenant, request.params.id, request.body.reason);
        audit({ action: 'peers.claim.reject', recordType: 'peer_claim', recordId: request.params.id });
        return noList(
          (await listClaims(tx, tenant, {}, actorOf(request).accountId)).filter(
            (c) => c.id === request.params.id,
          ),
        );
      }),
  );
}
