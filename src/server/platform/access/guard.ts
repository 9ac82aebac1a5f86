import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasPermission, isKnownPermission, type Permission } from '../../../shared/permissions.ts';
import { AppError, registerErrorMessages } from '../errors.ts';
import type { Actor } from './actor.ts';

registerErrorMessages({
  mfa_required: {
    title: { ja: '二段階認証が必要です', en: 'Second factor required' },
    detail: {
      ja: '認証アプリのコードまたはパスキーで確認してください。',
      en: 'Confirm with your authenticator code or passkey.',
    },
  },
  mfa_enrolment_required: {
    title: { ja: '二段階認証の設定が必要です', en: 'Set up a second factor first' },
    detail: {
      ja: '個人情報を扱う役割では、認証アプリまたはパスキーの設定が必要です。',
      en: 'Roles that read personal data need an authenticator app or a passkey.',
    },
  },
});

/**
 * Deny by default: runs before every handler. A route's `config.permission` decides who passes;
 * anything unknown is refused at start-up (see assertRoutePermission).
 */
export type RouteEntry = { method: string; url: string; permission: string };

const routeTables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every API route with its permission, as registered (the source of docs/route-permissions.md). */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  return [...(routeTables.get(app) ?? [])].sort(
    (a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method),
  );
}

export function registerAccessGuard(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  routeTables.set(app, table);
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (permission && !isKnownPermission(permission)) {
      throw new Error(`Route ${route.method} ${route.url} names unknown permission "${permission}".`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || !permission) continue;
      table.push({ method, url: route.url, permission });
    }
  });

  // onRequest (not preHandler): callers without the right are refused before their body is even read.
  // Registered after the authentication hook, which sets request.actor.
  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config?.permission;
    if (!permission) {
      // Static files and the web app's pages carry no permission; the API always does (app.ts).
      // Unmatched /api paths reach the not-found handler, which answers 404 problem+json.
      return;
    }
    if (permission === 'public' || permission === 'internal') return;
    const actor = request.actor;
    if (!actor) throw new AppError(401, 'unauthenticated');
    // Before the second factor only the routes that complete it are open (issue 19: logout-all,
    // session lists, password and factor changes wait until the session has passed MFA).
    if (permission === 'self' && (actor.mfaSatisfied || request.routeOptions.config?.beforeSecondFactor))
      return;
    if (actor.mfaEnrolmentRequired) throw new AppError(403, 'mfa_enrolment_required');
    if (!actor.mfaSatisfied) throw new AppError(403, 'mfa_required');
    if (permission === 'self') return;
    if (!hasPermission(actor.roles, permission as Permission)) throw new AppError(403, 'forbidden');
  });
}

/** The signed-in actor of a route that is not public (the guard has already checked it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(401, 'unauthenticated');
  return request.actor;
}

/** The tenant a tenant-scoped route works in; national accounts have none and get 404 for tenant data. */
export function tenantOf(request: FastifyRequest): string {
  const actor = actorOf(request);
  if (!actor.tenant) throw new AppError(404, 'not_found');
  return actor.tenant;
}
