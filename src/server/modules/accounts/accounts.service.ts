import { and, asc, count, desc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AccountSummary } from '../../../shared/contracts/accounts.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertRoleGrantGates } from '../../platform/auth/role-grant-gates.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../../platform/http/list.ts';
import { ACCOUNTS_FIELD, accountsError } from './accounts.errors.ts';
import { mayGrantRoles, maySetStatus } from './accounts.policy.ts';
import { accountRoles, accounts } from './accounts.tables.ts';

/** Throws 403 `role_outside_scope` naming each role the actor may not grant (accounts.policy). */
export function assertGrantable(actor: Actor, roles: readonly Role[]): void {
  const decision = mayGrantRoles(actor, roles);
  if (!decision.allowed) {
    throw new AppError(403, 'role_outside_scope', {
      errors: decision.refused.map((role) => ({
        pointer: '/body/roles',
        message: ACCOUNTS_FIELD.roleOutsideScope(role),
      })),
    });
  }
}

const summaryColumns = {
  id: accounts.id,
  email: accounts.email,
  displayName: accounts.displayName,
  scope: accounts.scope,
  tenantCode: accounts.tenantCode,
  status: accounts.status,
  createdAt: accounts.createdAt,
  disabledAt: accounts.disabledAt,
};

async function rolesOf(tx: Tx, ids: string[]): Promise<Map<string, Role[]>> {
  const map = new Map<string, Role[]>();
  if (ids.length === 0) return map;
  const found = await tx
    .select({ accountId: accountRoles.accountId, role: accountRoles.role })
    .from(accountRoles)
    .where(inArray(accountRoles.accountId, ids))
    .orderBy(asc(accountRoles.role));
  for (const row of found) map.set(row.accountId, [...(map.get(row.accountId) ?? []), row.role as Role]);
  return map;
}

function present(
  row: typeof accounts.$inferSelect | Record<keyof typeof summaryColumns, unknown>,
  roles: Role[],
): AccountSummary {
  const r = row as {
    id: string;
    email: string;
    displayName: string;
    scope: AccountSummary['scope'];
    tenantCode: string | null;
    status: AccountSummary['status'];
    createdAt: Date;
    disabledAt: Date | null;
  };
  return {
    id: r.id,
    email: r.email,
    displayName: r.displayName,
    scope: r.scope,
    tenantCode: r.tenantCode,
    status: r.status,
    roles,
    createdAt: r.createdAt.toISOString(),
    disabledAt: r.disabledAt?.toISOString() ?? null,
  };
}

const Cursor = z.object({ e: z.string() });
const OffsetCursor = z.object({ o: z.number().int().min(0) });

