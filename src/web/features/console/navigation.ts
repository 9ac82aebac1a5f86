import { hasPermission, type Permission, type RoutePermission } from '../../../shared/permissions.ts';
import type { Role } from '../../../shared/roles.ts';

/**
 * The console's sections, one per capability. A capability adds its entry here when its page
 * exists, never before (no links to pages that are not there).
 *
 * Permissions are the server's own table (platform/access/permissions.ts, a pure module), so the
 * menu can never offer a section the API would refuse. `self` means any signed-in account.
 */
export type NavigationEntry = {
  id: string;
  /** Key in the i18n catalogue. */
  labelKey: `console.nav.${string}`;
  /** A route path registered in router.tsx. */
  path: '/console';
  /** Permission the account must hold to see the entry. */
  permission: Exclude<RoutePermission, 'public' | 'internal'>;
};

export const NAVIGATION: readonly NavigationEntry[] = [
  { id: 'home', labelKey: 'console.nav.home', path: '/console', permission: 'self' },
];

export function visibleNavigation(
  roles: readonly Role[],
  entries: readonly NavigationEntry[] = NAVIGATION,
): NavigationEntry[] {
  return entries.filter(
    (entry) => entry.permission === 'self' || hasPermission(roles, entry.permission as Permission),
  );
}
