import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isValidMunicipalityCode } from '../../../shared/municipality-code.ts';
import { actorOf, tenantOf } from '../../platform/access/guard.ts';
import { publicWork, staffWork } from '../../platform/access/request-transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { listQueryShape } from '../../platform/http/list.ts';
import { PUBLIC_FORM_RATE_LIMIT, PUBLIC_READ_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { ICS_CONTENT_TYPE, type IcsEvent, icsCalendar } from './events.ics.ts';
import { eventCsv } from './events.opendata.ts';
import {
  AttendanceBody,
  CreateEventBody,
  EventParams,
  FeedParams,
  IcsParams,
  MessageBody,
  MessageResult,
  OpenDataParams,
  OrganiserBody,
  OrganiserDetail,
  OrganiserList,
  OrganiserParams,
  PublicEvent,
  PublicListQuery,
  PublicListResponse,
  PublicRegistration,
  RegisterBody,
  RegisterResult,
  RegistrationCodeBody,
  RegistrationCodeCancelBody,
  SessionParams,
  StaffEvent,
  StaffEventList,
  StaffListQuery,
  StaffRegistrationList,
  TokenParams,
  TokenSessionParams,
  UpdateEventBody,
} from './events.schema.ts';
import {
  cancelRegistrationSession,
  createEvent,
  getPublicEvent,
  getStaffEvent,
  listOrganisers,
  listRegistrations,
  listStaffEvents,
  messageRegistrants,
  presentRegistration,
  publicEventRow,
  publicEventsWithSessions,
  publicOrganiser,
  recordAttendance,
  register,
  registrationByCode,
  registrationByToken,
  saveOrganiser,
  searchPublicEvents,
  tenantOfToken,
  updateEvent,
} from './events.service.ts';

const tags = ['events'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Events and registrations (issue 5): public list, detail, calendars and open data (no login, any
 * municipality); registration without an account (Idempotency-Key) and a private link to check and
 * cancel; staff (municipal staff and family associations) manage their events, registrations,
 * attendance counts and messages to registrants.
 */
export function registerEventRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };
  const baseUrl = () => config.publicUrl.replace(/\/$/, '');
  const toIcs = (item: Awaited<ReturnType<typeof publicEventsWithSessions>>[number]): IcsEvent => {
    const e = item.event;
    return {
      id: e.id,
      title: e.title,
      isSeries: e.isSeries,
      description: [e.description, e.accessibility ? `配慮: ${e.accessibility}` : '']
        .filter(Boolean)
        .join('\n\n'),
      location:
        [e.venueName, e.address, e.addressDetail].filter(Boolean).join(' ') ||
        (e.delivery === 'online' ? 'オンライン' : ''),
      geo: e.lat !== null && e.lng !== null ? { lat: e.lat, lng: e.lng } : null,
      organiser: item.organiser?.name ?? '',
      url: `${baseUrl()}/events/${e.id}`,
      cancelled: e.status === 'cancelled',
      updatedAt: e.updatedAt,
      sessions: item.sessions.map((s) => ({
        id: s.id,
        seq: s.seq,
        topic: s.topic,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        cancelled: s.status === 'cancelled',
      })),
    };
  };
  const sendIcs = (reply: import('fastify').FastifyReply, file: string, body: string) =>
    reply
      .header('content-type', ICS_CONTENT_TYPE)
      .header('content-disposition', `inline; filename="${file}"`)
      .header('cache-control', 'public, max-age=300')
      .send(body);

  // ── public ────────────────────────────────────────────────────────────────────────────────────

  app.get(
    '/api/public/events',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: '近日の催し（家族学習会・家族サロン・居場所の公開日など）を地域・種類・対象で探す',
        querystring: PublicListQuery,
        response: { 200: PublicListResponse },
      },
    },
    async (request) =>
      publicWork(db, request, ({ tx }) => searchPublicEvents(tx, request.query, clock.now())),
  );

  app.get(
    '/api/public/events/:id',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: '催しの詳細（連続講座は全日程）。`{id}.ics` で iCalendar',
        params: IcsParams,
        response: { 200: PublicEvent },
      },
    },
    async (request, reply) => {
      const raw = request.params.id;
      const ics = raw.endsWith('.ics');
      const id = ics ? raw.slice(0, -4) : raw;
      if (!UUID.test(id)) {
        if (ics) throw new AppError(404, 'not_found');
        throw new AppError(400, 'validation_failed', {
          errors: [{ pointer: '/params/id', message: { ja: 'id が正しくありません', en: 'Invalid id' } }],
        });
      }
      if (!ics) return publicWork(db, request, ({ tx }) => getPublicEvent(tx, id, clock.now()));
      const body = await publicWork(db, request, async ({ tx }) => {
        const row = await publicEventRow(tx, id);
        const [item] = (
          await publicEventsWithSessions(tx, { municipalityCode: row.municipalityCode })
        ).filter((i) => i.event.id === id);
        return icsCalendar(row.title, [toIcs(item!)], clock.now());
      });
      return sendIcs(reply, `${id}.ics`, body);
    },
  );

  app.get(
    '/api/public/event-feeds/:file',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: '自治体の催しの iCalendar フィード（<市区町村コード>.ics）',
        params: FeedParams,
        produces: ['text/calendar'],
      },
    },
    async (request, reply) => {
      const match = /^(\d{6})\.ics$/.exec(request.params.file);
      if (!match || !isValidMunicipalityCode(match[1]!)) throw new AppError(404, 'not_found');
      const code = match[1]!;
      const body = await publicWork(db, request, async ({ tx }) => {
        const m = await getMunicipality(tx, code);
        const items = await publicEventsWithSessions(tx, { municipalityCode: code });
        return icsCalendar(`${m.name}の催し（つながり）`, items.map(toIcs), clock.now());
      });
      return sendIcs(reply, `${code}.ics`, body);
    },
  );

  app.get(
    '/api/public/event-feeds/organisers/:file',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: '家族会など主催者ごとの iCalendar フィード（<主催者id>.ics）',
        params: FeedParams,
        produces: ['text/calendar'],
      },
    },
    async (request, reply) => {
      const id = request.params.file.replace(/\.ics$/, '');
      if (!request.params.file.endsWith('.ics') || !UUID.test(id)) throw new AppError(404, 'not_found');
      const body = await publicWork(db, request, async ({ tx }) => {
        const organiser = await publicOrganiser(tx, id);
        const items = await publicEventsWithSessions(tx, { organiserId: id });
        return icsCalendar(`${organiser.name}の催し（つながり）`, items.map(toIcs), clock.now());
      });
      return sendIcs(reply, `${id}.ics`, body);
    },
  );

  app.get(
    '/api/public/open-data/events/:file',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: '推奨データセット「イベント一覧」CSV（<市区町村コード>_event.csv、UTF-8 BOM 付き）',
        params: OpenDataParams,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const match = /^(\d{6})_event\.csv$/.exec(request.params.file);
      if (!match || !isValidMunicipalityCode(match[1]!)) throw new AppError(404, 'not_found');
      const code = match[1]!;
      const csv = await publicWork(db, request, async ({ tx }) => {
        const m = await getMunicipality(tx, code);
        const items = await publicEventsWithSessions(tx, { municipalityCode: code });
        return eventCsv(
          items,
          { municipalityCode: code, municipalityName: m.name, prefectureName: m.prefectureName },
          baseUrl(),
        );
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${code}_event.csv"`)
        .header('cache-control', 'public, max-age=300')
        .send(csv);
    },
  );

  app.post(
    '/api/public/events/:id/registrations',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags,
        summary:
          '申し込み（アカウント不要。連続講座は全日程。満席ならキャンセル待ち。確認用リンクは一度だけ表示。Idempotency-Key 対応）',
        params: EventParams,
        body: RegisterBody,
        response: { 201: RegisterResult },
      },
    },
    async (request, reply) => {
      const found = await publicWork(db, request, ({ tx }) => publicEventRow(tx, request.params.id));
      const tenant = found.municipalityCode;
      const result = await publicWork(db, request, { tenant }, ({ tx, audit }) =>
        idempotent(request, tx, { scope: 'events.register', tenant, keys: config.dataKeys }, async () => {
          const event = await publicEventRow(tx, request.params.id);
          const { id, result } = await register(tx, ctx, event, request.body);
          audit({ action: 'events.registration.create', recordType: 'event_registration', recordId: id });
          return { status: 201, body: result };
        }),
      );
      return reply
        .code(result.status as 201)
        .header('idempotent-replayed', String(result.replayed))
        .header('cache-control', 'no-store')
        .send(result.body);
    },
  );

  const notFoundByToken = () => new AppError(404, 'events_registration_not_found');

  app.get(
    '/api/public/event-registrations/:token',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags,
        summary: '確認用リンク: 申し込みの状態（日程ごと。連絡先は表示しません）',
        params: TokenParams,
        response: { 200: PublicRegistration },
      },
    },
    async (request, reply) => {
      const tenant = tenantOfToken(request.params.token);
      if (!tenant) throw notFoundByToken();
      const view = await publicWork(db, request, { tenant }, async ({ tx, audit }) => {
        const found = await registrationByToken(tx, request.params.token);
        if (!found) return null;
        audit({
          action: 'events.registration.read',
          recordType: 'event_registration',
          recordId: found.registration.id,
        });
        return presentRegistration(tx, found, clock.now());
      });
      if (!view) throw notFoundByToken();
      return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send(view);
    },
  );

  app.post(
    '/api/public/event-registrations/:token/sessions/:sessionId/cancel',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags,
        summary: '確認用リンク: 日程ごとの取り消し（空いた席はキャンセル待ちの先頭の方へ）',
        params: TokenSessionParams,
        response: { 200: PublicRegistration },
      },
    },
    async (request, reply) => {
      const tenant = tenantOfToken(request.params.token);
      if (!tenant) throw notFoundByToken();
      const view = await publicWork(db, request, { tenant }, async ({ tx, audit }) => {
        const found = await registrationByToken(tx, request.params.token);
        if (!found) return null;
        await cancelRegistrationSession(tx, ctx, found, request.params.sessionId);
        audit({
          action: 'events.registration.cancel',
          recordType: 'event_registration',
          recordId: found.registration.id,
        });
        return presentRegistration(tx, found, clock.now());
      });
      if (!view) throw notFoundByToken();
      return reply.header('cache-control', 'no-store').send(view);
    },
  );

  // The same two actions with the 受付番号 and the short cancel code typed in, on the event's cancel
  // page. POST, so the codes never sit in an address, a history or a proxy log.
  const notFoundByCode = () => new AppError(404, 'events_registration_code_not_found');

  app.post(
    '/api/public/events/:id/registrations/find',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags,
        summary: '受付番号と取り消し番号で申し込みの状態を見る（連絡先は表示しません）',
        params: EventParams,
        body: RegistrationCodeBody,
        response: { 200: PublicRegistration },
      },
    },
    async (request, reply) => {
      const event = await publicWork(db, request, ({ tx }) => publicEventRow(tx, request.params.id));
      const view = await publicWork(
        db,
        request,
        { tenant: event.municipalityCode },
        async ({ tx, audit }) => {
          const found = await registrationByCode(
            tx,
            event,
            request.body.receiptNumber,
            request.body.cancelCode,
          );
          if (!found) return null;
          audit({
            action: 'events.registration.read',
            recordType: 'event_registration',
            recordId: found.registration.id,
          });
          return presentRegistration(tx, found, clock.now());
        },
      );
      if (!view) throw notFoundByCode();
      return reply.header('cache-control', 'no-store').send(view);
    },
  );

  app.post(
    '/api/public/events/:id/registrations/cancel',
    {
      config: { permission: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
      schema: {
        tags,
        summary: '受付番号と取り消し番号で日程ごとに取り消す（空いた席はキャンセル待ちの先頭の方へ）',
        params: EventParams,
        body: RegistrationCodeCancelBody,
        response: { 200: PublicRegistration },
      },
    },
    async (request, reply) => {
      const event = await publicWork(db, request, ({ tx }) => publicEventRow(tx, request.params.id));
      const { receiptNumber, cancelCode, sessionId } = request.body;
      const view = await publicWork(
        db,
        request,
        { tenant: event.municipalityCode },
        async ({ tx, audit }) => {
          const found = await registrationByCode(tx, event, receiptNumber, cancelCode);
          if (!found) return null;
          await cancelRegistrationSession(tx, ctx, found, sessionId);
          audit({
            action: 'events.registration.cancel',
            recordType: 'event_registration',
            recordId: found.registration.id,
          });
          return presentRegistration(tx, found, clock.now());
        },
      );
      if (!view) throw notFoundByCode();
      return reply.header('cache-control', 'no-store').send(view);
    },
  );

  // ── staff ─────────────────────────────────────────────────────────────────────────────────────

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
