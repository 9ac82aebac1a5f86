import './i18n.ts';
import { hasPermission, type Permission, type RoutePermission } from '../../../shared/permissions.ts';
import type { Role } from '../../../shared/roles.ts';

/**
 * The console's sections, one per capability. A capability adds its entry here when its page
 * exists, never before (no links to pages that are not there).
 *
 * Permissions are the server's own table (platform/access/permissions.ts, a pure module), so the
 * menu can never offer a section the API would refuse. `self` means any signed-in account.
 */
export type ConsolePath =
  | '/console'
  | '/console/security'
  | '/console/admin/accounts'
  | '/console/admin/rotation'
  | '/console/admin/audit'
  | '/console/admin/outbox'
  | '/console/admin/profile'
  | '/console/support'
  | '/console/consultations'
  | '/console/places'
  | '/console/reports'
  | '/console/report-protections'
  | '/console/operators'
  | '/console/report-statistics'
  | '/console/events'
  | '/console/agencies'
  | '/console/agency/referrals'
  | '/console/conferences'
  | '/console/retention'
  | '/console/subsidies'
  | '/console/payments'
  | '/console/peers/me'
  | '/console/peers/claims'
  | '/console/training'
  | '/console/navigator/rules'
  | '/console/navigator/local'
  | '/console/cases'
  | '/console/returns'
  | '/console/insights'
  | '/console/calendar';

export type NavigationEntry = {
  id: string;
  /** Key in the i18n catalogue. */
  labelKey: `console.nav.${string}`;
  /** A route path registered in router.tsx. */
  path: ConsolePath;
  /** Permission the account must hold to see the entry. */
  permission: Exclude<RoutePermission, 'public' | 'internal'>;
  /** Also shown to accounts holding any of these (a page that gathers several capabilities). */
  orAnyOf?: readonly Permission[];
  /** Highlight the entry on its sub-pages too (e.g. an account's detail page). */
  matchChildren?: boolean;
};

export const NAVIGATION: readonly NavigationEntry[] = [
  { id: 'home', labelKey: 'console.nav.home', path: '/console', permission: 'self' },
  {
    id: 'calendar',
    labelKey: 'console.nav.calendar',
    path: '/console/calendar',
    // The calendar's sources: the own caseload, own shifts, the tenant's events.
    permission: 'support.read',
    orAnyOf: ['peers.self', 'events.manage'],
  },
  {
    id: 'accounts',
    labelKey: 'console.nav.accounts',
    path: '/console/admin/accounts',
    permission: 'accounts.read',
    matchChildren: true,
  },
  {
    id: 'rotation',
    labelKey: 'console.nav.rotation',
    path: '/console/admin/rotation',
    permission: 'accounts.manage',
  },
  { id: 'audit', labelKey: 'console.nav.audit', path: '/console/admin/audit', permission: 'audit.search' },
  { id: 'outbox', labelKey: 'console.nav.outbox', path: '/console/admin/outbox', permission: 'outbox.read' },
  {
    id: 'profile',
    labelKey: 'console.nav.profile',
    path: '/console/admin/profile',
    permission: 'tenant.profile.read',
  },
  {
    id: 'caseload',
    labelKey: 'console.nav.caseload',
    path: '/console/support',
    permission: 'support.read',
    matchChildren: true,
  },
  {
    id: 'consultations',
    labelKey: 'console.nav.consultations',
    path: '/console/consultations',
    permission: 'consultations.respond',
    matchChildren: true,
  },
  {
    id: 'places',
    labelKey: 'console.nav.places',
    path: '/console/places',
    permission: 'places.read',
    matchChildren: true,
  },
  {
    id: 'reports',
    labelKey: 'console.nav.reports',
    path: '/console/reports',
    permission: 'reports.triage',
    matchChildren: true,
  },
  {
    id: 'reportProtections',
    labelKey: 'console.nav.reportProtections',
    path: '/console/report-protections',
    permission: 'reports.protect',
  },
  {
    id: 'operators',
    labelKey: 'console.nav.operators',
    path: '/console/operators',
    permission: 'operators.read',
    matchChildren: true,
  },
  {
    id: 'reportStatistics',
    labelKey: 'console.nav.reportStatistics',
    path: '/console/report-statistics',
    permission: 'reports.statistics',
  },
  {
    id: 'events',
    labelKey: 'console.nav.events',
    path: '/console/events',
    permission: 'events.manage',
    matchChildren: true,
  },
  // Agencies, referrals, conferences, retention (issue 7).
  {
    id: 'agencies',
    labelKey: 'console.nav.agencies',
    path: '/console/agencies',
    permission: 'agencies.read',
  },
  {
    id: 'agencyInbox',
    labelKey: 'console.nav.agencyInbox',
    path: '/console/agency/referrals',
    permission: 'referrals.receive',
    matchChildren: true,
  },
  {
    id: 'conferences',
    labelKey: 'console.nav.conferences',
    path: '/console/conferences',
    permission: 'conferences.attend',
    matchChildren: true,
  },
  {
    id: 'retention',
    labelKey: 'console.nav.retention',
    path: '/console/retention',
    permission: 'retention.manage',
  },
  {
    id: 'subsidies',
    labelKey: 'console.nav.subsidies',
    path: '/console/subsidies',
    permission: 'subsidies.read',
    matchChildren: true,
  },
  {
    id: 'payments',
    labelKey: 'console.nav.payments',
    path: '/console/payments',
    permission: 'payments.manage',
    matchChildren: true,
  },
  {
    id: 'peerClaims',
    labelKey: 'console.nav.peerClaims',
    path: '/console/peers/claims',
    permission: 'peers.manage',
  },
  { id: 'peerMe', labelKey: 'console.nav.peerMe', path: '/console/peers/me', permission: 'peers.self' },
  {
    id: 'training',
    labelKey: 'console.nav.training',
    path: '/console/training',
    permission: 'training.self',
    matchChildren: true,
  },
  {
    id: 'navigatorRules',
    labelKey: 'console.nav.navigatorRules',
    path: '/console/navigator/rules',
    permission: 'navigator.rules.manage',
  },
  {
    id: 'navigatorLocal',
    labelKey: 'console.nav.navigatorLocal',
    path: '/console/navigator/local',
    permission: 'navigator.local.manage',
  },
  {
    id: 'cases',
    labelKey: 'console.nav.cases',
    path: '/console/cases',
    permission: 'cases.read',
    matchChildren: true,
  },
  {
    id: 'returns',
    labelKey: 'console.nav.returns',
    path: '/console/returns',
    permission: 'returns.read',
    matchChildren: true,
  },
  {
    id: 'insights',
    labelKey: 'console.nav.insights',
    path: '/console/insights',
    permission: 'insights.read',
    matchChildren: true,
  },
  { id: 'security', labelKey: 'console.nav.security', path: '/console/security', permission: 'self' },
];

export function visibleNavigation(
  roles: readonly Role[],
  entries: readonly NavigationEntry[] = NAVIGATION,
): NavigationEntry[] {
  return entries.filter(
    (entry) =>
      entry.permission === 'self' ||
      hasPermission(roles, entry.permission as Permission) ||
      (entry.orAnyOf ?? []).some((p) => hasPermission(roles, p)),
  );
}
