import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { registerEncryptedColumn } from '../crypto/registry.ts';
import { optionalTenantIsolation } from '../db/tenant.ts';

/**
 * Authentication state. Every table that belongs to an account carries the account's tenant code and
 * the same row-level-security rule as `accounts` (national accounts have none), so the app role sees
 * only its own tenant's rows. Lookups made before any tenant is known (a session by its cookie, a
 * reset token by its hash, login throttling) run as the system role, by design and nowhere else.
 */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Staff accounts (managed by the accounts module, which re-exports this table; defined here because
 * sign-in, sessions and password resets read it and platform imports no module). Authentication looks an account up by e-mail before any tenant is known (as the
 * system role); everything else reads accounts inside the tenant's transaction, where row-level
 * security shows only that tenant's accounts. National accounts have no tenant.
 */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Lower-cased; unique across the deployment among accounts that can sign in (see below). */
    email: text().notNull(),
    displayName: text().notNull(),
    passwordHash: text(),
    scope: text({ enum: ['national', 'prefecture', 'tenant'] }).notNull(),
    /** The tenant (municipality or prefecture code) for prefecture and tenant scopes. */
    tenantCode: char({ length: 6 }),
    status: text({ enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    /** Demo accounts (Contract) are exempt from MFA prompts; never created outside demo mode. */
    isDemo: boolean().notNull().default(false),
    passwordChangedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid(),
    disabledAt: timestamp({ withTimezone: true }),
    /**
     * Created by an administrator with an address that an account of another tenant already signs in
     * with (issue 19). The administrator gets the same answer as for a new address, so creating an
     * account does not reveal other tenants' staff; this row never receives a password link and is
     * never found by sign-in, and the address's owner is told by mail instead.
     */
    emailInUseElsewhere: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex('accounts_email_key').on(t.email).where(sql`not ${t.emailInUseElsewhere}`),
    index('accounts_tenant_idx').on(t.tenantCode, t.status),
    optionalTenantIsolation('accounts'),
  ],
).enableRLS();

/**
 * Server-side sessions. `id` is sha256 of the cookie value: a leaked table does not hand out live
 * sessions. `publicId` is what the API shows ("my sessions", audit); it reveals nothing about the cookie.
 */
export const sessions = pgTable(
  'sessions',
  {
    /** sha256 hex of the random 32-byte cookie value; the raw value is never stored. */
    id: text().primaryKey(),
    publicId: uuid().notNull().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tenantCode: char({ length: 6 }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp({ withTimezone: true }).notNull(),
    /** When this session passed a second factor (null: not yet). */
    mfaPassedAt: timestamp({ withTimezone: true }),
    mfaMethod: text({ enum: ['totp', 'passkey', 'recovery'] }),
    /** A short label such as "Chrome on Android" for the "my sessions" list; no raw user agent, no IP. */
    userAgentLabel: text().notNull().default(''),
    /** A pending WebAuthn challenge of this session (single use, short-lived). */
    webauthnChallenge: text(),
    webauthnChallengePurpose: text({ enum: ['register', 'authenticate'] }),
    webauthnChallengeExpiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    revokedReason: text(),
  },
  (t) => [
    uniqueIndex('sessions_public_id_key').on(t.publicId),
    index('sessions_account_idx').on(t.accountId, t.revokedAt),
    optionalTenantIsolation('sessions'),
  ],
).enableRLS();

/**
 * Failed-attempt counters for login (keyed by a keyed hash of the e-mail, so unknown addresses lock
 * exactly like real ones and nothing here names a person) and for second-factor checks (by account).
 * No policy for the app role: only the system role touches it.
 */
export const authThrottles = pgTable('auth_throttles', {
  subject: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  lockedUntil: timestamp({ withTimezone: true }),
}).enableRLS();

/** One TOTP authenticator per account; the secret is encrypted at rest (platform/crypto/fields.ts). */
export const totpCredentials = pgTable(
  'totp_credentials',
  {
    accountId: uuid()
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tenantCode: char({ length: 6 }),
    secretEncrypted: text().notNull(),
    /** Null while the set-up is pending (secret shown, no code confirmed yet). */
    confirmedAt: timestamp({ withTimezone: true }),
    /** The last accepted 30-second step: a code of this step or an earlier one is refused (no replay). */
    lastUsedStep: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  () => [optionalTenantIsolation('totp_credentials')],
).enableRLS();

/** One-time recovery codes, stored as sha256 (each code carries 80 random bits). */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tenantCode: char({ length: 6 }),
    codeHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('recovery_codes_account_idx').on(t.accountId), optionalTenantIsolation('recovery_codes')],
).enableRLS();

/** WebAuthn credentials (passkeys, security keys) used as a second factor. */
export const passkeyCredentials = pgTable(
  'passkey_credentials',
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tenantCode: char({ length: 6 }),
    /** base64url credential id as the authenticator reports it. */
    credentialId: text().notNull(),
    publicKey: bytea().notNull(),
    signCount: bigint({ mode: 'number' }).notNull().default(0),
    transports: jsonb().$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    deviceType: text({ enum: ['singleDevice', 'multiDevice'] }).notNull(),
    backedUp: boolean().notNull().default(false),
    /** A label the person recognises ("Chrome on Windows"), editable later. */
    label: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('passkey_credentials_credential_id_key').on(t.credentialId),
    index('passkey_credentials_account_idx').on(t.accountId),
    optionalTenantIsolation('passkey_credentials'),
  ],
).enableRLS();

/** Administrator-issued password-reset links: only the sha256 of the token is kept; single use, 24 h. */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    tokenHash: text().primaryKey(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tenantCode: char({ length: 6 }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('password_reset_tokens_account_idx').on(t.accountId),
    optionalTenantIsolation('password_reset_tokens'),
  ],
).enableRLS();

/** Each TOTP secret is bound to its account, so a secret copied to another row does not decrypt. */
export const totpContext = (accountId: string) => `totp_credentials.secret_encrypted:${accountId}`;

registerEncryptedColumn({
  table: 'totp_credentials',
  idColumn: 'account_id',
  column: 'secret_encrypted',
  context: { column: 'account_id', build: totpContext },
});
