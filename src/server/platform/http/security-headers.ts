import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's security headers (CSP, HSTS, frame and referrer policies…), worked out once at start-up
 * and set on every answer by one hook. `@fastify/helmet` built helmet's middleware and serialized the
 * CSP again on every request — ~2–3 % of the server's CPU on the public search under load (CPU
 * profile, docs/benchmarks.md) — for headers that never change here: no directive is a function, no
 * route has options of its own, no nonces (decision 0031). A route may still set one of these
 * headers itself (an uploaded file's own CSP): the hook runs first, so the route's value wins.
 */
export function securityHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  // helmet's middleware is synchronous; the request is read only by directives given as functions.
  helmet(options)({} as never, response as never, (error?: unknown) => {
    failed = error;
  });
  if (failed) throw failed;
  return Object.freeze(headers);
}

export function registerSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
