import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ReturnItems, ReturnSource, ReturnValue } from '../../../shared/contracts/insights.ts';
import { RETURN_STATES } from '../../../shared/contracts/insights.ts';
import { appRole } from '../../platform/db/roles.ts';

/**
 * The national and prefectural layer (issue 16, decision 0018). Every table is led by
 * `municipality_code` and carries row-level security. Unlike the other tenant tables, a row is seen by
 * more than its own tenant, by design and only here:
 *
 * - its own municipality (`app.tenant` = the code): reads and writes;
 * - its prefecture (`app.tenant` = the prefecture's tenant code `NN000c`): reads and writes (reviews,
 *   enters returns for towns that do not use Tsunagari);
 * - national staff (`app.scope` = 'national', set only for national accounts): reads;
 * - the public (`app.scope` = 'public'): reads of accepted returns and of aggregates only, which the
 *   service publishes through the suppression module.
 *
 * Nothing here holds person-level data: returns are what a municipality declares, aggregates are
 * counts, means and intervals per tenant.
 */
const ownOrPrefecture = (column: string) =>
  sql.raw(
    `(${column} = current_setting('app.tenant', true) or (current_setting('app.tenant', true) ~ '^[0-9]{2}000[0-9]$' and left(${column}, 2) = left(current_setting('app.tenant', true), 2)))`,
  );

function layerPolicies(table: string, publicRows: ReturnType<typeof sql.raw> | null) {
  const writable = ownOrPrefecture('municipality_code');
  return [
    pgPolicy(`${table}_tenant_or_prefecture`, {
      as: 'permissive',
      for: 'all',
      to: appRole,
      using: writable,
      withCheck: writable,
    }),
    pgPolicy(`${table}_national_read`, {
      as: 'permissive',
      for: 'select',
      to: appRole,
      using: sql`current_setting('app.scope', true) = 'national'`,
    }),
    ...(publicRows
      ? [
          pgPolicy(`${table}_public_read`, {
            as: 'permissive',
            for: 'select',
            to: appRole,
            using: sql`current_setting('app.scope', true) = 'public' and ${publicRows}`,
          }),
        ]
      : []),
  ];
}

/** The annual status return (取組状況) of one municipality for one fiscal year. */
export const statusReturns = pgTable(
  'status_returns',
  {
    municipalityCode: char({ length: 6 }).notNull(),
    fiscalYear: smallint().notNull(),
    state: text({ enum: RETURN_STATES }).notNull().default('draft'),
    /** Who keeps it: the municipality itself, or its prefecture on its behalf. */
    enteredBy: text({ enum: ['municipality', 'prefecture'] })
      .notNull()
      .default('municipality'),
    items: jsonb().$type<ReturnItems>().notNull().default(sql`'{}'::jsonb`),
    prefill: jsonb()
      .$type<Record<string, { value: ReturnValue; source: ReturnSource }>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    corrections: jsonb()
      .$type<{ item: string; from: ReturnValue; to: ReturnValue; reason: string; at: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    reviewComment: text(),
    submittedAt: timestamp({ withTimezone: true }),
    decidedAt: timestamp({ withTimezone: true }),
    decidedBy: uuid(),
    /** Fictional demo content (the demo seed's returns for the rest of Japan); shown as デモ. */
    isDemo: boolean().notNull().default(false),
    /** The last reminder sent for this return (one per business day at most). */
    remindedOn: date({ mode: 'string' }),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    updatedBy: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityCode, t.fiscalYear] }),
    index('status_returns_year_idx').on(t.fiscalYear, t.state),
    ...layerPolicies('status_returns', sql.raw(`state = 'accepted'`)),
  ],
).enableRLS();

/** Every version of every return: what it held, who did what, with which comment. */
export const statusReturnVersions = pgTable(
  'status_return_versions',
  {
    municipalityCode: char({ length: 6 }).notNull(),
    fiscalYear: smallint().notNull(),
    version: integer().notNull(),
    state: text({ enum: RETURN_STATES }).notNull(),
    action: text().notNull(),
    items: jsonb().$type<ReturnItems>().notNull(),
    comment: text(),
    actorAccountId: uuid(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityCode, t.fiscalYear, t.version] }),
    ...layerPolicies('status_return_versions', null),
  ],
).enableRLS();

/** Deadline of the returns of a fiscal year (national setting; a default applies when absent). */
export const returnDeadlines = pgTable('return_deadlines', {
  fiscalYear: smallint().primaryKey(),
  dueOn: date({ mode: 'string' }).notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * What a prefecture declares for itself: its ひきこもり地域支援センター, shown on the public page of each
 * of its municipalities. Row per prefecture tenant code.
 */
export const prefectureCentres = pgTable(
  'prefecture_centres',
  {
    municipalityCode: char({ length: 6 }).primaryKey(),
    name: text().notNull(),
    phone: text().notNull().default(''),
    hours: text().notNull().default(''),
    url: text().notNull().default(''),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  () => [...layerPolicies('prefecture_centres', sql.raw('true'))],
).enableRLS();

/**
 * Maintained aggregates of outcome indicators: one row per tenant, fiscal year, indicator and
 * disaggregation ('all', 'age:40_64', 'withdrawal:3_5y' …), computed inside the tenant's own
 * transaction. Unsuppressed here; every view publishes them through platform/statistics/suppression.ts (the
 * municipality's own staff see their own unsuppressed).
 */
export const insightAggregates = pgTable(
  'insight_aggregates',
  {
    municipalityCode: char({ length: 6 }).notNull(),
    fiscalYear: smallint().notNull(),
    indicator: text().notNull(),
    disaggregation: text().notNull(),
    n: integer().notNull(),
    value: doublePrecision(),
    lower: doublePrecision(),
    upper: doublePrecision(),
    computedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityCode, t.fiscalYear, t.indicator, t.disaggregation] }),
    index('insight_aggregates_indicator_idx').on(t.fiscalYear, t.indicator, t.disaggregation),
    ...layerPolicies('insight_aggregates', sql.raw('true')),
  ],
).enableRLS();
