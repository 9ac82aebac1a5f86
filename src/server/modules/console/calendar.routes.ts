import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CALENDAR_KINDS, CALENDAR_MAX_DAYS } from '../../../shared/contracts/console.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { calendarFor } from './calendar.service.ts';
import { CONSOLE_TEXT } from './console.errors.ts';

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const CalendarQuery = z
  .strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() })
  .superRefine((q, ctx) => {
    if (q.from && q.to && daysBetween(q.from, q.to) < 0)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: '終わりの日は始めの日より後にしてください / "to" must not be before "from"',
      });
    if (q.from && q.to && daysBetween(q.from, q.to) >= CALENDAR_MAX_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: fieldMessage({
          ja: `一度に表示できるのは ${CALENDAR_MAX_DAYS} 日までです`,
          en: `at most ${CALENDAR_MAX_DAYS} days at a time`,
        }),
      });
  });

const CalendarResponse = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      kind: z.enum(CALENDAR_KINDS),
      date: z.string(),
      start: z.string().nullable(),
      end: z.string().nullable(),
      title: z.string(),
      href: z.string(),
    }),
  ),
});

/**
 * `GET /api/console/calendar` (issue 22 item 3): the caller's appointments, shifts and event sessions
 * between two days (default: today and the next four weeks). Titles name persons of the caller's own
 * caseload, so the read is audited.
 */
export function registerCalendarRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;

  app.get(
    '/api/console/calendar',
    {
      config: { permission: 'self' },
      schema: {
        tags: ['console'],
        summary:
          '予定: 担当ケースの連絡予定・計画の見直し日、ピアサポートの当番、イベントの開催回（期間は最長62日）',
        querystring: CalendarQuery,
        response: { 200: CalendarResponse },
      },
    },
    async (request, reply) => {
      const from = request.query.from ?? isoDateInTokyo(clock.now());
      const to =
        request.query.to ?? isoDateInTokyo(new Date(Date.parse(`${from}T12:00:00+09:00`) + 27 * DAY_MS));
      // Only one end given: the other is its default, and the pair must still make a range.
      if (daysBetween(from, to) < 0 || daysBetween(from, to) >= CALENDAR_MAX_DAYS)
        throw new AppError(400, 'validation_failed', {
          detail: CONSOLE_TEXT.calendarRangeTooLong(CALENDAR_MAX_DAYS),
        });
      const items = await staffWork(db, request, { scope: 'caller' }, async ({ tx, actor, audit }) => {
        const found = await calendarFor(tx, actor, { from, to }, config);
        audit({ action: 'console.calendar.read', recordType: 'calendar', recordId: `${from}:${to}` });
        return found;
      });
      return reply.header('cache-control', 'no-store').send({ from, to, items });
    },
  );
}
