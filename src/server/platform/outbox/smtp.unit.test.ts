import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64Lines,
  buildMessage,
  dotStuff,
  encodeHeaderWord,
  isMailAddress,
  parseSmtpUrl,
} from './smtp.ts';
import { parseReceivedMail } from './smtp-test-server.ts';

const decodeWords = (header: string) => parseReceivedMail(`Subject: ${header}\r\n\r\n`).subject;

describe('RFC 2047 subject encoding', () => {
  it('leaves plain ASCII alone', () => {
    expect(encodeHeaderWord('Reminder')).toBe('Reminder');
  });

  it('encodes Japanese in words of at most 75 characters that decode back exactly', () => {
    const subject = '【つながり】新しい相談が届きました。内容はシステムで確認してください（甲府市・髙橋﨑）';
    const encoded = encodeHeaderWord(subject);
    for (const word of encoded.split('\r\n ')) {
      expect(word.length).toBeLessThanOrEqual(75);
      expect(word).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
      // Each word holds whole characters: it decodes on its own without replacement characters.
      expect(decodeWords(word)).not.toContain('\uFFFD');
    }
    expect(decodeWords(encoded)).toBe(subject);
  });

  it('keeps leading and trailing spaces (found by the property below: " ")', () => {
    for (const text of [' ', ' a', 'a ', '  相談  ']) expect(decodeWords(encodeHeaderWord(text))).toBe(text);
  });

  it('round-trips any text, including emoji and surrogate pairs', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (text) => {
        const oneLine = text.replace(/[\r\n]/g, ' ');
        expect(decodeWords(encodeHeaderWord(oneLine))).toBe(oneLine);
      }),
    );
  });
});

describe('message body', () => {
  it('is base64 in lines of at most 76 characters and decodes to the UTF-8 text with CRLF', () => {
    const text = 'ひきこもり相談窓口のお知らせ\n'.repeat(20);
    const lines = base64Lines(text).split('\r\n');
    expect(lines.every((l) => l.length <= 76)).toBe(true);
    expect(Buffer.from(lines.join(''), 'base64').toString('utf8')).toBe(text.replace(/\n/g, '\r\n'));
  });

  it('doubles a leading dot on every line (dot-stuffing)', () => {
    expect(dotStuff('.start\r\nmiddle\r\n.\r\n..two')).toBe('..start\r\nmiddle\r\n..\r\n...two');
  });

  it('builds headers for UTF-8 text/plain in base64', () => {
    const raw = buildMessage({
      from: 'noreply@city.example.jp',
      to: 'staff@city.example.jp',
      subject: '件名',
      text: '本文',
    });
    const parsed = parseReceivedMail(raw);
    expect(parsed.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    expect(parsed.headers.get('content-transfer-encoding')).toBe('base64');
    expect(parsed.subject).toBe('件名');
    expect(parsed.text).toBe('本文');
  });
});

describe('addresses and settings', () => {
  it('refuses addresses that could inject SMTP commands or headers', () => {
    expect(isMailAddress('staff@city.example.jp')).toBe(true);
    expect(isMailAddress('a@b.jp\r\nRCPT TO:<x@y.jp>')).toBe(false);
    expect(isMailAddress('a@b.jp>')).toBe(false);
    expect(isMailAddress('"Name" <a@b.jp>')).toBe(false);
    expect(isMailAddress('相談@b.jp')).toBe(false);
  });

  it('parses SMTP_URL with credentials, port and sender', () => {
    expect(
      parseSmtpUrl('smtps://user%40x:p%3Ass@mail.example.jp?from=noreply%40city.example.jp'),
    ).toMatchObject({
      host: 'mail.example.jp',
      port: 465,
      secure: true,
      user: 'user@x',
      password: 'p:ss',
      from: 'noreply@city.example.jp',
    });
    expect(parseSmtpUrl('smtp://127.0.0.1:2525')).toMatchObject({
      port: 2525,
      secure: false,
      user: undefined,
    });
    expect(() => parseSmtpUrl('http://mail.example.jp')).toThrow(/smtp/);
    expect(() => parseSmtpUrl('smtp://mail.example.jp?from=nobody')).toThrow(/from/);
  });
});
