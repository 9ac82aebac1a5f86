import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.ts';

export function registerHealth(app: FastifyInstance): void {
  app.get(
    '/healthz',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database reachability',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            /** The answering process: with WORKERS > 1, several answer on one port (issue 23). */
            pid: z.number().int(),
            /** Its resident memory, for operators sizing a machine (PGlite runs inside this process). */
            rssBytes: z.number().int(),
          }),
        },
      },
    },
    async () => {
      try {
        await app.ctx.db.orm.execute(sql`select 1`);
      } catch (cause) {
        throw new AppError(503, 'service_unavailable', { cause });
      }
      return {
        status: 'ok' as const,
        database: app.ctx.db.kind,
        pid: process.pid,
        rssBytes: process.memoryUsage.rss(),
      };
    },
  );
}
