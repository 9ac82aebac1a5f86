import { z } from 'zod';
import { listResponse } from './list.ts';

/**
 * Supporter training as the staff pages and a person's own record read it (issue 20 item 6): courses
 * with their curriculum, enrolments, certificates (修了証), the role rules. Dates are ISO strings.
 */

export const Course = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  curriculum: z.array(
    z.object({
      title: z.string(),
      sessions: z.array(
        z.object({
          title: z.string(),
          minutes: z.number().int(),
          materials: z.array(z.object({ title: z.string(), url: z.string().optional() })),
        }),
      ),
    }),
  ),
  status: z.enum(['open', 'archived']),
  totalMinutes: z.number().int(),
  version: z.number().int(),
});
export type Course = z.infer<typeof Course>;

export const CourseList = listResponse(Course);
export type CourseList = z.infer<typeof CourseList>;

/** Who can be enrolled: every active account of the tenant (staff, peer supporters, family associations). */
export const TrainingPeople = listResponse(
  z.object({ accountId: z.string(), displayName: z.string(), roles: z.array(z.string()) }),
);
export type TrainingPeople = z.infer<typeof TrainingPeople>;

export const Enrolment = z.object({
  id: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  accountId: z.string(),
  status: z.enum(['enrolled', 'completed', 'withdrawn']),
  enrolledAt: z.string(),
  completedAt: z.string().nullable(),
  certificateNumber: z.string().nullable(),
});
export type Enrolment = z.infer<typeof Enrolment>;

export const EnrolmentList = listResponse(Enrolment);
export type EnrolmentList = z.infer<typeof EnrolmentList>;

export const Certificate = Enrolment.extend({ totalMinutes: z.number().int(), modules: z.array(z.string()) });
export type Certificate = z.infer<typeof Certificate>;

export const Created = z.object({ id: z.string() });
export type Created = z.infer<typeof Created>;

export const Requirements = listResponse(
  z.object({ role: z.string(), courseId: z.string(), courseTitle: z.string() }),
);
export type Requirements = z.infer<typeof Requirements>;

/** The printable certificate: the enrolment, its course's size, the holder's name and the town. */
export const CertificateView = Certificate.extend({ holderName: z.string(), tenant: z.string() });
export type CertificateView = z.infer<typeof CertificateView>;
