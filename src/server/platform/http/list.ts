import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX } from '../../../shared/limits.ts';
import { AppError } from '../errors.ts';

/** Paging parameters of every list (Contract: `limit` ≤ 200, opaque `cursor`). */
export const listQueryShape = {
  limit: z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
  cursor: z.string().max(500).optional(),
};

/** The envelope of every paged list; defined once with the contracts the web reads. */
export { listResponse } from '../../../shared/contracts/list.ts';

export type ListResult<T> = { items: T[]; total: number; nextCursor: string | null };

/** Cursors are opaque to clients: base64url JSON of the keyset position. */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(
  cursor: string | undefined,
  shape: T,
): z.infer<T> | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the clear error below
  }
  throw new AppError(400, 'validation_failed', {
    errors: [
      { pointer: '/query/cursor', message: { ja: 'cursor が正しくありません', en: 'Invalid cursor' } },
    ],
  });
}

/**
 * Sends a body already encoded as JSON (e.g. a list joined from stored renderings) as it is: Fastify
 * passes a string with a JSON content type through untouched, so the route's response schema then
 * documents the shape (OpenAPI) without encoding it a second time.
 */
export function sendEncodedJson(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}
