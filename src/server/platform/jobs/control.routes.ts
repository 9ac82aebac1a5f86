import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fixedClock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { CONTROL_HEADER, controlSecretMatches, isLocalCaller } from './control.ts';
import { runDueJobs } from './due.ts';
import { RunDueRequest, RunDueResponse } from './jobs.schema.ts';

/**
 * `POST /api/internal/jobs/run-due`: how `npm run jobs:run-due` runs the due jobs while a PGlite
 * server holds the data directory. Not a session route (`permission: 'internal'`): it checks for
 * itself that the caller is on this machine and presents the secret from `$DATA_DIR/control.secret`.
 */
export function registerControlRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/internal/jobs/run-due',
    {
      config: { permission: 'internal' },
      schema: {
        tags: ['internal'],
        summary: 'Run every due job once (local CLI only; X-Tsunagari-Control secret)',
        body: RunDueRequest,
        response: { 200: RunDueResponse },
      },
    },
    async (request, reply) => {
      if (!isLocalCaller(request)) throw new AppError(403, 'forbidden');
      if (!controlSecretMatches(request.headers[CONTROL_HEADER])) throw new AppError(401, 'unauthenticated');
      const ctx = app.ctx;
      if (request.body.now && ctx.config.isProduction) {
        throw new AppError(400, 'validation_failed', {
          errors: [
            {
              pointer: '/body/now',
              message: {
                ja: '本番環境では時刻を指定できません',
                en: 'The clock cannot be set in production',
              },
            },
          ],
        });
      }
      const clock = request.body.now ? fixedClock(new Date(request.body.now)) : ctx.clock;
      const summary = await runDueJobs({ db: ctx.db, config: ctx.config, clock }, { trigger: 'control' });
      reply.header('cache-control', 'no-store');
      return summary;
    },
  );
}
