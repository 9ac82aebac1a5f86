import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newReplyCode, normalizeReplyCode, REPLY_CODE_LENGTH, replyCodeHash } from './consultations.codes.ts';

describe('reply codes', () => {
  it('are 16 readable characters in four groups (80 bits), never with look-alikes', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = newReplyCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      codes.add(code);
    }
    expect(codes.size).toBe(2000);
    expect(REPLY_CODE_LENGTH * Math.log2(32)).toBe(80);
  });

  it('survive hand copying: case, full-width, spaces, O/0 and I/L/1', () => {
    expect(normalizeReplyCode('abcd efgh-jkmn-pqrs')).toBe('ABCDEFGHJKMNPQRS');
    expect(normalizeReplyCode('ＡＢＣＤ－ＥＦＧＨ－ＪＫＭＮ－ＰＱＲＳ')).toBe('ABCDEFGHJKMNPQRS');
    expect(normalizeReplyCode('O0IL-1111-0000-2222')).toBe('0011111100002222');
    expect(normalizeReplyCode('ABCD-EFGH-JKMN-PQR')).toBeNull();
    expect(normalizeReplyCode('ABCD-EFGH-JKMN-PQRU')).toBeNull();
  });

  it('hash per tenant: the same code of another municipality is another hash', () => {
    const code = newReplyCode();
    expect(replyCodeHash('192015', code)).toBe(replyCodeHash('192015', code.toLowerCase()));
    expect(replyCodeHash('192015', code)).not.toBe(replyCodeHash('192104', code));
    expect(replyCodeHash('192015', 'nonsense')).toBeNull();
  });

  it('property: a formatted code always normalises back to itself', () => {
    fc.assert(
      fc.property(fc.constant(null), () => {
        const code = newReplyCode();
        expect(normalizeReplyCode(code)).toBe(code.replaceAll('-', ''));
      }),
      { numRuns: 500 },
    );
  });
});
