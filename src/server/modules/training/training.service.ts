import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Role } from '../../../shared/roles.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { isActiveAccountOfTenant } from '../accounts/index.ts';
import { TRAINING_FIELD, trainingFieldError } from './training.errors.ts';
import { mayEnrol, mayShowCertificate, missingCourses } from './training.policy.ts';
import {
  type Curriculum,
  trainingCourses,
  trainingEnrolments,
  trainingRequirements,
} from './training.tables.ts';

type CourseRow = typeof trainingCourses.$inferSelect;

export type CourseView = {
  id: string;
  title: string;
  description: string;
  curriculum: Curriculum;
  status: 'open' | 'archived';
  totalMinutes: number;
  version: number;
};

const courseView = (c: CourseRow): CourseView => ({
  id: c.id,
  title: c.title,
  description: c.description,
  curriculum: c.curriculum,
  status: c.status,
  totalMinutes: c.curriculum.reduce((s, m) => s + m.sessions.reduce((x, ses) => x + ses.minutes, 0), 0),
  version: c.version,
});

async function courseRow(tx: Tx, tenant: string, id: string): Promise<CourseRow> {
  const [c] = await tx
    .select()
    .from(trainingCourses)
    .where(and(eq(trainingCourses.municipalityCode, tenant), eq(trainingCourses.id, id)));
  if (!c) throw notFound();
  return c;
}

export async function listCourses(tx: Tx, tenant: string): Promise<CourseView[]> {
  const found = await tx
    .select()
    .from(trainingCourses)
    .where(eq(trainingCourses.municipalityCode, tenant))
    .orderBy(asc(trainingCourses.title));
  return found.map(courseView);
}

export async function getCourse(tx: Tx, tenant: string, id: string): Promise<CourseView> {
  return courseView(await courseRow(tx, tenant, id));
}

export type CourseInput = { title: string; description: string; curriculum: Curriculum };

export async function createCourse(
  tx: Tx,
  clock: Clock,
  tenant: string,
  input: CourseInput,
): Promise<CourseView> {
  const now = clock.now();
  const [row] = await tx
    .insert(trainingCourses)
    .values({ municipalityCode: tenant, ...input, createdAt: now, updatedAt: now })
    .returning()
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw trainingFieldError('/title', TRAINING_FIELD.titleTaken);
      throw error;
    });
  return courseView(row as CourseRow);
}

export async function updateCourse(
  tx: Tx,
  clock: Clock,
  tenant: string,
  id: string,
  input: CourseInput & { status: 'open' | 'archived'; version: number },
): Promise<CourseView> {
  const current = await courseRow(tx, tenant, id);
  const [row] = await tx
    .update(trainingCourses)
    .set({
      title: input.title,
      description: input.description,
      curriculum: input.curriculum,
      status: input.status,
      version: sql`${trainingCourses.version} + 1`,
      updatedAt: clock.now(),
    })
    .where(
      and(
        eq(trainingCourses.municipalityCode, tenant),
        eq(trainingCourses.id, id),
        eq(trainingCourses.version, input.version),
      ),
    )
    .returning();
  if (!row) throw conflict({ currentVersion: current.version });
  return courseView(row);
}

// ── enrolment and completion ─────────────────────────────────────────────────────────────────────

export type EnrolmentView = {
  id: string;
  courseId: string;
  courseTitle: string;
  accountId: string;
  status: 'enrolled' | 'completed' | 'withdrawn';
  enrolledAt: string;
  completedAt: string | null;
  certificateNumber: string | null;
};

async function enrolmentViews(
  tx: Tx,
  tenant: string,
  where: ReturnType<typeof and>,
): Promise<EnrolmentView[]> {
  const found = await tx
    .select({ e: trainingEnrolments, title: trainingCourses.title })
    .from(trainingEnrolments)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingEnrolments.courseId))
    .where(and(eq(trainingEnrolments.municipalityCode, tenant), where))
    .orderBy(asc(trainingEnrolments.enrolledAt))
    .limit(500);
  return found.map(({ e, title }) => ({
    id: e.id,
    courseId: e.courseId,
    courseTitle: title,
    accountId: e.accountId,
    status: e.status,
    enrolledAt: e.enrolledAt.toISOString(),
    completedAt: e.completedAt?.toISOString() ?? null,
    certificateNumber: e.certificateNumber,
  }));
}

export async function enrol(
  tx: Tx,
  clock: Clock,
  recordedBy: string,
  tenant: string,
  courseId: string,
  accountId: string,
): Promise<{ id: string }> {
  const course = await courseRow(tx, tenant, courseId);
  if (!mayEnrol(course).allowed) throw new AppError(409, 'conflict');
  // Another tenant's or a made-up account would be stored as a dangling reference: refuse it.
  if (!(await isActiveAccountOfTenant(tx, tenant, accountId)))
    throw trainingFieldError('/body/accountId', TRAINING_FIELD.activeAccountOfTown);
  const [row] = await tx
    .insert(trainingEnrolments)
    .values({ municipalityCode: tenant, courseId, accountId, enrolledAt: clock.now(), recordedBy })
    .onConflictDoNothing()
    .returning({ id: trainingEnrolments.id });
  if (row) return row;
  const [existing] = await tx
    .select({ id: trainingEnrolments.id })
    .from(trainingEnrolments)
    .where(
      and(
        eq(trainingEnrolments.municipalityCode, tenant),
        eq(trainingEnrolments.courseId, courseId),
        eq(trainingEnrolments.accountId, accountId),
      ),
    );
  return existing as { id: string };
}

