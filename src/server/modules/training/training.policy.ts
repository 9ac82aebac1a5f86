/**
 * Supporter training's per-record rules (pure: records in, allowed or a reason out). Routes already
 * require the permission; these add what depends on the record: enrolment only in an open course, a
 * certificate only for a completed enrolment (and only its holder's, when the holder asks), and which
 * of a role's required courses an account still lacks.
 */
export type TrainingDecision = { allowed: true } | { allowed: false; reason: 'course_closed' | 'not_found' };

const ALLOWED = { allowed: true } as const;

/** An archived course takes no new enrolments. */
export function mayEnrol(course: { status: 'open' | 'archived' }): TrainingDecision {
  return course.status === 'open' ? ALLOWED : { allowed: false, reason: 'course_closed' };
}

/**
 * A certificate exists only for a completed enrolment; asked for by a person (`holderId`), only for
 * their own. Anything else is answered as not found, so nobody learns of another's enrolment.
 */
export function mayShowCertificate(
  enrolment: { status: 'enrolled' | 'completed' | 'withdrawn'; accountId: string },
  holderId?: string,
): TrainingDecision {
  if (enrolment.status !== 'completed') return { allowed: false, reason: 'not_found' };
  if (holderId && enrolment.accountId !== holderId) return { allowed: false, reason: 'not_found' };
  return ALLOWED;
}

/** The required courses (per role) an account has not completed yet. */
export function missingCourses<T extends { courseId: string }>(
  required: readonly T[],
  completedCourseIds: ReadonlySet<string>,
): T[] {
  return required.filter((r) => !completedCourseIds.has(r.courseId));
}
