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
            /** Where that memory is: V8's heap, memory outside it (buffers), and PGlite's WebAssembly memory. */
            memory: z.object({
              heapUsedBytes: z.number().int(),
              heapTotalBytes: z.number().int(),
              externalBytes: z.number().int(),
              arrayBuffersBytes: z.number().int(),
              pgliteWasmBytes: z.number().int().nullable(),
            }),
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
        memory: memoryDetail(app.ctx.db.pglite),
      };
    },
  );
}

/** PGlite keeps its Emscripten module's heap on `mod`; read defensively, it is not a public API. */
function memoryDetail(pglite: unknown) {
  const usage = process.memoryUsage();
  const heap = (pglite as { mod?: { HEAPU8?: Uint8Array } } | undefined)?.mod?.HEAPU8;
  return {
    heapUsedBytes: usage.heapUsed,
    heapTotalBytes: usage.heapTotal,
    externalBytes: usage.external,
    arrayBuffersBytes: usage.arrayBuffers,
    pgliteWasmBytes: heap ? heap.byteLength : null,
  };
}
