import { describe, expect, it } from 'vitest';
import { mfaState } from './mfa-policy.ts';
import { canonicalRecoveryCode, generateRecoveryCode, hashRecoveryCode } from './recovery-codes.ts';
import { constantTimeEqual, csrfTokenFor, isWellFormedToken, randomToken, sha256Hex } from './tokens.ts';
import { userAgentLabel } from './user-agent.ts';

describe('session tokens', () => {
  it('are 32 random bytes; only their sha256 is stored; CSRF tokens derive from them', () => {
    const token = randomToken();
    expect(isWellFormedToken(token)).toBe(true);
    expect(isWellFormedToken(`${token}x`)).toBe(false);
    expect(isWellFormedToken(undefined)).toBe(false);
    expect(sha256Hex(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(csrfTokenFor(token)).toBe(csrfTokenFor(token));
    expect(csrfTokenFor(token)).not.toBe(csrfTokenFor(randomToken()));
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('recovery codes', () => {
  it('have 16 Crockford base32 characters and forgive typing variations', () => {
    const code = generateRecoveryCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const hash = hashRecoveryCode(code);
    expect(hashRecoveryCode(code.toLowerCase().replace(/-/g, ' '))).toBe(hash);
    expect(canonicalRecoveryCode('O1IL-0000-0000-0000')).toBe('0111000000000000');
    expect(hashRecoveryCode('too-short')).toBeNull();
  });
});

describe('MFA policy', () => {
  const base = {
    scope: 'tenant' as const,
    roles: ['consultation' as const],
    tenantRequiresMfa: true,
    isDemo: false,
    hasTotp: false,
    hasPasskey: false,
    unusedRecoveryCodes: 0,
    sessionMfaPassed: false,
  };

  it('requires enrolment for personal-data roles without a factor', () => {
    expect(mfaState(base)).toMatchObject({ required: true, satisfied: false, enrolmentRequired: true });
  });

  it('requires verification once a factor exists, until the session passes it', () => {
    const enrolled = { ...base, hasTotp: true, unusedRecoveryCodes: 10 };
    expect(mfaState(enrolled)).toMatchObject({
      satisfied: false,
      enrolmentRequired: false,
      verificationRequired: true,
      methods: ['totp', 'recovery'],
    });
    expect(mfaState({ ...enrolled, sessionMfaPassed: true })).toMatchObject({
      satisfied: true,
      verificationRequired: false,
    });
  });

  it('lets a tenant turn MFA off for its staff, but never for national or prefecture accounts', () => {
    expect(mfaState({ ...base, tenantRequiresMfa: false })).toMatchObject({
      required: false,
      satisfied: true,
    });
    expect(mfaState({ ...base, tenantRequiresMfa: null })).toMatchObject({ required: true });
    expect(
      mfaState({ ...base, scope: 'national', roles: ['national'], tenantRequiresMfa: null }),
    ).toMatchObject({
      required: true,
      enrolmentRequired: true,
    });
    expect(
      mfaState({ ...base, scope: 'prefecture', roles: ['prefecture'], tenantRequiresMfa: false }),
    ).toMatchObject({
      required: true,
    });
  });

  it('does not require MFA for roles without personal data, but uses a factor once enrolled', () => {
    const peer = { ...base, roles: ['peer_supporter' as const] };
    expect(mfaState(peer)).toMatchObject({ required: false, satisfied: true, enrolmentRequired: false });
    expect(mfaState({ ...peer, hasPasskey: true })).toMatchObject({
      satisfied: false,
      verificationRequired: true,
    });
  });

  it('exempts demo accounts', () => {
    expect(mfaState({ ...base, isDemo: true })).toMatchObject({ satisfied: true, enrolmentRequired: false });
  });
});

describe('user-agent labels', () => {
  it.each([
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
      'Chrome on Android',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari on iOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
      'Edge on Windows',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0',
      'Firefox on macOS',
    ],
    [undefined, ''],
  ])('%s → %s', (ua, label) => {
    expect(userAgentLabel(ua)).toBe(label);
  });
});
