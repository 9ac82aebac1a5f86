import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  hotp,
  matchTotp,
  otpauthUri,
  type TotpAlgorithm,
  totpCode,
  totpStep,
} from './totp.ts';

// RFC 6238 Appendix B: seeds are the ASCII strings below, 8 digits, 30-second steps.
const SEEDS: Record<TotpAlgorithm, Buffer> = {
  sha1: Buffer.from('12345678901234567890', 'ascii'),
  sha256: Buffer.from('12345678901234567890123456789012', 'ascii'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii'),
};

const RFC6238_VECTORS: Array<[number, string, TotpAlgorithm]> = [
  [59, '94287082', 'sha1'],
  [59, '46119246', 'sha256'],
  [59, '90693936', 'sha512'],
  [1111111109, '07081804', 'sha1'],
  [1111111109, '68084774', 'sha256'],
  [1111111109, '25091201', 'sha512'],
  [1111111111, '14050471', 'sha1'],
  [1111111111, '67062674', 'sha256'],
  [1111111111, '99943326', 'sha512'],
  [1234567890, '89005924', 'sha1'],
  [1234567890, '91819424', 'sha256'],
  [1234567890, '93441116', 'sha512'],
  [2000000000, '69279037', 'sha1'],
  [2000000000, '90698825', 'sha256'],
  [2000000000, '38618901', 'sha512'],
  [20000000000, '65353130', 'sha1'],
  [20000000000, '77737706', 'sha256'],
  [20000000000, '47863826', 'sha512'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC6238_VECTORS)('at %i s gives %s with %s', (seconds, expected, algorithm) => {
    expect(totpCode(SEEDS[algorithm], new Date(seconds * 1000), { digits: 8, algorithm })).toBe(expected);
  });

  it('HOTP matches RFC 4226 Appendix D', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(SEEDS.sha1, counter))).toEqual(expected);
  });

  it('accepts the previous, current and next step, and nothing further', () => {
    const secret = generateTotpSecret();
    const raw = base32Decode(secret);
    const now = new Date('2026-11-26T01:00:10Z');
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) {
      const code = hotp(raw, step + offset);
      expect(matchTotp(secret, code, now, null)).toBe(step + offset);
    }
    for (const offset of [-3, -2, 2, 3]) {
      const code = hotp(raw, step + offset);
      // A code of a far step could collide with a near one by chance (1 in 10^6); only assert when it does not.
      const near = [-1, 0, 1].map((o) => hotp(raw, step + o));
      if (!near.includes(code)) expect(matchTotp(secret, code, now, null)).toBeNull();
    }
  });

  it('refuses a step already used (replay) and any earlier one', () => {
    const secret = generateTotpSecret();
    const now = new Date('2026-11-26T01:00:10Z');
    const step = totpStep(now);
    const code = hotp(base32Decode(secret), step);
    expect(matchTotp(secret, code, now, step - 1)).toBe(step);
    expect(matchTotp(secret, code, now, step)).toBeNull();
    expect(matchTotp(secret, hotp(base32Decode(secret), step - 1), now, step)).toBeNull();
  });

  it('reads codes typed with spaces or full-width digits, refuses anything else', () => {
    const secret = generateTotpSecret();
    const now = new Date('2026-11-26T01:00:10Z');
    const code = hotp(base32Decode(secret), totpStep(now));
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    const fullWidth = [...code].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
    expect(matchTotp(secret, spaced, now, null)).not.toBeNull();
    expect(matchTotp(secret, fullWidth, now, null)).not.toBeNull();
    expect(matchTotp(secret, `${code}0`, now, null)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now, null)).toBeNull();
    expect(matchTotp(secret, '', now, null)).toBeNull();
  });

  it('base32 round-trips any bytes (RFC 4648 alphabet, no padding)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const encoded = base32Encode(bytes);
        expect(encoded).toMatch(/^[A-Z2-7]*$/);
        expect([...base32Decode(encoded)]).toEqual([...bytes]);
      }),
    );
  });

  it('generates 160-bit secrets and an otpauth URI authenticator apps read', () => {
    const secret = generateTotpSecret();
    expect(base32Decode(secret)).toHaveLength(20);
    const uri = new URL(otpauthUri({ secret, accountName: 'taro@kofu.example', issuer: 'Tsunagari' }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Tsunagari:taro@kofu.example');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret,
      issuer: 'Tsunagari',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
