import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPasswordPolicy,
  hashPassword,
  PASSWORD_MAX_LENGTH,
  passwordNeedsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from './password.ts';

const codes = (password: string, context: { hasMfa: boolean; email?: string }) =>
  checkPasswordPolicy(password, context).problems.map((p) => p.code);

describe('password policy (NIST SP 800-63B)', () => {
  it('needs 15 characters as the only factor: 14 refused, 15 accepted', () => {
    expect(codes('sky river lamp', { hasMfa: false })).toEqual(['too_short']); // 14
    expect(codes('sky river lamps', { hasMfa: false })).toEqual([]); // 15
  });

  it('needs only 8 characters with a second factor', () => {
    expect(codes('kumo7hon', { hasMfa: true })).toEqual([]);
    expect(codes('kumo7ho', { hasMfa: true })).toEqual(['too_short']);
    expect(codes('kumo7hon', { hasMfa: false })).toEqual(['too_short']);
  });

  it('counts characters, not bytes: Japanese passphrases count per character', () => {
    expect(codes('ふじさんのふもとでやきいもをたべる', { hasMfa: false })).toEqual([]); // 17
    expect(codes('やまなしけんのぶどうばたけ', { hasMfa: false })).toEqual(['too_short']); // 13
  });

  it('allows at most 128 characters', () => {
    const long = 'river stone lamp '.repeat(8);
    expect(codes(long.slice(0, PASSWORD_MAX_LENGTH), { hasMfa: false })).toEqual([]);
    expect(codes(`${long.slice(0, PASSWORD_MAX_LENGTH)}x`, { hasMfa: false })).toContain('too_long');
  });

  it('has no composition rules: lower-case words alone are fine', () => {
    expect(codes('correct horse battery staple', { hasMfa: false })).toEqual([]);
  });

  it('refuses common passwords, also with digits added or letters swapped for symbols', () => {
    expect(codes('password', { hasMfa: true })).toEqual(['common']);
    expect(codes('Password', { hasMfa: true })).toEqual(['common']);
    expect(codes('iloveyou', { hasMfa: true })).toEqual(['common']);
    expect(codes('passwordpassword', { hasMfa: false })).toEqual(['common']);
    expect(codes('password12345678', { hasMfa: false })).toEqual(['common']);
    expect(codes('P@ssw0rd!2026-2027', { hasMfa: false })).toEqual(['common']);
    expect(codes('tsunagari2026!!!', { hasMfa: false })).toEqual(['common']);
  });

  it('refuses repeated and sequential characters', () => {
    expect(codes('aaaaaaaaaaaaaaaa', { hasMfa: false })).toEqual(['trivial_sequence']);
    expect(codes('123456789012345', { hasMfa: false })).toEqual(['trivial_sequence']);
    expect(codes('abcdefghijklmnop', { hasMfa: false })).toEqual(['trivial_sequence']);
    expect(codes('qwertyuiopasdfgh', { hasMfa: false })).toEqual(['trivial_sequence']);
    expect(codes('abcabcabcabcabcabc', { hasMfa: false })).toEqual(['trivial_sequence']);
  });

  it("refuses passwords containing the account's e-mail local part", () => {
    const email = 'yamada.hanako@kofu.example.jp';
    expect(codes('my yamada.hanako secret', { hasMfa: false, email })).toEqual(['contains_email']);
    expect(codes('Hanako loves mountains', { hasMfa: false, email })).toEqual(['contains_email']);
    expect(codes('mountains and rivers', { hasMfa: false, email })).toEqual([]);
  });

  it('refuses control characters', () => {
    expect(codes('river stone\nlamp forest', { hasMfa: false })).toEqual(['control_characters']);
  });

  it('gives every problem in Japanese and English', () => {
    const result = checkPasswordPolicy('password', { hasMfa: false, email: 'password@example.jp' });
    expect(result.ok).toBe(false);
    for (const problem of result.problems) {
      expect(problem.message.ja).toMatch(/[ぁ-んァ-ン一-龯]/);
      expect(problem.message.en).toMatch(/[a-z]/);
    }
  });

  it('accepts long random passwords (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9 ]{15,60}$/), (password) => {
        const problems = codes(password, { hasMfa: false });
        // Anything refused must be refused for a reason other than length.
        expect(problems).not.toContain('too_short');
        expect(problems).not.toContain('too_long');
      }),
    );
  });
});

describe('password hashing (argon2id)', () => {
  it('hashes with argon2id and verifies, NFKC-normalised', async () => {
    const hash = await hashPassword('ＲＩＶＥＲ stone lamp');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    expect(passwordNeedsRehash(hash)).toBe(false);
    expect(await verifyPassword(hash, 'RIVER stone lamp')).toBe(true);
    expect(await verifyPassword(hash, 'river stone lamp')).toBe(false);
  });

  it('never throws on a broken hash, and the dummy always fails', async () => {
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
    expect(await verifyAgainstDummy('tsunagari/dummy/password/for/timing')).toBe(false);
    expect(passwordNeedsRehash('$argon2id$v=19$m=19456,t=2,p=1$abc$def')).toBe(true);
  });
});
