import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { JSON_BODY_LIMIT_BYTES } from '../shared/limits.ts';
import { registerModules } from './modules/index.ts';
import { registerAccessGuard } from './platform/access/guard.ts';
import { auditAuthEvents } from './platform/auth/audit-listener.ts';
import { registerAuthentication } from './platform/auth/authentication.ts';
import { registerReadRouting } from './platform/db/read-routing.ts';
import { AppError } from './platform/errors.ts';
import type { AppContext } from './platform/http/context.ts';
import { registerHealth } from './platform/http/health.ts';
import { findHostileText, hostileTextError } from './platform/http/hostile-text.ts';
import { problemClientErrorHandler, sendProblem, toAppError, uriTooLong } from './platform/http/problem.ts';
import { registerPublicCaching } from './platform/http/public-cache.ts';
import { databaseRateLimitStore } from './platform/http/rate-limit-store.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { validatorCompiler } from './platform/http/validation.ts';
import { registerControlRoutes } from './platform/jobs/control.routes.ts';
import { loggerOptions } from './platform/log.ts';
import './platform/http/context.ts';

export const WEB_DIST = path.resolve(fileURLToPath(new URL('../../dist/web', import.meta.url)));

export type BuildAppOptions = {
  logger?: FastifyServerOptions['logger'];
  /** Serve the built web app when it exists (off in API tests). */
  serveWeb?: boolean;
  /** Where the built web app is (dist/web); tests point it at a small built tree of their own. */
  webRoot?: string;
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** No page or API URL of ours comes near this; a longer one is refused before routing (414). */
export const MAX_URL_LENGTH = 8 * 1024;

export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(ctx.config.logLevel),
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    trustProxy: ctx.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
    // Errors Fastify raises before routing (a path parameter over maxParamLength, a malformed URL)
    // answer problem+json like every other error; so do the HTTP parser's (headers over 16 KiB → 431).
    frameworkErrors: (error, request, reply) => sendProblem(reply, request, toAppError(error, request)),
    clientErrorHandler: problemClientErrorHandler,
    // Request logs carry method, route and status only: never the query string, body or cookies.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('ctx', ctx);
  app.decorateRequest('actor', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // JSON must be valid UTF-8: silently replacing bad bytes would store garbled text.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(/^application\/(.+\+)?json$/, { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(
        new AppError(400, 'invalid_encoding', {
          errors: [{ pointer: '/body', message: { ja: 'UTF-8 ではありません', en: 'Not UTF-8' } }],
        }),
        undefined,
      );
      return;
    }
    defaultJson(request, text, done);
  });
  // Only JSON (and multipart where a route registers it) is read: plain text answers 415, not a
  // confusing "object expected" about a body that was sent.
  app.removeContentTypeParser('text/plain');

  // Hostile text (NUL, lone surrogates, absurd nesting) is refused here, once for every route, before
  // any schema, use case or database sees it: a 400 naming the field instead of a 500 from deep inside.
  app.addHook('preValidation', async (request) => {
    const parts: [string, unknown][] = [
      ['/params', request.params],
      ['/query', request.query],
      ['/body', request.body],
    ];
    for (const [base, value] of parts) {
      const finding = findHostileText(value);
      if (finding) throw hostileTextError(base, finding);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.length > MAX_URL_LENGTH) throw uriTooLong();
    const staffHosts = ctx.config.staffHosts;
    if (staffHosts && isStaffPath(request.url)) {
      const host = (request.hostname ?? '').split(':')[0]!.toLowerCase();
      if (!staffHosts.includes(host)) throw new AppError(404, 'not_found');
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  // Deny by default: a route without a declared permission stops the server from starting.
  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    if (!url.startsWith('/api') && url !== '/healthz') return;
    if (url === '/api/openapi.json') return;
    if (!route.config?.permission) {
      throw new Error(`Route ${route.method} ${url} declares no permission (config.permission).`);
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error, request);
    if (appError.status >= 500) {
      request.log.error({ err: error, requestId: request.id }, 'request failed');
    }
    return sendProblem(reply, request, appError);
  });

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Map tiles (MAP_TILE_URL, issue 21 item 6) are the one image source outside the site.
        imgSrc: ["'self'", 'data:', 'blob:', ...(ctx.config.mapTiles ? [ctx.config.mapTiles.origin] : [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: ctx.config.secureCookies ? [] : null,
      },
    },
    hsts: ctx.config.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  // ETag / 304 and the in-process cache of public reads; its onSend hook must see the body before
  // compression does (hooks run in the order they are added).
  registerPublicCaching(app, { now: Date.now, compressAtLeastBytes: COMPRESS_THRESHOLD_BYTES });
  // Answers are compressed (br, then gzip) when the client accepts it. Small bodies are not worth it
  // (the headers cost more than the saving) and bodies that already carry a Content-Encoding — the
  // precompressed static files — or are compressed formats (images, PDF, zip) are left alone.
  // Brotli at quality 4: on-the-fly compression must not cost more CPU than it saves on the wire.
  await app.register(fastifyCompress, {
    global: true,
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
  await app.register(fastifyCookie);
  // Counted in the database: the limits hold across several app processes (issue 23).
  await app.register(fastifyRateLimit, {
    global: false,
    store: databaseRateLimitStore(ctx.db, ctx.config.dataKeys),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tsunagari API',
        description: 'つながり — ひきこもり状態にある人と家族の社会参加を支える基盤の API',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });

  // Authentication first: both are onRequest hooks and run in registration order.
  registerAuthentication(app, { onAuthEvent: auditAuthEvents(ctx.db) });
  registerAccessGuard(app);
  registerHealth(app);
  registerReadRouting(app);
  registerControlRoutes(app);
  await registerModules(app);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const serveWeb = options.serveWeb ?? true;
  const webRoot = options.webRoot ?? WEB_DIST;
  const hasWeb = serveWeb && existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    // One wildcard route looks each request's file up. (With wildcard: false the plugin registered a
    // GET and a HEAD route for each of the ~280 built files, .br and .gz included: 0.05–0.1 s of
    // every start-up, issue 23.) A path with no file goes on to the not-found handler below. Source
    // maps are refused unless the development setting asks for them (they would publish the whole
    // source). preCompressed: the build writes .br and .gz beside each file (vite.config.ts); the
    // variant the client accepts is sent, with Vary: Accept-Encoding.
    const serveSourceMaps = ctx.config.webSourceMaps;
    await app.register(fastifyStatic, {
      root: webRoot,
      index: 'index.html', // `/` itself; other pages reach the not-found handler's fallback
      wildcard: true,
      preCompressed: true,
      cacheControl: false,
      allowedPath: (pathname: string) => serveSourceMaps || !pathname.endsWith('.map'),
      setHeaders: (reply: { header: (name: string, value: string) => unknown }, filePath: string) =>
        reply.header('cache-control', staticCacheControl(webRoot, filePath)),
    });
  }

  app.setNotFoundHandler((request, reply) => {
    // HEAD asks for what GET would answer, without the body (RFC 9110 9.3.2): monitors and link
    // checkers send it to pages, and a 404 there would report a working site as broken.
    const pageMethod = request.method === 'GET' || request.method === 'HEAD';
    const wantsPage =
      pageMethod &&
      !request.url.startsWith('/api') &&
      request.url !== '/healthz' &&
      !isAssetPath(request.url);
    if (hasWeb && wantsPage) {
      // The web app's router decides what exists; unknown paths render its own 404 page.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(reply, request, new AppError(404, 'not_found'));
  });

  return app;
}

/** Bodies below this are sent as they are: compressing them saves less than the headers cost. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/** One year: what browsers and proxies treat as "for ever" for a file whose name changes with its content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Hashed build output (assets/) never changes under its name, so it is cached for good; anything
 * else (index.html) must be revalidated so that a new release is seen on the next visit.
 */
function staticCacheControl(webRoot: string, filePath: string): string {
  const relative = path.relative(webRoot, filePath).split(path.sep).join('/');
  return relative.startsWith('assets/') ? IMMUTABLE : 'no-cache';
}

/** A missing built file (an old hash, a refused .map) is a 404, never the page in its place. */
function isAssetPath(url: string): boolean {
  const pathname = url.split('?')[0]!;
  return pathname.startsWith('/assets/') || pathname.endsWith('.map');
}

/** Staff API and console paths; public pages, public API, assets and health stay reachable. */
function isStaffPath(url: string): boolean {
  if (url.startsWith('/api/public') || url.startsWith('/api/auth/csrf') || url === '/healthz') return false;
  return url.startsWith('/api') || url.startsWith('/console') || url.startsWith('/login');
}
