import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  index,
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
