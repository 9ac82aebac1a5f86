import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  char,
  customType,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  AREA_CLASSES,
  AUTHOR_KINDS,
  CASE_STATES,
  type CaseContentView,
  MUNICIPALITY_TYPES,
  POPULATION_BANDS,
} from '../../../shared/contracts/cases.ts';
import { appRole } from '../../platform/db/roles.ts';

/**
 * The national library of model cases (issue 17, decision 0017). Unlike every other tenant table, a
 * case is read across tenants by design: its author's tenant writes it, the prefecture reviews it, the
 * national staff publish it, and once published anyone reads it. The row-level security policies say
 * exactly that (below); the use cases filter the same way explicitly, RLS is the backstop.
 *
 * Keys lead with `author_code` (the author's tenant: a municipality, or a prefecture's tenant code).
 */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBufferLike)),
});

const TENANT = `coalesce(current_setting('app.tenant', true), '')`;

/** Who sees a case: its author, its prefecture once submitted, national staff once accepted, anyone once published. */
const caseVisible = sql.raw(
  `author_code = ${TENANT}
   or (reviewer_code = ${TENANT} and state <> 'draft')
   or (${TENANT} = '' and state in ('accepted', 'published'))
   or state = 'published'`,
);
/** Who may write one: the author; the prefecture while it is with it; national staff once accepted. */
const caseWritable = sql.raw(
  `author_code = ${TENANT}
   or (reviewer_code = ${TENANT} and state in ('submitted', 'returned', 'accepted'))
   or (${TENANT} = '' and state in ('accepted', 'published'))`,
);
/** Versions and attachments follow their case (the subquery runs under the case's own policy). */
const caseChildVisible = sql.raw(`exists (select 1 from cases c where c.id = case_id)`);

export const caseThemes = pgTable('case_themes', {
  code: text().primaryKey(),
  labelJa: text().notNull(),
  labelEn: text().notNull(),
  labelEasy: text().notNull(),
  /** The theme's reading in hiragana: a kana query (いばしょ) finds cases of the theme (居場所). */
  reading: text().notNull(),
  sortOrder: smallint().notNull(),
  active: boolean().notNull().default(true),
  /** Built-in themes are upserted at start-up; national staff may add more. */
  builtIn: boolean().notNull().default(false),
});

export const cases = pgTable(
  'cases',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The author's tenant (municipality, or the prefecture's tenant code). */
    authorCode: char({ length: 6 }).notNull(),
    /** The prefecture's tenant code, which reviews the case. */
    reviewerCode: char({ length: 6 }).notNull(),
    authorKind: text({ enum: AUTHOR_KINDS }).notNull(),
    /** e.g. 甲斐市 福祉課, or the family association's name. */
    authorName: text().notNull(),
    /** The municipality the case is about (the author's own, or the one it serves). */
    municipalityCode: char({ length: 6 }).notNull(),
    prefectureCode: char({ length: 2 }).notNull(),
    municipalityName: text().notNull(),
    prefectureName: text().notNull(),
    municipalityType: text({ enum: MUNICIPALITY_TYPES }).notNull(),
    populationBand: text({ enum: POPULATION_BANDS }),
    areaClass: text({ enum: AREA_CLASSES }),
    state: text({ enum: CASE_STATES }).notNull().default('draft'),
    themes: text().array().notNull(),
    lifeStages: text().array().notNull(),
    content: jsonb().$type<CaseContentView>().notNull(),
    /**
     * National-layer indicators whose published figures for the case's municipality the author (the
     * town's own staff) chose to show with the case; none unless ticked. Kept with the case like its
     * themes; the figures are read live through insights, suppressed as every public figure is.
     */
    linkedIndicators: text().array().notNull().default([]),
    searchText: text().notNull().default(''),
    searchReading: text().notNull().default(''),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid(),
    submittedAt: timestamp({ withTimezone: true }),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewedBy: uuid(),
    publishedAt: timestamp({ withTimezone: true }),
    publishedBy: uuid(),
  },
  (t) => [
    index('cases_author_idx').on(t.authorCode, t.state, t.updatedAt),
    index('cases_reviewer_idx').on(t.reviewerCode, t.state),
    index('cases_state_prefecture_idx').on(t.state, t.prefectureCode, t.publishedAt),
    index('cases_search_text_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('cases_search_reading_trgm').using('gin', sql`${t.searchReading} gin_trgm_ops`),
    pgPolicy('cases_read', { as: 'permissive', for: 'select', to: appRole, using: caseVisible }),
    pgPolicy('cases_insert', {
      as: 'permissive',
      for: 'insert',
      to: appRole,
      withCheck: sql`author_code = ${sql.raw(TENANT)}`,
    }),
    pgPolicy('cases_update', {
      as: 'permissive',
      for: 'update',
      to: appRole,
      using: caseWritable,
      withCheck: caseWritable,
    }),
  ],
).enableRLS();

