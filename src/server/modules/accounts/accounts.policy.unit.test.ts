import { describe, expect, it } from 'vitest';
import { ROLE_SCOPE, type Role } from '../../../shared/roles.ts';
import {
  grantableRoles,
  mayChangeInRotation,
  mayGrantRoles,
  mayHandOver,
  maySetStatus,
} from './accounts.policy.ts';

const townAdmin = { accountId: 'a-admin', scope: 'tenant', roles: ['municipal_admin'] as Role[] };
const national = { accountId: 'a-nat', scope: 'national', roles: ['national'] as Role[] };
const worker = { accountId: 'a-worker', scope: 'tenant', roles: ['consultation'] as Role[] };
const tenantRoles = (Object.keys(ROLE_SCOPE) as Role[]).filter((r) => ROLE_SCOPE[r] === 'tenant');

describe('grantableRoles', () => {
  it('gives a national administrator the national role only', () => {
    expect(grantableRoles(national)).toEqual(['national']);
  });
  it("gives a town's administrator every tenant role", () => {
    expect(grantableRoles(townAdmin)).toEqual(tenantRoles);
  });
  it('gives anyone else nothing, also an administrator role outside a tenant scope', () => {
    expect(grantableRoles(worker)).toEqual([]);
    expect(grantableRoles({ scope: 'prefecture', roles: ['municipal_admin'] })).toEqual([]);
  });
});

describe('mayGrantRoles', () => {
  it('allows roles of its own scope', () => {
    expect(mayGrantRoles(townAdmin, ['municipal_admin'])).toEqual({ allowed: true });
    expect(mayGrantRoles(townAdmin, [])).toEqual({ allowed: true });
  });
  it('refuses, naming each role outside its scope', () => {
    expect(mayGrantRoles(townAdmin, ['national', 'municipal_admin'])).toEqual({
      allowed: false,
      reason: 'role_outside_scope',
      refused: ['national'],
    });
  });
});

describe('maySetStatus', () => {
  it('refuses disabling oneself', () => {
    expect(maySetStatus(townAdmin, 'a-admin', 'disabled')).toEqual({
      allowed: false,
      reason: 'cannot_disable_self',
    });
  });
  it('allows disabling another account and enabling any', () => {
    expect(maySetStatus(townAdmin, 'a-other', 'disabled')).toEqual({ allowed: true });
    expect(maySetStatus(townAdmin, 'a-admin', 'active')).toEqual({ allowed: true });
  });
});

describe('mayChangeInRotation', () => {
  it('allows an active account and refuses a disabled one', () => {
    expect(mayChangeInRotation({ status: 'active' })).toEqual({ allowed: true });
    expect(mayChangeInRotation({ status: 'disabled' })).toEqual({
      allowed: false,
      reason: 'account_disabled',
    });
  });
});

describe('mayHandOver', () => {
  const from = { id: 'a-1' };
  it('refuses handing over to the same account', () => {
    expect(mayHandOver(from, { id: 'a-1', status: 'active' }, [])).toEqual({
      allowed: false,
      reason: 'hands_over_to_itself',
    });
  });
  it('refuses a successor that is disabled or disabled in the same plan', () => {
    expect(mayHandOver(from, { id: 'a-2', status: 'disabled' }, [])).toEqual({
      allowed: false,
      reason: 'account_disabled',
    });
    expect(mayHandOver(from, { id: 'a-2', status: 'active' }, ['a-2'])).toEqual({
      allowed: false,
      reason: 'account_disabled',
    });
  });
  it('allows an active successor', () => {
    expect(mayHandOver(from, { id: 'a-2', status: 'active' }, ['a-3'])).toEqual({ allowed: true });
  });
});
