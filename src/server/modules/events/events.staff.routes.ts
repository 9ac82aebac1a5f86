import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MessageResult,
  OrganiserDetail,
  OrganiserList,
  StaffEvent,
  StaffEventList,
  StaffRegistrationList,
} from '../../../shared/contracts/events.ts';
import { actorOf, tenantOf } from '../../platform/access/guard.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import { listQueryShape } from '../../platform/http/list.ts';
import { createEvent, getStaffEvent, listStaffEvents, updateEvent } from './events.manage.ts';
import { listOrganisers, saveOrganiser } from './events.organisers.ts';
import { listRegistrations, messageRegistrants, recordAttendance } from './events.registrants.ts';
import {
  AttendanceBody,
  CreateEventBody,
  EventParams,
  MessageBody,
  OrganiserBody,
  OrganiserParams,
  SessionParams,
  StaffListQuery,
  UpdateEventBody,
} from './events.schema.ts';

const tags = ['events'];

/**
 * Staff (municipal staff and family associations, issue 5) manage their organisers, events,
 * registrations, attendance counts and messages to registrants.
 */
export function registerStaffEventRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };

  app.get(
    '/api/events/organisers',
    {
      config: { permission: 'events.manage' },
      schema: { tags, summary: '自分が催しを管理できる主催者', response: { 200: OrganiserList } },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, ({ tx }) => listOrganisers(tx, tenant, actorOf(request)));
    },
  );

  app.post(
    '/api/events/organisers',
    {
      config: { permission: 'events.organisers.manage' },
      schema: {
        tags,
        summary: '主催者（家族会など）の登録と、その催しを管理するアカウント',
        body: OrganiserBody,
        response: { 201: OrganiserDetail },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const saved = await staffWork(db, request, async ({ tx, audit }) => {
        const organiser = await saveOrganiser(tx, tenant, null, request.body);
        audit({ action: 'events.organiser.create', recordType: 'event_organiser', recordId: organiser.id });
        return organiser;
      });
      return reply.code(201).send(saved);
    },
  );

  app.put(
    '/api/events/organisers/:id',
    {
      config: { permission: 'events.organisers.manage' },
      schema: {
        tags,
        summary: '主催者の変更（名称・管理するアカウント）',
        params: OrganiserParams,
        body: OrganiserBody,
        response: { 200: OrganiserDetail },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, async ({ tx, audit }) => {
        const organiser = await saveOrganiser(tx, tenant, request.params.id, request.body);
        audit({ action: 'events.organiser.update', recordType: 'event_organiser', recordId: organiser.id });
        return organiser;
      });
    },
  );

  app.get(
    '/api/events',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '自分が管理する催し（家族会は自分の会の催しだけ）',
        querystring: StaffListQuery,
        response: { 200: StaffEventList },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, ({ tx }) => listStaffEvents(tx, tenant, actorOf(request), request.query));
    },
  );

  app.post(
    '/api/events',
    {
      config: { permission: 'events.manage' },
      schema: { tags, summary: '催し・連続講座の作成', body: CreateEventBody, response: { 201: StaffEvent } },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const event = await staffWork(db, request, async ({ tx, audit }) => {
        const created = await createEvent(tx, tenant, actorOf(request), request.body, clock.now());
        audit({ action: 'events.event.create', recordType: 'event', recordId: created.id });
        return created;
      });
      return reply.code(201).send(event);
    },
  );

  app.get(
    '/api/events/:id',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '催し（日程ごとの申込数と出席数）',
        params: EventParams,
        response: { 200: StaffEvent },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, ({ tx }) =>
        getStaffEvent(tx, tenant, actorOf(request), request.params.id, clock.now()),
      );
    },
  );

  app.put(
    '/api/events/:id',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '催しの変更（version が古いと 409。定員を増やすとキャンセル待ちの方が繰り上がります）',
        params: EventParams,
        body: UpdateEventBody,
        response: { 200: StaffEvent },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, async ({ tx, audit }) => {
        const event = await updateEvent(tx, ctx, tenant, actorOf(request), request.params.id, request.body);
        audit({ action: 'events.event.update', recordType: 'event', recordId: event.id });
        return event;
      });
    },
  );

  app.get(
    '/api/events/:id/registrations',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '申し込みの一覧（ニックネーム・人数・連絡先・配慮。閲覧は監査ログに残ります）',
        params: EventParams,
        querystring: z.strictObject(listQueryShape),
        response: { 200: StaffRegistrationList },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const list = await staffWork(db, request, async ({ tx, audit }) => {
        const found = await listRegistrations(
          tx,
          ctx,
          tenant,
          actorOf(request),
          request.params.id,
          request.query,
        );
        if (found.recordIds.length === 0)
          audit({ action: 'events.registration.list', recordType: 'event', recordId: request.params.id });
        for (const id of found.recordIds)
          audit({ action: 'events.registration.read', recordType: 'event_registration', recordId: id });
        const { recordIds: _ids, ...rest } = found;
        return rest;
      });
      return reply.header('cache-control', 'no-store').send(list);
    },
  );

  app.put(
    '/api/events/:id/sessions/:sessionId/attendance',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '出席者数の記録（人数のみ。名前は記録しません）',
        params: SessionParams,
        body: AttendanceBody,
        response: { 200: StaffEvent },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, async ({ tx, audit }) => {
        const event = await recordAttendance(
          tx,
          tenant,
          actorOf(request),
          request.params.id,
          request.params.sessionId,
          request.body.count,
          clock.now(),
        );
        audit({
          action: 'events.attendance.record',
          recordType: 'event_session',
          recordId: request.params.sessionId,
        });
        return event;
      });
    },
  );

  app.post(
    '/api/events/:id/messages',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '申し込んだ方へのお知らせ（メールアドレスのある方へ送信箱から）',
        params: EventParams,
        body: MessageBody,
        response: { 200: MessageResult },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, async ({ tx, audit }) => {
        const { messageId, ...result } = await messageRegistrants(
          tx,
          ctx,
          tenant,
          actorOf(request),
          request.params.id,
          request.body,
        );
        audit({ action: 'events.message.send', recordType: 'event', recordId: request.params.id });
        void messageId;
        return result;
      });
    },
  );
}
