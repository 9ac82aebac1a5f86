import { sql } from 'drizzle-orm';
import {
  char,
  date,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { type NavigatorRule, WHERE_KINDS } from '../../../shared/contracts/navigator.ts';
import { appRole } from '../../platform/db/roles.ts';
import { tenantIsolation } from '../../platform/db/tenant.ts';

/**
 * The navigator for job leavers (issue 18, decision 0016).
 *
 * - `navigator_rule_sets`: the national rule set, one row per version (never changed once written:
 *   a change is a new version with the date from which it is in force). National data, public: no
 *   tenant column, no row-level security; only national staff write it (route permission).
 * - `navigator_local_windows` / `navigator_local_schemes`: a municipality's own windows and schemes,
 *   tenant-isolated like every tenant table.
 * - `navigator_page_counts`: anonymous page counts per municipality and day (a number, nothing else:
 *   no answer, no address, no time of day). Not personal data; written and read outside any tenant
 *   (public page, national staff); under a tenant's transaction only that town's rows are visible.
 */
export const navigatorRuleSets = pgTable('navigator_rule_sets', {
  version: integer().primaryKey(),
  effectiveFrom: date({ mode: 'string' }).notNull(),
  note: text().notNull(),
  rules: jsonb().$type<NavigatorRule[]>().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  /** The national account that published it (null for the starting set loaded at start-up). */
  createdBy: uuid(),
});

export const navigatorLocalWindows = pgTable(
  'navigator_local_windows',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    kind: text({ enum: WHERE_KINDS }).notNull(),
    name: text().notNull(),
    placeId: uuid(),
    address: text().notNull().default(''),
    phone: text().notNull().default(''),
    hours: text().notNull().default(''),
    note: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('navigator_local_windows_kind_idx').on(t.municipalityCode, t.kind),
    tenantIsolation('navigator_local_windows', t.municipalityCode),
  ],
).enableRLS();

export const navigatorLocalSchemes = pgTable(
  'navigator_local_schemes',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    title: text().notNull(),
    summary: text().notNull(),
    topic: text().notNull(),
    where: text({ enum: WHERE_KINDS }).notNull(),
    bring: jsonb().$type<string[]>().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    effectiveTo: date({ mode: 'string' }),
    sourceTitle: text().notNull(),
    sourceUrl: text().notNull(),
    checkedOn: date({ mode: 'string' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('navigator_local_schemes_from_idx').on(t.municipalityCode, t.effectiveFrom),
    tenantIsolation('navigator_local_schemes', t.municipalityCode),
  ],
).enableRLS();

export const navigatorPageCounts = pgTable(
  'navigator_page_counts',
  {
    municipalityCode: char({ length: 6 }).notNull(),
    day: date({ mode: 'string' }).notNull(),
    views: integer().notNull().default(0),
  },
  (t) => {
    // Counted and read outside any tenant (the public page, national staff); a tenant's own
    // transaction sees its own town's counts only.
    const visible = sql`coalesce(current_setting('app.tenant', true), '') = '' or ${t.municipalityCode} = current_setting('app.tenant', true)`;
    return [
      primaryKey({ columns: [t.municipalityCode, t.day] }),
      pgPolicy('navigator_page_counts_scope', {
        as: 'permissive',
        for: 'all',
        to: appRole,
        using: visible,
        withCheck: visible,
      }),
    ];
  },
).enableRLS();