/** Runs inside the administrator's tenant transaction: row-level security limits it to that tenant. */
export async function listAccounts(
  tx: Tx,
  query: {
    status?: 'active' | 'disabled';
    q?: string;
    sort?: 'email' | 'name' | 'created' | undefined;
    limit: number;
    cursor?: string;
  },
): Promise<ListResult<AccountSummary>> {
  const filters: (SQL | undefined)[] = [];
  if (query.status) filters.push(eq(accounts.status, query.status));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%`;
    filters.push(or(sql`${accounts.email} like ${like}`, sql`lower(${accounts.displayName}) like ${like}`));
  }
  const where = and(...filters);
  if (query.sort === 'name' || query.sort === 'created') {
    // A tenant's accounts are tens to hundreds: paged by offset in these orders.
    const offset = decodeCursor(query.cursor, OffsetCursor)?.o ?? 0;
    const rowsFound = await tx
      .select(summaryColumns)
      .from(accounts)
      .where(where)
      .orderBy(
        ...(query.sort === 'name'
          ? [asc(accounts.displayName), asc(accounts.email)]
          : [desc(accounts.createdAt), asc(accounts.email)]),
      )
      .limit(query.limit + 1)
      .offset(offset);
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(accounts).where(where);
    const shown = rowsFound.slice(0, query.limit);
    const rolesShown = await rolesOf(
      tx,
      shown.map((a) => a.id),
    );
    return {
      items: shown.map((a) => present(a, rolesShown.get(a.id) ?? [])),
      total,
      nextCursor: rowsFound.length > query.limit ? encodeCursor({ o: offset + query.limit }) : null,
    };
  }
  const after = decodeCursor(query.cursor, Cursor);
  const found = await tx
    .select(summaryColumns)
    .from(accounts)
    .where(after ? and(where, gt(accounts.email, after.e)) : where)
    .orderBy(asc(accounts.email))
    .limit(query.limit + 1);
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(accounts).where(where);
  const page = found.slice(0, query.limit);
  const roles = await rolesOf(
    tx,
    page.map((a) => a.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((a) => present(a, roles.get(a.id) ?? [])),
    total,
    nextCursor: found.length > query.limit && last ? encodeCursor({ e: last.email }) : null,
  };
}

export async function getAccount(tx: Tx, id: string): Promise<AccountSummary> {
  const [found] = await tx.select(summaryColumns).from(accounts).where(eq(accounts.id, id));
  if (!found) throw notFound();
  return present(found, (await rolesOf(tx, [id])).get(id) ?? []);
}

/**
 * Creates an account in the administrator's tenant (or a national account). `addressInUseElsewhere`
 * tells the route to mail the address's owner instead of sending a password link.
 *
 * E-mail addresses sign in across the deployment, so they are unique among accounts that can sign in.
 * An address this administrator can see (its own tenant's accounts, listed to it anyway) is refused
 * with 409. An address held in another tenant, which row-level security hides, must not be revealed
 * (issue 19): the account is created all the same and answered exactly as for a new address, but marked
 * `emailInUseElsewhere`, so it never gets a password link and sign-in never finds it; the owner of
 * the address is told by mail and can ask the administrator to use another address.
 */
export async function createAccount(
  tx: Tx,
  actor: Actor,
  input: { email: string; displayName: string; roles: Role[] },
): Promise<{ account: AccountSummary; addressInUseElsewhere: boolean }> {
  assertGrantable(actor, input.roles);
  const national = input.roles.includes('national');
  const [visible] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.email, input.email));
  if (visible) {
    throw new AppError(409, 'email_taken', {
      errors: [
        {
          pointer: '/body/email',
          message: ACCOUNTS_FIELD.emailTaken,
        },
      ],
    });
  }
  const values = {
    email: input.email,
    displayName: input.displayName,
    scope: national ? ('national' as const) : ('tenant' as const),
    tenantCode: national ? null : actor.tenant,
    createdBy: actor.accountId,
  };
  // A conflict here can only be with an account this tenant cannot see (checked above): nothing is
  // inserted, and the account is inserted again marked as held elsewhere (outside the unique index).
  let addressInUseElsewhere = false;
  let [created] = await tx.insert(accounts).values(values).onConflictDoNothing().returning();
  if (!created) {
    addressInUseElsewhere = true;
    [created] = await tx
      .insert(accounts)
      .values({ ...values, emailInUseElsewhere: true })
      .returning();
  }
  if (!created) throw new Error('account insert returned nothing');
  // A tenant may require training before a role is granted (issue 9, the training module's gate): a new
  // account has none yet.
  if (created.tenantCode) await assertRoleGrantGates(tx, created.tenantCode, created.id, input.roles);
  await writeRoles(tx, actor, created.id, created.tenantCode, input.roles);
  return { account: present(created, [...input.roles].sort()), addressInUseElsewhere };
}

/** Whether an account was created with an address another tenant's account signs in with. */
export async function isAddressInUseElsewhere(tx: Tx, id: string): Promise<boolean> {
  const [found] = await tx
    .select({ held: accounts.emailInUseElsewhere })
    .from(accounts)
    .where(eq(accounts.id, id));
  return found?.held ?? false;
}

export async function writeRoles(
  tx: Tx,
  actor: Actor,
  accountId: string,
  tenantCode: string | null,
  roles: Role[],
) {
  await tx.delete(accountRoles).where(eq(accountRoles.accountId, accountId));
  const unique = [...new Set(roles)];
  await tx
    .insert(accountRoles)
    .values(unique.map((role) => ({ accountId, role, tenantCode, grantedBy: actor.accountId })));
}

export async function setRoles(
  tx: Tx,
  actor: Actor,
  id: string,
  roles: Role[],
): Promise<{ before: Role[]; after: AccountSummary }> {
  const account = await getAccount(tx, id);
  assertGrantable(actor, roles);
  // An administrator may not change roles it could not grant (e.g. a national account seen by mistake).
  assertGrantable(actor, account.roles);
  // Only roles newly granted need the tenant's required training (roles already held are kept).
  const added = roles.filter((r) => !account.roles.includes(r));
  if (account.tenantCode) await assertRoleGrantGates(tx, account.tenantCode, id, added);
  await writeRoles(tx, actor, id, account.tenantCode, roles);
  return { before: account.roles, after: await getAccount(tx, id) };
}

export async function setAccountStatus(
  tx: Tx,
  actor: Actor,
  id: string,
  status: 'active' | 'disabled',
  now: Date,
): Promise<AccountSummary> {
  if (!maySetStatus(actor, id, status).allowed) throw accountsError(400, 'cannot_disable_self');
  const account = await getAccount(tx, id);
  assertGrantable(actor, account.roles);
  await tx
    .update(accounts)
    .set({ status, disabledAt: status === 'disabled' ? now : null })
    .where(eq(accounts.id, id));
  return getAccount(tx, id);
}

/**
 * Display names of accounts of the current tenant (row-level security hides others), for records
 * that say who did something ("recorded by"). Unknown ids are simply absent.
 */
export async function displayNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const found = await tx
    .select({ id: accounts.id, displayName: accounts.displayName })
    .from(accounts)
    .where(inArray(accounts.id, unique));
  return new Map(found.map((a) => [a.id, a.displayName]));
}

/** The id of the account with this e-mail address, if the caller's tenant can see it (demo seeds, links). */
export async function accountIdByEmail(tx: Tx, email: string): Promise<string | undefined> {
  const [found] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.email, email.toLowerCase()));
  return found?.id;
}

/**
 * Whether `id` is an active account of `tenant`: other modules check an account reference they were
 * given (a peer supporter's login, a coordinator) before they store it. Tenant filter explicit.
 */
export async function isActiveAccountOfTenant(tx: Tx, tenant: string, id: string): Promise<boolean> {
  const [found] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.tenantCode, tenant), eq(accounts.id, id), eq(accounts.status, 'active')));
  return found !== undefined;
}
