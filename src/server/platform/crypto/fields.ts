import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import type { DataKey } from '../config.ts';

export type { DataKey };

/**
 * Field encryption at rest (ARCHITECTURE "Security model"): AES-256-GCM, a random 96-bit IV per
 * value, stored as one text `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts), so a column
 * keeps its type and every value names the key it needs. `context` (e.g. `support_persons.real_name`)
 * is authenticated as associated data: a value copied into another column does not decrypt.
 *
 * DATA_KEY is not used directly: HKDF derives one subkey per purpose, so the same environment key can
 * serve encryption and blind indexes (and anything added later) without reusing key material.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type FieldCryptoErrorCode =
  | 'malformed'
  | 'unsupported_version'
  | 'unknown_key'
  | 'tampered'
  | 'invalid_input';

/**
 * Messages name the context and key id only — never the stored value or the plaintext, which may be
 * personal data and must not reach logs.
 */
export class FieldCryptoError extends Error {
  override name = 'FieldCryptoError';
  readonly code: FieldCryptoErrorCode;
  constructor(code: FieldCryptoErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Subkeys are kept as `KeyObject`s: handed a raw Buffer, Node imports the key material again on every
 * cipher/HMAC it creates (about 13 µs each on Node 24), which dominated decrypting a page of 50 notes
 * (≈ 0.9 ms → ≈ 0.2 ms with the key object reused; docs/benchmarks.md, support timeline).
 */
const derived = new WeakMap<Buffer, Map<string, KeyObject>>();

function subkey(key: Buffer, purpose: string): KeyObject {
  let byPurpose = derived.get(key);
  if (!byPurpose) {
    byPurpose = new Map();
    derived.set(key, byPurpose);
  }
  let value = byPurpose.get(purpose);
  if (!value) {
    if (key.length !== 32) throw new FieldCryptoError('invalid_input', 'A data key must be 32 bytes.');
    value = createSecretKey(
      Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `tsunagari/${purpose}`, 32)),
    );
    byPurpose.set(purpose, value);
  }
  return value;
}

function aad(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}.${context}`, 'utf8');
}

function checkContext(context: string): void {
  if (typeof context !== 'string' || context.length === 0) {
    throw new FieldCryptoError('invalid_input', 'An encryption context (e.g. table.column) is required.');
  }
}

export function encryptField(plain: string, keys: readonly DataKey[], context: string): string {
  checkContext(context);
  const active = keys[0];
  if (!active) throw new FieldCryptoError('unknown_key', 'No data key is configured (DATA_KEY).');
  if (typeof plain !== 'string')
    throw new FieldCryptoError('invalid_input', `Value for ${context} is not a string.`);
  // A lone surrogate would silently become U+FFFD in UTF-8 and not round-trip.
  if (!plain.isWellFormed()) {
    throw new FieldCryptoError('invalid_input', `Value for ${context} is not well-formed Unicode.`);
  }
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', subkey(active.key, 'field-encryption/v1'), iv, {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(aad(active.id, context));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    active.id,
    iv.toString('base64url'),
    tag.toString('base64url'),
    ciphertext.toString('base64url'),
  ].join('.');
}

type Parsed = { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer };

const B64URL = /^[A-Za-z0-9_-]*$/;

function parse(stored: string, context: string): Parsed {
  if (typeof stored !== 'string')
    throw new FieldCryptoError('malformed', `Value of ${context} is not a string.`);
  const parts = stored.split('.');
  if (parts[0] !== VERSION) {
    throw new FieldCryptoError(
      parts.length === 5 && /^v[0-9]+$/.test(parts[0] ?? '') ? 'unsupported_version' : 'malformed',
      `Value of ${context} is not an encrypted ${VERSION} value.`,
    );
  }
  const [, keyId, iv, tag, ciphertext] = parts;
  if (
    parts.length !== 5 ||
    !keyId ||
    !/^[A-Za-z0-9_-]{1,16}$/.test(keyId) ||
    !B64URL.test(iv!) ||
    !B64URL.test(tag!) ||
    !B64URL.test(ciphertext!)
  ) {
    throw new FieldCryptoError('malformed', `Encrypted value of ${context} is malformed.`);
  }
  const parsed = {
    keyId,
    iv: Buffer.from(iv!, 'base64url'),
    tag: Buffer.from(tag!, 'base64url'),
    ciphertext: Buffer.from(ciphertext!, 'base64url'),
  };
  if (parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) {
    throw new FieldCryptoError('malformed', `Encrypted value of ${context} is malformed.`);
  }
  return parsed;
}

/** The key id a stored value was encrypted with (no decryption, no key needed). */
export function encryptedKeyId(stored: string): string {
  return parse(stored, 'value').keyId;
}

export function isEncryptedValue(value: string): boolean {
  try {
    parse(value, 'value');
    return true;
  } catch {
    return false;
  }
}

/** Accepts any configured key, so values stay readable while `keys:rotate` runs. */
export function decryptField(stored: string, keys: readonly DataKey[], context: string): string {
  checkContext(context);
  const parsed = parse(stored, context);
  const key = keys.find((k) => k.id === parsed.keyId);
  if (!key) {
    throw new FieldCryptoError(
      'unknown_key',
      `Value of ${context} is encrypted with key "${parsed.keyId}", which is not in DATA_KEY.`,
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', subkey(key.key, 'field-encryption/v1'), parsed.iv, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(aad(parsed.keyId, context));
  decipher.setAuthTag(parsed.tag);
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]);
  } catch {
    throw new FieldCryptoError(
      'tampered',
      `Value of ${context} failed authentication: it was altered, or belongs to another column.`,
    );
  }
  return plain.toString('utf8');
}

/** null/undefined stay null: an absent value is not encrypted (its absence is not secret). */
export function encryptOptional(
  plain: string | null | undefined,
  keys: readonly DataKey[],
  context: string,
): string | null {
  return plain === null || plain === undefined ? null : encryptField(plain, keys, context);
}

export function decryptOptional(
  stored: string | null | undefined,
  keys: readonly DataKey[],
  context: string,
): string | null {
  return stored === null || stored === undefined ? null : decryptField(stored, keys, context);
}

const BLIND_INDEX_BYTES = 16;

/**
 * Deterministic keyed digest for exact-match lookup of an encrypted value (e.g. an email):
 * `<keyId>.<base64url of HMAC-SHA256 truncated to 128 bits>`. Normalise the value first (trim,
 * NFKC, lower-case an email) the same way on write and on lookup. It reveals equality between rows,
 * so use it only where exact lookup is needed. The key id lets `keys:rotate` recompute stale ones;
 * during a rotation look up with `blindIndexCandidates`.
 */
export function blindIndex(value: string, key: DataKey, context: string): string {
  checkContext(context);
  const digest = createHmac('sha256', subkey(key.key, 'blind-index/v1'))
    .update(context, 'utf8')
    .update('\u0000')
    .update(value, 'utf8')
    .digest()
    .subarray(0, BLIND_INDEX_BYTES);
  return `${key.id}.${digest.toString('base64url')}`;
}

/** The blind index under every configured key: `where email_index = any($candidates)`. */
export function blindIndexCandidates(value: string, keys: readonly DataKey[], context: string): string[] {
  return keys.map((key) => blindIndex(value, key, context));
}
