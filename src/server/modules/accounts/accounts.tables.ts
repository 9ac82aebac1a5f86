import { char, date, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
// The accounts table itself is defined in platform/auth (authentication reads it before any module
// runs, and platform imports no module); this module owns its use and re-exports it.
import { accounts } from '../../platform/auth/auth.tables.ts';
import { optionalTenantIsolation } from '../../platform/db/tenant.ts';

export { accounts };

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
