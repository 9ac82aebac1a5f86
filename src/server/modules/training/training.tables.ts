import { sql } from 'drizzle-orm';
import {
  char,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantIsolation } from '../../platform/db/tenant.ts';

/**
 * Training (issue 9 part 1): courses of the 寄り添い力 curriculum (modules → sessions → materials,
 * kept as one validated JSON document per course), enrolments of accounts, completion with a
 * certificate number, and the tenant rule "course X must be completed before role Y is granted",
 * which the accounts module checks where roles are granted (training.service `missingTraining`).
 */
export type Curriculum = Array<{
  title: string;
  sessions: Array<{
    title: string;
    minutes: number;
    materials: Array<{ title: string; url?: string | undefined }>;
  }>;
}>;

export const trainingCourses = pgTable(
  'training_courses',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    curriculum: jsonb().$type<Curriculum>().notNull(),
    status: text({ enum: ['open', 'archived'] })
      .notNull()
      .default('open'),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('training_courses_title').on(t.municipalityCode, t.title),
    tenantIsolation('training_courses', t.municipalityCode),
  ],
).enableRLS();

export const trainingEnrolments = pgTable(
  'training_enrolments',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    courseId: uuid()
      .notNull()
      .references(() => trainingCourses.id),
    accountId: uuid().notNull(),
    status: text({ enum: ['enrolled', 'completed', 'withdrawn'] })
      .notNull()
      .default('enrolled'),
    enrolledAt: timestamp({ withTimezone: true }).notNull(),
    completedAt: timestamp({ withTimezone: true }),
    /** 修了証番号, e.g. `192015-2026-0007`; unique per tenant. */
    certificateNumber: text(),
    recordedBy: uuid().notNull(),
  },
  (t) => [
    uniqueIndex('training_enrolments_one').on(t.municipalityCode, t.courseId, t.accountId),
    uniqueIndex('training_enrolments_certificate')
      .on(t.municipalityCode, t.certificateNumber)
      .where(sql`${t.certificateNumber} is not null`),
    index('training_enrolments_account').on(t.municipalityCode, t.accountId),
    tenantIsolation('training_enrolments', t.municipalityCode),
  ],
).enableRLS();

export const trainingRequirements = pgTable(
  'training_requirements',
  {
    municipalityCode: char({ length: 6 }).notNull(),
    role: text().notNull(),
    courseId: uuid()
      .notNull()
      .references(() => trainingCourses.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('training_requirements_pk').on(t.municipalityCode, t.role, t.courseId),
    tenantIsolation('training_requirements', t.municipalityCode),
  ],
).enableRLS();
