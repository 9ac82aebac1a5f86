import type { Role } from './roles.ts';

/**
 * Every permission and the roles that hold it. Routes name one of these (or a special one below);
 * the committed route → permission table (docs/route-permissions.md) shows the result, and a diff of it
 * is a permission change to review as one.
 *
 * Special permissions:
 * - `public`: anyone, no login (public pages and forms).
 * - `self`: any signed-in account, even before its second factor (its own session, MFA enrolment).
 * - `internal`: the local control channel (a secret in DATA_DIR), never a browser.
 */
export const PERMISSIONS = {
  'tenant.profile.read': ['municipal_admin'],
  'tenant.profile.update': ['municipal_admin'],
  'accounts.read': ['municipal_admin', 'national'],
  'accounts.manage': ['municipal_admin', 'national'],
  'audit.search': ['municipal_admin', 'national'],
  'outbox.read': ['municipal_admin', 'national'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
export const SPECIAL_PERMISSIONS = ['public', 'self', 'internal'] as const;
export type RoutePermission = Permission | (typeof SPECIAL_PERMISSIONS)[number];

export function isKnownPermission(name: string): name is RoutePermission {
  return name in PERMISSIONS || (SPECIAL_PERMISSIONS as readonly string[]).includes(name);
}

export function rolesFor(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
