import { z } from 'zod';
import { ROLE_SCOPE, ROLES, type Role, type ScopeKind } from '../roles.ts';
import { listResponse } from './list.ts';

/**
 * Staff accounts and April rotations as the administrator's pages read them (issue 20 item 6). The
 * server's routes answer with these schemas; the web infers its types from them. Every date is an ISO
 * string on the wire.
 */

export const RoleName = z.enum(ROLES);

export const AccountStatus = z.enum(['active', 'disabled']);
export type AccountStatus = z.infer<typeof AccountStatus>;

/**
 * The roles an administrator may hand out: those of its own scope, never a wider one. One rule for
 * the server's policy (accounts.policy.ts) and the page that offers the checkboxes.
 */
export function grantableRoles(actor: { scope: ScopeKind | string; roles: readonly Role[] }): Role[] {
  if (actor.roles.includes('national')) return ['national'];
  if (actor.scope === 'tenant' && actor.roles.includes('municipal_admin')) {
    return (Object.keys(ROLE_SCOPE) as Role[]).filter((r) => ROLE_SCOPE[r] === 'tenant');
  }
  return [];
}

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
export type AccountList = z.infer<typeof AccountList>;

const Words = z.object({ ja: z.string(), en: z.string() });

/** Who an id in a rotation is, so that no screen has to show a UUID. */
export const RotationAccount = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  status: z.enum(['active', 'disabled']),
});
export type RotationAccount = z.infer<typeof RotationAccount>;

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
export type ScheduledRotationList = z.infer<typeof ScheduledRotationList>;

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
export type ResetLinkResult = z.infer<typeof ResetLinkResult>;

// ── /api/auth: sign-in, the session, second factors ─────────────────────────────────────────────

export const MfaMethodName = z.enum(['totp', 'passkey', 'recovery']);
export type MfaMethod = z.infer<typeof MfaMethodName>;

export const MfaSummary = z.object({
  required: z.boolean(),
  enrolmentRequired: z.boolean(),
  methods: z.array(MfaMethodName),
});
export type MfaSummary = z.infer<typeof MfaSummary>;

export const LoginResponse = z.object({
  csrfToken: z.string(),
  mfa: MfaSummary,
  account: z.object({ id: z.uuid(), email: z.string(), displayName: z.string() }),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const CsrfResponse = z.object({ csrfToken: z.string() });
export type CsrfResponse = z.infer<typeof CsrfResponse>;

export const MeResponse = z.object({
  account: z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    scope: z.enum(['national', 'prefecture', 'tenant']),
    tenant: z.string().nullable(),
    roles: z.array(
      z.object({
        role: z.enum(ROLES),
        scope: z.enum(['national', 'prefecture', 'tenant']),
        tenant: z.string().nullable(),
      }),
    ),
  }),
  mfa: z.object({
    required: z.boolean(),
    satisfied: z.boolean(),
    enrolmentRequired: z.boolean(),
    verificationRequired: z.boolean(),
    methods: z.array(MfaMethodName),
  }),
  session: z.object({
    id: z.uuid(),
    expiresAt: z.string(),
    idleExpiresAt: z.string(),
    /** The idle timeout (SESSION_IDLE_MINUTES), so a page can warn before it passes. */
    idleSeconds: z.number().int(),
  }),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const SessionItem = z.object({
  id: z.uuid(),
  label: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
  mfaPassed: z.boolean(),
});
export type SessionItem = z.infer<typeof SessionItem>;

export const SessionList = listResponse(SessionItem);
export type SessionList = z.infer<typeof SessionList>;

export const TotpSetupResponse = z.object({ secret: z.string(), otpauthUri: z.string() });
export type TotpSetupResponse = z.infer<typeof TotpSetupResponse>;

export const MfaPassedResponse = z.object({ csrfToken: z.string(), mfa: MfaSummary });
export type MfaPassedResponse = z.infer<typeof MfaPassedResponse>;

export const RecoveryCodesResponse = z.object({ csrfToken: z.string(), recoveryCodes: z.array(z.string()) });
export type RecoveryCodesResponse = z.infer<typeof RecoveryCodesResponse>;

/** Options for navigator.credentials.create()/get(), passed through to @simplewebauthn/browser. */
export const PasskeyOptionsResponse = z.looseObject({ challenge: z.string() });
export type PasskeyOptionsResponse = z.infer<typeof PasskeyOptionsResponse>;

export const PasskeyRegisteredResponse = z.object({
  id: z.uuid(),
  csrfToken: z.string(),
  recoveryCodes: z.array(z.string()).nullable(),
});
export type PasskeyRegisteredResponse = z.infer<typeof PasskeyRegisteredResponse>;

export const PasskeyList = listResponse(
  z.object({ id: z.uuid(), label: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() }),
);
export type PasskeyList = z.infer<typeof PasskeyList>;
