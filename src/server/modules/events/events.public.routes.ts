import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PublicEvent, PublicListResponse } from '../../../shared/contracts/events.ts';
import { isValidMunicipalityCode } from '../../../shared/municipality-code.ts';
import { publicWork } from '../../platform/access/request-transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { PUBLIC_READ_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { EVENTS_FIELD, eventsFieldError } from './events.errors.ts';
import { ICS_CONTENT_TYPE, type IcsEvent, icsCalendar } from './events.ics.ts';
import { eventCsv } from './events.opendata.ts';
import {
  getPublicEvent,
  publicEventRow,
  publicEventsWithSessions,
  publicOrganiser,
  searchPublicEvents,
} from './events.public.ts';
import { FeedParams, IcsParams, OpenDataParams, PublicListQuery } from './events.schema.ts';

const tags = ['events'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Events for anybody (issue 5): the list, an event's detail, iCalendar feeds of a town and of an
 * organiser, and the open-data CSV. No login, any municipality; only published and cancelled events.
 */
export function registerPublicEventRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
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
  const sendIcs = (reply: FastifyReply, file: string, body: string) =>
    reply
      .header('content-type', ICS_CONTENT_TYPE)
      .header('content-disposition', `inline; filename="${file}"`)
      .header('cache-control', 'public, max-age=300')
      .send(body);

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
        throw eventsFieldError('/params/id', EVENTS_FIELD.invalidId);
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
}
