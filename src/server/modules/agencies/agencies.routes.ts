import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffWork } from '../../platform/access/request-transaction.ts';
import type { Tx } from '../../platform/db/client.ts';
import { fieldError } from '../../platform/errors.ts';
import {
  AddItemBody,
  AddMemberBody,
  AddParticipantBody,
  AddPersonBody,
  AgencyInput,
  AgencyList,
  AgencyView,
  ConferenceCandidates,
  ConferenceDetail,
  ConferenceItemView,
  ConferenceList,
  ConferenceMaterials,
  CreateConferenceBody,
  IdParams,
  Inbox,
  MinutesBody,
  MinutesVersions,
  ReferralActionBody,
  ReferralList,
  ReferralListQuery,
  ReferralView,
  SendReferralBody,
  SharedReferral,
  UpdateAgencyBody,
} from './agencies.schema.ts';
import {
  acknowledgeConfidentiality,
  addAgencyMember,
  addConferenceItem,
  addConferenceParticipant,
  addConferencePerson,
  agencyView,
  conferenceCandidates,
  conferenceDetail,
  conferenceForMember,
  conferenceMaterials,
  createAgency,
  createConference,
  getReferralForStaff,
  inbox,
  listAgencies,
  listConferences,
  listReferrals,
  minutesVersions,
  presentReferral,
  referralForAgency,
  saveMinutes,
  sendReferral,
  sharedView,
  transitionReferral,
  updateAgency,
} from './agencies.service.ts';

