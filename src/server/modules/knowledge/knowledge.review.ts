import { eq } from 'drizzle-orm';
import type { StaffCase } from '../../../shared/contracts/cases.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import { KNOWLEDGE_FIELD, refusal } from './knowledge.errors.ts';
import { authorize } from './knowledge.policy.ts';
import { loadCase, policyActor, presentStaff, recordVersion } from './knowledge.records.ts';
import { cases } from './knowledge.tables.ts';

/**
 * The prefecture reviews (returns with a comment, or accepts) and national staff publish (issue 17
 * §2). A return's comment is where suggested edits go, in words; the author edits and submits again.
 */
export async function reviewCase(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { version: number; decision: 'return' | 'accept'; comment: string },
  now: Date,
): Promise<StaffCase> {
  const current = await loadCase(tx, id, { forUpdate: true });
  const decision = authorize(policyActor(actor), 'review', current);
  if (!decision.allowed) throw refusal(decision);
  if (input.version !== current.version) throw conflict({ currentVersion: current.version });
  if (input.decision === 'return' && !input.comment)
    throw new AppError(400, 'validation_failed', {
      errors: [
        {
          pointer: '/comment',
          message: KNOWLEDGE_FIELD.returnComment,
        },
      ],
    });
  const [row] = await tx
    .update(cases)
    .set({
      state: input.decision === 'return' ? 'returned' : 'accepted',
      reviewedAt: now,
      reviewedBy: actor.accountId,
    })
    .where(eq(cases.id, id))
    .returning();
  if (!row) throw conflict();
  await recordVersion(
    tx,
    row,
    input.decision === 'return' ? 'returned' : 'accepted',
    actor,
    now,
    input.comment || null,
  );
  return presentStaff(tx, row, actor);
}

export async function publishCase(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { version: number },
  now: Date,
): Promise<StaffCase> {
  const current = await loadCase(tx, id, { forUpdate: true });
  const decision = authorize(policyActor(actor), 'publish', current);
  if (!decision.allowed) throw refusal(decision);
  if (input.version !== current.version) throw conflict({ currentVersion: current.version });
  const [row] = await tx
    .update(cases)
    .set({ state: 'published', publishedAt: now, publishedBy: actor.accountId })
    .where(eq(cases.id, id))
    .returning();
  if (!row) throw conflict();
  await recordVersion(tx, row, 'published', actor, now);
  return presentStaff(tx, row, actor);
}
