import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { staffWork } from '../../platform/access/request-transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { DraftBody, DraftParams, DraftView } from './drafts.schema.ts';
import { readDraft, removeDraft, saveDraft } from './drafts.service.ts';

/**
 * Drafts of the signed-in account only (`self`): no role reads another account's draft, and the key
 * space is per account, so guessing a key finds nothing. Saves are not audited one by one (a page
 * saves every few seconds while its writer types, and nobody else can read them); restoring a draft
 * and discarding it are.
 */
export function registerDraftRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };
  const tags = ['drafts'];

  app.get(
    '/api/drafts/:key',
    {
      config: { permission: 'self' },
      schema: {
        tags,
        summary: '自分の下書きを読む（ほかの人の下書きは誰も読めない）',
        params: DraftParams,
        response: { 200: DraftView },
      },
    },
    async (request, reply) => {
      const draft = await staffWork(
        db,
        request,
        { scope: 'caller' },
        async ({ tx, tenant, actor, audit }) => {
          const found = await readDraft(tx, ctx, { accountId: actor.accountId, tenant }, request.params.key);
          if (found) audit({ action: 'draft.restore', recordType: 'draft', recordId: null });
          return found;
        },
      );
      if (!draft) throw new AppError(404, 'not_found');
      return reply.header('cache-control', 'no-store').send(draft);
    },
  );

  app.put(
    '/api/drafts/:key',
    {
      config: { permission: 'self' },
      schema: {
        tags,
        summary: '下書きを保存する（入力中に数秒おき。暗号化して保存）',
        params: DraftParams,
        body: DraftBody,
        response: { 200: DraftView },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, ({ tx, tenant, actor }) =>
        saveDraft(tx, ctx, { accountId: actor.accountId, tenant }, request.params.key, request.body.content),
      ),
  );

  app.delete(
    '/api/drafts/:key',
    {
      config: { permission: 'self' },
      schema: { tags, summary: '下書きを消す（記録したとき・破棄したとき）', params: DraftParams },
    },
    async (request, reply) => {
      await staffWork(db, request, { scope: 'caller' }, async ({ tx, tenant, actor, audit }) => {
        if (await removeDraft(tx, { accountId: actor.accountId, tenant }, request.params.key))
          audit({ action: 'draft.discard', recordType: 'draft', recordId: null });
      });
      return reply.status(204).send();
    },
  );
}
