import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  ConferenceCandidates,
  ConferenceDetail,
  ConferenceItemView,
  ConferenceList,
  ConferenceMaterials,
  MinutesVersions,
} from '../../../shared/contracts/agencies.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import type { Tx } from '../../platform/db/client.ts';
import { addConferenceItem, saveMinutes } from './agencies.conference-records.ts';
import {
  acknowledgeConfidentiality,
  addConferenceParticipant,
  addConferencePerson,
  conferenceCandidates,
  conferenceDetail,
  conferenceForMember,
  conferenceMaterials,
  createConference,
  listConferences,
  minutesVersions,
} from './agencies.conferences.ts';
import {
  AddItemBody,
  AddParticipantBody,
  AddPersonBody,
  CreateConferenceBody,
  IdParams,
  MinutesBody,
} from './agencies.schema.ts';

/**
 * Routes of 支援会議 and 重層的支援会議 (issue 7): membership (non-members get 404) and, for a 支援会議,
 * the acknowledged duty of confidentiality are checked in the use case; every read that shows content
 * about a person is audited as a read of record type `person`.
 */
export function registerConferenceRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };
  const tags = ['agencies'];

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
