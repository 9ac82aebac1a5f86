import { DEMO_PASSWORD } from '../../src/server/platform/demo/registry.ts';
import { ROLE_SCOPE, type Role } from '../../src/shared/roles.ts';
import type { TestApp } from '../helpers/app.ts';
import { createAccount, type LoggedIn, login } from '../helpers/auth.ts';

/**
 * A demo account by its short name: `<role>@<tenant slug>` (`consultation@kofu`,
 * `municipal_admin@kai`, `finance2@kofu`), `prefecture@yamanashi` or `national`. The seed's own
 * address (`….demo.example`) stays in one place instead of every test file.
 */
export type DemoStaffName = 'national' | `${string}@${string}`;

export function demoStaffEmail(name: DemoStaffName): string {
  return name === 'national' ? 'national@demo.example' : `${name}.demo.example`;
}

/**
 * Logs in the named demo accounts (the app must run with `demo: true`), in order, one session each:
 * `[staff, admin] = await loginDemoStaff(t, ['consultation@kofu', 'municipal_admin@kofu'])`.
 * The same name twice gives two sessions of one account.
 */
export async function loginDemoStaff<const N extends readonly DemoStaffName[]>(
  t: TestApp,
  names: N,
): Promise<{ -readonly [I in keyof N]: LoggedIn }> {
  const sessions: LoggedIn[] = [];
  // One after the other, as the copied blocks did: each login hashes with argon2, and parallel
  // hashing on a shared machine only makes every login slower.
  for (const name of names) sessions.push(await login(t, demoStaffEmail(name), DEMO_PASSWORD));
  return sessions as { -readonly [I in keyof N]: LoggedIn };
}

export type StaffAccountInput = {
  /** The tenant (municipality code) the account works in; null for national/prefecture scope. */
  tenantCode: string | null;
  roles: Role[];
  email?: string;
  displayName?: string;
  password?: string;
  /**
   * Demo accounts skip the second-factor prompt; a test of MFA itself passes false. Default true
   * so a factory account behaves like the demo staff it replaces.
   */
  isDemo?: boolean;
  status?: 'active' | 'disabled';
};

let accountCounter = 0;

/**
 * A staff account with the given roles in a tenant, made through the real tables and password hash,
 * for a test that should state who it needs instead of borrowing a demo account. The scope follows
 * the first role (ROLE_SCOPE). Returns the id, e-mail and password to log in with.
 */
export async function createStaffAccount(
  t: TestApp,
  input: StaffAccountInput,
): Promise<{ id: string; email: string; password: string }> {
  accountCounter += 1;
  const password = input.password ?? DEMO_PASSWORD;
  const firstRole = input.roles[0];
  const scope = firstRole ? ROLE_SCOPE[firstRole] : 'tenant';
  const email =
    input.email ??
    `${firstRole ?? 'staff'}-${accountCounter}-${process.pid}@${input.tenantCode ?? scope}.factory.example`;
  const created = await createAccount(t, {
    email,
    password,
    scope,
    tenantCode: input.tenantCode,
    roles: input.roles,
    isDemo: input.isDemo ?? true,
    ...(input.displayName ? { displayName: input.displayName } : {}),
    ...(input.status ? { status: input.status } : {}),
  });
  return { ...created, password };
}

/** Creates a staff account (see createStaffAccount) and logs it in; the session carries its id. */
export async function loginAs(
  t: TestApp,
  input: StaffAccountInput,
): Promise<LoggedIn & { accountId: string }> {
  const account = await createStaffAccount(t, input);
  const session = await login(t, account.email, account.password);
  return Object.assign(session, { accountId: account.id });
}
