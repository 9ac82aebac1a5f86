import { randomInt } from 'node:crypto';

/**
 * Codes people keep and type by hand (受付番号, reply codes, cancel codes, recovery codes): Crockford
 * base32 (no I, L, O, U), so a code read aloud over the phone or copied from paper survives. On input
 * any case and full-width characters are taken, spaces and hyphens (also the long-vowel mark a
 * Japanese keyboard gives) are ignored, O reads as 0 and I/L as 1. Shown in groups of four.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `length` random characters of the alphabet, ungrouped (5 bits each). */
export function randomCode(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

/** `ABCDEFGH` → `ABCD-EFGH`. */
export const groupCode = (canonical: string): string => canonical.match(/.{1,4}/g)!.join('-');

/** Canonical form of a typed code: `abcd efgh-ijkl-mnop` → `ABCDEFGH1JK1MN0P`. Null when it cannot be one. */
export function normalizeCode(input: string, length: number): string | null {
  const folded = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑–—ー−]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (folded.length !== length) return null;
  for (const ch of folded) if (!CODE_ALPHABET.includes(ch)) return null;
  return folded;
}
