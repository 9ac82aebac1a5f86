import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../auth/sessions.ts';

/**
 * Public reads made cheap to repeat (issue 21 item 1, issue 23 item 4; ADR 0021).
 *
 * - Every successful GET/HEAD under /api/public carries a weak ETag of its body and answers 304 to a
 *   matching If-None-Match, so a browser, a reverse proxy or a CDN revalidates without the body.
 * - Cache-Control is the route's own choice (public, max-age=… for reference data; no-cache for
 *   answers that depend on the clock, such as helplines open now); a route that says nothing gets
 *   `no-cache` (store, but ask every time). A request with a session is answered `private, no-cache`:
 *   what a signed-in person sees is never put in a shared cache.
 * - Routes marked `config.publicCache` keep their answer in this process's memory, so the embedded
 *   default serves the hot pages without a database round trip. Any successful write in this process
 *   empties it (except the writes of modules that never feed a public page: `writesPublicData: false`); other processes (WORKERS, jobs, CLIs) are covered by the short lifetime below.
 *   The copy keeps its ETag and its compressed forms (br, gzip), each made once: compressing a hot
 *   page again for every reader cost more CPU than the rest of the answer, and the per-request brotli
 *   encoders' buffers were most of the embedded server's memory growth under load (issue 23 item 5).
 */
export const PUBLIC_CACHE_TTL_MS = 30_000;
/** Bounds memory: the search answers are keyed by their query string. */
export const PUBLIC_CACHE_MAX_ENTRIES = 1000;

type Encoding = 'br' | 'gzip';
type Entry = {
  body: Buffer;
  contentType: string;
  cacheControl: string;
  storedAt: number;
  etag: string;
  /** The body compressed, per encoding, made on the first request that accepts it. */
  encoded: Partial<Record<Encoding, Buffer>>;
};

export type PublicCache = {
  /** Empties the cache (after a write). Exposed for jobs that change public data in this process. */
  clear(): void;
  readonly size: number;
};

declare module 'fastify' {
  interface FastifyInstance {
    publicCache: PublicCache;
  }
  interface FastifyRequest {
    /** Set when this answer came from the in-process cache (no handler, no database). */
    servedFromPublicCache?: boolean;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerPublicCaching(
  app: FastifyInstance,
  options: {
    now: () => number;
    /** Bodies at least this long are sent compressed when the client accepts it (as the compress plugin does). */
    compressAtLeastBytes: number;
  },
): void {
  const entries = new Map<string, Entry>();
  const cache: PublicCache = {
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
  app.decorate('publicCache', cache);

  const isPublicRead = (request: FastifyRequest) =>
    (request.method === 'GET' || request.method === 'HEAD') && request.url.startsWith('/api/public/');
  // Public routes do not look the session up, so its cookie is what says "signed in".
  const personal = (request: FastifyRequest) =>
    request.actor !== null ||
    request.cookies?.[SESSION_COOKIE] !== undefined ||
    request.cookies?.[SECURE_SESSION_COOKIE] !== undefined;
  const cacheable = (request: FastifyRequest) =>
    isPublicRead(request) && request.routeOptions.config?.publicCache === true && !personal(request);

  // After authentication, the rate limit and validation (all earlier hooks): only the handler and its
  // database round trip are skipped.
  app.addHook('preHandler', async (request, reply) => {
    if (!cacheable(request)) return;
    const entry = entries.get(request.url);
    if (!entry) return;
    if (options.now() - entry.storedAt > PUBLIC_CACHE_TTL_MS) {
      entries.delete(request.url);
      return;
    }
    request.servedFromPublicCache = true;
    // Map order is insertion order: re-inserting keeps the most used entries away from eviction.
    entries.delete(request.url);
    entries.set(request.url, entry);
    reply.header('cache-control', entry.cacheControl).header('etag', entry.etag);
    if (matches(request.headers['if-none-match'], entry.etag)) return reply.send(notModified(reply));
    reply.header('content-type', entry.contentType);
    if (Buffer.byteLength(entry.body) < options.compressAtLeastBytes) return reply.send(entry.body);
    const vary = String(reply.getHeader('vary') ?? '');
    if (!/accept-encoding/i.test(vary))
      reply.header('vary', vary ? `${vary}, accept-encoding` : 'accept-encoding');
    const encoding = acceptedEncoding(request.headers['accept-encoding']);
    if (!encoding) return reply.send(entry.body);
    entry.encoded[encoding] ??= compress(entry.body, encoding);
    // A Content-Encoding already set tells the compress plugin to leave the body alone.
    return reply.header('content-encoding', encoding).send(entry.encoded[encoding]);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // From the cache: ETag, 304 and encoding were settled in preHandler.
    if (request.servedFromPublicCache) return payload;
    if (!isPublicRead(request) || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams: no ETag
    if (personal(request)) {
      reply.header('cache-control', 'private, no-cache');
    } else if (!reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-cache');
    }
    const cacheControl = String(reply.getHeader('cache-control'));
    if (/no-store/.test(cacheControl)) return payload;

    // Encoded to UTF-8 once, for the hash and for the socket: hashing the text and then writing it
    // encoded each 20 kB search answer twice (bench/places.ts, CPU profile in docs/benchmarks.md).
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    if (cacheable(request) && !/private/.test(cacheControl)) {
      if (entries.size >= PUBLIC_CACHE_MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(request.url, {
        body,
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
        cacheControl,
        storedAt: options.now(),
        etag,
        encoded: {},
      });
    }
    reply.header('etag', etag);
    if (matches(request.headers['if-none-match'], etag)) return notModified(reply);
    return body;
  });

  // A write that succeeded may have changed any public answer: start again from the database. Only
  // writes of modules that never feed a public page (support records, payments…) keep the copies: with
  // every staff write emptying it, a working day's notes kept the hot pages out of the cache.
  app.addHook('onResponse', async (request, reply) => {
    if (READ_METHODS.has(request.method) || reply.statusCode >= 400 || entries.size === 0) return;
    if (request.routeOptions.config?.keepsPublicCache === true) return;
    entries.clear();
  });
}

/**
 * The encoding to send a cached body in: br, then gzip, as the compress plugin prefers; none when the
 * client accepts neither (or refuses both with q=0).
 */
export function acceptedEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name!, q ? Number(q.slice(2)) : 1);
  }
  const wildcard = accepted.get('*');
  const weight = (e: Encoding) => accepted.get(e) ?? wildcard ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

function compress(body: string | Buffer, encoding: Encoding): Buffer {
  // Once per cached answer, so a little more effort than the plugin's per-request quality 4.
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 6 } })
    : gzipSync(body, { level: 6 });
}

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ is ignored on both sides. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.replace(/^W\//, '');
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag.replace(/^W\//, '') === opaque);
}

function notModified(reply: FastifyReply): string {
  reply.code(304);
  reply.removeHeader('content-type');
  reply.removeHeader('content-length');
  return '';
}
