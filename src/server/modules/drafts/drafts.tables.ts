import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { EncryptedColumn } from '../../platform/crypto/registry.ts';
import { optionalTenantIsolation } from '../../platform/db/tenant.ts';

/**
 * Drafts of long texts (issue 22): what a worker is typing — a progress note, an intake, a plan, a
 * reply, minutes — kept on the server while they type, so an expired session or a closed tab loses
 * nothing. Never in browser storage: office machines are shared. One row per account and key; the
 * text is encrypted like the record it will become, with the account in the context so a value copied
 * to another account's row does not decrypt. Row-level security keeps a tenant's drafts in its tenant
 * (national accounts' drafts have none); the service also filters by account.
 */
export const drafts = pgTable(
  'drafts',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantCode: text(),
    accountId: uuid().notNull(),
    draftKey: text().notNull(),
    contentEncrypted: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('drafts_account_key').on(t.accountId, t.draftKey),
    index('drafts_updated_idx').on(t.updatedAt),
    optionalTenantIsolation('drafts'),
  ],
).enableRLS();

export const draftContext = (accountId: string) => `drafts.content:${accountId}`;

/** For `keys:rotate`: named in the manifest (`encryptedColumns`), registered by `installModules()`. */
export const draftsEncryptedColumns: readonly EncryptedColumn[] = [
  {
    table: 'drafts',
    idColumn: 'id',
    column: 'content_encrypted',
    context: { column: 'account_id', build: draftContext },
  },
];
