import type { FastifyInstance } from 'fastify';
import { registerPasskeyRoutes } from './auth.passkeys.routes.ts';
import { registerPasswordRoutes } from './auth.password.routes.ts';
import { registerSessionRoutes } from './auth.session.routes.ts';
import { registerTotpRoutes } from './auth.totp.routes.ts';

/**
 * Everything under /api/auth, in the order the routes always registered: sign-in and sessions, the
 * authenticator app and recovery codes, passkeys, passwords (one file per group, issue 20 item 5).
 */
export function registerAuthRoutes(fastify: FastifyInstance): void {
  registerSessionRoutes(fastify);
  registerTotpRoutes(fastify);
  registerPasskeyRoutes(fastify);
  registerPasswordRoutes(fastify);
}
