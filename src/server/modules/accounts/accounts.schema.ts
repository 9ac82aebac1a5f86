import { z } from 'zod';
import { ROLES } from '../../../shared/roles.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { IsoDate } from '../../platform/http/fields.ts';
import { listQueryShape, listResponse } from '../../platform/http/list.ts';
import { ACCOUNTS_FIELD } from './accounts.errors.ts';

export const RoleName = z.enum(ROLES);

export const AccountSummary = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  scope: z.enum(['national', 'prefecture', 'tenant']),
  tenantCode: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  roles: z.array(RoleName),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const AccountList = listResponse(AccountSummary);
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

const Words = z.object({ ja: z.string(), en: z.string() });

/** Who an id in a rotation is, so that no screen has to show a UUID. */
export const RotationAccount = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  status: z.enum(['active', 'disabled']),
});

export const RotationResult = z.object({
  dryRun: z.boolean(),
  /** The date the plan takes (or took) effect. */
  effectiveOn: z.string(),
  /** Set when the plan was stored to be applied on `effectiveOn` (nothing changed yet). */
  scheduledId: z.uuid().nullable(),
  roleChanges: z.array(
    z.object({ accountId: z.uuid(), before: z.array(RoleName), after: z.array(RoleName) }),
  ),
  disabled: z.array(z.uuid()),
  caseloadTransfers: z.array(
    z.object({
      fromAccountId: z.uuid(),
      toAccountId: z.uuid(),
      moved: z.array(z.object({ kind: z.string(), label: Words, count: z.number().int() })),
    }),
  ),
  accounts: z.array(RotationAccount),
});
export type RotationResult = z.infer<typeof RotationResult>;

export const ScheduledRotation = z.object({
  id: z.uuid(),
  effectiveOn: z.string(),
  status: z.enum(['scheduled', 'applied', 'failed', 'cancelled']),
  failureReason: Words.nullable(),
  createdAt: z.string(),
  createdBy: RotationAccount.nullable(),
  closedAt: z.string().nullable(),
  roleChanges: z.array(z.object({ accountId: z.uuid(), roles: z.array(RoleName) })),
  disable: z.array(z.uuid()),
  caseloadTransfers: z.array(z.object({ fromAccountId: z.uuid(), toAccountId: z.uuid() })),
  accounts: z.array(RotationAccount),
});
export type ScheduledRotation = z.infer<typeof ScheduledRotation>;

export const ScheduledRotationList = z.object({
  /** Today by the business clock, and the date the form proposes (the next 4月1日). */
  today: z.string(),
  defaultEffectiveOn: z.string(),
  items: z.array(ScheduledRotation),
});

export const RotationParams = z.strictObject({ id: z.uuid() });

/** A CSV of changes, read and checked: every bad row with its line, and nothing written. */
export const RotationCsvPreview = z.object({
  encoding: z.enum(['utf-8', 'utf-8-bom', 'shift_jis']),
  rowCount: z.number().int(),
  problems: z.array(z.object({ line: z.number().int(), column: z.string(), reason: Words })),
  /** The changes the file asks for, when it has no problems (then previewed with dryRun). */
  plan: z
    .object({
      roleChanges: z.array(z.object({ accountId: z.uuid(), roles: z.array(RoleName) })),
      disable: z.array(z.uuid()),
      caseloadTransfers: z.array(z.object({ fromAccountId: z.uuid(), toAccountId: z.uuid() })),
    })
    .nullable(),
});
export type RotationCsvPreview = z.infer<typeof RotationCsvPreview>;

export const ResetLinkResult = z.object({ sent: z.literal(true), expiresAt: z.string() });