/**
 * Agencies, referrals and support conferences (issue 7). permission → validate → tenant transaction
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
        if (action === 'decline' && !request.body.note)
          throw fieldError('/body/note', '断る理由を入力してください', 'Give the reason for declining');
        const needBasis = action === 'accept' || action === 'progress';
        const row = await referralForAgency(tx, ctx, tenant, actor, request.params.id, needBasis);
        const moved = await transitionReferral(tx, ctx, row, actor, 'agency_member', action, request.body);
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

  // ── conferences ──

  app.get(
    '/api/conferences',
    {
      config: { permission: 'conferences.attend' },
      schema: { tags, summary: '自分が参加する会議の一覧', response: { 200: ConferenceList } },
    },
    async (request) => staffWork(db, request, ({ tx, tenant, actor }) => listConferences(tx, tenant, actor)),
  );

  app.post(
    '/api/conferences',
    {
      config: { permission: 'conferences.manage' },
      schema: {
        tags,
        summary:
          '会議を作る（support_conference = 支援会議・社会福祉法106条の6 / multilayer = 重層的支援会議：参加機関ごとに本人の同意が必要）',
        body: CreateConferenceBody,
        response: { 201: ConferenceDetail },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const row = await createConference(tx, ctx, tenant, actor, request.body);
        audit({ action: 'agencies.conference.create', recordType: 'conference', recordId: row.id });
        if (request.body.acknowledge)
          audit({ action: 'agencies.conference.acknowledge', recordType: 'conference', recordId: row.id });
        if (row.kind === 'support_conference' && !request.body.acknowledge)
          return { ...(await conferenceDetail(tx, ctx, row)), agenda: '', items: [], minutes: '' };
        return conferenceDetail(tx, ctx, row);
      });
      return reply.code(201).send(created);
    },
  );

  const memberRead = (
    request: FastifyRequest<{ Params: { id: string } }>,
    show: (tx: Tx, c: Awaited<ReturnType<typeof conferenceForMember>>) => Promise<unknown>,
  ) =>
    staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
      const c = await conferenceForMember(tx, tenant, actor, request.params.id, true);
      const result = await show(tx, c);
      for (const personId of c.personIds)
        audit({ action: 'agencies.conference.read', recordType: 'person', recordId: personId });
      return result;
    });

  app.get(
    '/api/conferences/:id',
    {
      config: { permission: 'conferences.attend' },
      schema: {
        tags,
        summary:
          '会議の議題・参加者・決定・役割分担・共有の記録（非参加者は 404。支援会議は守秘義務の確認前は 403）',
        params: IdParams,
        response: { 200: ConferenceDetail },
      },
    },
    async (request) =>
      memberRead(request, (tx, c) => conferenceDetail(tx, ctx, c)) as Promise<ConferenceDetail>,
  );

  app.get(
    '/api/conferences/:id/materials',
    {
      config: { permission: 'conferences.attend' },
      schema: {
        tags,
        summary: '会議録と資料（参加者だけ。非参加者は 404）',
        params: IdParams,
        response: { 200: ConferenceMaterials },
      },
    },
    async (request) =>
      memberRead(request, (tx, c) => conferenceMaterials(tx, ctx, c)) as Promise<
        z.infer<typeof ConferenceMaterials>
      >,
  );

  app.post(
    '/api/conferences/:id/acknowledge',
    {
      config: { permission: 'conferences.attend' },
      schema: {
        tags,
        summary: '守秘義務を確認する（支援会議の資料を初めて見る前に必要）',
        params: IdParams,
        response: { 200: ConferenceDetail },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const c = await conferenceForMember(tx, tenant, actor, request.params.id, false);
        await acknowledgeConfidentiality(tx, ctx, c, actor);
        audit({ action: 'agencies.conference.acknowledge', recordType: 'conference', recordId: c.id });
        for (const personId of c.personIds)
          audit({ action: 'agencies.conference.read', recordType: 'person', recordId: personId });
        return conferenceDetail(tx, ctx, c);
      }),
  );

  app.put(
    '/api/conferences/:id/minutes',
    {
      config: { permission: 'conferences.manage' },
      schema: {
        tags,
        summary: '会議録を保存（version が古いと 409）',
        params: IdParams,
        body: MinutesBody,
        response: { 200: ConferenceDetail },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const c = await conferenceForMember(tx, tenant, actor, request.params.id, true);
        const saved = await saveMinutes(tx, ctx, c, actor, request.body);
        audit({ action: 'agencies.conference.minutes', recordType: 'conference', recordId: c.id });
        return conferenceDetail(tx, ctx, saved);
      }),
  );

  app.get(
    '/api/conferences/:id/minutes/versions',
    {
      config: { permission: 'conferences.attend' },
      schema: {
        tags,
        summary: '会議録の版の一覧（保存のたびに新しい版。以前の版も読めます）',
        params: IdParams,
        response: { 200: MinutesVersions },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const c = await conferenceForMember(tx, tenant, actor, request.params.id, true);
        audit({ action: 'agencies.conference.minutes-versions', recordType: 'conference', recordId: c.id });
        for (const personId of c.personIds)
          audit({ action: 'agencies.conference.read', recordType: 'person', recordId: personId });
        return minutesVersions(tx, ctx, c);
      }),
  );

  app.get(
    '/api/conferences/candidates',
    {
      config: { permission: 'conferences.manage' },
      schema: {
        tags,
        summary: '会議に加えられるアカウント（自治体の職員と関係機関の職員）',
        response: { 200: ConferenceCandidates },
      },
    },
    async (request) => staffWork(db, request, ({ tx, tenant }) => conferenceCandidates(tx, tenant)),
  );

  app.post(
    '/api/conferences/:id/persons',
    {
      config: { permission: 'conferences.manage' },
      schema: {
        tags,
        summary: '会議で扱う本人を加える（重層的支援会議では参加機関ごとに本人の同意が必要）',
        params: IdParams,
        body: AddPersonBody,
        response: { 200: ConferenceDetail },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const c = await conferenceForMember(tx, tenant, actor, request.params.id, true);
        const saved = await addConferencePerson(tx, ctx, c, actor, request.body.personId);
        audit({ action: 'agencies.conference.person-add', recordType: 'conference', recordId: c.id });
        for (const personId of saved.personIds)
          audit({ action: 'agencies.conference.read', recordType: 'person', recordId: personId });
        return conferenceDetail(tx, ctx, saved);
      }),
  );

  app.post(
    '/api/conferences/:id/members',
    {
      config: { permission: 'conferences.manage' },
      schema: {
        tags,
        summary:
          '参加者を加える（自治体の職員・関係機関の職員。支援会議では各自が守秘義務を確認してから読めます）',
        params: IdParams,
        body: AddParticipantBody,
        response: { 200: ConferenceDetail },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const c = await conferenceForMember(tx, tenant, actor, request.params.id, true);
        await addConferenceParticipant(tx, ctx, c, request.body.accountId);
        audit({ action: 'agencies.conference.member-add', recordType: 'conference', recordId: c.id });
        for (const personId of c.personIds)
          audit({ action: 'agencies.conference.read', recordType: 'person', recordId: personId });
        return conferenceDetail(tx, ctx, c);
      }),
  );

  app.post(
    '/api/conferences/:id/items',
    {
      config: { permission: 'conferences.attend' },
      schema: {
        tags,
        summary:
          '決定・役割分担（担当と期限）・資料・共有の記録を追加（共有先の機関があれば根拠を記録。重層的支援会議では本人の同意が必要）',
        params: IdParams,
        body: AddItemBody,
        response: { 201: ConferenceItemView },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const c = await conferenceForMember(tx, tenant, actor, request.params.id, true);
        const item = await addConferenceItem(tx, ctx, c, actor, request.body);
        audit({ action: `agencies.conference-item.create`, recordType: 'conference', recordId: c.id });
        return item;
      });
      return reply.code(201).send(created);
    },
  );
}
