import { createHash, randomInt } from 'node:crypto';

/**
 * The reply code of an anonymous consultation: 16 characters of Crockford base32 (80 random bits),
 * shown once as `XXXX-XXXX-XXXX-XXXX`. Only its SHA-256 is stored, domain-separated by tenant. With
 * 80 bits of randomness a keyed hash adds nothing against guessing, and an unkeyed one keeps working
 * across DATA_KEY rotations (a lost code cannot be re-issued: the writer never gave us a way to reach
 * them). Reading by code is rate-limited and answers "not found" the same way for every miss.
 *
 * Alphabet without look-alikes (no I, L, O, U); on input O → 0, I/L → 1, any case, full-width,
 * spaces and hyphens ignored.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REPLY_CODE_LENGTH = 16;

export function newReplyCode(): string {
  let out = '';
  for (let i = 0; i < REPLY_CODE_LENGTH; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return formatReplyCode(out);
}

export const formatReplyCode = (canonical: string): string => canonical.match(/.{1,4}/g)!.join('-');

/** `abcd efgh-ijkl-mnop` → `ABCDEFGH1JK1MN0P`; null when it cannot be a code. */
export function normalizeReplyCode(input: string): string | null {
  const folded = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑–—ー−]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (folded.length !== REPLY_CODE_LENGTH) return null;
  for (const ch of folded) if (!ALPHABET.includes(ch)) return null;
  return folded;
}

export function replyCodeHash(tenant: string, code: string): string | null {
  const normalized = normalizeReplyCode(code);
  if (!normalized) return null;
  return createHash('sha256')
    .update(`tsunagari/consultations.reply-code/${tenant}/${normalized}`)
    .digest('hex');
}
