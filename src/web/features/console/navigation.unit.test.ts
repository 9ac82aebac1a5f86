import { describe, expect, it } from 'vitest';
import { type NavigationEntry, visibleNavigation } from './navigation.ts';

const entries: NavigationEntry[] = [
  { id: 'home', labelKey: 'console.nav.home', path: '/console', permission: 'self' },
  { id: 'accounts', labelKey: 'console.nav.accounts', path: '/console', permission: 'accounts.read' },
];

describe('console navigation', () => {
  it('shows the home to every signed-in account', () => {
    expect(visibleNavigation(['peer_supporter'], entries).map((e) => e.id)).toEqual(['home']);
  });

  it('shows an entry only to roles holding its permission', () => {
    expect(visibleNavigation(['municipal_admin'], entries).map((e) => e.id)).toEqual(['home', 'accounts']);
    expect(visibleNavigation(['consultation'], entries).map((e) => e.id)).toEqual(['home']);
  });
});
