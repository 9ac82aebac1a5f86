import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  date,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { optionalTenantIsolation } from '../../platform/db/tenant.ts';

/**
 * Staff accounts. Authentication looks an account up by e-mail before any tenant is known (as the
 * system role); everything else reads accounts inside the tenant's transaction, where row-level
 * security shows only that tenant's accounts. National accounts have no tenant.
 */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Lower-cased; unique across the deployment among accounts that can sign in (see below). */
    email: text().notNull(),
    displayName: text().notNull(),
    passwordHash: text(),
    scope: text({ enum: ['national', 'prefecture', 'tenant'] }).notNull(),
    /** The tenant (municipality or prefecture code) for prefecture and tenant scopes. */
    tenantCode: char({ length: 6 }),
    status: text({ enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    /** Demo accounts (Contract) are exempt from MFA prompts; never created outside demo mode. */
    isDemo: boolean().notNull().default(false),
    passwordChangedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid(),
    disabledAt: timestamp({ withTimezone: true }),
    /**
     * Created by an administrator with an address that an account of another tenant already signs in
     * with (issue 19). The administrator gets the same answer as for a new address, so creating an
     * account does not reveal other tenants' staff; this row never receives a password link and is
     * never found by sign-in, and the address's owner is told by mail instead.
     */
    emailInUseElsewhere: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex('accounts_email_key').on(t.email).where(sql`not ${t.emailInUseElsewhere}`),
    index('accounts_tenant_idx').on(t.tenantCode, t.status),
    optionalTenantIsolation('accounts'),
  ],
).enableRLS();

export const accountRoles = pgTable(
  'account_roles',
  {
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    role: text().notNull(),
    tenantCode: char({ length: 6 }),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    grantedBy: uuid(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.role] }), optionalTenantIsolation('account_roles')],
).enableRLS();

/** What a rotation changes, by account id (no names: they are looked up when shown). */
export type RotationPlanIds = {
  roleChanges: { accountId: string; roles: string[] }[];
  disable: string[];
  caseloadTransfers: { fromAccountId: string; toAccountId: string }[];
};

/**
 * April rotations registered ahead of their effective date (issue 22). A due job applies each on its
 * day, all-or-nothing and checked again (an account disabled meanwhile → `failed` with a reason, and
 * nothing changed); until then the administrator may cancel it. A rotation effective today is applied
 * at once and never stored here. Tenant-scoped like `accounts` (national accounts' rotations have none).
 */
export const accountRotations = pgTable(
  'account_rotations',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantCode: char({ length: 6 }),
    /** The business date (Asia/Tokyo) the change takes effect. */
    effectiveOn: date({ mode: 'string' }).notNull(),
    plan: jsonb().$type<RotationPlanIds>().notNull(),
    status: text({ enum: ['scheduled', 'applied', 'failed', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    /** Why a scheduled rotation could not be applied, in words for the administrator. */
    failureReason: jsonb().$type<{ ja: string; en: string }>(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** When it was applied, failed or cancelled (business clock). */
    closedAt: timestamp({ withTimezone: true }),
    closedBy: uuid(),
  },
  (t) => [
    index('account_rotations_due_idx').on(t.status, t.effectiveOn),
    optionalTenantIsolation('account_rotations'),
  ],
).enableRLS();
