import { groupCode, normalizeCode, randomCode } from '../text/codes.ts';
import { sha256Hex } from './tokens.ts';

/**
 * One-time recovery codes: 16 characters of Crockford base32 (80 random bits) shown as
 * XXXX-XXXX-XXXX-XXXX. With 80 bits a plain sha256 is enough to store them: they cannot be guessed
 * offline, unlike passwords. Input is forgiving: case, spaces, hyphens, O/0 and I/L/1 confusions.
 */
export const RECOVERY_CODE_COUNT = 10;
const LENGTH = 16;

export function generateRecoveryCode(): string {
  return groupCode(randomCode(LENGTH));
}

/** The canonical form that is hashed, or null when the input cannot be a recovery code. */
export const canonicalRecoveryCode = (input: string): string | null => normalizeCode(input, LENGTH);

export function hashRecoveryCode(input: string): string | null {
  const canonical = canonicalRecoveryCode(input);
  return canonical === null ? null : sha256Hex(`tsunagari/recovery/${canonical}`);
}
