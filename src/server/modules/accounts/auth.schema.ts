import { z } from 'zod';
import { ROLES } from '../../../shared/roles.ts';
import { PASSWORD_INPUT_MAX_LENGTH } from '../../platform/auth/password.ts';
import { listResponse } from '../../platform/http/list.ts';

/**
 * Request and response shapes of /api/auth. Bodies are strict: an unknown field is a 400, never
 * silently ignored. Passwords are not trimmed (a space is a character like any other).
 */
const Password = z.string().min(1).max(PASSWORD_INPUT_MAX_LENGTH);
const OtpCode = z.string().trim().min(1).max(64);

export const MfaMethodName = z.enum(['totp', 'passkey', 'recovery']);

export const MfaSummary = z.object({
  required: z.boolean(),
  enrolmentRequired: z.boolean(),
  methods: z.array(MfaMethodName),
});

export const LoginBody = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: Password,
});

export const LoginResponse = z.object({
  csrfToken: z.string(),
  mfa: MfaSummary,
  account: z.object({ id: z.uuid(), email: z.string(), displayName: z.string() }),
});

export const CsrfResponse = z.object({ csrfToken: z.string() });

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

export const SessionItem = z.object({
  id: z.uuid(),
  label: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
  mfaPassed: z.boolean(),
});
export const SessionList = listResponse(SessionItem);

export const IdParams = z.strictObject({ id: z.uuid() });

export const TotpSetupResponse = z.object({ secret: z.string(), otpauthUri: z.string() });

export const TotpConfirmBody = z.strictObject({ code: OtpCode });

export const MfaVerifyBody = z.strictObject({ method: z.enum(['totp', 'recovery']), code: OtpCode });

export const MfaPassedResponse = z.object({ csrfToken: z.string(), mfa: MfaSummary });

export const RecoveryCodesResponse = z.object({ csrfToken: z.string(), recoveryCodes: z.array(z.string()) });

export const RemoveFactorBody = z.strictObject({
  code: OtpCode,
  /** Needed only when this is the account's last second factor (see the route). */
  currentPassword: Password.optional(),
});

export const RemovePasskeyBody = z.strictObject({ currentPassword: Password.optional() });

/** WebAuthn JSON as produced by @simplewebauthn/browser; the library verifies the content. */
const Base64Url = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/)
  .max(16_384);

export const PasskeyRegistrationBody = z.strictObject({
  response: z.object({
    id: Base64Url,
    rawId: Base64Url,
    type: z.literal('public-key'),
    response: z.looseObject({
      clientDataJSON: Base64Url,
      attestationObject: Base64Url,
      transports: z.array(z.string().max(32)).max(10).optional(),
    }),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults: z.record(z.string(), z.unknown()),
  }),
  label: z.string().trim().max(60).optional(),
});

export const PasskeyAuthenticationBody = z.strictObject({
  response: z.object({
    id: Base64Url,
    rawId: Base64Url,
    type: z.literal('public-key'),
    response: z.looseObject({
      clientDataJSON: Base64Url,
      authenticatorData: Base64Url,
      signature: Base64Url,
      userHandle: Base64Url.optional(),
    }),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults: z.record(z.string(), z.unknown()),
  }),
});

/** Options for navigator.credentials.create()/get(), passed through to @simplewebauthn/browser. */
export const PasskeyOptionsResponse = z.looseObject({ challenge: z.string() });

export const PasskeyRegisteredResponse = z.object({
  id: z.uuid(),
  csrfToken: z.string(),
  recoveryCodes: z.array(z.string()).nullable(),
});

export const PasskeyList = listResponse(
  z.object({ id: z.uuid(), label: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() }),
);

export const PasswordChangeBody = z.strictObject({ currentPassword: Password, newPassword: Password });

export const PasswordResetBody = z.strictObject({
  token: z.string().min(1).max(200),
  newPassword: Password,
});
