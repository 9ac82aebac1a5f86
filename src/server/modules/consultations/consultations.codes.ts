import { createHash } from 'node:crypto';
import { groupCode, normalizeCode, randomCode } from '../../platform/text/codes.ts';

/**
 * The reply code of an anonymous consultation: 16 characters of Crockford base32 (80 random bits),
 * shown once as `XXXX-XXXX-XXXX-XXXX`. Only its SHA-256 is stored, domain-separated by tenant. With
 * 80 bits of randomness a keyed hash adds nothing against guessing, and an unkeyed one keeps working
 * across DATA_KEY rotations (a lost code cannot be re-issued: the writer never gave us a way to reach
 * them). Reading by code is rate-limited and answers "not found" the same way for every miss.
 *
 * Alphabet and forgiving input: platform/text/codes.ts.
 */
export const REPLY_CODE_LENGTH = 16;

export function newReplyCode(): string {
  return formatReplyCode(randomCode(REPLY_CODE_LENGTH));
}

const formatReplyCode = groupCode;

/** `abcd efgh-ijkl-mnop` → `ABCDEFGH1JK1MN0P`; null when it cannot be a code. */
export const normalizeReplyCode = (input: string): string | null => normalizeCode(input, REPLY_CODE_LENGTH);

export function replyCodeHash(tenant: string, code: string): string | null {
  const normalized = normalizeReplyCode(code);
  if (!normalized) return null;
  return createHash('sha256')
    .update(`tsunagari/consultations.reply-code/${tenant}/${normalized}`)
    .digest('hex');
}
