import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataKey } from '../config.ts';
import {
  blindIndex,
  blindIndexCandidates,
  decryptField,
  decryptOptional,
  encryptedKeyId,
  encryptField,
  encryptOptional,
  FieldCryptoError,
  isEncryptedValue,
} from './fields.ts';

const k1: DataKey = { id: 'k1', key: Buffer.alloc(32, 1) };
const k2: DataKey = { id: 'k2', key: Buffer.alloc(32, 2) };
const CONTEXT = 'support_persons.real_name';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FieldCryptoError);
    return (error as FieldCryptoError).code;
  }
  return undefined;
}

/** Replaces part `index` of the stored value (0 = version … 4 = ciphertext). */
function withPart(stored: string, index: number, change: (part: string) => string): string {
  const parts = stored.split('.');
  parts[index] = change(parts[index]!);
  return parts.join('.');
}

function flipFirstByte(b64: string): string {
  const bytes = Buffer.from(b64, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  return bytes.toString('base64url');
}

describe('field encryption', () => {
  it('round-trips and stores v1.<keyId>.<iv>.<tag>.<ciphertext>', () => {
    const stored = encryptField('山田 太郎', [k1], CONTEXT);
    expect(stored).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain('山田');
    expect(decryptField(stored, [k1], CONTEXT)).toBe('山田 太郎');
    expect(encryptedKeyId(stored)).toBe('k1');
    expect(isEncryptedValue(stored)).toBe(true);
    expect(isEncryptedValue('山田 太郎')).toBe(false);
  });

  it('uses a fresh IV for every value', () => {
    const a = encryptField('same', [k1], CONTEXT);
    const b = encryptField('same', [k1], CONTEXT);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  it('encrypts with the first key and decrypts with whichever key the value names', () => {
    const old = encryptField('old value', [k1], CONTEXT);
    const fresh = encryptField('new value', [k2, k1], CONTEXT);
    expect(encryptedKeyId(fresh)).toBe('k2');
    expect(decryptField(old, [k2, k1], CONTEXT)).toBe('old value');
    expect(decryptField(fresh, [k2, k1], CONTEXT)).toBe('new value');
  });

  it('refuses a value moved to another column (context is authenticated)', () => {
    const stored = encryptField('秘密', [k1], CONTEXT);
    expect(codeOf(() => decryptField(stored, [k1], 'support_persons.notes'))).toBe('tampered');
  });

  it('refuses a tampered tag, ciphertext, IV or relabelled key id', () => {
    const stored = encryptField('秘密の相談内容', [k1, k2], CONTEXT);
    expect(codeOf(() => decryptField(withPart(stored, 3, flipFirstByte), [k1], CONTEXT))).toBe('tampered');
    expect(codeOf(() => decryptField(withPart(stored, 4, flipFirstByte), [k1], CONTEXT))).toBe('tampered');
    expect(codeOf(() => decryptField(withPart(stored, 2, flipFirstByte), [k1], CONTEXT))).toBe('tampered');
    expect(
      codeOf(() =>
        decryptField(
          withPart(stored, 1, () => 'k2'),
          [k1, k2],
          CONTEXT,
        ),
      ),
    ).toBe('tampered');
  });

  it('names an unknown key id, and never the value, in its errors', () => {
    const stored = encryptField('山田 太郎', [k2], CONTEXT);
    let message = '';
    try {
      decryptField(stored, [k1], CONTEXT);
    } catch (error) {
      message = (error as Error).message;
      expect((error as FieldCryptoError).code).toBe('unknown_key');
    }
    expect(message).toContain('"k2"');
    expect(message).toContain(CONTEXT);
    expect(message).not.toContain('山田');
    expect(message).not.toContain(stored);
  });

  it('rejects malformed values and unsupported versions clearly', () => {
    expect(codeOf(() => decryptField('plain text', [k1], CONTEXT))).toBe('malformed');
    expect(codeOf(() => decryptField('v1.k1.AAAA.BBBB', [k1], CONTEXT))).toBe('malformed');
    expect(codeOf(() => decryptField('v1.k1.!!.??.xx', [k1], CONTEXT))).toBe('malformed');
    expect(codeOf(() => decryptField('v9.k1.a.b.c', [k1], CONTEXT))).toBe('unsupported_version');
  });

  it('refuses strings that are not well-formed Unicode instead of corrupting them', () => {
    expect(codeOf(() => encryptField('a\uD800b', [k1], CONTEXT))).toBe('invalid_input');
  });

  it('needs a key and a context', () => {
    expect(codeOf(() => encryptField('x', [], CONTEXT))).toBe('unknown_key');
    expect(codeOf(() => encryptField('x', [k1], ''))).toBe('invalid_input');
  });

  it('passes null and undefined through the optional helpers', () => {
    expect(encryptOptional(null, [k1], CONTEXT)).toBeNull();
    expect(encryptOptional(undefined, [k1], CONTEXT)).toBeNull();
    expect(decryptOptional(null, [k1], CONTEXT)).toBeNull();
    expect(decryptOptional(encryptOptional('', [k1], CONTEXT), [k1], CONTEXT)).toBe('');
  });

  it('round-trips any Unicode string under any context (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (plain, context) => {
          const stored = encryptField(plain, [k2, k1], context);
          return decryptField(stored, [k1, k2], context) === plain;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('detects a change of any single ciphertext byte (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (plain, at, mask) => {
          const stored = encryptField(plain, [k1], CONTEXT);
          const tampered = withPart(stored, 4, (part) => {
            const bytes = Buffer.from(part, 'base64url');
            const i = at % bytes.length;
            bytes[i] = bytes[i]! ^ mask;
            return bytes.toString('base64url');
          });
          return codeOf(() => decryptField(tampered, [k1], CONTEXT)) === 'tampered';
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('blind index', () => {
  it('is deterministic, names its key, and depends on key and context', () => {
    const a = blindIndex('taro@example.jp', k1, 'accounts.email');
    expect(a).toBe(blindIndex('taro@example.jp', k1, 'accounts.email'));
    expect(a).toMatch(/^k1\.[A-Za-z0-9_-]{22}$/);
    expect(a).not.toContain('taro');
    expect(blindIndex('taro@example.jp', k2, 'accounts.email')).not.toBe(a);
    expect(blindIndex('taro@example.jp', k1, 'people.email')).not.toBe(a);
    expect(blindIndex('hanako@example.jp', k1, 'accounts.email')).not.toBe(a);
  });

  it('offers one candidate per configured key for look-ups during a rotation', () => {
    const candidates = blindIndexCandidates('taro@example.jp', [k2, k1], 'accounts.email');
    expect(candidates).toEqual([
      blindIndex('taro@example.jp', k2, 'accounts.email'),
      blindIndex('taro@example.jp', k1, 'accounts.email'),
    ]);
  });

  it('does not reuse the encryption key material', () => {
    // Same key, both purposes: the outputs must not be related by construction (different HKDF info).
    const stored = encryptField('x', [k1], 'c');
    expect(stored.split('.')[4]).not.toBe(blindIndex('x', k1, 'c').split('.')[1]);
  });
});
