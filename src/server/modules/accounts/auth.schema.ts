import { z } from 'zod';
import { PASSWORD_INPUT_MAX_LENGTH } from '../../platform/auth/password.ts';

/**
 * Request shapes of /api/auth (the answers are in src/shared/contracts/accounts.ts). Bodies are strict: an unknown field is a 400, never
 * silently ignored. Passwords are not trimmed (a space is a character like any other).
 */
const Password = z.string().min(1).max(PASSWORD_INPUT_MAX_LENGTH);
const OtpCode = z.string().trim().min(1).max(64);

export const LoginBody = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: Password,
});

export const IdParams = z.strictObject({ id: z.uuid() });

export const TotpConfirmBody = z.strictObject({ code: OtpCode });

export const MfaVerifyBody = z.strictObject({ method: z.enum(['totp', 'recovery']), code: OtpCode });

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

export const PasswordChangeBody = z.strictObject({ currentPassword: Password, newPassword: Password });

export const PasswordResetBody = z.strictObject({
  token: z.string().min(1).max(200),
  newPassword: Password,
});
