import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImportView } from '../../../shared/contracts/places.ts';
import { UPLOAD_LIMIT_BYTES } from '../../../shared/limits.ts';
import { actorOf, tenantOf } from '../../platform/access/guard.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import { pickLang } from '../../platform/errors.ts';
import { errorCodeOf } from '../../platform/jobs/due.ts';
import { receiveOneFile } from '../../platform/uploads/index.ts';
import {
  applyImport,
  claimImport,
  createImport,
  getImport,
  IMPORT_INLINE_ROWS,
  markImportFailed,
  parseImportFile,
  presentImport,
} from './places.import.ts';
import { ConfirmImportBody, ImportParams } from './places.schema.ts';

const tags = ['places'];

/** The CSV import of a municipality's entries: preview (writes nothing to the directory) → confirm. */
export async function registerPlaceImportRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;

  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 5, parts: 6 },
    });
    const s = scope.withTypeProvider<ZodTypeProvider>();
    s.post(
      '/api/places/imports',
      {
        config: { permission: 'places.import' },
        bodyLimit: UPLOAD_LIMIT_BYTES + 64 * 1024,
        schema: {
          tags,
          summary: 'CSV の取り込み（1）: 読み込んで全行を検査し、プレビューを返す（掲載には書き込まない）',
          consumes: ['multipart/form-data'],
          response: { 201: ImportView },
        },
      },
      async (request, reply) => {
        const tenant = tenantOf(request);
        const bytes = await receiveOneFile(request, { maxFileBytes: UPLOAD_LIMIT_BYTES });
        const parsed = parseImportFile(bytes);
        const view = await staffWork(db, request, async ({ tx, audit }) => {
          const row = await createImport(tx, tenant, actorOf(request).accountId, parsed, clock.now());
          audit({ action: 'places.import.preview', recordType: 'place_import', recordId: row.id });
          return presentImport(tx, row, pickLang(request.headers['accept-language']));
        });
        return reply.code(201).send(view);
      },
    );
  });

  app.get(
    '/api/places/imports/:id',
    {
      config: { permission: 'places.import' },
      schema: {
        tags,
        summary: '取り込みのプレビューと進み具合',
        params: ImportParams,
        response: { 200: ImportView },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return staffWork(db, request, async ({ tx }) =>
        presentImport(
          tx,
          await getImport(tx, tenant, request.params.id),
          pickLang(request.headers['accept-language']),
        ),
      );
    },
  );

  app.post(
    '/api/places/imports/:id/confirm',
    {
      config: { permission: 'places.import' },
      schema: {
        tags,
        summary: 'CSV の取り込み（2）: プレビューした内容を 1 つのトランザクションで書き込む（外部IDで照合）',
        params: ImportParams,
        body: ConfirmImportBody,
        response: { 200: ImportView, 202: ImportView },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const actorId = actorOf(request).accountId;
      const lang = pickLang(request.headers['accept-language']);
      const { id } = request.params;
      const claimed = await staffWork(db, request, async ({ tx, audit }) => {
        const row = await claimImport(tx, tenant, id, request.body.skipInvalid, actorId, clock.now());
        if (row.rows.length > IMPORT_INLINE_ROWS) {
          audit({ action: 'places.import.confirm', recordType: 'place_import', recordId: id });
          return { row, inline: false };
        }
        await applyImport(tx, row, actorId, clock.now());
        audit({ action: 'places.import.confirm', recordType: 'place_import', recordId: id });
        return { row, inline: true };
      });
      if (!claimed.inline) {
        // Large files: applied after this answer, still in one transaction; the page polls the import.
        setImmediate(() => {
          staffWork(db, request, ({ tx }) => applyImport(tx, claimed.row, actorId, clock.now())).catch(
            (error) =>
              staffWork(db, request, ({ tx }) =>
                markImportFailed(tx, tenant, id, errorCodeOf(error), clock.now()),
              ).catch(() => {}),
          );
        });
      }
      const view = await staffWork(db, request, async ({ tx }) =>
        presentImport(tx, await getImport(tx, tenant, id), lang),
      );
      return reply.code(claimed.inline ? 200 : 202).send(view);
    },
  );
}
