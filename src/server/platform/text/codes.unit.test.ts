import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, groupCode, normalizeCode, randomCode } from './codes.ts';

describe('codes people keep', () => {
  it('are random characters of the alphabet without look-alikes', () => {
    const code = randomCode(16);
    expect(code).toHaveLength(16);
    for (const ch of code) expect(CODE_ALPHABET).toContain(ch);
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
    expect(new Set(Array.from({ length: 50 }, () => randomCode(8))).size).toBe(50);
  });

  it('are shown in groups of four', () => {
    expect(groupCode('ABCDEFGH')).toBe('ABCD-EFGH');
    expect(groupCode('ABCDEFGHJK')).toBe('ABCD-EFGH-JK');
  });

  it('forgive case, width, spaces, hyphens and O/0, I/L/1 when typed', () => {
    expect(normalizeCode('abcd efgh', 8)).toBe('ABCDEFGH');
    expect(normalizeCode('ＡＢＣＤ－ＥＦＧＨ', 8)).toBe('ABCDEFGH');
    expect(normalizeCode('oil0-1234', 8)).toBe('01101234');
    expect(normalizeCode('ABCDーEFGH', 8)).toBe('ABCDEFGH');
  });

  it('refuse a wrong length or a character outside the alphabet', () => {
    expect(normalizeCode('ABCD-EFG', 8)).toBeNull();
    expect(normalizeCode('ABCD-EFGU', 8)).toBeNull();
    expect(normalizeCode('', 8)).toBeNull();
  });
});