/** Every version of every case, with the action that made it and the reviewer's comment. */
export const caseVersions = pgTable(
  'case_versions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    authorCode: char({ length: 6 }).notNull(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    version: integer().notNull(),
    action: text({
      enum: ['created', 'updated', 'submitted', 'returned', 'accepted', 'published'],
    }).notNull(),
    actorAccountId: uuid(),
    actorName: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    content: jsonb().$type<CaseContentView>().notNull(),
    comment: text(),
  },
  (t) => [
    index('case_versions_case_idx').on(t.authorCode, t.caseId, t.id),
    pgPolicy('case_versions_read', { as: 'permissive', for: 'select', to: appRole, using: caseChildVisible }),
    pgPolicy('case_versions_insert', {
      as: 'permissive',
      for: 'insert',
      to: appRole,
      withCheck: caseChildVisible,
    }),
  ],
).enableRLS();

/** Attachments: images re-encoded (no metadata), PDFs checked, stored as bytes. */
export const caseAttachments = pgTable(
  'case_attachments',
  {
    id: uuid().primaryKey().defaultRandom(),
    authorCode: char({ length: 6 }).notNull(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    name: text().notNull(),
    mediaType: text({ enum: ['image/jpeg', 'image/png', 'application/pdf'] }).notNull(),
    size: integer().notNull(),
    data: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid(),
  },
  (t) => [
    index('case_attachments_case_idx').on(t.authorCode, t.caseId),
    pgPolicy('case_attachments_read', {
      as: 'permissive',
      for: 'select',
      to: appRole,
      using: caseChildVisible,
    }),
    pgPolicy('case_attachments_write', {
      as: 'permissive',
      for: 'insert',
      to: appRole,
      withCheck: sql`author_code = ${sql.raw(TENANT)}`,
    }),
  ],
).enableRLS();

/** A question from staff of one town to the case's author, and the answer. Seen by both towns only. */
export const caseQuestions = pgTable(
  'case_questions',
  {
    id: uuid().primaryKey().defaultRandom(),
    authorCode: char({ length: 6 }).notNull(),
    askerCode: char({ length: 6 }).notNull(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    askerAccountId: uuid().notNull(),
    question: text().notNull(),
    askedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    answer: text(),
    answeredAt: timestamp({ withTimezone: true }),
    answeredBy: uuid(),
  },
  (t) => [
    index('case_questions_author_idx').on(t.authorCode, t.askedAt),
    index('case_questions_asker_idx').on(t.askerCode, t.askedAt),
    pgPolicy('case_questions_parties', {
      as: 'permissive',
      for: 'all',
      to: appRole,
      using: sql.raw(`author_code = ${TENANT} or asker_code = ${TENANT}`),
      withCheck: sql.raw(`author_code = ${TENANT} or asker_code = ${TENANT}`),
    }),
  ],
).enableRLS();