export const listEnrolments = (tx: Tx, tenant: string, courseId: string) =>
  enrolmentViews(tx, tenant, and(eq(trainingEnrolments.courseId, courseId)));

/** Records completion and assigns the certificate number `<tenant>-<year>-<serial>`. */
export async function complete(
  tx: Tx,
  clock: Clock,
  tenant: string,
  enrolmentId: string,
): Promise<EnrolmentView> {
  const [e] = await tx
    .select()
    .from(trainingEnrolments)
    .where(and(eq(trainingEnrolments.municipalityCode, tenant), eq(trainingEnrolments.id, enrolmentId)))
    .for('update');
  if (!e) throw notFound();
  if (e.status !== 'completed') {
    const now = clock.now();
    const year = now.getUTCFullYear();
    // Serialise numbering per tenant and year (transaction-level advisory lock).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`training-cert:${tenant}:${year}`}))`);
    const [last] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(trainingEnrolments)
      .where(
        and(
          eq(trainingEnrolments.municipalityCode, tenant),
          sql`${trainingEnrolments.certificateNumber} like ${`${tenant}-${year}-%`}`,
        ),
      );
    const number = `${tenant}-${year}-${String((last?.n ?? 0) + 1).padStart(4, '0')}`;
    await tx
      .update(trainingEnrolments)
      .set({ status: 'completed', completedAt: now, certificateNumber: number })
      .where(and(eq(trainingEnrolments.municipalityCode, tenant), eq(trainingEnrolments.id, enrolmentId)));
  }
  const [view] = await enrolmentViews(tx, tenant, and(eq(trainingEnrolments.id, enrolmentId)));
  return view as EnrolmentView;
}

/** One person's training record: every enrolment with its state and certificate. */
export const trainingRecord = (tx: Tx, tenant: string, accountId: string) =>
  enrolmentViews(tx, tenant, and(eq(trainingEnrolments.accountId, accountId)));

/** A completed enrolment's certificate (修了証) content; `accountId` limits it to its holder when given. */
export async function certificate(tx: Tx, tenant: string, enrolmentId: string, accountId?: string) {
  const [view] = await enrolmentViews(tx, tenant, and(eq(trainingEnrolments.id, enrolmentId)));
  if (!view) throw notFound();
  if (!mayShowCertificate(view, accountId).allowed) throw notFound();
  const course = await getCourse(tx, tenant, view.courseId);
  return { ...view, totalMinutes: course.totalMinutes, modules: course.curriculum.map((m) => m.title) };
}

// ── the role rule ────────────────────────────────────────────────────────────────────────────────

export async function listRequirements(tx: Tx, tenant: string) {
  return tx
    .select({
      role: trainingRequirements.role,
      courseId: trainingRequirements.courseId,
      courseTitle: trainingCourses.title,
    })
    .from(trainingRequirements)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingRequirements.courseId))
    .where(eq(trainingRequirements.municipalityCode, tenant))
    .orderBy(asc(trainingRequirements.role), asc(trainingCourses.title));
}

export async function setRequirements(
  tx: Tx,
  clock: Clock,
  tenant: string,
  rules: Array<{ role: Role; courseId: string }>,
): Promise<void> {
  for (const [i, r] of rules.entries()) {
    await courseRow(tx, tenant, r.courseId).catch(() => {
      throw trainingFieldError(`/rules/${i}/courseId`, TRAINING_FIELD.noSuchCourse);
    });
  }
  await tx.delete(trainingRequirements).where(eq(trainingRequirements.municipalityCode, tenant));
  if (rules.length > 0) {
    const now = clock.now();
    await tx
      .insert(trainingRequirements)
      .values(
        rules.map((r) => ({ municipalityCode: tenant, role: r.role, courseId: r.courseId, createdAt: now })),
      )
      .onConflictDoNothing();
  }
}

/**
 * The courses a person still has to complete before being granted `roles` in the tenant. Called by
 * the accounts module wherever roles are granted (training is a gate there, not a suggestion).
 */
export async function missingTraining(
  tx: Tx,
  tenant: string,
  accountId: string | null,
  roles: readonly string[],
): Promise<Array<{ role: string; courseId: string; courseTitle: string }>> {
  if (roles.length === 0) return [];
  const required = await tx
    .select({
      role: trainingRequirements.role,
      courseId: trainingRequirements.courseId,
      courseTitle: trainingCourses.title,
    })
    .from(trainingRequirements)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingRequirements.courseId))
    .where(
      and(eq(trainingRequirements.municipalityCode, tenant), inArray(trainingRequirements.role, [...roles])),
    );
  if (required.length === 0) return [];
  const done = accountId
    ? new Set(
        (
          await tx
            .select({ courseId: trainingEnrolments.courseId })
            .from(trainingEnrolments)
            .where(
              and(
                eq(trainingEnrolments.municipalityCode, tenant),
                eq(trainingEnrolments.accountId, accountId),
                eq(trainingEnrolments.status, 'completed'),
              ),
            )
        ).map((r) => r.courseId),
      )
    : new Set<string>();
  return missingCourses(required, done);
}

/** Throws 409 `training_required` naming the missing courses (for the accounts module). */
export async function assertTrainingForRoles(
  tx: Tx,
  tenant: string,
  accountId: string | null,
  roles: readonly string[],
): Promise<void> {
  const missing = await missingTraining(tx, tenant, accountId, roles);
  if (missing.length === 0) return;
  throw new AppError(409, 'training_required', {
    errors: missing.map((m) => ({
      pointer: '/roles',
      message: TRAINING_FIELD.courseRequired(m.role, m.courseTitle),
    })),
    extra: { missing },
  });
}
