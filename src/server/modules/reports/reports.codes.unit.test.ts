import { describe, expect, it } from 'vitest';
import {
  newReceiptNumber,
  newReplyCode,
  normalizeCode,
  normalizeOperatorName,
  normalizePhone,
  normalizeWebsite,
  replyCodeHash,
} from './reports.codes.ts';

describe('receipt numbers and reply codes', () => {
  it('reply codes carry 16 characters of an unambiguous alphabet and survive hand copying', () => {
    const code = newReplyCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const typed = code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
    expect(replyCodeHash(typed)).toBe(replyCodeHash(code));
    expect(
      replyCodeHash(
        code.normalize('NFKC').replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
      ),
    ).toBe(replyCodeHash(code));
    expect(replyCodeHash('too-short')).toBeNull();
    expect(newReceiptNumber()).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normalizeCode('ABCD-EFGH', 8)).toBe('ABCDEFGH');
    expect(normalizeCode('ABCU-EFGH', 8)).toBeNull();
  });
});

describe('operator identifiers', () => {
  it('compare names without legal forms, phones by digits, websites by host', () => {
    expect(normalizeOperatorName('株式会社 ひだまり 自立支援')).toBe(
      normalizeOperatorName('(株)ひだまり自立支援'),
    );
    expect(normalizeOperatorName('㈱ひだまり自立支援')).toBe('ひだまり自立支援');
    expect(normalizePhone('+81 3-0000-0000')).toBe('0300000000');
    expect(normalizePhone('０３（００００）００００')).toBe('0300000000');
    expect(normalizeWebsite('https://www.Example.jp/about')).toBe('example.jp');
    expect(normalizeWebsite('example.jp/contact')).toBe('example.jp');
  });
});
