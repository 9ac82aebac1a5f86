import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { decryptField, encryptField } from '../crypto/fields.ts';
import type { Tx } from '../db/client.ts';
import { asSystem } from '../db/tenant.ts';
import { AppError, registerErrorMessages } from '../errors.ts';
import type { DueJob } from '../jobs/due.ts';
import { idempotencyKeys } from './idempotency.tables.ts';

registerErrorMessages({
  idempotency_key_invalid: {
    title: { ja: '受付キーの形式が正しくありません', en: 'Invalid Idempotency-Key' },
    detail: {
      ja: '8〜200 文字の英数字と - _ : . で指定してください。',
      en: 'Use 8–200 of A–Z a–z 0–9 - _ : .',
    },
  },
});

const KEY_FORMAT = /^[A-Za-z0-9_.:-]{8,200}$/;
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export type IdempotentResult<T> = { status: number; body: T; replayed: boolean };

function requestHash(request: FastifyRequest, body: unknown): string {
  return createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url ?? request.url}\n`)
    .update(JSON.stringify(body ?? null))
    .digest('hex');
}

/**
 * Runs `work` once per `Idempotency-Key` (when the header is sent) inside the caller's transaction.
 * A retry with the same key gets the stored answer with `replayed: true`; a concurrent duplicate waits
 * on the key's row until the first commits, then gets its answer. The same key with a different body
 * is refused (422). Without the header, `work` simply runs.
 *
 * Call it in the tenant transaction the work writes in, and set the reply status from the result.
 */
export async function idempotent<T>(
  request: FastifyRequest,
  tx: Tx,
  options: {
    scope: string;
    tenant: string | null;
    keys: Parameters<typeof encryptField>[1];
    /**
     * What the request hash is computed from (default: the body). A route whose body carries a value
     * that must leave no trace once used (e.g. an address used once, decision 0025) passes the body
     * with that value replaced by a keyed digest: a plain SHA-256 of the body could be matched
     * against a guessed address.
     */
    hashBody?: unknown;
  },
  work: () => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return { ...(await work()), replayed: false };
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !KEY_FORMAT.test(key)) throw new AppError(400, 'idempotency_key_invalid');

  const hash = requestHash(request, 'hashBody' in options ? options.hashBody : request.body);
  const context = `idempotency_keys.response:${options.scope}`;
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ municipalityCode: options.tenant, scope: options.scope, key, requestHash: hash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });

  if (claimed.length === 0) {
    const [previous] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, options.scope), eq(idempotencyKeys.key, key)));
    if (!previous || previous.requestHash !== hash || !previous.responseEncrypted) {
      // Another body under the same key (or a key of another tenant): never replay someone else's answer.
      throw new AppError(422, 'idempotency_mismatch');
    }
    return {
      status: previous.status,
      body: JSON.parse(decryptField(previous.responseEncrypted, options.keys, context)) as T,
      replayed: true,
    };
  }

  const result = await work();
  await tx
    .update(idempotencyKeys)
    .set({
      status: result.status,
      responseEncrypted: encryptField(JSON.stringify(result.body), options.keys, context),
    })
    .where(and(eq(idempotencyKeys.scope, options.scope), eq(idempotencyKeys.key, key)));
  return { ...result, replayed: false };
}

/** Stored answers are kept for a day: long enough for any client retry. */
export const httpIdempotencyPurgeJob: DueJob = {
  name: 'http.idempotency-purge',
  // A technical retention, not a business rule: measured by the database's own time.
  async run({ db }) {
    const removed = await asSystem(db, (tx) =>
      tx
        .delete(idempotencyKeys)
        .where(
          lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${IDEMPOTENCY_TTL_MS / 1000})`),
        )
        .returning({ key: idempotencyKeys.key }),
    );
    return { processed: removed.length };
  },
};
