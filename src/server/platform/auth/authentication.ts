import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '../access/actor.ts';
import { AppError } from '../errors.ts';
import { type AuthEventListener, setAuthEventListener } from './events.ts';
import { warmUpDummyHash } from './password.ts';
import {
  actorFromSession,
  type ResolvedSession,
  resolveSession,
  sessionCookieName,
  sessionTimeouts,
} from './sessions.ts';
import { constantTimeEqual } from './tokens.ts';
import './messages.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The checked session behind `actor` (server-side details such as its row key); null when none. */
    authSession: ResolvedSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthenticationOptions = {
  /** Called for every authentication event (audit). See events.ts. */
  onAuthEvent?: AuthEventListener;
};

/**
 * Sets `request.actor` from the session cookie and enforces CSRF. Register it after @fastify/cookie and
 * before the access guard (both are onRequest hooks and run in registration order).
 *
 * - Routes with permission `public` (and `internal`) get no actor: anonymous pages must not depend on
 *   a session, and a flood of anonymous requests costs no session lookups.
 * - Every other route: the session and its account are read on each request (revocation and disabled
 *   accounts take effect at once). Unsafe methods must carry `X-CSRF-Token` equal to the session's
 *   token, checked here in onRequest, before the body is even parsed.
 */
export function registerAuthentication(app: FastifyInstance, options: AuthenticationOptions = {}): void {
  setAuthEventListener(app, options.onAuthEvent ?? null);
  // app.ts may declare `actor` itself (every request has one, null by default).
  if (!app.hasRequestDecorator('actor')) app.decorateRequest('actor', null);
  app.decorateRequest('authSession', null);
  const timeouts = sessionTimeouts(app.ctx.config);
  void warmUpDummyHash();

  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config?.permission;
    if (!permission || permission === 'public' || permission === 'internal') return;
    const session = await resolveSession(app.ctx.db, sessionToken(request), app.ctx.clock.now(), timeouts);
    if (!session) return;
    request.authSession = session;
    request.actor = actorFromSession(session);
    if (!SAFE_METHODS.has(request.method)) assertCsrf(request, session);
  });
}

function assertCsrf(request: FastifyRequest, session: ResolvedSession): void {
  const header = request.headers['x-csrf-token'];
  if (typeof header !== 'string' || !constantTimeEqual(header, session.csrfToken)) {
    throw new AppError(403, 'csrf_invalid');
  }
}

/** For public routes that still want the caller's session (e.g. GET /api/auth/csrf). */
export async function optionalSession(request: FastifyRequest): Promise<ResolvedSession | null> {
  if (request.authSession) return request.authSession;
  const { db, clock, config } = request.server.ctx;
  return resolveSession(db, sessionToken(request), clock.now(), sessionTimeouts(config));
}

/**
 * The session token from the cookie this server sets: `__Host-…` over https, the plain name over http.
 * Only that one name is read, so an unprefixed cookie planted next to a `__Host-` one is ignored.
 */
export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[sessionCookieName(request.server.ctx.config.secureCookies)];
}

/** The signed-in session of a `self` route (the guard has refused anonymous callers already; this is the backstop). */
export function requireSession(request: FastifyRequest): ResolvedSession {
  if (!request.authSession || !request.actor) throw new AppError(401, 'unauthenticated');
  return request.authSession;
}

/**
 * For `self` routes that change security settings: an account that has a second factor must have used
 * it in this session first; otherwise a stolen password alone could add the thief's own passkey,
 * remove the owner's, or change the password. Accounts still to enrol may proceed (that is what
 * enrolment is for).
 */
export function requireSecondFactorIfEnrolled(session: ResolvedSession): void {
  if (session.mfa.enrolled && !session.mfa.satisfied) throw new AppError(403, 'mfa_required');
}

// Path=/ and no Domain always: required by the `__Host-` prefix, and host-only cookies are what we
// want over http too.
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  const secure = request.server.ctx.config.secureCookies;
  reply.setCookie(sessionCookieName(secure), token, { httpOnly: true, sameSite: 'lax', path: '/', secure });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  const secure = request.server.ctx.config.secureCookies;
  reply.clearCookie(sessionCookieName(secure), { httpOnly: true, sameSite: 'lax', path: '/', secure });
}
