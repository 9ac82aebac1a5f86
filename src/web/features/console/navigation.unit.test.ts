import { describe, expect, it } from 'vitest';
import { NAVIGATION, type NavigationEntry, visibleNavigation } from './navigation.ts';

const entries: NavigationEntry[] = [
  { id: 'home', labelKey: 'console.nav.home', path: '/console', permission: 'self' },
  {
    id: 'accounts',
    labelKey: 'console.nav.accounts',
    path: '/console/admin/accounts',
    permission: 'accounts.read',
  },
];

describe('console navigation', () => {
  it('shows the home to every signed-in account', () => {
    expect(visibleNavigation(['peer_supporter'], entries).map((e) => e.id)).toEqual(['home']);
  });

  it('shows an entry only to roles holding its permission', () => {
    expect(visibleNavigation(['municipal_admin'], entries).map((e) => e.id)).toEqual(['home', 'accounts']);
    expect(visibleNavigation(['consultation'], entries).map((e) => e.id)).toEqual(['home']);
  });

  it('gives a municipal administrator every administration section, and staff only their own', () => {
    expect(visibleNavigation(['municipal_admin']).map((e) => e.id)).toEqual([
      'home',
      'calendar',
      'accounts',
      'rotation',
      'audit',
      'outbox',
      'profile',
      'places',
      'reports',
      'reportProtections',
      'operators',
      'reportStatistics',
      'events',
      'agencies',
      'retention',
      'subsidies',
      'peerClaims',
      'training',
      'navigatorLocal',
      'cases',
      'returns',
      'insights',
      'security',
    ]);
    // The tenant profile is a municipal page: a national administrator has no tenant.
    expect(visibleNavigation(['national']).map((e) => e.id)).toEqual([
      'home',
      'accounts',
      'rotation',
      'audit',
      'outbox',
      'reportStatistics',
      'navigatorRules',
      'cases',
      'returns',
      'insights',
      'security',
    ]);
    expect(visibleNavigation(['consultation']).map((e) => e.id)).toEqual([
      'home',
      'calendar',
      'caseload',
      'consultations',
      'places',
      'reportProtections',
      'operators',
      'events',
      'agencies',
      'conferences',
      'subsidies',
      'peerClaims',
      'training',
      'cases',
      'security',
    ]);
    expect(visibleNavigation(['family_association']).map((e) => e.id)).toEqual([
      'home',
      'calendar',
      'events',
      'training',
      'cases',
      'security',
    ]);
    expect(visibleNavigation(['finance']).map((e) => e.id)).toEqual([
      'home',
      'subsidies',
      'payments',
      'training',
      'security',
    ]);
    expect(visibleNavigation(['peer_supporter']).map((e) => e.id)).toEqual([
      'home',
      'calendar',
      'peerMe',
      'training',
      'security',
    ]);
    // A partner-agency member sees the referrals sent to its agency and its conferences.
    expect(visibleNavigation(['agency_member']).map((e) => e.id)).toEqual([
      'home',
      'agencyInbox',
      'conferences',
      'training',
      'security',
    ]);
  });

  it('offers the calendar to whoever has dated work in it (caseload, shifts, events), and no one else', () => {
    const withCalendar = (roles: Parameters<typeof visibleNavigation>[0]) =>
      visibleNavigation(roles).some((e) => e.id === 'calendar');
    expect(withCalendar(['labour'])).toBe(true);
    expect(withCalendar(['peer_supporter'])).toBe(true);
    expect(withCalendar(['finance'])).toBe(false);
    expect(withCalendar(['national'])).toBe(false);
    expect(withCalendar(['agency_member'])).toBe(false);
  });

  it('gives labour staff the caseload (cases shared with consent) but not the anonymous consultations', () => {
    expect(visibleNavigation(['labour']).map((e) => e.id)).toContain('caseload');
    expect(visibleNavigation(['labour']).map((e) => e.id)).not.toContain('consultations');
  });

  it('has unique ids and paths', () => {
    expect(new Set(NAVIGATION.map((e) => e.id)).size).toBe(NAVIGATION.length);
    expect(new Set(NAVIGATION.map((e) => e.path)).size).toBe(NAVIGATION.length);
  });
});
