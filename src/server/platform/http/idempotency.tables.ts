import { char, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { registerEncryptedColumn } from '../crypto/registry.ts';
import { optionalTenantIsolation } from '../db/tenant.ts';

/**
 * Answers already given to `Idempotency-Key` requests (Contract): the same key returns the same
 * result, never a second record. Kept 24 hours. The stored answer may hold a reply code or a receipt
 * number, so it is encrypted.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** The tenant the request was for; null for national forms. */
    municipalityCode: char({ length: 6 }),
    /** What the key is for, e.g. `reports.submit`: one key cannot be replayed against another form. */
    scope: text().notNull(),
    key: text().notNull(),
    /** SHA-256 of the request body: the same key with another body is refused. */
    requestHash: text().notNull(),
    status: integer().notNull().default(0),
    responseEncrypted: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'idempotency_keys_pkey', columns: [t.scope, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
    optionalTenantIsolation('idempotency_keys', 'municipality_code'),
  ],
).enableRLS();

registerEncryptedColumn({
  table: 'idempotency_keys',
  idColumn: 'key',
  column: 'response_encrypted',
  context: { column: 'scope', build: (scope) => `idempotency_keys.response:${scope}` },
});
