import type { FastifyServerOptions } from 'fastify';

/**
 * JSON logs without personal data: request logging is our own (method, route, status), and these
 * paths are redacted in case an error object carries them.
 */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'req.body',
  'req.query',
  'body',
  'password',
  '*.password',
  'email',
  '*.email',
  'name',
  '*.name',
  'text',
  '*.text',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; routeOptions?: { url?: string }; id: string }) => ({
        method: req.method,
        route: req.routeOptions?.url,
        id: req.id,
      }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
  };
}
