import { z } from 'zod';
import { ROLE_SCOPE, ROLES } from '../../../shared/roles.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { freeText, requiredText } from '../../platform/http/fields.ts';
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

export const EnrolBody = z.strictObject({ accountId: id });

export const RequirementsBody = z.strictObject({
  rules: z.array(z.strictObject({ role: z.enum(tenantRoles), courseId: id })).max(100),
});
