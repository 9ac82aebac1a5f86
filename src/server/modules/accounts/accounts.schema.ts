import { z } from 'zod';
import { RoleName } from '../../../shared/contracts/accounts.ts';
import { ROLES } from '../../../shared/roles.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { IsoDate } from '../../platform/http/fields.ts';
import { listQueryShape } from '../../platform/http/list.ts';
import { ACCOUNTS_FIELD } from './accounts.errors.ts';

/** What only the server reads; the answers are in src/shared/contracts/accounts.ts. */
export const AccountListQuery = z.strictObject({
  status: z.enum(['active', 'disabled']).optional(),
  q: z.string().trim().max(100).optional(),
  /** email (default); name: 表示名の順; created: the newest account first. */
  sort: z.enum(['email', 'name', 'created']).optional(),
  ...listQueryShape,
});

export const AccountParams = z.strictObject({ id: z.uuid() });

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: fieldMessage(ACCOUNTS_FIELD.emailFormat) }));

export const CreateAccountBody = z.strictObject({
  email: Email,
  displayName: z.string().trim().min(1).max(100),
  roles: z.array(RoleName).min(1).max(ROLES.length),
});

export const SetRolesBody = z.strictObject({ roles: z.array(RoleName).min(1).max(ROLES.length) });

/**
 * April rotation: every change in one request, applied all-or-nothing, previewed first with dryRun.
 * `effectiveOn` (Asia/Tokyo business date) is when it takes effect: today (or omitted) applies it at
 * once; a later date stores it as scheduled, and a due job applies it on that day.
 */
export const RotationBody = z.strictObject({
  dryRun: z.boolean().default(true),
  effectiveOn: IsoDate.optional(),
  roleChanges: z
    .array(z.strictObject({ accountId: z.uuid(), roles: z.array(RoleName).min(1) }))
    .max(500)
    .default([]),
  disable: z.array(z.uuid()).max(500).default([]),
  caseloadTransfers: z
    .array(z.strictObject({ fromAccountId: z.uuid(), toAccountId: z.uuid() }))
    .max(500)
    .default([]),
});
export type RotationBody = z.infer<typeof RotationBody>;

export const RotationParams = z.strictObject({ id: z.uuid() });
