import type { FastifyRequest } from 'fastify';
import { PERMISSIONS, type Permission } from '../../../shared/permissions.ts';
import type { AuditEntry } from '../audit/append.ts';

/** Who did it, under which role and request: the part of every audit entry that comes from the request. */
export function auditBy(
  request: FastifyRequest,
): Pick<AuditEntry, 'actorAccountId' | 'actorRole' | 'requestId'> {
  const actor = request.actor;
  const permission = request.routeOptions.config?.permission;
  const allowed: readonly string[] =
    permission && permission in PERMISSIONS ? PERMISSIONS[permission as Permission] : [];
  const role = actor?.roles.find((r) => allowed.includes(r)) ?? actor?.roles[0] ?? null;
  return { actorAccountId: actor?.accountId ?? null, actorRole: role, requestId: request.id };
}
