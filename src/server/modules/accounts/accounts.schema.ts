import { z } from 'zod';
import { ROLES } from '../../../shared/roles.ts';
import { listQueryShape, listResponse } from '../../platform/http/list.ts';

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
  ...listQueryShape,
});

export const AccountParams = z.strictObject({ id: z.uuid() });

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'メールアドレスの形式が正しくありません / not a valid e-mail address' }));

export const CreateAccountBody = z.strictObject({
  email: Email,
  displayName: z.string().trim().min(1).max(100),
  roles: z.array(RoleName).min(1).max(ROLES.length),
});

export const SetRolesBody = z.strictObject({ roles: z.array(RoleName).min(1).max(ROLES.length) });

/** April rotation: every change in one request, applied all-or-nothing, previewed first with dryRun. */
export const RotationBody = z.strictObject({
  dryRun: z.boolean().default(true),
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

export const RotationResult = z.object({
  dryRun: z.boolean(),
  roleChanges: z.array(
    z.object({ accountId: z.uuid(), before: z.array(RoleName), after: z.array(RoleName) }),
  ),
  disabled: z.array(z.uuid()),
  caseloadTransfers: z.array(
    z.object({
      fromAccountId: z.uuid(),
      toAccountId: z.uuid(),
      moved: z.array(z.object({ kind: z.string(), count: z.number().int() })),
    }),
  ),
});

export const ResetLinkResult = z.object({ sent: z.literal(true), expiresAt: z.string() });
