import { and, eq, lt } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import type { Database, Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { draftContext, drafts } from './drafts.tables.ts';

type DraftContext = { clock: Clock; config: Config };
type Owner = { accountId: string; tenant: string | null };

/** A draft not touched for this long is removed: a forgotten half-sentence is not kept for ever. */
export const DRAFT_RETENTION_DAYS = 14;

const mine = (owner: Owner, key: string) =>
  and(eq(drafts.accountId, owner.accountId), eq(drafts.draftKey, key));

export async function readDraft(tx: Tx, ctx: DraftContext, owner: Owner, key: string) {
  const [row] = await tx.select().from(drafts).where(mine(owner, key));
  if (!row) return null;
  return {
    key,
    content: decryptField(row.contentEncrypted, ctx.config.dataKeys, draftContext(owner.accountId)),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function saveDraft(tx: Tx, ctx: DraftContext, owner: Owner, key: string, content: string) {
  const now = ctx.clock.now();
  const contentEncrypted = encryptField(content, ctx.config.dataKeys, draftContext(owner.accountId));
  await tx
    .insert(drafts)
    .values({
      tenantCode: owner.tenant,
      accountId: owner.accountId,
      draftKey: key,
      contentEncrypted,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [drafts.accountId, drafts.draftKey],
      set: { contentEncrypted, updatedAt: now },
    });
  return { key, content, updatedAt: now.toISOString() };
}

/** True when there was a draft to remove (a second DELETE finds none: 204 both times). */
export async function removeDraft(tx: Tx, owner: Owner, key: string): Promise<boolean> {
  const removed = await tx.delete(drafts).where(mine(owner, key)).returning({ id: drafts.id });
  return removed.length > 0;
}

/** Removes drafts untouched for DRAFT_RETENTION_DAYS (daily job; every tenant, as the system role). */
export async function purgeStaleDrafts(db: Database, clock: Clock): Promise<number> {
  const cutoff = new Date(clock.now().getTime() - DRAFT_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  return asSystem(db, async (tx) => {
    const removed = await tx.delete(drafts).where(lt(drafts.updatedAt, cutoff)).returning({ id: drafts.id });
    return removed.length;
  });
}
