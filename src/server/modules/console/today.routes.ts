import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TODAY_KINDS } from '../../../shared/contracts/console.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import { todayFor } from './today.service.ts';

const TodayResponse = z.object({
  items: z.array(z.object({ kind: z.enum(TODAY_KINDS), count: z.number().int().min(0), href: z.string() })),
});

/**
 * `GET /api/console/today` (issue 22): the caller's waiting work as counts and links, one per kind its
 * roles may do. Counts only — no person, name or record id — so the read is not audited per record.
 */
export function registerTodayRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;

  app.get(
    '/api/console/today',
    {
      config: { permission: 'self' },
      schema: {
        tags: ['console'],
        summary: '今日の仕事: 待っている相談・見直し・審査・承認などの件数と、その画面へのリンク',
        response: { 200: TodayResponse },
      },
    },
    async (request, reply) => {
      const items = await staffWork(db, request, { scope: 'caller' }, ({ tx, actor }) =>
        todayFor(tx, actor, clock),
      );
      return reply.header('cache-control', 'no-store').send({ items });
    },
  );
}
