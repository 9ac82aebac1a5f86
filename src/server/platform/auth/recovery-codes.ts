import { randomInt } from 'node:crypto';
import { sha256Hex } from './tokens.ts';

/**
 * One-time recovery codes: 16 characters of Crockford base32 (80 random bits) shown as
 * XXXX-XXXX-XXXX-XXXX. With 80 bits a plain sha256 is enough to store them: they cannot be guessed
 * offline, unlike passwords. Input is forgiving: case, spaces, hyphens, O/0 and I/L/1 confusions.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 16;

export function generateRecoveryCode(): string {
  let raw = '';
  for (let i = 0; i < LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return raw.match(/.{4}/g)!.join('-');
}

/** The canonical form that is hashed, or null when the input cannot be a recovery code. */
export function canonicalRecoveryCode(input: string): string | null {
  const compact = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== LENGTH) return null;
  for (const char of compact) if (!ALPHABET.includes(char)) return null;
  return compact;
}

export function hashRecoveryCode(input: string): string | null {
  const canonical = canonicalRecoveryCode(input);
  return canonical === null ? null : sha256Hex(`tsunagari/recovery/${canonical}`);
}
