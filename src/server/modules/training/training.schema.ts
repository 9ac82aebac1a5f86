import { z } from 'zod';
import { ROLE_SCOPE, ROLES } from '../../../shared/roles.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { freeText, requiredText } from '../../platform/http/fields.ts';
import { listResponse } from '../../platform/http/list.ts';
import { TRAINING_FIELD } from './training.errors.ts';

const id = z.uuid({ error: fieldMessage(TRAINING_FIELD.invalidId) });
const tenantRoles = ROLES.filter((r) => ROLE_SCOPE[r] === 'tenant') as [string, ...string[]];

export const IdParams = z.object({ id });
export const AccountParams = z.object({ accountId: id });

export const Curriculum = z
  .array(
    z.strictObject({
      title: requiredText(200, fieldMessage(TRAINING_FIELD.moduleTitle)),
      sessions: z
        .array(
          z.strictObject({
            title: requiredText(200, fieldMessage(TRAINING_FIELD.sessionTitle)),
            minutes: z.number().int().min(1).max(1440),
            materials: z
              .array(
                z.strictObject({
                  title: requiredText(200, fieldMessage(TRAINING_FIELD.materialTitle)),
                  url: z
                    .url({ protocol: /^https?$/u, error: fieldMessage(TRAINING_FIELD.materialUrl) })
                    .optional(),
                }),
              )
              .max(50)
              .default([]),
          }),
        )
        .min(1, { message: fieldMessage(TRAINING_FIELD.atLeastOneSession) })
        .max(50),
    }),
  )
  .min(1, { message: fieldMessage(TRAINING_FIELD.atLeastOneModule) })
  .max(30);

export const CourseBody = z.strictObject({
  title: requiredText(200, fieldMessage(TRAINING_FIELD.courseTitle)),
  description: freeText(4000).default(''),
  curriculum: Curriculum,
});
export const CourseUpdateBody = CourseBody.extend({
  status: z.enum(['open', 'archived']),
  version: z.number().int().min(1),
});
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
export const CourseList = listResponse(Course);

export const EnrolBody = z.strictObject({ accountId: id });
/** Who can be enrolled: every active account of the tenant (staff, peer supporters, family associations). */
export const TrainingPeople = listResponse(
  z.object({ accountId: z.string(), displayName: z.string(), roles: z.array(z.string()) }),
);
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
export const EnrolmentList = listResponse(Enrolment);
export const Certificate = Enrolment.extend({ totalMinutes: z.number().int(), modules: z.array(z.string()) });
export const Created = z.object({ id: z.string() });

export const RequirementsBody = z.strictObject({
  rules: z.array(z.strictObject({ role: z.enum(tenantRoles), courseId: id })).max(100),
});
export const Requirements = listResponse(
  z.object({ role: z.string(), courseId: z.string(), courseTitle: z.string() }),
);
