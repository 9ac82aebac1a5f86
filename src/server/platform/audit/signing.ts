import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * Exported audit heads are signed with an Ed25519 key that is never stored in the database
 * (`AUDIT_SIGNING_KEY`, or a development key file outside the database): whoever can rewrite the
 * database and the heads file still cannot produce a head that verifies, so a chain recomputed after
 * an edit is caught (ADR 0014).
 */
export type AuditSigner = {
  /** First 16 hex digits of sha256(public key): names the key in every head. */
  keyId: string;
  sign(payload: string): string;
  verify(payload: string, signature: string): boolean;
};

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export class AuditSigningKeyError extends Error {
  override name = 'AuditSigningKeyError';
}

/** The key setting is the 32-byte Ed25519 seed in base64. */
export function auditSignerFromSeed(seed: Buffer): AuditSigner {
  if (seed.length !== 32) {
    throw new AuditSigningKeyError(`AUDIT_SIGNING_KEY must be 32 bytes in base64 (got ${seed.length}).`);
  }
  const privateKey: KeyObject = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' });
  const keyId = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  return {
    keyId,
    sign: (payload) => sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64url'),
    verify(payload, signature) {
      try {
        return verify(null, Buffer.from(payload, 'utf8'), publicKey, Buffer.from(signature, 'base64url'));
      } catch {
        return false;
      }
    },
  };
}
